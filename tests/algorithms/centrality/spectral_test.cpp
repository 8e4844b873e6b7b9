#include "algorithms/centrality/spectral.h"

#include <gtest/gtest.h>

#include <cmath>

#include "graph_fixtures.h"

namespace moneytrail {
namespace {

using testing::graph_of;

// A fans out to B and C (3 and 1): A is the only hub; authorities follow the weights A^T h.
TEST(Hits, FanOutByHand) {
  TransactionGraph g = graph_of({{"A", "B", 3}, {"A", "C", 1}});
  HitsResult r = hits(FlowView::build(g));
  ASSERT_TRUE(r.converged);
  EXPECT_NEAR(r.hub[*g.find_account("A")], 1.0, 1e-12);
  EXPECT_NEAR(r.authority[*g.find_account("B")], 0.75, 1e-12);
  EXPECT_NEAR(r.authority[*g.find_account("C")], 0.25, 1e-12);
  EXPECT_NEAR(r.authority[*g.find_account("A")], 0.0, 1e-12);
}

TEST(Eigenvector, CycleIsUniformUnitVector) {
  TransactionGraph g = graph_of({{"A", "B", 2}, {"B", "C", 2}, {"C", "A", 2}});
  EigenvectorResult r = eigenvector_centrality(FlowView::build(g));
  ASSERT_TRUE(r.converged);
  for (double x : r.score) EXPECT_NEAR(x, 1 / std::sqrt(3.0), 1e-12);
}

TEST(Spectral, EmptyGraph) {
  TransactionGraph g;
  EXPECT_TRUE(hits(FlowView::build(g)).hub.empty());
  EXPECT_TRUE(eigenvector_centrality(FlowView::build(g)).score.empty());
}

}  // namespace
}  // namespace moneytrail
