// The moneytrail executable: finds the command, shows help, and turns failures into exit codes,
// in this one place (0 success, 1 runtime failure, 2 bad usage or bad input).
#include <iostream>
#include <new>
#include <string>

#include "algorithms/tracing/trace_types.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/help.h"
#include "graph/input_error.h"
#include "graph/option_error.h"

namespace {

using namespace moneytrail;
using namespace moneytrail::cli;

// The flag of an option field: "max_hops" is --max-hops; the few whose flag says it otherwise.
std::string flag_of(const std::string& field) {
  static const std::pair<const char*, const char*> kRenamed[] = {
      {"fan_window_seconds", "--fan-window"},       {"cycle_window_seconds", "--cycle-window"},
      {"chain_max_dwell_seconds", "--chain-dwell"}, {"window_seconds", "--fan-window"},
      {"max_cycle_length", "--max-cycle"},          {"l2", "--l2"}};
  for (const auto& [name, flag] : kRenamed)
    if (field == name) return flag;
  std::string flag = "--" + field;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

bool asks_for_help(const Args& args) {
  for (const std::string& a : args) {
    if (a == "--") return false;
    if (a == "-h" || a == "--help") return true;
  }
  return false;
}

int run(const CommandSpec& spec, const Args& args) {
  const std::string name(spec.name);
  try {
    if (asks_for_help(args)) {
      std::cout << command_help(spec, help_width());
      return kExitOk;
    }
    return spec.run(Call(spec, args));
  } catch (const UsageError& e) {
    std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
  } catch (const OptionError& e) {
    std::cerr << "moneytrail " << name << ": " << flag_of(e.field()) << " " << e.message() << "\n";
  } catch (const TraceError& e) {  // what cannot be traced as asked (a missing rate, no seed)
    std::cerr << "moneytrail " << name << ": "
              << (e.field().empty() ? e.what() : flag_of(e.field()) + " " + e.message()) << "\n";
  } catch (const std::invalid_argument& e) {  // arguments the library refuses
    std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
  } catch (const InputError& e) {
    std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
  } catch (const std::bad_alloc&) {
    std::cerr << "moneytrail " << name
              << ": out of memory (the input is larger than this machine's memory allows; see "
                 "docs/performance.md for bytes per transaction)\n";
    return kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
    return kExitFailure;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << overview_help(help_width());
    return kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h") {
    std::cout << overview_help(help_width());
    return kExitOk;
  }
  if (name == "--version") {
    std::cout << "moneytrail " << MONEYTRAIL_VERSION << "\n";
    return kExitOk;
  }
  const CommandSpec* spec = find_command(name);
  if (!spec) {
    std::cerr << "moneytrail: unknown command '" << name << "'\n\n" << overview_help(help_width());
    return kExitUsage;
  }
  return run(*spec, Args(argv + 2, argv + argc));
}
