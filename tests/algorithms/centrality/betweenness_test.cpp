#include "algorithms/centrality/betweenness.h"

#include <gtest/gtest.h>

#include "graph_fixtures.h"

namespace moneytrail {
namespace {

using testing::graph_of;

// A -> B -> C -> D: ordered pairs through B: (A,C), (A,D); through C: (A,D), (B,D).
TEST(Betweenness, DirectedPathByHand) {
  TransactionGraph g = graph_of({{"A", "B", 1}, {"B", "C", 1}, {"C", "D", 1}});
  BetweennessResult r = betweenness(FlowView::build(g));
  EXPECT_EQ(r.sources, 4u);
  EXPECT_DOUBLE_EQ(r.score[*g.find_account("A")], 0);
  EXPECT_DOUBLE_EQ(r.score[*g.find_account("B")], 2);
  EXPECT_DOUBLE_EQ(r.score[*g.find_account("C")], 2);
  EXPECT_DOUBLE_EQ(r.score[*g.find_account("D")], 0);
}

// Two equal shortest paths S -> X -> T and S -> Y -> T share the pair (S,T): 1/2 each.
// Weighted by 1/value, the larger flow through X makes that path the only shortest one.
TEST(Betweenness, SplitsOverEqualPathsAndFollowsValue) {
  TransactionGraph g = graph_of({{"S", "X", 100}, {"X", "T", 100}, {"S", "Y", 10}, {"Y", "T", 10}});
  BetweennessResult hops = betweenness(FlowView::build(g));
  EXPECT_DOUBLE_EQ(hops.score[*g.find_account("X")], 0.5);
  EXPECT_DOUBLE_EQ(hops.score[*g.find_account("Y")], 0.5);
  BetweennessOptions o;
  o.weight = FlowWeight::value;
  BetweennessResult weighted = betweenness(FlowView::build(g), o);
  EXPECT_DOUBLE_EQ(weighted.score[*g.find_account("X")], 1.0);
  EXPECT_DOUBLE_EQ(weighted.score[*g.find_account("Y")], 0.0);
}

TEST(Betweenness, SamplingAllSourcesIsExactAndThreadsAgree) {
  std::vector<std::tuple<std::string, std::string, double>> edges;
  for (int i = 0; i < 300; ++i) {
    edges.emplace_back("a" + std::to_string(i % 40), "a" + std::to_string((i * 7 + 3) % 40),
                       1 + i % 13);
  }
  TransactionGraph g = graph_of(edges);
  const FlowView flows = FlowView::build(g);
  BetweennessOptions one;
  one.threads = 1;
  BetweennessResult exact = betweenness(flows, one);
  BetweennessOptions many;
  many.threads = 3;
  BetweennessResult threaded = betweenness(flows, many);
  BetweennessOptions all;
  all.samples = 40;
  BetweennessResult sampled_all = betweenness(flows, all);
  for (VertexId v = 0; v < g.num_accounts(); ++v) {
    EXPECT_NEAR(threaded.score[v], exact.score[v], 1e-9 * (1 + exact.score[v]));
    EXPECT_NEAR(sampled_all.score[v], exact.score[v], 1e-9 * (1 + exact.score[v]));
  }
  BetweennessOptions some;
  some.samples = 10;
  some.seed = 5;
  BetweennessResult a = betweenness(flows, some);
  BetweennessResult b = betweenness(flows, some);
  EXPECT_EQ(a.sources, 10u);
  EXPECT_EQ(a.score, b.score);  // same seed, same pivots, same estimate
}

}  // namespace
}  // namespace moneytrail
