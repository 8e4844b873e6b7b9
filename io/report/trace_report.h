// Formatting of trace results for `moneytrail trace`: JSON (the contract scripts rely on: keys
// policy, direction, seeds, summary, transactions, accounts, endpoints, paths), a readable table,
// and CSV of the traced transactions.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "algorithms/tracing/trace_types.h"
#include "graph/transaction_graph.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

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

/// One trace: json (with the provenance), table or csv (`csv_comment` above the header).
void write_trace(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const ForwardTraceResult& result, const LoadReport& report,
                 const std::string& csv_comment = "");
void write_trace(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const BackwardTraceResult& result, const LoadReport& report,
                 const std::string& csv_comment = "");

/// A batch (`trace --tx-file`): JSON Lines (one object per seed set with its line number), CSV
/// rows with a set column, or one summary line per set. The header first, then the results
/// chunk by chunk as they are computed; `lines` are the sets' line numbers in the file.
void write_trace_batch_header(std::ostream& out, OutputFormat format);
void write_trace_batch(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const std::vector<ForwardTraceResult>& results,
                       std::span<const std::uint64_t> lines, int threads);

}  // namespace moneytrail
