// One entry point for every command's input: any mix of transaction CSVs (any layout, plain or
// gzip) and case files, plus accounts and rates files, into one TransactionGraph.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "graph/progress.h"
#include "graph/transaction_graph.h"
#include "io/case/case_file.h"
#include "io/side/csv_inputs.h"
#include "io/statements/statement_merge.h"

namespace moneytrail {

/// An input named "-" is standard input: a CSV or a case file, told apart by its first bytes.
inline const std::string kStandardInput = "-";

struct LoadRequest {
  std::vector<std::string> inputs;           // transaction CSVs or .mtc case files ("-": stdin)
  std::vector<std::string> accounts_files;   // id,kind,institution,...
  std::vector<std::string> rates_files;      // currency,timestamp,rate_to_base
  std::vector<std::string> watchlist_files;  // accounts to mark (io/side/watchlist.h)
  std::string format = "auto";               // layout of the transaction CSVs
  bool strict = false;                       // stop at the first bad row (InputError)
  ProgressSink* progress = nullptr;          // how far reading is (none: silent)
  std::string rejects_path;                  // rejected rows go here; empty: count only
  std::uint64_t max_rejects = 100000;        // rows written there at most (all are counted)
  std::string command_line;                  // recorded as provenance
  // Bank statements (format cn-bank-statement, or detected from their Chinese headers):
  std::string encoding;      // utf-8 or gbk; empty: detected per file
  std::string mapping_file;  // column mapping for layouts the built-in names miss
  std::int64_t statement_utc_offset_seconds = 8 * 3600;
  // Only the transactions in [since, until] are kept (kNoTime: unbounded); see
  // GraphBuilder::add_graph for what happens to stated opening balances.
  Timestamp since = kNoTime;
  Timestamp until = kNoTime;
};

struct LoadReport {
  std::vector<FileReadReport> files;
  std::uint64_t rows = 0;
  std::uint64_t rejected = 0;  // in this load
  std::array<std::uint64_t, kRejectReasonCount> rejected_by_reason{};
  std::vector<std::string> reject_examples;
  std::string rejects_file;           // set when rejected rows were written
  std::uint64_t rejects_written = 0;  // rows in it (at most LoadRequest::max_rejects)
  std::uint64_t repaired_rows = 0;    // rows loaded with ill-formed UTF-8 replaced by U+FFFD
  std::vector<std::string> repair_examples;
  std::uint64_t rejected_at_ingest = 0;  // recorded in case files that were loaded
  CaseProvenance provenance;             // what a case file written from this load should record
  std::optional<StatementMergeReport> statements;  // when bank statements were read
  std::vector<std::string> statement_files;        // by the index BalanceGap::file uses
  std::uint64_t outside_window = 0;                // transactions read but outside [since, until]
  std::uint64_t watchlisted = 0;                   // watchlist entries found in the data and marked
  std::vector<std::string> watchlist_unknown;      // entries no input names ("file:line: id")
};

struct LoadedCase {
  TransactionGraph graph;
  LoadReport report;
};

/// Throws InputError for unreadable files, files of no known layout, a strict-mode bad row, or a
/// transaction id that occurs in two inputs.
LoadedCase load_case(const LoadRequest& request);

}  // namespace moneytrail
