#include "io/csv/field_parsers.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace moneytrail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at text[pos]; advances pos.
std::optional<unsigned> fixed_digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  unsigned value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  pos += count;
  return value;
}

// Reads 1 or 2 digits (dates like 2022/9/1 appear in exports).
std::optional<unsigned> short_digits(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
  unsigned value = static_cast<unsigned>(text[pos++] - '0');
  if (pos < text.size() && is_digit(text[pos]))
    value = value * 10 + static_cast<unsigned>(text[pos++] - '0');
  return value;
}

bool valid_date(std::int64_t year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return year >= 1 && year <= 9999 &&
         std::chrono::year_month_day{std::chrono::year{static_cast<int>(year)},
                                     std::chrono::month{month}, std::chrono::day{day}}
             .ok();
}

std::optional<Timestamp> parse_epoch(std::string_view text) {
  std::size_t digits_end = 0;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) digits_end = 1;
  std::size_t first_digit = digits_end;
  while (digits_end < text.size() && is_digit(text[digits_end])) ++digits_end;
  if (digits_end == first_digit) return std::nullopt;
  if (digits_end < text.size()) {
    if (text[digits_end] != '.') return std::nullopt;
    for (std::size_t i = digits_end + 1; i < text.size(); ++i) {
      if (!is_digit(text[i])) return std::nullopt;
    }
  }
  Timestamp value = 0;
  const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(begin, text.data() + digits_end, value);
  if (ec != std::errc{} || ptr != text.data() + digits_end) return std::nullopt;
  return value;
}

// "[-]digits[.d[d]]" (at most 13 integer digits) through whole cents; nullopt for any other
// text. Both operands of cents / 100.0 are exact (below 2^53), so the one IEEE division gives the
// same correctly rounded double as from_chars, without its cost: most amounts look like this.
std::optional<Amount> two_decimal_amount(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  const std::size_t first = negative ? 1 : 0;
  std::size_t i = first;
  std::int64_t cents = 0;
  while (i < text.size() && is_digit(text[i]) && i - first < 13)
    cents = cents * 10 + (text[i++] - '0');
  if (i == first) return std::nullopt;
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && decimals < 2 && is_digit(text[i]); ++decimals)
      cents = cents * 10 + (text[i++] - '0');
  }
  if (i != text.size()) return std::nullopt;
  for (; decimals < 2; ++decimals) cents *= 10;
  const Amount value = static_cast<Amount>(cents) / 100.0;
  return negative ? -value : value;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  using namespace std::chrono;
  return sys_days{std::chrono::year{static_cast<int>(year)} / std::chrono::month{month} /
                  std::chrono::day{day}}
      .time_since_epoch()
      .count();
}

std::optional<Amount> parse_amount(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::string cleaned;  // only used when thousands separators must be removed
  if (text.find(',') != std::string_view::npos) {
    // Accept 1,234,567.89: every group after a comma has exactly three digits.
    std::size_t point = text.find_first_of(".eE");
    std::string_view integer = text.substr(0, point);
    std::size_t start = (!integer.empty() && (integer[0] == '-' || integer[0] == '+')) ? 1 : 0;
    std::size_t first_comma = integer.find(',');
    if (first_comma == start || first_comma > start + 3) return std::nullopt;
    for (std::size_t c = first_comma; c != std::string_view::npos; c = integer.find(',', c + 1)) {
      std::size_t next = integer.find(',', c + 1);
      std::size_t group_end = next == std::string_view::npos ? integer.size() : next;
      if (group_end - c - 1 != 3) return std::nullopt;
    }
    cleaned.reserve(text.size());
    for (char ch : text) {
      if (ch != ',') cleaned += ch;
    }
    text = cleaned;
  }
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (*begin == '+') ++begin;
  if (begin == end) return std::nullopt;
  if (const auto value = two_decimal_amount({begin, static_cast<std::size_t>(end - begin)}))
    return value;
  // from_chars would accept "inf"/"nan"; amounts must be plain decimals.
  for (const char* p = begin; p != end; ++p) {
    const char c = *p;
    if (!(is_digit(c) || c == '.' || c == '-' || c == 'e' || c == 'E' || c == '+')) {
      return std::nullopt;
    }
  }
  double value = 0;
  auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
  if (ec != std::errc{} || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Epoch seconds: all digits (an ISO date always has a '-' or '/' after four digits).
  if (text.size() < 5 || (text[4] != '-' && text[4] != '/')) return parse_epoch(text);

  std::size_t pos = 0;
  auto year = fixed_digits(text, pos, 4);
  if (!year) return std::nullopt;
  const char date_sep = text[pos++];
  auto month = short_digits(text, pos);
  if (!month || pos >= text.size() || text[pos++] != date_sep) return std::nullopt;
  auto day = short_digits(text, pos);
  if (!day || !valid_date(*year, *month, *day)) return std::nullopt;
  Timestamp seconds = days_from_civil(*year, *month, *day) * 86400;
  if (pos == text.size()) return seconds;

  if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
  ++pos;
  auto hour = short_digits(text, pos);
  if (!hour || *hour > 23 || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  auto minute = fixed_digits(text, pos, 2);
  if (!minute || *minute > 59) return std::nullopt;
  unsigned second = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    auto s = fixed_digits(text, pos, 2);
    if (!s || *s > 60) return std::nullopt;  // 60: a leap second, folded into the next minute
    second = *s;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      const std::size_t fraction_start = pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
      if (pos == fraction_start) return std::nullopt;
    }
  }
  seconds += *hour * 3600 + *minute * 60 + second;
  if (pos == text.size()) return seconds;
  if (text[pos] == 'Z' || text[pos] == 'z')
    return pos + 1 == text.size() ? std::optional(seconds) : std::nullopt;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  ++pos;
  auto offset_hours = fixed_digits(text, pos, 2);
  if (!offset_hours || *offset_hours > 18) return std::nullopt;
  unsigned offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] == ':') ++pos;
    auto m = fixed_digits(text, pos, 2);
    if (!m || *m > 59) return std::nullopt;
    offset_minutes = *m;
  }
  if (pos != text.size()) return std::nullopt;
  return seconds - sign * static_cast<Timestamp>(*offset_hours * 3600 + offset_minutes * 60);
}

std::optional<std::int64_t> parse_duration(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // A trailing unit letter, if any: seconds, minutes, hours, days, weeks.
  static constexpr std::pair<char, std::int64_t> kUnits[] = {
      {'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400}};
  std::int64_t unit = 1;
  for (const auto& [letter, seconds] : kUnits) {
    if (text.back() == letter) {
      unit = seconds;
      text.remove_suffix(1);
      break;
    }
  }
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // At most 300 years: added to or subtracted from any time of 1900-2200, it cannot overflow.
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value) || value < 0 ||
      value * static_cast<double>(unit) > 300 * 366 * 86400.0) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(std::llround(value * static_cast<double>(unit)));
}

std::optional<std::uint64_t> parse_unsigned(std::string_view text) {
  text = trim(text);
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string format_timestamp(Timestamp t) {
  using namespace std::chrono;
  const std::int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  const std::int64_t rest = t - days * 86400;
  const year_month_day ymd{sys_days{std::chrono::days{days}}};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                static_cast<int>(rest % 60));
  return text;
}

}  // namespace moneytrail
