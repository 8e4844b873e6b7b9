// Statements from both sides of a transfer merged into one transaction, the balance column
// checked and turned into opening balances, and the shared names, devices and IPs turned into
// ownership ties.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/graph_builder.h"
#include "io/statements/statement_reader.h"

namespace moneytrail {

struct StatementMergeOptions {
  /// Two sides without a common serial number match when their times differ by at most this
  /// (bank clocks and booking times differ). Default 120 s.
  std::int64_t time_tolerance_seconds = 120;
  /// Accounts seen on the same IP address within this window are tied. Default 24 hours.
  std::int64_t ip_window_seconds = 24 * 3600;
};

struct BalanceGap {
  std::uint32_t file = 0;
  std::uint64_t line = 0;  // the row whose balance does not follow from the previous one
  std::string account;
  Amount expected = 0;  // previous balance plus or minus this row's amount
  Amount found = 0;
};

struct StatementMatch {
  std::uint32_t payer_file = 0, payee_file = 0;
  std::uint64_t payer_line = 0, payee_line = 0;
  bool by_serial = false;
};

struct StatementMergeReport {
  std::uint64_t rows = 0;
  std::uint64_t matched_by_serial = 0;  // two-sided transfers, merged
  std::uint64_t matched_by_time = 0;
  std::uint64_t one_sided = 0;  // rows whose other side is not in the statements, kept as is
  std::uint64_t transactions = 0;
  std::uint64_t opening_balances = 0;  // accounts whose opening balance came from the balances
  std::vector<BalanceGap> gaps;
  std::vector<StatementMatch> matches;  // every merged pair of rows, for audit
  std::uint64_t links = 0;              // device and IP ties added
};

/// Adds the merged transactions (ids: the serial number, else file:line of the sender's side;
/// "#2", "#3"... added to an id already taken), the accounts' opening balances and holder names,
/// and device/IP links to `builder`. Each statement's rows are checked for balance gaps in the
/// set's order, which is file and line order as read.
StatementMergeReport merge_statements(const StatementSet& set, const StatementMergeOptions& options,
                                      GraphBuilder& builder);

}  // namespace moneytrail
