// The evidence the calibrated score counts, on hand-built cases worked out in the comments: the
// data's time step, unusual amounts, repeats, first-in-first-out forwarding and the chance of it,
// victims' money, the running-points detector.
#include <gtest/gtest.h>

#include <cmath>

#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/time_resolution.h"
#include "algorithms/scoring/transaction_evidence.h"
#include "algorithms/scoring/typologies.h"
#include "algorithms/scoring/victim_money.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

struct Tx {
  std::string from, to;
  double amount;
  Timestamp time;
};

// Transactions t0, t1, ... between bank cards; `victims` are labelled victim.
TransactionGraph build(const std::vector<Tx>& rows, const std::vector<std::string>& victims = {}) {
  GraphBuilder b;
  std::vector<std::string> ids;  // TransactionInput holds views: the strings must outlive it
  for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back("t" + std::to_string(i));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    TransactionInput in;
    in.id = ids[i];
    in.timestamp = rows[i].time;
    in.from = rows[i].from;
    in.to = rows[i].to;
    in.amount = in.received_amount = rows[i].amount;
    in.currency = "CNY";
    in.from_kind = in.to_kind = AccountKind::bank_card;
    b.add_transaction(in);
  }
  for (const std::string& v : victims) {
    AccountInput a;
    a.id = v;
    a.kind = AccountKind::bank_card;
    a.labels = kLabelVictim;
    b.set_account(a);
  }
  return std::move(b).build();
}

VertexId id(const TransactionGraph& g, const char* name) { return *g.find_account(name); }
TxIndex tx(const TransactionGraph& g, const char* name) { return *g.find_transaction(name); }

TEST(TimeResolution, DaysMinutesAndSecondsAreTold) {
  const Timestamp day0 = 1483228800;  // 2017-01-01, AMLSim's base date
  EXPECT_EQ(infer_time_resolution(build({{"a", "b", 1, day0},
                                         {"b", "c", 1, day0 + 86400},
                                         {"c", "a", 1, day0 + 5 * 86400}}))
                .seconds,
            86400);
  EXPECT_EQ(infer_time_resolution(build({{"a", "b", 1, day0 + 60},
                                         {"b", "c", 1, day0 + 3660},
                                         {"c", "a", 1, day0 + 86400 + 120}}))
                .seconds,
            60);
  EXPECT_EQ(
      infer_time_resolution(
          build({{"a", "b", 1, day0 + 1}, {"b", "c", 1, day0 + 62}, {"c", "a", 1, day0 + 3600}}))
          .seconds,
      1);
  // Hours, starting at a local midnight (not a UTC one): the grid is from the first time.
  EXPECT_EQ(
      infer_time_resolution(build({{"a", "b", 1, day0 - 8 * 3600}, {"b", "c", 1, day0 + 3 * 3600}}))
          .seconds,
      3600);
  EXPECT_EQ(describe(TimeResolution{86400, 1}), "1 day");
  EXPECT_EQ(at_least_one_step(6 * 3600.0, TimeResolution{86400, 1}), 86400.0);
}

TEST(TransactionEvidence, FirstInFirstOutForwardingAndItsChance) {
  // m gets 100 from a at 0 and 300 from b at 1000; pays 250 to c at 2000 and 150 to d at
  // 30,000. First in, first out: the 250 takes a's 100 (forwarded within 6 h) and 150 of b's
  // 300; the 150 at 30,000 takes the rest of b's, 29,000 s after it arrived (too late). Shares:
  // a's credit 1.0, b's 0.5 -> both forwarded (at least half).
  const TransactionGraph g = build(
      {{"a", "m", 100, 0}, {"b", "m", 300, 1000}, {"m", "c", 250, 2000}, {"m", "d", 150, 30000}});
  const TransactionEvidence e = transaction_evidence(g, base_values(g));
  EXPECT_FLOAT_EQ(e.forwarded_share[tx(g, "t0")], 1.0f);
  EXPECT_FLOAT_EQ(e.forwarded_share[tx(g, "t1")], 0.5f);
  EXPECT_TRUE(e.flags[tx(g, "t1")] & kForwarded);
  EXPECT_FALSE(e.flags[tx(g, "t2")] & kForwarded);  // c never pays on
  // m's span is 0..30,000 (+1 s step); its debits' windows [2000 - 21600, 2001) and
  // [30000 - 21600, 30001), clipped at 0: 2001 + 21601 = 23602 of 30001 s.
  EXPECT_NEAR(e.forward_chance[id(g, "m")], 23602.0 / 30001.0, 1e-6);
  EXPECT_EQ(e.forward_chance[id(g, "c")], 0.0f);
  // Paying the money back to its payer is not forwarding it.
  const TransactionGraph back = build({{"a", "m", 100, 0}, {"m", "a", 100, 60}});
  EXPECT_EQ(transaction_evidence(back, base_values(back)).forwarded_share[0], 0.0f);
}

TEST(TransactionEvidence, RepeatsAndUnusualAmounts) {
  // Twenty ordinary payments of 100-290 and one of 5: log amounts median ln(200), median absolute
  // deviation about 0.26; 5 lies 3.7 below: over 3.5 x 1.4826 x 0.26 = 1.35 away, unusual. p
  // pays q twice within a day (a repeat), then again two days later (not one).
  std::vector<Tx> rows;
  for (int i = 0; i < 20; ++i)
    rows.push_back({"u" + std::to_string(i), "v" + std::to_string(i), 100.0 + 10 * i, 1000 + i});
  rows.push_back({"p", "q", 5, 5000});
  rows.push_back({"p", "q", 210, 9000});
  rows.push_back({"p", "q", 200, 9000 + 2 * 86400});
  const TransactionGraph g = build(rows);
  const TransactionEvidence e = transaction_evidence(g, base_values(g));
  EXPECT_TRUE(e.flags[tx(g, "t20")] & kUnusualAmount);
  for (int i = 0; i < 20; ++i)
    EXPECT_FALSE(e.flags[tx(g, ("t" + std::to_string(i)).c_str())] & kUnusualAmount) << i;
  EXPECT_FALSE(e.flags[tx(g, "t20")] & kRepeatedTransfer);
  EXPECT_TRUE(e.flags[tx(g, "t21")] & kRepeatedTransfer);
  EXPECT_FALSE(e.flags[tx(g, "t22")] & kRepeatedTransfer);
  TransactionEvidenceOptions bad;
  bad.forward_share = 0;
  EXPECT_THROW(transaction_evidence(g, base_values(g), bad), std::invalid_argument);
}

TEST(VictimMoney, HaircutFromTheScamPaymentsOnly) {
  // Victim v pays m 1000 (the scam, weight 1) and shop s 50 (weight 0). m, which also got 1000
  // of its own from o, pays 500 to x: half of what m holds is victims' money, so 250 of it.
  // x then pays 100 to y: all of x's money is the 500, half victims' -> 50.
  const TransactionGraph g = build({{"v", "m", 1000, 0},
                                    {"v", "s", 50, 10},
                                    {"o", "m", 1000, 20},
                                    {"m", "x", 500, 30},
                                    {"x", "y", 100, 40}});
  std::vector<float> weight(g.num_transactions(), 0.0f);
  weight[tx(g, "t0")] = 1.0f;
  const VictimMoney r = trace_victim_money(g, base_values(g), weight);
  EXPECT_DOUBLE_EQ(r.received[id(g, "m")], 1000);
  EXPECT_DOUBLE_EQ(r.received[id(g, "s")], 0);
  EXPECT_DOUBLE_EQ(r.received[id(g, "x")], 250);
  EXPECT_DOUBLE_EQ(r.received[id(g, "y")], 50);
  EXPECT_DOUBLE_EQ(r.passed_on[id(g, "m")], 250);
  EXPECT_EQ(r.victims_reached[id(g, "y")], 1u);
  EXPECT_FLOAT_EQ(r.tainted_share[tx(g, "t3")], 0.5f);
  weight[tx(g, "t1")] = 2.0f;
  EXPECT_THROW(trace_victim_money(g, base_values(g), weight), std::invalid_argument);
}

TEST(RunningPoints, CollectionAccountWithCommissionAndController) {
  // c collects 30 payments of 100-390 from 15 payers (two each), plus a 5,000 deposit from k;
  // after every ten payments it forwards their sum less 2 % to desk z within ten minutes.
  std::vector<Tx> rows;
  rows.push_back({"k", "c", 5000, 0});
  Timestamp t = 100;
  double batch = 0;
  for (int i = 0; i < 30; ++i, t += 600) {
    const double amount = 100 + 10 * i;
    rows.push_back({"p" + std::to_string(i % 15), "c", amount, t});
    batch += amount;
    if (i % 10 == 9) {
      rows.push_back({"c", "z", batch * 0.98, t + 300});
      batch = 0;
    }
  }
  const TransactionGraph g = build(rows);
  TypologyOptions o;
  o.enabled.fill(false);
  o.enabled[static_cast<int>(Typology::running_points)] = true;
  const TypologyResult r = detect_typologies(g, FlowView::build(g), base_values(g), o);
  ASSERT_EQ(r.counts[static_cast<int>(Typology::running_points)], 1u);
  const TypologyHit& hit = r.hits[0];
  EXPECT_EQ(hit.accounts[0], id(g, "c"));
  ASSERT_EQ(hit.controllers.size(), 1u);
  EXPECT_EQ(hit.controllers[0], id(g, "k"));
  EXPECT_EQ(hit.accounts[1], id(g, "k"));
  EXPECT_NEAR(hit.kept_share, 0.02, 1e-9);
  // The first batch also holds the deposit, so forwards a smaller share: 2 of 3 are steady.
  EXPECT_DOUBLE_EQ(hit.steady_batches, 2.0 / 3.0);
  EXPECT_EQ(r.per_account[id(g, "k")][static_cast<int>(Typology::running_points)], 1u);
  // Keeping a fifth is no commission: not a collection account.
  for (auto& row : rows)
    if (row.from == "c") row.amount *= 0.8 / 0.98;
  const TransactionGraph greedy = build(rows);
  EXPECT_EQ(detect_typologies(greedy, FlowView::build(greedy), base_values(greedy), o)
                .counts[static_cast<int>(Typology::running_points)],
            0u);
}

TEST(AccountScoring, VictimsScoreZeroAndScamPaymentsAreFound) {
  // Three victims each pay card m; m forwards everything to n within minutes; background
  // accounts pay each other slowly.
  std::vector<Tx> rows;
  for (int i = 0; i < 40; ++i)
    rows.push_back(
        {"b" + std::to_string(i), "b" + std::to_string((i + 1) % 40), 100.0 + i, i * 7200});
  rows.push_back({"v1", "m", 5000, 1000});
  rows.push_back({"v2", "m", 7000, 2000});
  rows.push_back({"v3", "m", 6000, 3000});
  rows.push_back({"m", "n", 18000, 3600});
  const TransactionGraph g = build(rows, {"v1", "v2", "v3"});
  const AccountScoring run = score_accounts(g, FlowView::build(g));
  EXPECT_EQ(run.scores.score[id(g, "v1")], 0.0);
  const VertexId m = id(g, "m");
  for (VertexId v = 0; v < g.num_accounts(); ++v) {
    if (v == m) continue;
    EXPECT_LT(run.scores.score[v], run.scores.score[m]) << g.account_id(v);
  }
  EXPECT_EQ(run.features.column(m, Feature::victim_payers), 3);
  EXPECT_EQ(run.typologies.counts[static_cast<int>(Typology::scam_payment)], 3u);
  EXPECT_NEAR(run.features.column(id(g, "n"), Feature::victim_money_share), 1.0, 1e-9);
  EXPECT_EQ(run.features.column(id(g, "n"), Feature::victims_reached), 3);
}

}  // namespace
}  // namespace moneytrail
