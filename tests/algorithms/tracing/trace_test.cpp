// Hand-computed traces: every expected figure below is worked out in the comment beside it.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

struct Row {
  std::string id;
  Timestamp time;
  std::string from, to;
  double paid;
  double received = -1;  // -1: same as paid
  std::string currency = "CNY";
  std::string received_currency = "";
};

TransactionGraph build(const std::vector<Row>& rows,
                       const std::map<std::string, double>& openings = {},
                       bool with_rates = false) {
  GraphBuilder b;
  for (const Row& r : rows) {
    TransactionInput in;
    in.id = r.id;
    in.timestamp = r.time;
    in.from = r.from;
    in.to = r.to;
    in.amount = r.paid;
    in.received_amount = r.received < 0 ? r.paid : r.received;
    in.currency = r.currency;
    in.received_currency = r.received_currency.empty() ? r.currency : r.received_currency;
    b.add_transaction(in);
  }
  for (const auto& [id, balance] : openings) {
    AccountInput a;
    a.id = id;
    a.opening_balance = balance;
    b.set_account(a);
  }
  if (with_rates) {
    b.add_rate("CNY", 0, 1.0);
    b.add_rate("USDT", 0, 7.0);
  }
  return std::move(b).build();
}

struct Trace {
  ForwardTraceResult result;
  const TransactionGraph* graph;
  double traced(const std::string& id) const {
    for (const auto& t : result.transactions)
      if (graph->transaction_id(t.tx) == id) return t.traced;
    return 0;
  }
  const TracedAccount* account(const std::string& id) const {
    for (const auto& a : result.accounts)
      if (graph->account_id(a.account) == id) return &a;
    return nullptr;
  }
  double held(const std::string& id) const { return account(id) ? account(id)->held : 0; }
};

Trace forward(const TransactionGraph& g, const std::vector<std::string>& seeds, TracePolicy p,
              TraceOptions o = {}) {
  TraceContext context(g);
  std::vector<TxIndex> s;
  for (const auto& id : seeds) s.push_back(*g.find_transaction(id));
  o.policy = p;
  return {trace_forward(context, s, o), &g};
}

// V pays 100 into M at t=10. M already had 50 (opening balance, from O at t=1... stated here via
// an earlier credit U->M 50), then M pays X 60 at t=20 and Y 90 at t=30.
const std::vector<Row> kMule = {{"u", 1, "U", "M", 50},
                                {"v", 10, "V", "M", 100},
                                {"x", 20, "M", "X", 60},
                                {"y", 30, "M", "Y", 90}};

TEST(TraceForward, FifoTakesTheOlderUntracedMoneyFirst) {
  const auto g = build(kMule);
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.traced("x"), 10);  // 50 untraced leave first, then 10 traced
  EXPECT_DOUBLE_EQ(t.traced("y"), 90);
  EXPECT_DOUBLE_EQ(t.held("X"), 10);
  EXPECT_DOUBLE_EQ(t.held("Y"), 90);
  EXPECT_DOUBLE_EQ(t.result.summary.seed_amount, 100);
  EXPECT_DOUBLE_EQ(t.result.summary.held, 100);
  EXPECT_EQ(t.result.summary.max_hop, 2);
}

TEST(TraceForward, LifoAndTaintedFirstSendTheVictimsMoneyFirst) {
  const auto g = build(kMule);
  for (TracePolicy p : {TracePolicy::lifo, TracePolicy::tainted_first}) {
    const Trace t = forward(g, {"v"}, p);
    EXPECT_DOUBLE_EQ(t.traced("x"), 60);
    EXPECT_DOUBLE_EQ(t.traced("y"), 40);
  }
}

TEST(TraceForward, TaintedLastKeepsTracedMoneyUntilNothingElseIsLeft) {
  const auto g = build(kMule);
  const Trace t = forward(g, {"v"}, TracePolicy::tainted_last);
  EXPECT_DOUBLE_EQ(t.traced("x"), 10);  // 50 untraced, then 10 of the 100
  EXPECT_DOUBLE_EQ(t.traced("y"), 90);
}

TEST(TraceForward, HaircutCarriesTheTracedShare) {
  const auto g = build(kMule);
  const Trace t = forward(g, {"v"}, TracePolicy::haircut);
  EXPECT_DOUBLE_EQ(t.traced("x"), 60 * 100.0 / 150);  // 40
  EXPECT_DOUBLE_EQ(t.traced("y"), 90 * 60.0 / 90);    // the 90 left hold 60 traced
  EXPECT_DOUBLE_EQ(t.result.summary.held, 100);
}

TEST(TraceForward, PoisonTaintsEveryLaterDebit) {
  const auto g = build(kMule);
  const Trace t = forward(g, {"v"}, TracePolicy::poison);
  EXPECT_DOUBLE_EQ(t.traced("x"), 60);
  EXPECT_DOUBLE_EQ(t.traced("y"), 90);
  EXPECT_TRUE(std::isnan(t.result.summary.held));
}

TEST(TraceForward, MoneyArrivingAfterATransferIsNotCarriedByIt) {
  // M pays X at t=5, before the victim's money arrives at t=10: X gets nothing traced.
  const auto g =
      build({{"x", 5, "M", "X", 30}, {"v", 10, "V", "M", 100}, {"y", 20, "M", "Y", 100}});
  for (TracePolicy p : {TracePolicy::fifo, TracePolicy::haircut, TracePolicy::poison}) {
    const Trace t = forward(g, {"v"}, p);
    EXPECT_EQ(t.traced("x"), 0);
    EXPECT_DOUBLE_EQ(t.traced("y"), 100);
  }
}

TEST(TraceForward, EqualTimestampsFollowInputOrder) {
  // All at t=10: v then y in input order, so y carries the money; x comes first and does not.
  const auto g =
      build({{"x", 10, "M", "X", 30}, {"v", 10, "V", "M", 100}, {"y", 10, "M", "Y", 100}});
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_EQ(t.traced("x"), 0);
  EXPECT_DOUBLE_EQ(t.traced("y"), 100);  // x spent the 30 M had; y carries the victim's 100
}

TEST(TraceForward, StatedOpeningBalanceIsTheOldestLot) {
  const auto g = build({{"v", 10, "V", "M", 100}, {"x", 20, "M", "X", 80}}, {{"M", 200}});
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_EQ(t.traced("x"), 0);  // 80 of the 200 opening balance
  EXPECT_DOUBLE_EQ(t.held("M"), 100);
}

TEST(TraceForward, RunningPointsAccountKeepsItsCommission) {
  // 1000 in, forwards 980 (2 % kept): 20 traced stays held by R.
  const auto g = build({{"v", 1, "V", "R", 1000}, {"f", 2, "R", "O", 980}});
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.held("R"), 20);
  EXPECT_DOUBLE_EQ(t.held("O"), 980);
  EXPECT_DOUBLE_EQ(t.result.summary.fees, 0);
}

TEST(TraceForward, FeesAreTheTracedDifferenceBetweenPaidAndReceived) {
  const auto g = build({{"v", 1, "V", "M", 1000}, {"f", 2, "M", "O", 1000, 990}});
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.result.summary.fees, 10);
  EXPECT_DOUBLE_EQ(t.result.summary.held + t.result.summary.fees, 1000);
}

TEST(TraceForward, ConversionToUsdtValuesReceivedMoneyAtTheRate) {
  // 7070 CNY buys 1000 USDT (rate 7): worth 7000, so 70 is the desk's spread (a fee); the USDT
  // then moves on whole.
  const auto g = build({{"v", 1, "V", "D", 7070},
                        {"c", 2, "D", "W", 7070, 1000, "CNY", "USDT"},
                        {"h", 3, "W", "W2", 1000, -1, "USDT"}},
                       {}, true);
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.traced("h"), 1000);  // paid currency: USDT
  EXPECT_NEAR(t.held("W2"), 7000, 1e-9);  // trace currency: CNY
  EXPECT_NEAR(t.result.summary.fees, 70, 1e-9);
  EXPECT_EQ(t.result.currency, "CNY");
}

TEST(TraceForward, ACycleBackIntoAnEarlierAccountIsFollowed) {
  // A -> B -> C -> A, then A pays D: the money that came back leaves again.
  const auto g = build({{"v", 1, "V", "A", 100},
                        {"ab", 2, "A", "B", 100},
                        {"bc", 3, "B", "C", 100},
                        {"ca", 4, "C", "A", 100},
                        {"ad", 5, "A", "D", 100}});
  const Trace t = forward(g, {"v"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.traced("ad"), 100);
  EXPECT_EQ(t.result.transactions.back().hop, 5);
  EXPECT_DOUBLE_EQ(t.held("D"), 100);
  EXPECT_EQ(t.account("A")->first_hop, 1);
}

TEST(TraceForward, MaxHopsStopsMoneyWhereItIs) {
  const auto g =
      build({{"v", 1, "V", "A", 100}, {"ab", 2, "A", "B", 100}, {"bc", 3, "B", "C", 100}});
  TraceOptions o;
  o.max_hops = 2;
  const Trace t = forward(g, {"v"}, TracePolicy::fifo, o);
  EXPECT_DOUBLE_EQ(t.traced("ab"), 100);
  EXPECT_EQ(t.traced("bc"), 0);
  EXPECT_DOUBLE_EQ(t.held("B"), 100);  // stopped after 2 hops: held at B though B paid it on
}

TEST(TraceForward, WindowStopsMoneyThatSatTooLong) {
  const auto g = build({{"v", 0, "V", "A", 100}, {"ab", 7200, "A", "B", 100}});
  TraceOptions o;
  o.window = 3600;
  const Trace t = forward(g, {"v"}, TracePolicy::fifo, o);
  EXPECT_EQ(t.traced("ab"), 0);
  EXPECT_DOUBLE_EQ(t.held("A"), 100);
}

TEST(TraceForward, ASeedTakingTracedMoneyBringsInOnlyTheRest) {
  // Seeds v (V->A 100) and a (A->B 150, A had 50 of its own): a's debit under fifo takes the
  // 50 opening then 100 traced; the seed brings in 150 - 100 = 50 new traced money.
  const auto g = build({{"o", 0, "X", "A", 50}, {"v", 1, "V", "A", 100}, {"a", 2, "A", "B", 150}});
  const Trace t = forward(g, {"v", "a"}, TracePolicy::fifo);
  EXPECT_DOUBLE_EQ(t.result.summary.seed_amount, 150);
  EXPECT_DOUBLE_EQ(t.traced("a"), 150);
  EXPECT_DOUBLE_EQ(t.result.summary.held, 150);
}

TEST(TraceForward, MixedCurrencyAccountWithoutRatesIsAnError) {
  const auto g =
      build({{"v", 1, "V", "E", 100}, {"u", 2, "Z", "E", 10, -1, "USDT"}, {"e", 3, "E", "F", 50}});
  TraceContext context(g);
  const TxIndex seed = *g.find_transaction("v");
  EXPECT_THROW(trace_forward(context, std::span<const TxIndex>(&seed, 1), {}), TraceError);
  TraceOptions bad;
  bad.max_hops = 0;
  EXPECT_THROW(trace_forward(context, std::span<const TxIndex>(&seed, 1), bad), TraceError);
}

TEST(TraceForward, PathsFollowTheWidestRoute) {
  const auto g = build({{"v", 1, "V", "A", 100},
                        {"ab", 2, "A", "B", 70},
                        {"ac", 3, "A", "C", 30},
                        {"bd", 4, "B", "D", 70}});
  TraceOptions o;
  o.paths = 2;
  const Trace t = forward(g, {"v"}, TracePolicy::fifo, o);
  ASSERT_EQ(t.result.paths.size(), 2u);
  EXPECT_DOUBLE_EQ(t.result.paths[0].value, 70);
  EXPECT_EQ(t.result.paths[0].transactions.size(), 3u);  // v, ab, bd
  EXPECT_DOUBLE_EQ(t.result.paths[1].value, 30);
}

TEST(TraceBackward, DecomposesATargetByOrigin) {
  // M received 50 from U (t=1) and 100 from V (t=10), paid X 60 (t=20). Under fifo the 60 is
  // 50 from U and 10 from V; under haircut 20 from U and 40 from V.
  const auto g = build(kMule);
  TraceContext context(g);
  const TxIndex target = *g.find_transaction("x");
  for (auto [policy, from_u, from_v] :
       {std::tuple{TracePolicy::fifo, 50.0, 10.0}, std::tuple{TracePolicy::haircut, 20.0, 40.0},
        std::tuple{TracePolicy::lifo, 0.0, 60.0}}) {
    TraceOptions o;
    o.policy = policy;
    const BackwardTraceResult r = trace_backward(context, target, o);
    std::map<std::string, double> origin;
    for (const auto& e : r.origins) origin[std::string(g.account_id(e.account))] += e.amount;
    EXPECT_NEAR(origin["U"], from_u, 1e-9) << to_string(policy);
    EXPECT_NEAR(origin["V"], from_v, 1e-9) << to_string(policy);
    EXPECT_DOUBLE_EQ(r.summary.seed_amount, 60);
  }
}

TEST(TraceBackward, OpeningBalanceAndHopsAreOrigins) {
  // A starts with 40 of its own (its smallest feasible balance), receives 60 from B, who got it
  // from C; A pays T 100. With max_hops 1 the origin is B; without a limit, C.
  const auto g = build({{"cb", 1, "C", "B", 60}, {"ba", 2, "B", "A", 60}, {"t", 3, "A", "T", 100}});
  TraceContext context(g);
  const TxIndex target = *g.find_transaction("t");
  TraceOptions o;
  const BackwardTraceResult all = trace_backward(context, target, o);
  std::map<std::string, double> origin;
  for (const auto& e : all.origins) {
    origin[std::string(g.account_id(e.account)) + ":" + std::string(to_string(e.status))] +=
        e.amount;
  }
  EXPECT_NEAR(origin["A:opening_balance"], 40, 1e-9);
  EXPECT_NEAR(origin["C:opening_balance"], 60, 1e-9);  // C paid what it had
  o.max_hops = 1;
  const BackwardTraceResult near = trace_backward(context, target, o);
  origin.clear();
  for (const auto& e : near.origins) origin[std::string(g.account_id(e.account))] += e.amount;
  EXPECT_NEAR(origin["B"], 60, 1e-9);
}

}  // namespace
}  // namespace moneytrail
