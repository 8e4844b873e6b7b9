#include "io/report/report_text.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

#include "graph/option_error.h"
#include "io/csv/field_parsers.h"
#include "io/util/text_safety.h"

namespace moneytrail {

std::string_view to_string(OutputFormat format) {
  switch (format) {
    case OutputFormat::csv: return "csv";
    case OutputFormat::json: return "json";
    default: return "table";
  }
}

OutputFormat parse_output_format(std::string_view text, std::string_view allowed) {
  for (OutputFormat f : {OutputFormat::csv, OutputFormat::json, OutputFormat::table})
    if (text == to_string(f) && allowed.find(to_string(f)) != std::string_view::npos) return f;
  throw OptionError("format",
                    "unknown: '" + std::string(text) + "' (expected " + std::string(allowed) + ")");
}

namespace {

bool full_precision_on = false;

// The display zone: a fixed offset, or a named zone resolved per time by the C library (TZ set
// once, before any time is shown).
struct DisplayZone {
  bool set = false;
  bool named = false;
  std::int64_t offset = 0;
} zone;

std::optional<std::int64_t> parse_offset(std::string_view text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int sign = text[0] == '-' ? -1 : 1;
  text.remove_prefix(1);
  int hours = 0, minutes = 0;
  const auto hour_end = std::from_chars(text.data(), text.data() + text.size(), hours).ptr;
  std::string_view rest(hour_end, static_cast<std::size_t>(text.data() + text.size() - hour_end));
  const std::size_t hour_digits = static_cast<std::size_t>(hour_end - text.data());
  if (hour_digits == 4 && rest.empty()) {  // +0530
    minutes = hours % 100;
    hours /= 100;
  } else if (!rest.empty()) {
    if (rest[0] != ':' || rest.size() != 3) return std::nullopt;
    if (std::from_chars(rest.data() + 1, rest.data() + 3, minutes).ptr != rest.data() + 3)
      return std::nullopt;
  }
  if (hour_digits == 0 || hours > 14 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

std::string local_text(std::int64_t local_seconds, std::int64_t offset) {
  std::string text = format_timestamp(local_seconds);  // "...Z"
  text.pop_back();
  if (offset == 0 && !zone.named) return text + "Z";
  const std::int64_t magnitude = offset < 0 ? -offset : offset;
  char suffix[8];
  std::snprintf(suffix, sizeof suffix, "%c%02d:%02d", offset < 0 ? '-' : '+',
                static_cast<int>(magnitude / 3600), static_cast<int>(magnitude / 60 % 60));
  return text + suffix;
}

}  // namespace

void set_display_zone(std::string_view name) {
  if (name == "UTC" || name == "Z" || name == "utc") {
    zone = {true, false, 0};
    return;
  }
  if (const auto offset = parse_offset(name)) {
    zone = {true, false, *offset};
    return;
  }
  const char* dir = std::getenv("TZDIR");
  const std::filesystem::path file =
      std::filesystem::path(dir ? dir : "/usr/share/zoneinfo") / std::string(name);
  std::error_code ec;
  if (name.find("..") != std::string_view::npos || !std::filesystem::is_regular_file(file, ec))
    throw OptionError("tz", "'" + std::string(name) +
                                "' is not UTC, an offset like +08:00, or a zone in the tz "
                                "database (e.g. Asia/Shanghai)");
  ::setenv("TZ", std::string(name).c_str(), 1);
  ::tzset();
  zone = {true, true, 0};
}

void set_display_offset(std::int64_t seconds) { zone = {true, false, seconds}; }
bool display_zone_set() { return zone.set; }

std::string display_time(std::int64_t t) {
  if (!zone.named) return local_text(t + zone.offset, zone.offset);
  std::tm local{};
  const std::time_t seconds = static_cast<std::time_t>(t);
  if (!::localtime_r(&seconds, &local)) return format_timestamp(t);
  return local_text(t + local.tm_gmtoff, local.tm_gmtoff);
}

void set_full_precision(bool on) { full_precision_on = on; }
bool full_precision() { return full_precision_on; }

double round_score(double value) {
  if (full_precision_on || !std::isfinite(value) || value == 0) return value;
  char buffer[32];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6).ptr;
  double rounded = value;
  std::from_chars(buffer, end, rounded);
  return rounded;
}

double round_amount(double value, int decimals) {
  if (full_precision_on || !std::isfinite(value)) return value;
  // Through text, so that 440.2699999999999 becomes the double nearest 440.27 itself.
  char buffer[64];
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals).ptr;
  double rounded = value;
  std::from_chars(buffer, end, rounded);
  return rounded == 0 ? 0.0 : rounded;  // no -0
}

std::string number_text(double value) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

std::string score_text(double value) { return number_text(round_score(value)); }

std::string amount_text(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buffer[64];
  const char* end = std::to_chars(buffer, buffer + sizeof buffer, std::abs(value),
                                  std::chars_format::fixed, decimals)
                        .ptr;
  const std::string_view digits(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out =
      value < 0 && digits.find_first_not_of("0.") != std::string_view::npos ? "-" : "";
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(point);
  return out;
}

std::string with_thousands(std::uint64_t value) {
  std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

nlohmann::ordered_json provenance_json(const LoadReport& report) {
  nlohmann::ordered_json j;
  j["moneytrail"] = MONEYTRAIL_VERSION;
  j["command_line"] = report.provenance.command_line;
  j["inputs"] = nlohmann::ordered_json::array();
  for (const CaseProvenance::Input& input : report.provenance.inputs) {
    j["inputs"].push_back({{"path", input.path},
                           {"format", input.format},
                           {"bytes", input.bytes},
                           {"rows", input.rows},
                           {"rejected", input.rejected},
                           {"sha256", input.sha256}});
  }
  return j;
}

std::string provenance_text(const LoadReport& report) {
  std::string text =
      std::string("moneytrail ") + MONEYTRAIL_VERSION + "; " + report.provenance.command_line;
  for (const CaseProvenance::Input& input : report.provenance.inputs)
    text += "; " + input.path + " sha256=" + input.sha256;
  return text;
}

std::string provenance_csv_lines(const LoadReport& report) {
  std::string text = std::string("# moneytrail ") + MONEYTRAIL_VERSION +
                     "\n# command: " + terminal_text(report.provenance.command_line) + "\n";
  for (const CaseProvenance::Input& input : report.provenance.inputs) {
    text += "# input: " + terminal_text(input.path) + " (" + terminal_text(input.format) + ", " +
            std::to_string(input.rows) + " rows, " + std::to_string(input.rejected) +
            " rejected) sha256 " + terminal_text(input.sha256) + "\n";
  }
  return text;
}

bool has_watchlist(const TransactionGraph& graph) {
  const std::vector<std::uint8_t>& labels = graph.accounts().labels;
  return std::any_of(labels.begin(), labels.end(),
                     [](std::uint8_t bits) { return (bits & kLabelWatchlist) != 0; });
}

}  // namespace moneytrail
