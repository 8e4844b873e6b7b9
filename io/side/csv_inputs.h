// Reading CSV inputs into a GraphBuilder: transactions in any supported layout, accounts files and
// exchange-rate files. Bad rows are rejected into the RejectLog (or stop the run under strict).
#pragma once

#include <cstdint>
#include <string>

#include "graph/graph_builder.h"
#include "graph/progress.h"
#include "io/util/reject_log.h"

namespace moneytrail {

struct CsvReadOptions {
  /// auto (detect from the header), native, amlworld, amlsim or paysim.
  std::string format = "auto";
  /// Stop with InputError at the first bad row instead of rejecting it.
  bool strict = false;
  ProgressSink* progress = nullptr;
};

struct FileReadReport {
  std::string path;
  std::string format;
  std::uint64_t rows = 0;                    // data rows seen (blank lines not counted)
  std::uint64_t loaded = 0;                  // rows that became transactions, accounts or rates
  std::uint64_t rejected = 0;                // rows rejected into the RejectLog
  std::uint64_t repaired = 0;                // rows loaded with ill-formed UTF-8 replaced by U+FFFD
  std::vector<std::string> repair_examples;  // the first few, as file:line: column: what
  std::string sha256;  // of the file's bytes on disk, hashed as they were read
};

/// Throws InputError for an empty file, a header-only problem (missing columns), or, under
/// strict, the first bad row.
FileReadReport read_transactions_csv(const std::string& path, const CsvReadOptions& options,
                                     GraphBuilder& builder, RejectLog& rejects);

/// Accounts file: id,kind,institution,holder,phone,device,opened,opening_balance,label
/// (only id required). `label` holds ';'- or '|'-separated labels; unknown ones become tags.
FileReadReport read_accounts_csv(const std::string& path, const CsvReadOptions& options,
                                 GraphBuilder& builder, RejectLog& rejects);

/// Rates file: currency,timestamp,rate_to_base.
FileReadReport read_rates_csv(const std::string& path, const CsvReadOptions& options,
                              GraphBuilder& builder, RejectLog& rejects);

}  // namespace moneytrail
