#include "scenario/scenario.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "io/load_case.h"
#include "test_support.h"

namespace moneytrail::scenario {
namespace {

ScenarioOptions small_options(std::uint64_t seed = 3) {
  ScenarioOptions o;
  o.accounts = 3000;
  o.transactions = 30000;
  o.groups = 3;
  o.victims = 45;
  o.seed = seed;
  return o;
}

TEST(Scenario, SameSeedSameFilesDifferentSeedDifferentFiles) {
  testing::TempDir dir;
  write_scenario(small_options(), dir.path() / "a");
  write_scenario(small_options(), dir.path() / "b");
  write_scenario(small_options(4), dir.path() / "c");
  for (const char* file : {"transactions.csv", "accounts.csv", "rates.csv", "truth_accounts.csv",
                           "truth_transactions.csv"}) {
    const std::string a = testing::read_file((dir.path() / "a" / file).string());
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, testing::read_file((dir.path() / "b" / file).string())) << file;
  }
  EXPECT_NE(testing::read_file((dir.path() / "a" / "transactions.csv").string()),
            testing::read_file((dir.path() / "c" / "transactions.csv").string()));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "a" / "transactions.csv.partial"));
}

TEST(Scenario, TruthIsConsistentWithTheChains) {
  const Scenario s = generate_scenario(small_options());
  const auto& accounts = s.accounts;
  std::uint64_t laundering = 0;
  // Balance of laundering money per account in processing order: a forward never spends money
  // that has not arrived (money arrives before it leaves).
  std::map<std::uint32_t, double> cny, usdt;
  for (std::size_t i = 0; i < s.transactions.size(); ++i) {
    const Transaction& t = s.transactions[i];
    if (i > 0) {
      EXPECT_LE(s.transactions[i - 1].time, t.time);
    }
    EXPECT_NE(t.from, t.to);
    if (t.stage == Stage::none) continue;
    ++laundering;
    const Account& from = accounts[t.from];
    const Account& to = accounts[t.to];
    ASSERT_LT(t.group, s.options.groups);
    // Every party belongs to the chain's group, except victims' own group tag, shared
    // running-points accounts, the ATMs everyone uses and the gamblers (ordinary people).
    if (t.stage == Stage::collection) {
      EXPECT_EQ(from.profile, Profile::gambler);
      EXPECT_EQ(to.role, Role::running_points);
    } else if (from.role != Role::running_points && to.kind != AccountKind::cash) {
      EXPECT_EQ(from.group, t.group) << to_string(from.role);
    }
    if (to.role != Role::running_points && to.kind != AccountKind::cash) {
      EXPECT_EQ(to.group, t.group) << to_string(to.role);
    }
    if (t.stage == Stage::victim_payment) {
      EXPECT_EQ(from.role, Role::victim);
      // A tier-1 card, or the collection account of a QR code.
      EXPECT_TRUE(to.tier == 1u || to.role == Role::running_points) << to.id;
    } else if (t.stage == Stage::collection || t.stage == Stage::deposit) {
      // A gambler's or the controller's own money.
      EXPECT_EQ(to.role, Role::running_points);
      if (t.stage == Stage::deposit) {
        EXPECT_EQ(from.profile, Profile::controller);
      }
    } else {
      auto& balance = t.paid_usdt ? usdt : cny;
      EXPECT_GE(balance[t.from] + 1e-6, t.amount) << "forward before funds arrived";
      balance[t.from] -= t.amount;
    }
    (t.received_usdt ? usdt : cny)[t.to] += t.received;
    if (t.stage == Stage::otc_conversion) {
      EXPECT_FALSE(t.paid_usdt);
      EXPECT_TRUE(t.received_usdt);
      EXPECT_EQ(t.channel, Channel::exchange_trade);
      const double rate = t.amount / t.received;  // CNY per USDT incl. the OTC spread
      EXPECT_GT(rate, 6.9);
      EXPECT_LT(rate, 7.35 / (1 - 0.008) + 1e-9);
    }
    if (t.stage == Stage::running_points) {
      // A batch of what it collected, less the account's commission.
      const double commission = from.commission;
      EXPECT_GE(commission, 0.01);
      EXPECT_LE(commission, 0.03);
    }
  }
  EXPECT_GT(laundering, 0u);
  EXPECT_LT(laundering * 2, s.transactions.size()) << "laundering must be the minority";
}

TEST(Scenario, RunningPointsCommissionsAddUp) {
  const Scenario s = generate_scenario(small_options(8));
  // Per running-points account: laundering out = what it collected (not the controller's
  // deposits, its float) x (1 - commission), within a cent per forwarded batch.
  std::map<std::uint32_t, double> in, out;
  std::map<std::uint32_t, int> transfers;
  for (const Transaction& t : s.transactions) {
    if (t.stage == Stage::none) continue;
    if (s.accounts[t.to].role == Role::running_points && t.stage != Stage::deposit)
      in[t.to] += t.received;
    if (s.accounts[t.from].role == Role::running_points) {
      out[t.from] += t.amount;
      ++transfers[t.from];
    }
  }
  ASSERT_FALSE(in.empty());
  for (const auto& [rp, received] : in) {
    const double expected = received * (1 - s.accounts[rp].commission);
    EXPECT_NEAR(out[rp], expected, 0.01 * transfers[rp] + 1e-9) << s.accounts[rp].id;
  }
}

TEST(Scenario, EveryVictimReachesACashOutOfItsGroup) {
  const Scenario s = generate_scenario(small_options(11));
  // Time-respecting reachability over laundering transactions, from each victim.
  std::map<std::uint32_t, std::vector<const Transaction*>> by_sender;
  for (const Transaction& t : s.transactions) {
    if (t.stage != Stage::none) by_sender[t.from].push_back(&t);
  }
  std::uint64_t victims = 0;
  for (std::uint32_t v = 0; v < s.accounts.size(); ++v) {
    if (s.accounts[v].role != Role::victim) continue;
    ++victims;
    std::map<std::uint32_t, Timestamp> reached{{v, s.options.start_time - 1}};
    bool cash_out = false;
    for (const Transaction& t : s.transactions) {  // processing order
      if (t.stage == Stage::none) continue;
      auto it = reached.find(t.from);
      if (it == reached.end() || it->second > t.time) continue;
      if (!reached.count(t.to) || reached[t.to] > t.time) reached[t.to] = t.time;
      const Account& to = s.accounts[t.to];
      if ((to.role == Role::cash_out && to.group == s.accounts[v].group) ||
          to.kind == AccountKind::cash)
        cash_out = true;
    }
    EXPECT_TRUE(cash_out) << "victim " << s.accounts[v].id;
  }
  EXPECT_EQ(victims, 45u);
}

TEST(Scenario, FilesLoadWithoutRejectsAndCoverEveryAccount) {
  testing::TempDir dir;
  const ScenarioSummary summary = write_scenario(small_options(), dir.path());
  LoadRequest request;
  request.inputs = {(dir.path() / "transactions.csv").string()};
  request.accounts_files = {(dir.path() / "accounts.csv").string()};
  request.rates_files = {(dir.path() / "rates.csv").string()};
  request.strict = true;
  LoadedCase loaded = load_case(request);
  EXPECT_EQ(loaded.graph.num_transactions(), summary.transactions);
  EXPECT_EQ(loaded.graph.num_accounts(), summary.accounts);  // no account outside accounts.csv
  std::uint64_t labelled = 0;
  for (TxIndex t = 0; t < loaded.graph.num_transactions(); ++t) {
    labelled += loaded.graph.transactions().label[t] == LaunderingLabel::laundering;
  }
  EXPECT_EQ(labelled, summary.laundering_transactions);
  const std::string truth = testing::read_file((dir.path() / "truth_transactions.csv").string());
  EXPECT_EQ(static_cast<std::uint64_t>(std::count(truth.begin(), truth.end(), '\n')),
            summary.laundering_transactions + 1);
  EXPECT_TRUE(loaded.graph.rates().rate("USDT", small_options().start_time).has_value());
}

TEST(Scenario, BadOptionsAreNamed) {
  auto expect_error = [](ScenarioOptions o, const std::string& name) {
    try {
      generate_scenario(o);
      FAIL() << "expected an error naming " << name;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).rfind(name, 0), 0u) << e.what();
    }
  };
  ScenarioOptions o = small_options();
  o.accounts = 0;
  expect_error(o, "accounts");
  o = small_options();
  o.accounts = 50;
  expect_error(o, "accounts");
  o = small_options();
  o.groups = 0;
  expect_error(o, "groups");
  o = small_options();
  o.days = 0;
  expect_error(o, "days");
  o = small_options();
  o.mule_tiers = 9;
  expect_error(o, "mule-tiers");
}

}  // namespace
}  // namespace moneytrail::scenario
