// The moneytrail executable: dispatches to a subcommand and turns failures into exit codes, in
// this one place (0 success, 1 runtime failure, 2 bad usage or bad input).
#include <iomanip>
#include <iostream>
#include <new>
#include <string>

#include "algorithms/tracing/trace_types.h"
#include "cli/commands.h"
#include "graph/option_error.h"
#include "graph/input_error.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const moneytrail::cli::Args&);
};

constexpr Command kCommands[] = {
    {"centrality", "rank accounts: PageRank, personalized PageRank, degree, flow-through",
     moneytrail::cli::run_centrality},
    {"communities", "partition accounts: components, k-core, label propagation, Louvain, Leiden",
     moneytrail::cli::run_communities},
    {"clusters", "rank mule clusters: layering cores of communities, with reasons",
     moneytrail::cli::run_clusters},
    {"export", "write a trace, cluster or ego network as GraphML, GEXF, DOT, Cytoscape JSON or CSV",
     moneytrail::cli::run_export},
    {"score", "score every account's mule risk, with reasons and typology hits; train a model",
     moneytrail::cli::run_score},
    {"evaluate", "measure a score ranking against ground truth: PR-AUC, precision@k, best F1",
     moneytrail::cli::run_evaluate},
    {"trace", "follow money forward from seed transactions or back to its origins",
     moneytrail::cli::run_trace},
    {"demo", "generate a laundering scenario, ingest it and tour the analyses",
     moneytrail::cli::run_demo},
    {"generate", "write a deterministic synthetic laundering scenario with ground truth",
     moneytrail::cli::run_generate},
    {"ingest", "read transaction CSVs (and accounts, rates) into a binary case file",
     moneytrail::cli::run_ingest},
    {"stats", "summarize a case: counts, currencies, time span, components, degrees",
     moneytrail::cli::run_stats},
};

// The flag of an option field: "max_hops" is --max-hops; the few whose flag says it otherwise.
std::string flag_of(const std::string& field) {
  static const std::pair<const char*, const char*> kRenamed[] = {
      {"fan_window_seconds", "--fan-window"},
      {"cycle_window_seconds", "--cycle-window"},
      {"chain_max_dwell_seconds", "--chain-dwell"},
      {"window_seconds", "--fan-window"},
      {"max_cycle_length", "--max-cycle"},
      {"l2", "--l2"}};
  for (const auto& [name, flag] : kRenamed)
    if (field == name) return flag;
  std::string flag = "--" + field;
  for (char& c : flag)
    if (c == '_') c = '-';
  return flag;
}

void print_usage(std::ostream& out) {
  out << "moneytrail " << MONEYTRAIL_VERSION << ": money-laundering flow graph analyzer\n\n"
      << "usage: moneytrail COMMAND [OPTIONS]   (moneytrail COMMAND --help for its "
         "options)\n\ncommands:\n";
  for (const Command& c : kCommands)
    out << "  " << std::left << std::setw(10) << c.name << c.summary << "\n";
  out << "\nexit codes: 0 success, 1 runtime failure, 2 bad usage or bad input\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace moneytrail;
  if (argc < 2) {
    print_usage(std::cerr);
    return cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(std::cout);
    return cli::kExitOk;
  }
  if (name == "--version") {
    std::cout << "moneytrail " << MONEYTRAIL_VERSION << "\n";
    return cli::kExitOk;
  }
  const cli::Args args(argv + 2, argv + argc);
  for (const Command& command : kCommands) {
    if (name != command.name) continue;
    try {
      return command.run(args);
    } catch (const cli::UsageError& e) {
      std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
      return cli::kExitUsage;
    } catch (const OptionError& e) {
      std::cerr << "moneytrail " << name << ": " << flag_of(e.field()) << " " << e.message() << "\n";
      return cli::kExitUsage;
    } catch (const TraceError& e) {  // what cannot be traced as asked (a missing rate, no seed)
      std::cerr << "moneytrail " << name << ": "
                << (e.field().empty() ? e.what() : flag_of(e.field()) + " " + e.message()) << "\n";
      return cli::kExitUsage;
    } catch (const std::invalid_argument& e) {  // arguments the library refuses
      std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
      return cli::kExitUsage;
    } catch (const InputError& e) {
      std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
      return cli::kExitUsage;
    } catch (const std::bad_alloc&) {
      std::cerr << "moneytrail " << name
                << ": out of memory (the input is larger than this machine's memory allows; see "
                   "docs/performance.md for bytes per transaction)\n";
      return cli::kExitFailure;
    } catch (const std::exception& e) {
      std::cerr << "moneytrail " << name << ": " << e.what() << "\n";
      return cli::kExitFailure;
    }
  }
  std::cerr << "moneytrail: unknown command '" << name << "'\n\n";
  print_usage(std::cerr);
  return cli::kExitUsage;
}
