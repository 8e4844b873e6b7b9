#include "scenario/scenario.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "graph/option_error.h"
#include "scenario/traffic.h"

namespace moneytrail::scenario {

std::string_view to_string(Role role) {
  static constexpr std::string_view kNames[] = {
      "normal", "victim", "mule", "running_points", "otc", "crypto_hop", "cash_out", "organiser"};
  return kNames[static_cast<int>(role)];
}

std::string_view to_string(Stage stage) {
  static constexpr std::string_view kNames[] = {
      "",           "victim_payment", "mule_forward", "running_points", "otc_conversion",
      "crypto_hop", "organiser_cut",  "cash_out",     "collection",     "deposit"};
  return kNames[static_cast<int>(stage)];
}

std::string_view to_string(Profile profile) {
  static constexpr std::string_view kNames[] = {
      "",       "payroll_card", "savings",    "wallet",  "wallet_funder",
      "trader", "employer",     "honest_otc", "gambler", "controller"};
  return kNames[static_cast<int>(profile)];
}

Scenario generate_scenario(const ScenarioOptions& options) {
  if (options.victims > 0 && options.groups == 0) throw OptionError("groups", "must be at least 1");
  Scenario s;
  s.options = options;
  // Independent streams, so adding background rows never changes the laundering chains.
  Random population_random(options.seed ^ 0x1001);
  Random rate_random(options.seed ^ 0x2002);
  Random chain_random(options.seed ^ 0x3003);
  Random background_random(options.seed ^ 0x4004);
  Random camouflage_random(options.seed ^ 0x5005);
  const Population population = build_population(options, population_random, s.accounts);
  double rate = 7.1;
  for (std::uint32_t d = 0; d < options.days + 30; ++d) {  // chains may run past the last day
    s.usdt_rate.push_back(std::round(rate * 10000) / 10000);
    rate = std::clamp(rate + rate_random.uniform(-0.02, 0.02), 6.9, 7.35);
  }
  generate_laundering(s, population, chain_random, s.transactions);
  std::uint64_t reserved = 0;  // rows the employers' funding will take
  if (options.camouflage) {
    generate_camouflage(s, population, camouflage_random, s.transactions);
    std::uint64_t pay_days = 0;
    for (std::uint32_t day = 9; day < options.days; day += 30) ++pay_days;
    reserved = pay_days * population.employers.size();
  }
  const std::uint64_t used = s.transactions.size() + reserved;
  const std::uint64_t background = options.transactions > used ? options.transactions - used : 0;
  generate_background(s, population, background, background_random, s.transactions);
  if (options.camouflage) fund_employers(s, population, s.transactions);
  std::sort(s.transactions.begin(), s.transactions.end(),
            [](const Transaction& a, const Transaction& b) {
              return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
            });
  return s;
}

ScenarioSummary summarize(const Scenario& s) {
  ScenarioSummary summary;
  summary.accounts = s.accounts.size();
  summary.transactions = s.transactions.size();
  summary.laundering_per_group.assign(s.options.groups, 0);
  for (const Transaction& t : s.transactions) {
    if (t.stage == Stage::none) continue;
    ++summary.laundering_transactions;
    ++summary.laundering_per_group[t.group];
  }
  for (const Account& a : s.accounts) summary.victims += a.role == Role::victim;
  summary.files = {"transactions.csv", "accounts.csv", "rates.csv", "truth_accounts.csv",
                   "truth_transactions.csv"};
  return summary;
}

ScenarioSummary write_scenario(const ScenarioOptions& options, const std::filesystem::path& dir) {
  const Scenario s = generate_scenario(options);
  write_scenario_files(s, dir);
  return summarize(s);
}

}  // namespace moneytrail::scenario
