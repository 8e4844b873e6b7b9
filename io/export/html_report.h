// The self-contained interactive HTML report: one file that works offline, with cytoscape.js
// (pinned in web/package.json, installed by scripts/setup.sh) inlined at export time. Nodes are
// coloured by kind, cluster or score, edge width follows the (traced) value, tooltips show each
// account's details, a time filter hides flows outside a window, a search box finds an account,
// and a table beside the graph lists where the money ended.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string_view>

#include "graph/subgraph.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

/// cytoscape.min.js: in $MONEYTRAIL_WEB_DIR (or its node_modules/cytoscape/dist) when that is
/// set, else in share/moneytrail/ beside the program (PREFIX/bin/../share/moneytrail when
/// installed; the build tree's share/moneytrail, which the build fills from web/node_modules
/// after scripts/setup.sh ran npm ci); nullopt when absent.
std::optional<std::filesystem::path> find_cytoscape_js();

/// Writes the page; `cytoscape_js` is the library's source, inlined as it is.
void write_html_report(std::ostream& out, const TransactionGraph& graph, const Subgraph& subgraph,
                       std::string_view cytoscape_js);

}  // namespace moneytrail
