#include "io/statements/statement_reader.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "graph/input_error.h"
#include "io/csv/byte_source.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/statements/xlsx_sheet.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

// Amounts as banks print them: "1,234.50", "-300.00", "+20", "¥88.00", "1 000.00": commas,
// spaces and the yuan sign dropped (wherever they are), the rest read by parse_amount.
std::optional<double> parse_money(std::string_view text) {
  text = trim(text);
  char digits[64];
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',' || c == ' ') continue;
    if (text.substr(i, 2) == "\xC2\xA5") {  // ¥
      ++i;
      continue;
    }
    if (n == sizeof digits) return std::nullopt;
    digits[n++] = c;
  }
  return parse_amount({digits, n});
}

// Times as banks print them: "2024-03-01 12:30:45", "2024/03/01 12:30", "20240301 123045",
// "20240301123045", or a date column beside a time-of-day column ("12:30:45", "123045").
std::optional<Timestamp> parse_local_time(std::string_view date, std::string_view time) {
  int digits[14];
  int n = 0;
  for (std::string_view part : {date, time}) {
    for (char c : part) {
      if (c < '0' || c > '9') continue;
      if (n == 14) return std::nullopt;
      digits[n++] = c - '0';
    }
  }
  if (n != 14 && n != 12 && n != 8) return std::nullopt;
  auto number = [&](int at, int width) {
    int v = 0;
    for (int k = 0; k < width; ++k) v = v * 10 + digits[at + k];
    return v;
  };
  const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  const int hour = n > 8 ? number(8, 2) : 0, minute = n > 8 ? number(10, 2) : 0;
  const int second = n == 14 ? number(12, 2) : 0;
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month(month),
                                        std::chrono::day(day)};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  const Timestamp days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::string_view normalise_currency(std::string_view text) {
  if (text.empty() || text == "人民币" || text == "RMB" || text == "CNY" || text == "156")
    return "CNY";
  if (text == "美元" || text == "USD") return "USD";
  if (text == "港币" || text == "HKD") return "HKD";
  return text;
}

// The lines of a text one at a time, without their line ends, counted from 1: a vector of a
// million line views would cost more than reading them.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (position_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', position_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(position_, end - position_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    position_ = end + 1;
    ++number_;
    return true;
  }
  std::uint64_t number() const { return number_; }  // of the last line returned
  std::size_t position() const { return position_; }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  std::uint64_t number_ = 0;
};

}  // namespace

bool has_statement_header(std::string_view head, bool whole_file) {
  std::string bytes(head);
  if (!whole_file)  // judge complete lines only
    bytes.resize(bytes.rfind('\n') == std::string::npos ? 0 : bytes.rfind('\n'));
  std::string text;
  try {
    text = decode_text(bytes).text;
  } catch (const std::runtime_error&) {
    // A bad byte further down must not hide a statement: judge it by its first lines alone, and
    // let the reader report the bad bytes where they are.
    std::vector<std::size_t> cuts;  // ends of the first lines, longest first
    for (std::size_t at = bytes.find('\n'); at != std::string::npos && cuts.size() < 10;
         at = bytes.find('\n', at + 1))
      cuts.insert(cuts.begin(), at);
    for (std::size_t cut : cuts) {
      try {
        text = decode_text(bytes.substr(0, cut)).text;
        break;
      } catch (const std::runtime_error&) {
      }
    }
    if (text.empty()) return false;
  }
  LineCursor lines(text);
  for (std::string_view line; lines.number() < 10 && lines.next(line);) {
    const std::vector<std::string> fields = split_csv_line(line);
    if (looks_like_statement_header({fields.begin(), fields.end()})) return true;
  }
  return false;
}

bool is_statement_file(const std::string& path) {
  if (is_xlsx(path)) return true;  // workbooks reach moneytrail only as statements
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes(kStatementSniffBytes, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return has_statement_header(bytes, bytes.size() < kStatementSniffBytes);
}

std::optional<bool> parse_direction(std::string_view text) {
  text = trim(text);
  static constexpr std::array<std::string_view, 9> kOut = {"借",   "出", "支出", "付",   "支",
                                                           "转出", "D",  "d",    "debit"};
  static constexpr std::array<std::string_view, 9> kIn = {"贷",   "进", "收入", "收",    "入",
                                                          "转入", "C",  "c",    "credit"};
  for (std::string_view w : kOut)
    if (text == w) return true;
  for (std::string_view w : kIn)
    if (text == w) return false;
  return std::nullopt;
}

StatementFileReport read_statement_file(const std::string& path,
                                        const StatementReadOptions& options, StatementSet& set,
                                        RejectLog& rejects, std::string head) {
  std::string bytes;
  StatementFileReport report;
  if (is_xlsx(path)) {
    bytes = xlsx_as_csv(path);
    report.sha256 = sha256_file(path);  // the workbook, which xlsx2csv read
  } else {
    // The rest of the file after the bytes the sniffer already read, hashed together.
    ByteSource source(path);
    bytes = std::move(head);
    bytes.reserve(source.file_size());
    std::vector<char> skip(bytes.size());
    if (source.read(skip.data(), skip.size()) != skip.size() ||
        !std::equal(skip.begin(), skip.end(), bytes.begin()))
      throw InputError(path, 0, "", "the file changed while it was read");
    char buffer[1 << 16];
    while (const std::size_t n = source.read(buffer, sizeof buffer)) bytes.append(buffer, n);
    report.sha256 = source.sha256();
  }
  std::uint32_t file = 0;
  try {
    DecodedText decoded = decode_text(
        std::move(bytes), is_xlsx(path) ? std::optional(TextEncoding::utf8) : options.encoding);
    report.encoding = decoded.encoding;
    file = set.add_file(path, std::move(decoded.text));
  } catch (const std::runtime_error& e) {
    throw InputError(path, 0, "", e.what());
  } catch (const std::length_error&) {
    throw InputError(path, 0, "", "over 4 GiB of text: split the statement into smaller files");
  }
  std::string& text = set.mutable_text(file);
  LineCursor lines(text);
  // The header is the first non-blank line (retrievals sometimes start with a title line: then
  // the first line naming an account and an amount).
  StatementLayout layout;
  std::vector<std::string> header_fields;
  for (std::string_view line; lines.number() < 10 && lines.next(line);) {
    if (trim(line).empty()) continue;
    header_fields = split_csv_line(line);
    const std::vector<std::string_view> header(header_fields.begin(), header_fields.end());
    layout = statement_layout_from_mapping(header, options.mapping);
    if (layout.usable()) break;
  }
  if (!layout.usable()) {
    throw InputError(path, header_fields.empty() ? 0 : 1, "",
                     "no statement header: needs an account (交易卡号), a time (交易时间) and an "
                     "amount (交易金额) column, or a --mapping file naming them");
  }
  const bool signed_amounts = !layout[StatementField::direction];
  const bool platform =
      options.platform || looks_like_platform_header({header_fields.begin(), header_fields.end()});
  // With both a date and a time column, the time column holds the time of day.
  const bool split_time = layout[StatementField::date] && layout[StatementField::time];
  const auto time_field =
      layout[StatementField::time] ? StatementField::time : StatementField::date;

  std::vector<std::string_view> fields;
  std::string_view last_currency;
  std::uint16_t last_currency_index = set.currency_index("CNY");
  const std::size_t needed =
      set.rows.size() + std::count(text.begin() + lines.position(), text.end(), '\n') + 1;
  if (needed > set.rows.capacity()) set.rows.reserve(std::max(needed, set.rows.capacity() * 2));
  for (std::string_view line; lines.next(line);) {
    if (trim(line).empty()) continue;
    const std::uint64_t number = lines.number();
    ++report.rows;
    split_csv_line_in_place(text.data() + (line.data() - text.data()), line.size(), fields);
    auto field = [&](StatementField f) -> std::string_view {
      const auto c = layout[f];
      return c && *c < fields.size() ? trim(fields[*c]) : std::string_view{};
    };
    auto span = [&](StatementField f) { return set.span_of(file, field(f)); };
    std::optional<RowError> error;
    StatementRow row;
    row.file = file;
    row.line = static_cast<std::uint32_t>(number);
    row.account = span(StatementField::account);
    if (fields.size() != header_fields.size()) {
      error = RowError{"", RejectReason::malformed_row,
                       "expected " + std::to_string(header_fields.size()) + " fields, found " +
                           std::to_string(fields.size())};
    } else if (row.account.length == 0 || is_blank(field(StatementField::account))) {
      error = RowError{std::string(to_string(StatementField::account)), RejectReason::empty_account,
                       "empty account"};
    } else if (has_control_characters(field(StatementField::account)) ||
               has_control_characters(field(StatementField::counterparty_account))) {
      error = RowError{std::string(to_string(StatementField::account)), RejectReason::invalid_text,
                       "control character in an account"};
    }
    if (!error) {
      const auto local =
          split_time ? parse_local_time(field(StatementField::date), field(StatementField::time))
                     : parse_local_time(field(time_field), "");
      if (!local)
        error = RowError{"time", RejectReason::bad_timestamp, "cannot read the time"};
      else if (!in_time_range(*local - options.utc_offset_seconds))
        error = RowError{"time", RejectReason::out_of_range, "time outside 1900-2200"};
      else
        row.time = *local - options.utc_offset_seconds;
    }
    if (!error) {
      const auto amount = parse_money(field(StatementField::amount));
      if (!amount || *amount == 0) {
        error = RowError{"amount",
                         amount ? RejectReason::non_positive_amount : RejectReason::bad_number,
                         "bad amount '" + std::string(field(StatementField::amount)) + "'"};
      } else if (!(std::abs(*amount) <= kMaxAmount)) {
        error = RowError{"amount", RejectReason::out_of_range,
                         "amount above 1e15: '" + std::string(field(StatementField::amount)) + "'"};
      } else if (signed_amounts) {
        row.outgoing = *amount < 0;
        row.amount = std::abs(*amount);
      } else {
        const auto outgoing = parse_direction(field(StatementField::direction));
        if (!outgoing) {
          error = RowError{"direction", RejectReason::missing_field,
                           "unknown direction '" + std::string(field(StatementField::direction)) +
                               "' (expected 借/贷, 出/进, 支出/收入, D/C)"};
        } else {
          row.outgoing = *outgoing;
          row.amount = std::abs(*amount);
        }
      }
    }
    if (!error && layout[StatementField::status]) {
      const std::string_view status = field(StatementField::status);
      for (std::string_view word : {"关闭", "失败", "撤销", "取消"}) {
        if (status.find(word) != std::string_view::npos) {
          error = RowError{"status", RejectReason::malformed_row,
                           "not a completed transfer (" + std::string(status) + ")"};
          break;
        }
      }
    }
    if (!error && !field(StatementField::balance).empty()) {
      const auto balance = parse_money(field(StatementField::balance));
      if (!balance)
        error = RowError{"balance", RejectReason::bad_number,
                         "bad balance '" + std::string(field(StatementField::balance)) + "'"};
      else
        row.balance = *balance;
    }
    if (error) {
      if (options.strict) throw InputError(path, number, error->column, error->detail);
      ++report.rejected;
      rejects.add(path, number, *error, fields);
      continue;
    }
    row.platform = platform;
    row.counterparty = span(StatementField::counterparty_account);
    row.counterparty_name = span(StatementField::counterparty_name);
    row.counterparty_bank = span(StatementField::counterparty_bank);
    row.summary = span(StatementField::summary);
    row.serial = span(StatementField::serial);
    row.holder_name = span(StatementField::holder_name);
    row.id_number = span(StatementField::id_number);
    row.phone = span(StatementField::phone);
    row.ip = span(StatementField::ip);
    row.mac = span(StatementField::mac);
    row.device = span(StatementField::device);
    // Rows repeat one currency (or leave it empty): look it up only when it changes.
    const std::string_view currency = field(StatementField::currency);
    if (currency != last_currency) {
      last_currency = currency;
      last_currency_index = set.currency_index(normalise_currency(currency));
    }
    row.currency = last_currency_index;
    set.rows.push_back(row);
  }
  return report;
}

}  // namespace moneytrail
