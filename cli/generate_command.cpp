// moneytrail generate -o DIR: a deterministic laundering scenario with ground truth.
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/csv/field_parsers.h"
#include "io/report/report_text.h"
#include "scenario/scenario.h"

namespace moneytrail::cli {
namespace {

void generate_options(OptionGroups& groups) {
  const scenario::ScenarioOptions d;
  po::options_description group("generate options");
  auto add = group.add_options();
  add("output,o", text_value("DIR"), "the directory to write the scenario into");
  add("accounts", count_value("accounts", d.accounts, 100, 1u << 31), "accounts in total");
  add("transactions", count_value("transactions", d.transactions, 100, 4000000000u),
      "transactions in total (laundering chains plus background)");
  add("groups", count_value("groups", d.groups, 1, 100000), "fraud groups");
  add("victims", count_value("victims", d.victims, 1, 100000000), "victims in total");
  add("seed", count_value("seed", d.seed, 0, UINT64_MAX), "random seed");
  add("days", count_value("days", d.days, 1, 3650), "days covered");
  add("start", text_value("DATE")->default_value("2026-01-01"), "first day (UTC)");
  add("mule-tiers", count_value("mule-tiers", d.mule_tiers, 1, 20),
      "tiers of mule cards between victims and running-points accounts");
  add("camouflage",
      "add legitimate fast movers (payroll cards, topped-up wallets, traders, employers, honest "
      "OTC desks) and give mule cards an ordinary life");
  add("statements",
      "also write the scenario as bank statements, one file per bank, in DIR/statements/");
  groups.push_back({"generate options", group});
}

int run_generate(const Call& call) {
  if (!call.has("output")) throw UsageError("give the directory to write: -o DIR");
  const std::string dir = call.text("output");
  if (dir == "-") throw UsageError("-o: a scenario is several files; give a directory");
  scenario::ScenarioOptions o;
  o.accounts = call.count("accounts");
  o.transactions = call.count("transactions");
  o.groups = static_cast<std::uint32_t>(call.count("groups"));
  o.victims = static_cast<std::uint32_t>(call.count("victims"));
  o.seed = call.count("seed");
  o.days = static_cast<std::uint32_t>(call.count("days"));
  o.mule_tiers = static_cast<std::uint32_t>(call.count("mule-tiers"));
  o.camouflage = call.has("camouflage");
  const auto start = parse_timestamp(call.text("start"));
  if (!start) throw UsageError("--start '" + call.text("start") + "' is not a date");
  o.start_time = *start;
  const scenario::Scenario s = scenario::generate_scenario(o);
  scenario::write_scenario_files(s, dir);
  const scenario::ScenarioSummary summary = scenario::summarize(s);
  report_written(call, dir,
                 with_thousands(summary.accounts) + " accounts, " +
                     with_thousands(summary.transactions) + " transactions, " +
                     with_thousands(summary.laundering_transactions) + " laundering, " +
                     with_thousands(summary.victims) + " victims in " + std::to_string(o.groups) +
                     " groups: transactions.csv accounts.csv rates.csv truth_accounts.csv "
                     "truth_transactions.csv");
  if (call.has("statements")) {
    const scenario::StatementSummary statements = scenario::write_statements(s, dir);
    report_written(call, dir + "/statements/",
                   with_thousands(statements.rows - statements.missing_rows) + " rows in " +
                       std::to_string(statements.files.size() - 1) + " bank files; " +
                       with_thousands(statements.missing_rows) +
                       " rows left out on purpose; truth_statement_rows.csv maps rows to "
                       "transactions");
  }
  return kExitOk;
}

}  // namespace

const CommandSpec kGenerateCommand = {
    "generate",
    "write a deterministic synthetic laundering scenario with ground truth",
    "-o DIR [OPTIONS]",
    "Writes a telecom-fraud scenario: victims paying first-tier mule cards, split and forwarded "
    "through further tiers and running-points collection accounts into cash-outs and USDT, over "
    "a background of ordinary payments; with the truth of which accounts and transactions are "
    "laundering. The same seed gives the same files, byte for byte. For testing and learning "
    "the tool: judge detection on data you did not generate (docs/scoring.md).",
    {{"generate -o case", "the default scenario (about 20,000 accounts)"},
     {"generate --accounts 1000000 --transactions 10000000 -o big", "the 10M benchmark case"},
     {"generate --camouflage --statements --seed 7 -o hard",
      "mule cards with ordinary lives, and the same data as bank statements"}},
    generate_options,
    false,
    run_generate};

}  // namespace moneytrail::cli
