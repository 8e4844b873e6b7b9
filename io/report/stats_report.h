// Formatting of GraphStats for `moneytrail stats` (and the demo tour).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "algorithms/summary/graph_stats.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

/// Top-level keys: accounts, transactions, rejected, components, degrees, inputs, moneytrail.
nlohmann::ordered_json stats_to_json(const TransactionGraph& graph, const GraphStats& stats,
                                     const LoadReport& report);
void print_stats_table(std::ostream& out, const TransactionGraph& graph, const GraphStats& stats,
                       const LoadReport& report);
/// json (with the provenance) or table.
void write_stats(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const GraphStats& stats, const LoadReport& report);

}  // namespace moneytrail
