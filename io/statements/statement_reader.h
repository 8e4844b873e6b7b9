// Reads Chinese bank statement retrievals and payment-platform exports into one-sided rows: each
// row is a transfer seen from the statement's own account, with the balance after it when the
// bank gives one.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "graph/types.h"
#include "io/statements/statement_layout.h"
#include "io/statements/statement_set.h"
#include "io/statements/text_encoding.h"
#include "io/util/reject_log.h"

namespace moneytrail {

struct StatementReadOptions {
  std::optional<TextEncoding> encoding;  // detected when empty
  /// Statement times are local; UTC = local - offset. Default China time (UTC+8).
  std::int64_t utc_offset_seconds = 8 * 3600;
  /// Header synonyms from --mapping, tried before the built-in ones.
  std::array<std::vector<std::string>, kStatementFieldCount> mapping{};
  bool strict = false;  // the first bad row is an InputError
  /// Rows are payment-platform flows (detected from a 收/支 column when false).
  bool platform = false;
};

struct StatementFileReport {
  std::uint64_t rows = 0;      // data rows seen
  std::uint64_t rejected = 0;  // into the RejectLog
  TextEncoding encoding = TextEncoding::utf8;
  std::string sha256;  // of the file on disk (the workbook for .xlsx)
};

/// How many bytes of a file the sniffer looks at for a statement header.
inline constexpr std::size_t kStatementSniffBytes = 65536;

/// Adds `path` to `set` and appends its rows. `head`: the file's first bytes as the sniffer read
/// them (sniff_input), so only the rest is read. Throws InputError for an unreadable file, a
/// header naming no account, time or amount column, or under strict the first bad row; bad rows
/// otherwise go to `rejects` with file, line and column.
StatementFileReport read_statement_file(const std::string& path,
                                        const StatementReadOptions& options, StatementSet& set,
                                        RejectLog& rejects, std::string head = {});

/// True when one of the first lines of `head` (UTF-8 or GBK; the start of a file, or all of it
/// when `whole_file`) is a statement header.
bool has_statement_header(std::string_view head, bool whole_file);
/// True for an .xlsx workbook (read through xlsx2csv, first sheet) or when one of the first lines
/// of `path` is a statement header.
bool is_statement_file(const std::string& path);

/// "借"/"出"/"支出"/"D"... true for money leaving the account, false for arriving; nullopt unknown.
std::optional<bool> parse_direction(std::string_view text);

}  // namespace moneytrail
