#include "io/side/account_labels.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "graph/input_error.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"

namespace moneytrail {
namespace {

std::string lower(std::string_view text) {
  std::string out(trim(text));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<bool> parse_label(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kPositive = {"1",    "true",       "yes",
                                                                "mule", "laundering", "positive"};
  static constexpr std::array<std::string_view, 6> kNegative = {"0",     "false",  "no",
                                                                "clean", "normal", "negative"};
  const std::string word = lower(text);
  if (std::find(kPositive.begin(), kPositive.end(), word) != kPositive.end()) return true;
  if (std::find(kNegative.begin(), kNegative.end(), word) != kNegative.end()) return false;
  return std::nullopt;
}

// The generator's roles; see the header for why cash_out depends on the group.
std::optional<bool> role_is_positive(std::string_view role, std::string_view group) {
  static constexpr std::array<std::string_view, 5> kLaundering = {"mule", "running_points", "otc",
                                                                  "crypto_hop", "organiser"};
  const std::string word = lower(role);
  if (std::find(kLaundering.begin(), kLaundering.end(), word) != kLaundering.end()) return true;
  if (word == "cash_out") return !trim(group).empty();
  if (word == "normal" || word == "victim") return false;
  return std::nullopt;
}

// A labels file's header, lower-cased, with the position of each named column.
struct Header {
  std::vector<std::string> names;
  std::optional<std::size_t> operator()(std::string_view name) const {
    auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
  }
};

Header read_header(const std::string& path, CsvReader& reader, CsvRecord& record) {
  if (!reader.next(record)) throw InputError(path, 0, "", "the file is empty (no header row)");
  if (!record.error.empty()) throw InputError(path, record.line, "", "header: " + record.error);
  Header header;
  for (std::string_view name : record.fields) header.names.push_back(lower(name));
  return header;
}

}  // namespace

std::vector<AccountLabelRow> read_account_labels(const std::string& path) {
  CsvReader reader(path);
  CsvRecord record;
  const Header column = read_header(path, reader, record);
  // AMLSim's nodes.csv (nodeid,isFraud) and accounts.csv (ACCOUNT_ID,...,isFraud) read as-is.
  const auto account = column("account")  ? column("account")
                       : column("nodeid") ? column("nodeid")
                                          : column("account_id");
  const auto label = column("label")     ? column("label")
                     : column("isfraud") ? column("isfraud")
                                         : column("is_sar");
  const auto role = column("role");
  const auto group = column("group");
  if (!account) throw InputError(path, record.line, "account", "no 'account' column in the header");
  if (!label && !role) {
    throw InputError(path, record.line, "",
                     "the header has neither a 'label' column (account,label) nor a 'role' column "
                     "(the generator's truth_accounts.csv)");
  }
  if (!label && !group) {
    throw InputError(path, record.line, "group",
                     "a 'role' column needs a 'group' column (cash_out counts only with a group)");
  }
  const std::size_t needed =
      1 + std::max({*account, label.value_or(0), role.value_or(0), label ? 0 : group.value_or(0)});

  std::vector<AccountLabelRow> rows;
  std::unordered_map<std::string, std::uint64_t> first_line;
  while (reader.next(record)) {
    const std::uint64_t line = record.line;
    if (!record.error.empty()) throw InputError(path, line, "", record.error);
    if (record.fields.size() < needed) {
      throw InputError(path, line, "",
                       "expected at least " + std::to_string(needed) + " fields, found " +
                           std::to_string(record.fields.size()));
    }
    AccountLabelRow row{std::string(trim(record.fields[*account])), false, line};
    if (row.account.empty()) throw InputError(path, line, "account", "empty account id");
    if (label) {
      const auto positive = parse_label(record.fields[*label]);
      if (!positive) {
        throw InputError(path, line, "label",
                         "bad label '" + std::string(trim(record.fields[*label])) +
                             "' (expected 1/0, true/false, yes/no, mule/clean, laundering/normal "
                             "or positive/negative)");
      }
      row.positive = *positive;
    } else {
      const auto positive = role_is_positive(record.fields[*role], record.fields[*group]);
      if (!positive) {
        throw InputError(path, line, "role",
                         "unknown role '" + std::string(trim(record.fields[*role])) +
                             "' (expected normal, victim, mule, running_points, otc, crypto_hop, "
                             "cash_out or organiser)");
      }
      row.positive = *positive;
    }
    const auto [it, inserted] = first_line.emplace(row.account, line);
    if (!inserted) {
      throw InputError(path, line, "account",
                       "account '" + row.account + "' is listed twice (first on line " +
                           std::to_string(it->second) + ")");
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw InputError(path, 0, "", "the file has a header but no data rows");
  return rows;
}

TransactionTruth read_transaction_labels(const std::string& path) {
  CsvReader reader(path);
  CsvRecord record;
  const Header column = read_header(path, reader, record);
  const auto id = column("transaction") ? column("transaction") : column("id");
  const auto label = column("label");
  const bool generator = !label && column("stage") && column("group");
  if (!id) throw InputError(path, record.line, "transaction", "no 'transaction' or 'id' column");
  if (!label && !generator)
    throw InputError(path, record.line, "label",
                     "no 'label' column (nor the generator's id,group,stage layout)");
  TransactionTruth truth;
  truth.positives_only = generator;
  const std::size_t needed = 1 + std::max(*id, label.value_or(0));
  std::unordered_map<std::string, std::uint64_t> first_line;
  while (reader.next(record)) {
    const std::uint64_t line = record.line;
    if (!record.error.empty()) throw InputError(path, line, "", record.error);
    if (record.fields.size() < needed)
      throw InputError(path, line, "",
                       "expected at least " + std::to_string(needed) + " fields, found " +
                           std::to_string(record.fields.size()));
    AccountLabelRow row{std::string(trim(record.fields[*id])), true, line};
    if (row.account.empty()) throw InputError(path, line, "transaction", "empty transaction id");
    if (label) {
      const auto positive = parse_label(record.fields[*label]);
      if (!positive)
        throw InputError(path, line, "label",
                         "bad label '" + std::string(trim(record.fields[*label])) + "'");
      row.positive = *positive;
    }
    const auto [it, inserted] = first_line.emplace(row.account, line);
    if (!inserted)
      throw InputError(path, line, "transaction",
                       "transaction '" + row.account + "' is listed twice (first on line " +
                           std::to_string(it->second) + ")");
    truth.rows.push_back(std::move(row));
  }
  return truth;
}

}  // namespace moneytrail
