// What every result writer under io/report/ shares: the output formats, JSON text that is always
// valid, numbers for people, and the provenance every output records.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "io/load_case.h"

namespace moneytrail {

enum class OutputFormat { csv, json, table };

/// Whether a watchlist was loaded (some account carries the watchlist label), and whether `v` is
/// on it. Writers add `"watchlist": true` to the JSON of such accounts, and a watchlist column
/// to their CSV when one was loaded.
bool has_watchlist(const TransactionGraph& graph);
inline bool on_watchlist(const TransactionGraph& graph, VertexId v) {
  return (graph.accounts().labels[v] & kLabelWatchlist) != 0;
}
/// Adds "watchlist": true to `j` when `v` is on the watchlist.
inline void mark_watchlist(nlohmann::ordered_json& j, const TransactionGraph& graph, VertexId v) {
  if (on_watchlist(graph, v)) j["watchlist"] = true;
}
std::string_view to_string(OutputFormat format);

/// "csv", "json" or "table", if among `allowed` (a string such as "json, table or csv", the
/// order the error message lists them in); else throws OptionError("format", ...).
OutputFormat parse_output_format(std::string_view text, std::string_view allowed);

/// JSON text that is valid UTF-8 whatever the input held (ill-formed bytes become U+FFFD instead
/// of failing the whole output). indent -1: one line.
inline std::string json_text(const nlohmann::ordered_json& j, int indent = 2) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// The zone times are shown in (--tz): "UTC" (the default), a fixed offset ("+08:00", "-05:30",
/// "+8"), or a zone name from the system's tz database ("Asia/Shanghai", daylight saving
/// included). Throws OptionError("tz", ...) for anything else.
void set_display_zone(std::string_view zone);
/// A fixed offset east of UTC (bank statements keep the zone they were read in).
void set_display_offset(std::int64_t seconds);
bool display_zone_set();
/// ISO 8601 in the display zone: 2026-01-01T08:00:00+08:00, or ...Z in UTC. Graph exports keep
/// UTC (format_timestamp) for the tools that read them.
std::string display_time(std::int64_t timestamp);

/// 1234567 as "1,234,567".
std::string with_thousands(std::uint64_t value);

/// Numbers as people read them: scores, shares and rates to 6 significant digits, amounts to
/// their currency's smallest unit (round_amount), both printed shortest (0.85, not
/// 0.84999999999999998). --full-precision turns the rounding off for comparisons with other
/// tools: every number then reads back as the double that was computed.
void set_full_precision(bool on);
bool full_precision();
/// 6 significant digits (as computed under full precision).
double round_score(double value);
/// To `decimals` places (as computed under full precision); NaN and infinities stay.
double round_amount(double value, int decimals);
/// The shortest text that reads back as `value` ("0.85", "1e-12", "440.27").
std::string number_text(double value);
/// A score or share as text: number_text(round_score(value)).
std::string score_text(double value);
/// An amount for tables: `decimals` places with thousands grouped (1,234,567.89); NaN as "-".
std::string amount_text(double value, int decimals = 2);

/// The provenance object every JSON output carries: moneytrail (version), command_line, inputs
/// (path, format, bytes, rows, rejected, sha256).
nlohmann::ordered_json provenance_json(const LoadReport& report);
/// The same in one line, for graph files' metadata.
std::string provenance_text(const LoadReport& report);
/// The same as '#' lines above a CSV header (--csv-provenance); control characters in paths and
/// the command line written as \xNN so that a file name cannot forge a line.
std::string provenance_csv_lines(const LoadReport& report);

}  // namespace moneytrail
