#include "algorithms/centrality/pagerank.h"

#include <gtest/gtest.h>

#include <numeric>

#include "algorithms/centrality/flow_strength.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

using testing::graph_of;

TEST(PageRank, SymmetricCycleIsUniform) {
  TransactionGraph g = graph_of({{"A", "B", 5}, {"B", "C", 5}, {"C", "A", 5}});
  PageRankResult r = pagerank(FlowView::build(g));
  ASSERT_TRUE(r.converged);
  for (double s : r.score) EXPECT_NEAR(s, 1.0 / 3, 1e-12);
}

// Hand-solved: A -> B, B dangling. With d = 0.85 and uniform teleport and dangling spread:
//   a = (1-d)/2 + d*b/2,  b = (1-d)/2 + d*a + d*b/2,  a + b = 1
//   => a = 1/(2+d) (= 0.350877...), b = (1+d)/(2+d).
TEST(PageRank, DanglingRankIsSpreadLikeTheTeleport) {
  TransactionGraph g = graph_of({{"A", "B", 1}});
  PageRankResult r = pagerank(FlowView::build(g));
  const double d = 0.85;
  EXPECT_NEAR(r.score[*g.find_account("A")], 1 / (2 + d), 1e-12);
  EXPECT_NEAR(r.score[*g.find_account("B")], (1 + d) / (2 + d), 1e-12);
}

// Weighted: A sends 3 to B and 1 to C; B and C send back to A. Solved by hand:
//   b = (1-d)/3 + d*0.75a, c = (1-d)/3 + d*0.25a, a = (1-d)/3 + d(b+c); sum 1.
TEST(PageRank, WeightsSplitRankByValue) {
  TransactionGraph g = graph_of({{"A", "B", 3}, {"A", "C", 1}, {"B", "A", 2}, {"C", "A", 7}});
  PageRankResult r = pagerank(FlowView::build(g));
  const double d = 0.85, t = (1 - d) / 3;
  const double a = (t + d * (2 * t)) / (1 - d * d);  // a = t + d(b + c) with b + c = 2t + d a
  EXPECT_NEAR(r.score[*g.find_account("A")], a, 1e-12);
  EXPECT_NEAR(r.score[*g.find_account("B")], t + d * 0.75 * a, 1e-12);
  EXPECT_NEAR(r.score[*g.find_account("C")], t + d * 0.25 * a, 1e-12);
  // Unweighted, B and C are symmetric.
  PageRankOptions o;
  o.weight = FlowWeight::none;
  PageRankResult u = pagerank(FlowView::build(g), o);
  EXPECT_NEAR(u.score[*g.find_account("B")], u.score[*g.find_account("C")], 1e-14);
}

TEST(PageRank, PersonalizedTeleportsOnlyToSeeds) {
  TransactionGraph g = graph_of({{"V", "M1", 10}, {"M1", "M2", 9}, {"X", "Y", 4}, {"Y", "X", 4}});
  PageRankOptions o;
  o.seeds = {*g.find_account("V")};
  PageRankResult r = pagerank(FlowView::build(g), o);
  EXPECT_NEAR(std::accumulate(r.score.begin(), r.score.end(), 0.0), 1.0, 1e-12);
  EXPECT_NEAR(r.score[*g.find_account("X")], 0.0, 1e-10);  // unreachable: only the start decays
  EXPECT_GT(r.score[*g.find_account("M2")], 0.0);
}

TEST(PageRank, ConvergenceAndBadOptions) {
  TransactionGraph g = graph_of({{"A", "B", 1}, {"B", "A", 1}, {"B", "C", 2}});
  PageRankOptions o;
  o.max_iterations = 2;
  PageRankResult r = pagerank(FlowView::build(g), o);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 2u);
  o.max_iterations = 1000;
  o.damping = 1.0;
  EXPECT_THROW(pagerank(FlowView::build(g), o), std::invalid_argument);
  o.damping = 0.85;
  o.seeds = {99};
  EXPECT_THROW(pagerank(FlowView::build(g), o), std::invalid_argument);
  TransactionGraph empty;
  EXPECT_TRUE(pagerank(FlowView::build(empty)).score.empty());
  // One account paying itself: all the rank is there.
  TransactionGraph single = graph_of({{"A", "A", 5}});
  PageRankResult one = pagerank(FlowView::build(single));
  ASSERT_EQ(one.score.size(), 1u);
  EXPECT_NEAR(one.score[0], 1.0, 1e-15);
}

TEST(FlowStrength, DegreesValuesAndFlowThrough) {
  TransactionGraph g = graph_of({{"A", "B", 10}, {"A", "B", 5}, {"B", "C", 12}, {"D", "B", 1}});
  FlowStrength s = flow_strength(FlowView::build(g));
  const VertexId b = *g.find_account("B");
  EXPECT_EQ(s.in_degree[b], 2u);
  EXPECT_EQ(s.out_degree[b], 1u);
  EXPECT_DOUBLE_EQ(s.in_value[b], 16);
  EXPECT_DOUBLE_EQ(s.out_value[b], 12);
  EXPECT_DOUBLE_EQ(s.flow_through(b), 12);
  FlowStrength c = flow_strength(FlowView::build(g), FlowWeight::count);
  EXPECT_DOUBLE_EQ(c.in_value[b], 3);
}

}  // namespace
}  // namespace moneytrail
