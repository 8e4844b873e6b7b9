// Formatting of trace results for `moneytrail trace`: JSON (the contract scripts rely on: keys
// policy, direction, seeds, summary, transactions, accounts, endpoints, paths), a readable table,
// and CSV of the traced transactions.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "algorithms/tracing/trace_types.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

/// Backward traces use the same keys: `seeds` lists the target (empty for a balance) and
/// `endpoints` the origins.
nlohmann::ordered_json trace_to_json(const TransactionGraph& graph,
                                     const ForwardTraceResult& result);
nlohmann::ordered_json trace_to_json(const TransactionGraph& graph,
                                     const BackwardTraceResult& result);
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const ForwardTraceResult& result, std::size_t rows = 15);
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const BackwardTraceResult& result, std::size_t rows = 15);
/// Header: id,from,to,timestamp,amount,currency,traced,value,hop (batch: `set,` first).
void write_trace_csv_header(std::ostream& out, bool batch);
/// Rows of the traced transactions; a batch prefixes each with the seed set's line number.
void write_trace_csv_rows(std::ostream& out, const TransactionGraph& graph,
                          const TraceFlows& result, std::uint64_t set_line = 0);
/// The same rows as one string (batches format traces on several threads).
std::string trace_csv_rows(const TransactionGraph& graph, const TraceFlows& result,
                           std::uint64_t set_line = 0);

}  // namespace moneytrail
