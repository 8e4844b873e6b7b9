#include "io/formats/transaction_formats.h"

#include <algorithm>
#include <cctype>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"

namespace moneytrail {
namespace {

std::string normalize(std::string_view name) {
  std::string out(trim(name));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string quote(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string shown(text.substr(0, kMax));
  if (text.size() > kMax) shown += "...";
  return "'" + shown + "'";
}

}  // namespace

HeaderIndex::HeaderIndex(const std::vector<std::string_view>& header, std::string path)
    : path_(std::move(path)) {
  for (std::string_view name : header) names_.push_back(normalize(name));
}

std::optional<std::size_t> HeaderIndex::find(std::string_view name) const {
  const std::string wanted = normalize(name);
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == wanted) return i;
  }
  return std::nullopt;
}

std::size_t HeaderIndex::require(std::string_view name) const {
  auto position = find(name);
  if (!position)
    throw InputError(path_, 1, std::string(name), "required column missing from the header");
  return *position;
}

std::optional<Amount> positive_amount(std::string_view text, std::string_view column,
                                      std::optional<RowError>& error) {
  if (trim(text).empty()) {
    error = RowError{std::string(column), RejectReason::missing_field, "empty amount"};
    return std::nullopt;
  }
  auto value = parse_amount(text);
  if (!value) {
    error = RowError{std::string(column), RejectReason::bad_number, "not a number: " + quote(text)};
    return std::nullopt;
  }
  if (*value <= 0) {
    error = RowError{std::string(column), RejectReason::non_positive_amount,
                     "amount must be positive: " + quote(text)};
    return std::nullopt;
  }
  if (!(*value <= kMaxAmount)) {
    error = RowError{std::string(column), RejectReason::out_of_range,
                     "amount above 1e15: " + quote(text)};
    return std::nullopt;
  }
  return value;
}

std::optional<Timestamp> timestamp_field(std::string_view text, std::string_view column,
                                         std::optional<RowError>& error) {
  if (trim(text).empty()) {
    error = RowError{std::string(column), RejectReason::missing_field, "empty timestamp"};
    return std::nullopt;
  }
  auto value = parse_timestamp(text);
  if (!value) {
    error = RowError{std::string(column), RejectReason::bad_timestamp,
                     "unparseable timestamp: " + quote(text)};
  } else if (!in_time_range(*value)) {
    error = RowError{std::string(column), RejectReason::out_of_range,
                     "time outside 1900-2200: " + quote(text)};
    return std::nullopt;
  }
  return value;
}

bool non_empty_account(std::string_view text, std::string_view column,
                       std::optional<RowError>& error) {
  if (!trim(text).empty()) return true;
  error = RowError{std::string(column), RejectReason::empty_account, "empty account id"};
  return false;
}

bool field_count_matches(const CsvRecord& record, std::size_t count,
                         std::optional<RowError>& error) {
  if (record.fields.size() == count) return true;
  error = RowError{"", RejectReason::malformed_row,
                   "expected " + std::to_string(count) + " fields, found " +
                       std::to_string(record.fields.size())};
  return false;
}

const std::vector<std::string_view>& transaction_format_names() {
  static const std::vector<std::string_view> kNames = {
      "auto",   "native", "amlworld",          "amlsim",
      "paysim", "trc20",  "cn-bank-statement", "payment-platform"};
  return kNames;
}

std::unique_ptr<TransactionRowParser> make_transaction_row_parser(
    std::string_view format, const std::vector<std::string_view>& header, const std::string& path) {
  if (format == "native") return make_native_parser(header, path);
  if (format == "amlworld") return make_amlworld_parser(header, path);
  if (format == "amlsim") return make_amlsim_parser(header, path);
  if (format == "paysim") return make_paysim_parser(header, path);
  if (format == "trc20") return make_trc20_parser(header, path);
  if (format != "auto") {
    throw InputError(
        path, 0, "",
        "unknown format " + quote(format) +
            " (expected auto, native, amlworld, amlsim, paysim, trc20, cn-bank-statement or "
            "payment-platform)");
  }
  const auto layout = detect_transaction_layout(header, path);
  if (!layout)
    throw InputError(path, 1, "",
                     "header matches no known transaction layout (native needs "
                     "id,timestamp,from,to,amount,currency; see docs/formats.md)");
  return make_transaction_row_parser(*layout, header, path);
}

std::optional<std::string_view> detect_transaction_layout(
    const std::vector<std::string_view>& header, const std::string& path) {
  HeaderIndex index(header, path);
  if (index.has("id") && index.has("from") && index.has("to")) return "native";
  if (index.has("from bank") && index.has("to bank")) return "amlworld";
  if (index.has("sourcenodeid") || index.has("orig_acct") || index.has("counter_party_account_num"))
    return "amlsim";
  if (index.has("nameorig") && index.has("namedest")) return "paysim";
  if (index.has("from") && index.has("to") &&
      (index.has("transaction_id") || index.has("hash") || index.has("txn hash")) &&
      (index.has("token_symbol") || index.has("symbol") || index.has("token")))
    return "trc20";
  return std::nullopt;
}

}  // namespace moneytrail
