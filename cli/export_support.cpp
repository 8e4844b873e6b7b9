#include "cli/export_support.h"

#include <iostream>

#include "algorithms/export/subgraph_select.h"
#include "cli/cli_support.h"

namespace moneytrail::cli {

void export_subgraph(const Call& call, const std::string& path, GraphFileFormat format,
                     const TransactionGraph& graph, Subgraph sub, std::size_t max_nodes,
                     const std::string& csv_comment) {
  const std::size_t selected = sub.nodes.size();
  fold_subgraph(sub, max_nodes, &graph);
  write_subgraph_file(path, format, graph, sub, std::cout, csv_comment);
  if (path == "-") return;
  std::string what = std::to_string(sub.nodes.size()) + " accounts, " +
                     std::to_string(sub.edges.size()) + " flows";
  if (sub.folded_accounts)
    what += "; " + std::to_string(sub.folded_accounts) + " of " + std::to_string(selected) +
            " accounts folded into one aggregate node";
  report_written(call, path, what);
}

void export_subgraph(const Call& call, const std::string& path, const TransactionGraph& graph,
                     Subgraph sub, std::size_t max_nodes) {
  const auto format = graph_file_format_of(path);
  if (!format)
    throw UsageError("--export: cannot tell the format of '" + path +
                     "' (use .graphml, .gexf, .dot, .json, .csv or .html)");
  export_subgraph(call, path, *format, graph, std::move(sub), max_nodes);
}

}  // namespace moneytrail::cli
