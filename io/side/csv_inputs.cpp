#include "io/side/csv_inputs.h"

#include <filesystem>
#include <functional>

#include "graph/input_error.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/formats/transaction_formats.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

// Shared loop: the header goes to `on_header` (which binds columns or throws), then each record
// through `handle_row`, which returns an error to reject the row.
template <typename OnHeader, typename HandleRow>
FileReadReport read_rows(const std::string& path, const CsvReadOptions& options, RejectLog& rejects,
                         OnHeader&& on_header, HandleRow&& handle_row) {
  CsvReader reader(path);
  FileReadReport report;
  report.path = path;
  CsvRecord record;
  if (!reader.next(record)) throw InputError(path, 0, "", "the file is empty (no header row)");
  if (!record.error.empty()) throw InputError(path, record.line, "", "header: " + record.error);
  const std::vector<std::string> header(record.fields.begin(), record.fields.end());
  on_header(std::vector<std::string_view>(header.begin(), header.end()));
  if (options.progress)
    options.progress->begin("reading " + std::filesystem::path(path).filename().string(),
                            reader.file_size(), "bytes");
  bool any_row = false;
  std::vector<std::string> repaired;
  CsvRecord clean;
  while (reader.next(record)) {
    any_row = true;
    ++report.rows;
    std::optional<RowError> error;
    // Ill-formed UTF-8 becomes U+FFFD (a warning naming the row) or, under strict, a bad row.
    const CsvRecord* row = &record;
    for (std::size_t i = 0; i < record.fields.size() && !error; ++i) {
      if (is_valid_utf8(record.fields[i])) continue;
      if (options.strict) {
        error = RowError{i < header.size() ? header[i] : "", RejectReason::invalid_text,
                         "invalid UTF-8"};
        break;
      }
      repaired.assign(record.fields.begin(), record.fields.end());
      for (std::string& f : repaired) f = repair_utf8(f);
      clean.fields.assign(repaired.begin(), repaired.end());
      clean.line = record.line;
      row = &clean;
      ++report.repaired;
      if (report.repair_examples.size() < 5)
        report.repair_examples.push_back(format_location(path, record.line,
                                                         i < header.size() ? header[i] : "",
                                                         "invalid UTF-8 replaced with U+FFFD"));
    }
    if (error) {
    } else if (!record.error.empty()) {
      error = RowError{"", RejectReason::malformed_row, record.error};
    } else {
      error = handle_row(*row);
    }
    if (error) {
      if (options.strict) throw InputError(path, record.line, error->column, error->detail);
      rejects.add(path, record.line, *error, record.fields);
      ++report.rejected;
    } else {
      ++report.loaded;
    }
    if (options.progress) options.progress->advance(reader.file_position());
  }
  if (options.progress) options.progress->end();
  if (!any_row) throw InputError(path, 0, "", "the file has a header but no data rows");
  report.sha256 = reader.sha256();
  return report;
}

}  // namespace

FileReadReport read_accounts_csv(const std::string& path, const CsvReadOptions& options,
                                 GraphBuilder& builder, RejectLog& rejects) {
  std::optional<HeaderIndex> index;
  constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
  std::size_t id = 0, kind = kAbsent, institution = kAbsent, holder = kAbsent, phone = kAbsent,
              device = kAbsent, opened = kAbsent, balance = kAbsent, label = kAbsent,
              fraud = kAbsent, alert = kAbsent, alert_type = kAbsent, other = kAbsent;
  std::string tags;
  auto first_of = [&](std::initializer_list<std::string_view> names) {
    for (std::string_view name : names)
      if (auto i = index->find(name)) return *i;
    return kAbsent;
  };
  auto on_header = [&](const std::vector<std::string_view>& header) {
    index.emplace(header, path);
    // IBM AMLSim's node and account files read as they are: nodeid or ACCOUNT_ID for the id,
    // isFraud or IS_SAR (a SAR account: labelled suspect), init_balance or INIT_BALANCE.
    id = first_of({"id", "nodeid", "account_id"});
    // AMLSim's alert transactions (alert_id, alert_type, is_sar, orig_acct, bene_acct, ...):
    // both accounts of each alert are labelled (suspect when is_sar) and tagged with the alert.
    if (id == kAbsent && index->has("alert_id") && index->has("orig_acct") &&
        index->has("bene_acct")) {
      alert = index->require("alert_id");
      alert_type = first_of({"alert_type"});
      id = index->require("orig_acct");
      other = index->require("bene_acct");
    }
    if (id == kAbsent) id = index->require("id");
    fraud = first_of({"isfraud", "is_sar"});
    kind = index->find("kind").value_or(kAbsent);
    institution = index->find("institution").value_or(kAbsent);
    holder = index->find("holder").value_or(kAbsent);
    phone = index->find("phone").value_or(kAbsent);
    device = index->find("device").value_or(kAbsent);
    opened = index->find("opened").value_or(kAbsent);
    balance = first_of({"opening_balance", "init_balance"});
    label = index->find("label").value_or(kAbsent);
  };
  FileReadReport report =
      read_rows(path, options, rejects, on_header, [&](const CsvRecord& record) {
        std::optional<RowError> error;
        if (!field_count_matches(record, index->size(), error)) return error;
        auto field = [&](std::size_t i) {
          return i == kAbsent ? std::string_view{} : trim(record.fields[i]);
        };
        AccountInput in;
        in.id = field(id);
        if (in.id.empty() || is_blank(in.id))
          return std::optional<RowError>(
              RowError{"id", RejectReason::empty_account, "empty account id"});
        if (has_control_characters(in.id))
          return std::optional<RowError>(
              RowError{"id", RejectReason::invalid_text, "control character in an id"});
        auto parsed_kind = parse_account_kind(field(kind));
        if (!parsed_kind) {
          return std::optional<RowError>(
              RowError{"kind", RejectReason::unknown_kind,
                       "unknown account kind '" + std::string(field(kind)) + "'"});
        }
        in.kind = *parsed_kind;
        in.institution = field(institution);
        in.holder = field(holder);
        in.phone = field(phone);
        in.device = field(device);
        if (!field(opened).empty()) {
          auto time = parse_timestamp(field(opened));
          if (!time) {
            return std::optional<RowError>(
                RowError{"opened", RejectReason::bad_timestamp,
                         "unparseable date '" + std::string(field(opened)) + "'"});
          }
          in.opened = *time;
        }
        if (!field(balance).empty()) {
          auto value = parse_amount(field(balance));
          if (!value || *value < 0) {
            return std::optional<RowError>(RowError{
                "opening_balance", RejectReason::bad_number,
                "expected a non-negative amount, found '" + std::string(field(balance)) + "'"});
          }
          in.opening_balance = *value;
        }
        if (!field(fraud).empty()) {
          const auto flagged = parse_laundering_label(field(fraud));
          if (!flagged) {
            return std::optional<RowError>(
                RowError{"isFraud", RejectReason::bad_label,
                         "expected 1/0 or true/false, found '" + std::string(field(fraud)) + "'"});
          }
          if (*flagged == LaunderingLabel::laundering) in.labels |= kLabelSuspect;
        }
        tags.clear();
        std::string_view labels = field(label);
        while (!labels.empty()) {
          const std::size_t cut = labels.find_first_of(";|");
          std::string_view one = trim(labels.substr(0, cut));
          labels = cut == std::string_view::npos ? std::string_view{} : labels.substr(cut + 1);
          if (one.empty()) continue;
          if (std::uint8_t bit = account_label_bit(one)) {
            in.labels |= bit;
          } else {
            if (!tags.empty()) tags += ';';
            tags += one;
          }
        }
        if (alert != kAbsent) {  // an alert row names two accounts
          std::string tag = "alert " + std::string(field(alert));
          if (!field(alert_type).empty()) tag += " " + std::string(field(alert_type));
          AccountInput beneficiary;
          beneficiary.id = field(other);
          if (beneficiary.id.empty() || has_control_characters(beneficiary.id))
            return std::optional<RowError>(
                RowError{"bene_acct", RejectReason::empty_account, "bad beneficiary account"});
          beneficiary.labels = in.labels;
          builder.set_account(in);
          builder.set_account(beneficiary);
          for (std::string_view id : {in.id, beneficiary.id})
            builder.add_tag(*builder.find_account(id), tag);
          return std::optional<RowError>{};
        }
        in.tags = tags;
        builder.set_account(in);
        return std::optional<RowError>{};
      });
  report.format = "accounts";
  return report;
}

FileReadReport read_rates_csv(const std::string& path, const CsvReadOptions& options,
                              GraphBuilder& builder, RejectLog& rejects) {
  std::optional<HeaderIndex> index;
  std::size_t currency = 0, time = 0, rate = 0;
  auto on_header = [&](const std::vector<std::string_view>& header) {
    index.emplace(header, path);
    currency = index->require("currency");
    time = index->require("timestamp");
    rate = index->require("rate_to_base");
  };
  FileReadReport report =
      read_rows(path, options, rejects, on_header, [&](const CsvRecord& record) {
        std::optional<RowError> error;
        if (!field_count_matches(record, index->size(), error)) return error;
        std::string_view code = trim(record.fields[currency]);
        if (code.empty())
          return std::optional<RowError>(
              RowError{"currency", RejectReason::missing_field, "empty currency"});
        auto when = timestamp_field(record.fields[time], "timestamp", error);
        if (!when) return error;
        auto value = positive_amount(record.fields[rate], "rate_to_base", error);
        if (!value) return error;
        builder.add_rate(code, *when, *value);
        return std::optional<RowError>{};
      });
  report.format = "rates";
  return report;
}

}  // namespace moneytrail
