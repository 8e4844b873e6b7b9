// Formatting of `moneytrail restitution`: JSON (the contract: top-level keys policy, victims,
// accounts, summary, provenance), CSV with one row per (victim, account) holding, and a freeze
// list for the terminal.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>

#include "algorithms/tracing/restitution.h"
#include "graph/transaction_graph.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

/// `lines`: each victim's line in the --tx-file (empty for victims by label). Accounts reached by
/// fewer than `min_victims` victims are left out of `accounts` (not of the totals).
nlohmann::ordered_json restitution_to_json(const TransactionGraph& graph,
                                           const RestitutionResult& result,
                                           std::span<const std::uint64_t> lines,
                                           std::uint32_t min_victims = 1);

/// Header: victim,victim_account,account,kind,status,amount,currency,last_seen.
void write_restitution_csv(std::ostream& out, const TransactionGraph& graph,
                           const RestitutionResult& result);

/// The totals, then the accounts holding victims' money by amount (the freeze list, `rows` of
/// them), then the convergence points.
void print_restitution_table(std::ostream& out, const TransactionGraph& graph,
                             const RestitutionResult& result, std::size_t rows = 30);

void write_restitution(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const RestitutionResult& result, std::span<const std::uint64_t> lines,
                       const LoadReport& report, std::uint32_t min_victims = 1,
                       const std::string& csv_comment = "");

}  // namespace moneytrail
