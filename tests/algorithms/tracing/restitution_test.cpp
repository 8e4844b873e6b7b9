// Restitution on a hand-computed case: every expected figure is worked out beside it.
#include "algorithms/tracing/restitution.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/graph_builder.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

// V1 pays 100 and V2 pays 50 into the mule card M1 (which holds nothing before); M1 forwards 120
// to M2, M2 takes 120 out at the ATM, and M1 sends 25 to the card X that never pays anything
// out. Under fifo, M1's 120 takes V1's 100 then 20 of V2's 50; its 25 takes 25 more of V2's;
// 5 of V2's stay on M1. So V1: 100 cashed out; V2: 20 cashed out, 25 left the data, 5 held.
TransactionGraph two_victims() {
  GraphBuilder b;
  testing::add_hops(b, {{"P1", 100, "V1", "M1", 100},
                        {"P2", 200, "V2", "M1", 50},
                        {"F1", 300, "M1", "M2", 120},
                        {"F2", 400, "M1", "X", 25},
                        {"C1", 500, "M2", "ATM", 120}});
  for (const char* id : {"V1", "V2"}) {
    AccountInput a;
    a.id = id;
    a.kind = AccountKind::bank_card;
    a.labels = kLabelVictim;
    a.opening_balance = 1000;
    b.set_account(a);
  }
  AccountInput atm;
  atm.id = "ATM";
  atm.kind = AccountKind::cash;
  b.set_account(atm);
  return std::move(b).build();
}

const ConvergencePoint& point(const TransactionGraph& g, const RestitutionResult& r,
                              const char* id) {
  for (const ConvergencePoint& p : r.accounts)
    if (g.account_id(p.account) == id) return p;
  throw std::runtime_error(std::string("no convergence point ") + id);
}

TEST(Restitution, SplitsEachVictimsMoneyByWhereItStopped) {
  const TransactionGraph g = two_victims();
  const TraceContext context(g);
  const auto victims = victim_seed_sets(context, kLabelVictim, kNoTime, kNoTime);
  ASSERT_EQ(victims.size(), 2u);
  const RestitutionResult r = restitution(context, victims, {});
  ASSERT_EQ(r.victims.size(), 2u);
  const VictimRestitution& v1 = r.victims[0];
  const VictimRestitution& v2 = r.victims[1];
  EXPECT_EQ(g.account_id(v1.victim), "V1");
  EXPECT_DOUBLE_EQ(v1.amount, 100);
  EXPECT_DOUBLE_EQ(v1.cashed_out, 100);
  EXPECT_DOUBLE_EQ(v1.held, 0);
  EXPECT_DOUBLE_EQ(v1.left_data, 0);
  ASSERT_EQ(v1.holdings.size(), 1u);
  EXPECT_EQ(g.account_id(v1.holdings[0].account), "ATM");
  EXPECT_EQ(v1.holdings[0].last_seen, 500);

  EXPECT_DOUBLE_EQ(v2.amount, 50);
  EXPECT_DOUBLE_EQ(v2.cashed_out, 20);
  EXPECT_DOUBLE_EQ(v2.left_data, 25);
  EXPECT_DOUBLE_EQ(v2.held, 5);
  EXPECT_DOUBLE_EQ(v2.held + v2.cashed_out + v2.left_data + v2.fees, v2.amount);
  ASSERT_EQ(v2.holdings.size(), 3u);  // X 25, ATM 20, M1 5: largest first
  EXPECT_EQ(g.account_id(v2.holdings[0].account), "X");
  EXPECT_EQ(v2.holdings[0].status, EndpointStatus::left_data);
  EXPECT_EQ(g.account_id(v2.holdings[2].account), "M1");
  EXPECT_EQ(v2.holdings[2].status, EndpointStatus::held);
  EXPECT_EQ(v2.holdings[2].last_seen, 200);

  // M1, M2 and the ATM got money of both victims; X of V2 only. The ATM holds both victims'
  // cash-outs (120), M1 only V2's 5; M2 passed everything on.
  const ConvergencePoint& atm = point(g, r, "ATM");
  EXPECT_EQ(atm.victims, 2u);
  EXPECT_EQ(atm.holding_victims, 2u);
  EXPECT_DOUBLE_EQ(atm.held, 120);
  EXPECT_EQ(atm.status, EndpointStatus::cashed_out);
  const ConvergencePoint& m1 = point(g, r, "M1");
  EXPECT_EQ(m1.victims, 2u);
  EXPECT_EQ(m1.holding_victims, 1u);
  EXPECT_DOUBLE_EQ(m1.received, 150);
  EXPECT_DOUBLE_EQ(m1.held, 5);
  const ConvergencePoint& m2 = point(g, r, "M2");
  EXPECT_FALSE(m2.status.has_value());
  EXPECT_DOUBLE_EQ(m2.held, 0);
  EXPECT_EQ(point(g, r, "X").victims, 1u);
  // Sorted by victims, then held: ATM (2, 120), M1 (2, 5), M2 (2, 0), X (1, 25).
  ASSERT_EQ(r.accounts.size(), 4u);
  EXPECT_EQ(g.account_id(r.accounts[0].account), "ATM");
  EXPECT_EQ(g.account_id(r.accounts[1].account), "M1");
  EXPECT_EQ(g.account_id(r.accounts[3].account), "X");
  EXPECT_EQ(r.summary.shared_accounts, 3u);
  EXPECT_EQ(r.summary.shared_holding_accounts, 1u);
  EXPECT_DOUBLE_EQ(r.summary.amount, 150);
  EXPECT_DOUBLE_EQ(r.summary.cashed_out, 120);
}

TEST(Restitution, UntilHoldsMoneyWhereItWasThen) {
  const TransactionGraph g = two_victims();
  const TraceContext context(g);
  RestitutionOptions options;
  options.trace.until = 350;  // after F1, before F2 and the cash-out
  const RestitutionResult r =
      restitution(context, victim_seed_sets(context, kLabelVictim, kNoTime, 350), options);
  EXPECT_DOUBLE_EQ(r.victims[0].held, 100);  // on M2
  EXPECT_DOUBLE_EQ(r.victims[1].held, 50);   // 20 on M2, 30 on M1
  EXPECT_DOUBLE_EQ(point(g, r, "M2").held, 120);
}

TEST(Restitution, SameForAnyThreadCountAndBatchSize) {
  const TransactionGraph g = two_victims();
  const TraceContext context(g);
  const auto victims = victim_seed_sets(context, kLabelVictim, kNoTime, kNoTime);
  RestitutionOptions one;
  one.threads = 1;
  one.batch = 1;
  RestitutionOptions two;
  two.threads = 2;
  const RestitutionResult a = restitution(context, victims, one);
  const RestitutionResult b = restitution(context, victims, two);
  ASSERT_EQ(a.accounts.size(), b.accounts.size());
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_EQ(a.accounts[i].account, b.accounts[i].account);
    EXPECT_EQ(a.accounts[i].held, b.accounts[i].held);
  }
}

TEST(Restitution, RefusesPoisonAndEmptySeedSets) {
  const TransactionGraph g = two_victims();
  const TraceContext context(g);
  RestitutionOptions poison;
  poison.trace.policy = TracePolicy::poison;
  EXPECT_THROW(restitution(context, {{0}}, poison), TraceError);
  EXPECT_THROW(restitution(context, {{}}, {}), TraceError);
}

}  // namespace
}  // namespace moneytrail
