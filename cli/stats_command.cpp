// moneytrail stats INPUT [--format json|table] [--strict]
#include <filesystem>
#include <iostream>

#include "algorithms/summary/graph_stats.h"
#include "cli/commands.h"
#include "io/report/stats_report.h"

namespace moneytrail::cli {

int run_stats(const Args& args) {
  po::options_description options("stats options");
  add_input_options(options, LayoutOption::input_format);
  options.add_options()("format", po::value<std::string>(),
                        "json or table (default: table on a terminal, json otherwise)");
  po::variables_map vm;
  if (!parse_arguments(args, options, "moneytrail stats INPUT... [--format json|table] [--strict]",
                       vm)) {
    return kExitOk;
  }
  std::string format = vm.count("format") ? vm["format"].as<std::string>()
                                          : (stdout_is_terminal() ? "table" : "json");
  if (format != "json" && format != "table") {
    throw UsageError("unknown --format '" + format + "' for stats (expected json or table)");
  }
  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  const std::string rejects = std::filesystem::path(first).filename().string() + ".rejects.csv";
  LoadedCase loaded = load_inputs(vm, rejects, join_command_line("stats", args));
  const GraphStats stats = compute_graph_stats(loaded.graph);
  if (format == "json") {
    nlohmann::ordered_json j = stats_to_json(loaded.graph, stats, loaded.report);
    j["provenance"] = provenance_json(loaded.report);
    std::cout << json_text(j) << "\n";
  } else {
    print_stats_table(std::cout, loaded.graph, stats, loaded.report);
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
