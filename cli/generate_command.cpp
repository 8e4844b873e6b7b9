// moneytrail generate [--accounts N] [--transactions N] [--groups N] [--victims N] [--seed S] -o
// DIR
#include <iostream>

#include "cli/commands.h"
#include "scenario/scenario.h"
#include "io/csv/field_parsers.h"

namespace moneytrail::cli {

int run_generate(const Args& args) {
  scenario::ScenarioOptions defaults;
  po::options_description options("generate options");
  options.add_options()("output,o", po::value<std::string>()->required(),
                        "directory to write the scenario into")(
      "accounts", po::value<std::uint64_t>()->default_value(defaults.accounts),
      "accounts in total")("transactions",
                           po::value<std::uint64_t>()->default_value(defaults.transactions),
                           "transactions in total (laundering chains plus background)")(
      "groups", po::value<std::uint32_t>()->default_value(defaults.groups), "fraud groups")(
      "victims", po::value<std::uint32_t>()->default_value(defaults.victims), "victims in total")(
      "seed", po::value<std::uint64_t>()->default_value(defaults.seed), "random seed")(
      "days", po::value<std::uint32_t>()->default_value(defaults.days), "days covered")(
      "start", po::value<std::string>()->default_value("2026-01-01"), "first day (UTC)")(
      "mule-tiers", po::value<std::uint32_t>()->default_value(defaults.mule_tiers),
      "tiers of mule cards between victims and running-points accounts")(
      "camouflage",
      "add legitimate fast movers (payroll cards, topped-up wallets, traders, employers, honest "
      "OTC desks) and give mule cards an ordinary life")(
      "statements",
      "also write the scenario as bank statements, one file per bank, in "
      "DIR/statements/");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail generate [--accounts N] [--transactions N] "
                       "[--groups N] [--victims N] [--seed S] -o DIR",
                       vm, nullptr)) {
    return kExitOk;
  }
  scenario::ScenarioOptions o;
  o.accounts = vm["accounts"].as<std::uint64_t>();
  o.transactions = vm["transactions"].as<std::uint64_t>();
  o.groups = vm["groups"].as<std::uint32_t>();
  o.victims = vm["victims"].as<std::uint32_t>();
  o.seed = vm["seed"].as<std::uint64_t>();
  o.days = vm["days"].as<std::uint32_t>();
  o.mule_tiers = vm["mule-tiers"].as<std::uint32_t>();
  o.camouflage = vm.count("camouflage") > 0;
  auto start = parse_timestamp(vm["start"].as<std::string>());
  if (!start) throw UsageError("--start: unparseable date '" + vm["start"].as<std::string>() + "'");
  o.start_time = *start;
  const std::string dir = vm["output"].as<std::string>();
  scenario::ScenarioSummary summary;
  scenario::StatementSummary statements;
  const scenario::Scenario s = scenario::generate_scenario(o);
  scenario::write_scenario_files(s, dir);
  if (vm.count("statements")) statements = scenario::write_statements(s, dir);
  summary = scenario::summarize(s);
  std::cout << "wrote " << dir << ": " << with_thousands(summary.accounts) << " accounts, "
            << with_thousands(summary.transactions) << " transactions ("
            << with_thousands(summary.laundering_transactions) << " laundering, "
            << with_thousands(summary.victims) << " victims in " << o.groups << " groups)\n"
            << "files: transactions.csv accounts.csv rates.csv truth_accounts.csv "
               "truth_transactions.csv\n";
  if (vm.count("statements")) {
    std::cout << "bank statements: " << with_thousands(statements.rows - statements.missing_rows)
              << " rows in " << statements.files.size() - 1 << " files under " << dir
              << "/statements/ (" << with_thousands(statements.missing_rows)
              << " rows left out on purpose; truth_statement_rows.csv maps rows to transactions)\n";
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
