// Writing a selected subgraph to a file in any export format: the one place that maps a format
// (or a file's extension) to its writer, writes atomically, and puts the CSV nodes file beside
// the edges file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/subgraph.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class GraphFileFormat { graphml, gexf, gexf_1_3, dot, cyjs, csv, html };

/// graphml, gexf (1.2draft), gexf1.3, dot, cyjs, csv or html.
std::optional<GraphFileFormat> parse_graph_file_format(std::string_view name);
/// By extension: .graphml, .gexf, .dot, .json (Cytoscape), .csv, .html or .htm.
std::optional<GraphFileFormat> graph_file_format_of(const std::string& path);

/// Writes `subgraph` to `path` ("-": `stdout`, except csv which is two files). csv: the edges to
/// `path`, the nodes to its stem + ".nodes.csv". html inlines cytoscape.js (find_cytoscape_js;
/// std::runtime_error when it is not installed). `csv_comment` goes above the CSV headers.
void write_subgraph_file(const std::string& path, GraphFileFormat format,
                         const TransactionGraph& graph, const Subgraph& subgraph,
                         std::ostream& stdout_stream, const std::string& csv_comment = "");

}  // namespace moneytrail
