// Row parsers for the transaction CSV layouts moneytrail reads. Each turns one CSV record into a
// TransactionInput or says why the row is rejected; the driver (transaction_csv_reader) owns
// streaming, counting and the rejects file.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_builder.h"
#include "io/csv/csv_reader.h"
#include "io/util/reject_log.h"

namespace moneytrail {

class TransactionRowParser {
 public:
  virtual ~TransactionRowParser() = default;
  virtual std::string_view format_name() const = 0;
  /// Fills `out` from `record`; views may point into the record or the parser's own scratch and
  /// stay valid until the next call.
  virtual std::optional<RowError> parse(const CsvRecord& record, TransactionInput& out) = 0;
};

/// The format names accepted by --format: auto, native, amlworld, amlsim, paysim, trc20,
/// cn-bank-statement, payment-platform (the last two are read by io/statements/).
const std::vector<std::string_view>& transaction_format_names();

/// The parser for `format` ("auto": detected from the header). Throws InputError (line 1) when the
/// header lacks a required column or matches no known layout.
std::unique_ptr<TransactionRowParser> make_transaction_row_parser(
    std::string_view format, const std::vector<std::string_view>& header, const std::string& path);

/// The layout a transaction CSV header belongs to (native, amlworld, amlsim, paysim, trc20), or
/// nullopt when it matches none.
std::optional<std::string_view> detect_transaction_layout(
    const std::vector<std::string_view>& header, const std::string& path);

// Per-format factories, used by make_transaction_row_parser.
std::unique_ptr<TransactionRowParser> make_native_parser(
    const std::vector<std::string_view>& header, const std::string& path);
std::unique_ptr<TransactionRowParser> make_amlworld_parser(
    const std::vector<std::string_view>& header, const std::string& path);
std::unique_ptr<TransactionRowParser> make_amlsim_parser(
    const std::vector<std::string_view>& header, const std::string& path);
std::unique_ptr<TransactionRowParser> make_paysim_parser(
    const std::vector<std::string_view>& header, const std::string& path);
std::unique_ptr<TransactionRowParser> make_trc20_parser(const std::vector<std::string_view>& header,
                                                        const std::string& path);

/// Column positions by header name (case-insensitive, trimmed).
class HeaderIndex {
 public:
  HeaderIndex(const std::vector<std::string_view>& header, std::string path);
  std::optional<std::size_t> find(std::string_view name) const;
  /// Throws InputError naming the missing column.
  std::size_t require(std::string_view name) const;
  bool has(std::string_view name) const { return find(name).has_value(); }
  std::size_t size() const { return names_.size(); }
  const std::string& path() const { return path_; }

 private:
  std::vector<std::string> names_;
  std::string path_;
};

// Field checks shared by the formats. Each returns the value or fills `error`.
std::optional<Amount> positive_amount(std::string_view text, std::string_view column,
                                      std::optional<RowError>& error);
std::optional<Timestamp> timestamp_field(std::string_view text, std::string_view column,
                                         std::optional<RowError>& error);
bool non_empty_account(std::string_view text, std::string_view column,
                       std::optional<RowError>& error);
/// The record has exactly `count` fields (the header's); otherwise a malformed_row error.
bool field_count_matches(const CsvRecord& record, std::size_t count,
                         std::optional<RowError>& error);

}  // namespace moneytrail
