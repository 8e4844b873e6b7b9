#include "cli/call.h"

#include <unistd.h>

#include <iostream>

#include "cli/cli_support.h"
#include "io/util/text_safety.h"

namespace moneytrail::cli {

Call::Call(const CommandSpec& spec, Args args) : spec_(spec), args_(std::move(args)) {
  const po::options_description all = command_options(spec);
  po::positional_options_description positional;
  if (spec.takes_inputs) positional.add("input", -1);
  try {
    po::store(po::command_line_parser(args_).options(all).positional(positional).run(), vm_);
    po::notify(vm_);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nusage: moneytrail " + std::string(spec.name) + " " +
                     std::string(spec.operands) + "   (moneytrail help " + std::string(spec.name) +
                     " for more)");
  }
  quiet_ = vm_.count("quiet") > 0;
  verbose_ = vm_.count("verbose") > 0;
  if (quiet_ && verbose_) throw UsageError("--quiet and --verbose ask for opposite things");
  progress_ = std::make_unique<TerminalProgress>(!quiet_, verbose_);
  set_csv_formulas(vm_.count("csv-raw") > 0);
  set_full_precision(vm_.count("full-precision") > 0);
  if (vm_.count("tz")) set_display_zone(vm_["tz"].as<std::string>());
}

std::vector<std::string> Call::inputs() const {
  return has("input") ? get<std::vector<std::string>>("input") : std::vector<std::string>{};
}

std::string Call::command_line() const {
  std::string line = "moneytrail " + std::string(spec_.name);
  for (const std::string& a : args_) {
    const bool plain = a.find_first_of(" \t\"'\\$") == std::string::npos && !a.empty();
    line += plain ? " " + a : " '" + a + "'";
  }
  return line;
}

void Call::note(std::string_view text) const {
  if (!quiet_) std::cerr << text << "\n";
}

void Call::warn(std::string_view text) const { std::cerr << "warning: " << text << "\n"; }

ResultOutput::ResultOutput(const Call& call, const char* option)
    : call_(call), stdout_(&std::cout) {
  if (call.has(option) && call.text(option) != "-") {
    path_ = call.text(option);
    file_ = std::make_unique<AtomicOutputFile>(path_);
  }
}

void ResultOutput::commit(std::string_view what) {
  if (!file_) {
    std::cout.flush();
    return;
  }
  file_->commit();
  report_written(call_, path_, what);
}

void report_written(const Call& call, const std::string& path, std::string_view what) {
  std::string line = "wrote " + terminal_text(path);
  if (!what.empty()) line += " (" + std::string(what) + ")";
  call.note(line);
}

OutputFormat output_format(const Call& call, std::string_view allowed, OutputFormat otherwise) {
  if (call.has("format")) return parse_output_format(call.text("format"), allowed);
  const bool to_terminal =
      (!call.has("output") || call.text("output") == "-") && stdout_is_terminal();
  return to_terminal ? OutputFormat::table : otherwise;
}

bool stdout_is_terminal() { return isatty(STDOUT_FILENO); }

}  // namespace moneytrail::cli
