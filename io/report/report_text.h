// What every result writer under io/report/ shares: the output formats, JSON text that is always
// valid, numbers for people, and the provenance every output records.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "io/load_case.h"

namespace moneytrail {

enum class OutputFormat { csv, json, table };
std::string_view to_string(OutputFormat format);

/// "csv", "json" or "table", if among `allowed` (a string such as "json, table or csv", the
/// order the error message lists them in); else throws OptionError("format", ...).
OutputFormat parse_output_format(std::string_view text, std::string_view allowed);

/// JSON text that is valid UTF-8 whatever the input held (ill-formed bytes become U+FFFD instead
/// of failing the whole output). indent -1: one line.
inline std::string json_text(const nlohmann::ordered_json& j, int indent = 2) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

/// 1234567 as "1,234,567".
std::string with_thousands(std::uint64_t value);

/// The provenance object every JSON output carries: moneytrail (version), command_line, inputs
/// (path, format, bytes, rows, rejected, sha256).
nlohmann::ordered_json provenance_json(const LoadReport& report);
/// The same in one line, for graph files' metadata.
std::string provenance_text(const LoadReport& report);
/// The same as '#' lines above a CSV header (--csv-provenance); control characters in paths and
/// the command line written as \xNN so that a file name cannot forge a line.
std::string provenance_csv_lines(const LoadReport& report);

}  // namespace moneytrail
