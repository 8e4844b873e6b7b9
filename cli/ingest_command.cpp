// moneytrail ingest INPUT... [--accounts F] [--rates F] [--format F] [--strict] -o CASE.mtc
#include <iostream>

#include "cli/commands.h"
#include "io/case_file.h"

namespace moneytrail::cli {

int run_ingest(const Args& args) {
  po::options_description options("ingest options");
  add_input_options(options, LayoutOption::format);
  options.add_options()("output,o", po::value<std::string>()->required(),
                        "case file to write (.mtc)");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail ingest INPUT... [--accounts F] [--rates F] "
                       "[--format F] [--strict] -o CASE.mtc",
                       vm)) {
    return kExitOk;
  }
  const std::string output = vm["output"].as<std::string>();
  LoadedCase loaded = load_inputs(vm, output + ".rejects.csv", join_command_line("ingest", args));
  write_case_file(output, loaded.graph, loaded.report.provenance);
  if (!vm.count("quiet")) {
    std::cerr << "wrote " << output << " (" << with_thousands(loaded.graph.num_transactions())
              << " transactions, " << with_thousands(loaded.graph.num_accounts()) << " accounts)\n";
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
