// Flow blocks and the mule-cluster report on small hand-built cases; every figure is worked out
// by hand in the comments.
#include <gtest/gtest.h>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/flow_blocks.h"
#include "graph/graph_builder.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

std::vector<std::string> names(const TransactionGraph& g, const std::vector<VertexId>& ids) {
  std::vector<std::string> out;
  for (VertexId v : ids) out.emplace_back(g.account_id(v));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FlowBlocks, FindsTheLayerAndIgnoresHoardersAndSingleTransfers) {
  // a1 -> m1, a2 -> m2, a1 -> m3 (100 each); m1, m2 -> t1 and m3 -> t2 (99 each). Noise: x -> y
  // 1000 (no middle), p -> q 1000 and q -> r 50 (q keeps most: 50 - 950 < 0).
  // Best block: S {a1, a2}, M {m1, m2, m3}, T {t1, t2}: 3 x (99 - 1 x 1) / 7 = 42.
  const TransactionGraph g = testing::graph_of({{"a1", "m1", 100},
                                                {"a2", "m2", 100},
                                                {"a1", "m3", 100},
                                                {"m1", "t1", 99},
                                                {"m2", "t1", 99},
                                                {"m3", "t2", 99},
                                                {"x", "y", 1000},
                                                {"p", "q", 1000},
                                                {"q", "r", 50}});
  const std::vector<FlowBlock> blocks = find_flow_blocks(FlowView::build(g));
  ASSERT_EQ(blocks.size(), 1u);  // nothing else has 3 middle accounts
  EXPECT_EQ(names(g, blocks[0].sources), (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(names(g, blocks[0].middle), (std::vector<std::string>{"m1", "m2", "m3"}));
  EXPECT_EQ(names(g, blocks[0].sinks), (std::vector<std::string>{"t1", "t2"}));
  EXPECT_NEAR(blocks[0].score, 42.0, 1e-9);
  EXPECT_NEAR(blocks[0].through_value, 297.0, 1e-9);
}

TEST(FlowBlocks, AlphaZeroScoresOnlyThePassedOnValue) {
  const TransactionGraph g = testing::graph_of({{"s", "m1", 100},
                                                {"s", "m2", 100},
                                                {"s", "m3", 100},
                                                {"m1", "t", 60},
                                                {"m2", "t", 60},
                                                {"m3", "t", 60}});
  FlowBlockOptions options;
  options.alpha = 0;
  const std::vector<FlowBlock> blocks = find_flow_blocks(FlowView::build(g), options);
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_NEAR(blocks[0].score, 180.0 / 5, 1e-9);  // 3 x min(100, 60) over 1 + 3 + 1 accounts
}

// Two victims pay two mule cards, which forward to a collector card, which sells at an exchange;
// four ordinary people pass small sums around a ring, slowly.
TransactionGraph mule_case() {
  GraphBuilder b;
  auto account = [&](const char* id, AccountKind kind, std::uint8_t labels) {
    AccountInput a;
    a.id = id;
    a.kind = kind;
    a.labels = labels;
    b.set_account(a);
  };
  account("V1", AccountKind::bank_card, kLabelVictim);
  account("V2", AccountKind::bank_card, kLabelVictim);
  for (const char* m : {"M1", "M2", "M3"}) account(m, AccountKind::bank_card, 0);
  account("EX", AccountKind::exchange_account, 0);
  int id = 0;
  auto pay = [&](const char* from, const char* to, double amount, Timestamp t, Channel c) {
    const std::string name = "t" + std::to_string(id++);
    TransactionInput in;
    in.id = name;
    in.timestamp = t;
    in.from = from;
    in.to = to;
    in.amount = in.received_amount = amount;
    in.currency = "CNY";
    in.channel = c;
    b.add_transaction(in);
  };
  pay("V1", "M1", 10000, 0, Channel::bank_transfer);
  pay("N1", "N2", 500, 10, Channel::bank_transfer);
  pay("V2", "M2", 10000, 100, Channel::bank_transfer);
  pay("M1", "M3", 9900, 600, Channel::bank_transfer);
  pay("M2", "M3", 9900, 700, Channel::payment_platform);
  pay("M3", "EX", 19700, 1300, Channel::exchange_trade);
  pay("N2", "N3", 300, 86400, Channel::bank_transfer);
  pay("N3", "N4", 100, 2 * 86400, Channel::bank_transfer);
  pay("N4", "N1", 50, 3 * 86400, Channel::bank_transfer);
  return std::move(b).build();
}

TEST(ClusterReport, MuleChainByHand) {
  const TransactionGraph g = mule_case();
  const FlowView flows = FlowView::build(g);
  const std::vector<FlowBlock> blocks = find_flow_blocks(flows);
  ASSERT_GE(blocks.size(), 1u);
  // S {V1, V2, M1, M2}, M {M1, M2, M3}, T {M3, EX}: (9800 + 9800 + 19600) / 9.
  EXPECT_NEAR(blocks[0].score, 39200.0 / 9, 1e-9);

  const ClusterReport report = mule_cluster_report(g, flows, blocks);
  ASSERT_EQ(report.clusters.size(), 1u);
  const MuleCluster& c = report.clusters[0];
  EXPECT_EQ(names(g, c.members), (std::vector<std::string>{"EX", "M1", "M2", "M3"}));
  EXPECT_EQ(c.kinds[static_cast<std::size_t>(AccountKind::bank_card)], 3u);
  EXPECT_EQ(c.kinds[static_cast<std::size_t>(AccountKind::exchange_account)], 1u);
  EXPECT_DOUBLE_EQ(c.internal_value, 9900 + 9900 + 19700);
  EXPECT_DOUBLE_EQ(c.through_value, 9900 + 9900 + 19700 + 0);
  EXPECT_DOUBLE_EQ(c.in_value, 20000);
  EXPECT_DOUBLE_EQ(c.out_value, 0);
  EXPECT_DOUBLE_EQ(c.pass_through, 0);
  // Dwell: M1 600, M2 600, M3 700 and 600; EX never pays out. Median of {600,600,600,700}.
  ASSERT_TRUE(c.median_dwell_seconds.has_value());
  EXPECT_DOUBLE_EQ(*c.median_dwell_seconds, 600);
  EXPECT_EQ(c.victim_sources, 2u);
  EXPECT_DOUBLE_EQ(c.victim_value, 20000);
  EXPECT_EQ(c.cash_out_links, 1u);
  EXPECT_DOUBLE_EQ(c.cash_out_value, 19700);
  EXPECT_DOUBLE_EQ(c.platform_share, 9900.0 / 39500);
  EXPECT_DOUBLE_EQ(c.crypto_share, 19700.0 / 39500);
  // Score: 0.20 x min(1, 39500/20000 / 2) + 0.25 / (1 + 600/3600) + 0.20 x min(1, 1.25 x 1)
  //        + 0.10 x 0 + 0.10 x min(1, 2 x 19700/39500) + 0.15 x min(1, 29600/39500).
  const double expected = 0.20 * (39500.0 / 20000 / 2) + 0.25 / (1 + 600.0 / 3600) + 0.20 +
                          0.10 * std::min(1.0, 2 * 19700.0 / 39500) + 0.15 * (29600.0 / 39500);
  EXPECT_NEAR(c.score, expected, 1e-12);
  ASSERT_FALSE(c.reasons.empty());
  EXPECT_NE(c.reasons[0].find("dwell 10 min"), std::string::npos) << c.reasons[0];
  // Then victims (0.20) before layering (0.20 x 0.9875).
  ASSERT_GE(c.reasons.size(), 3u);
  EXPECT_NE(c.reasons[1].find("fed by 2 victim"), std::string::npos) << c.reasons[1];
  EXPECT_NE(c.reasons[2].find("moves 2.0 times"), std::string::npos) << c.reasons[2];
}

TEST(ClusterReport, VictimsAreNeverMembersAndOrdinaryRingIsNotACluster) {
  const TransactionGraph g = mule_case();
  const FlowView flows = FlowView::build(g);
  const ClusterReport report = mule_cluster_report(g, flows, find_flow_blocks(flows));
  for (const MuleCluster& c : report.clusters)
    for (VertexId v : c.members) {
      EXPECT_FALSE(g.accounts().labels[v] & kLabelVictim);
      EXPECT_NE(g.account_id(v).substr(0, 1), "N");
    }
  ClusterReportOptions bad;
  bad.resolution = 0;
  EXPECT_THROW(mule_cluster_report(g, flows, {}, bad), std::invalid_argument);
}

}  // namespace
}  // namespace moneytrail
