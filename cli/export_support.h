// Folding and writing a selected subgraph, shared by `export`, `trace --export`,
// `clusters --export` and the demo.
#pragma once

#include <string>

#include "cli/call.h"
#include "graph/subgraph.h"
#include "graph/transaction_graph.h"
#include "io/export/subgraph_file.h"

namespace moneytrail::cli {

/// Folds `sub` to at most `max_nodes` nodes, writes it to `path` (standard output for "-") and
/// says so: "wrote PATH (N accounts, M flows; K of S accounts folded into one node)".
void export_subgraph(const Call& call, const std::string& path, GraphFileFormat format,
                     const TransactionGraph& graph, Subgraph sub, std::size_t max_nodes,
                     const std::string& csv_comment = "");

/// --export FILE: the format from FILE's extension (UsageError when it tells none).
void export_subgraph(const Call& call, const std::string& path, const TransactionGraph& graph,
                     Subgraph sub, std::size_t max_nodes = 1000);

}  // namespace moneytrail::cli
