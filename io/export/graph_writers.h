// Writers for exported subgraphs: GraphML (networkx, Gephi, Cytoscape, yEd), GEXF 1.3 with time
// intervals (Gephi's timeline), Graphviz DOT, Cytoscape.js JSON elements, and CSV node and edge
// lists. Every writer escapes ids and labels (quotes, <, &, newlines, any Unicode) for its format.
// Node ids are account ids; an aggregate node is "(aggregate)".
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "graph/subgraph.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class ExportFormat { graphml, gexf, gexf_1_3, dot, cyjs, csv };

/// "graphml", "gexf" (GEXF 1.2draft), "gexf1.3", "dot", "cyjs", "csv"; nullopt otherwise.
std::optional<ExportFormat> parse_export_format(std::string_view text);

void write_graphml(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph);
/// GEXF 1.2draft (what networkx's read_gexf and Gephi read; times as ISO 8601 under
/// timeformat "date") or 1.3 (timeformat "dateTime"). Each edge carries one spell per
/// transaction it stands for (a folded edge whose transactions are not known: one spell for its
/// span), so Gephi's timeline shows when money moved, not one interval per flow.
enum class GexfVersion { v1_2draft, v1_3 };
void write_gexf(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph,
                GexfVersion version = GexfVersion::v1_2draft);
/// Left to right, node shape by kind, edge width by value (traced value for traces).
void write_dot(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph);
/// {"elements": {"nodes": [{"data": {...}}], "edges": [...]}} as cytoscape.js reads it.
void write_cyjs(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph);
void write_csv_nodes(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph);
void write_csv_edges(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph);

/// The node's id in every format.
std::string subgraph_node_id(const TransactionGraph& graph, const SubgraphNode& node);

}  // namespace moneytrail
