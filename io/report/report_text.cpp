#include "io/report/report_text.h"

#include "graph/option_error.h"
#include "io/util/text_safety.h"

namespace moneytrail {

std::string_view to_string(OutputFormat format) {
  switch (format) {
    case OutputFormat::csv:
      return "csv";
    case OutputFormat::json:
      return "json";
    default:
      return "table";
  }
}

OutputFormat parse_output_format(std::string_view text, std::string_view allowed) {
  for (OutputFormat f : {OutputFormat::csv, OutputFormat::json, OutputFormat::table})
    if (text == to_string(f) && allowed.find(to_string(f)) != std::string_view::npos) return f;
  throw OptionError("format", "unknown: '" + std::string(text) + "' (expected " +
                                  std::string(allowed) + ")");
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

}  // namespace moneytrail
