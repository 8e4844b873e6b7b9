// Community detection on hand-built graphs and Zachary's karate club. Expected values are worked
// out by hand in the comments or are published ones (karate: best partition Q = 0.4198, Brandes
// et al. 2008; Louvain typically reaches 0.4188).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/community_methods.h"
#include "algorithms/communities/label_propagation.h"
#include "algorithms/communities/leiden.h"
#include "algorithms/communities/louvain.h"
#include "algorithms/communities/partition.h"
#include "algorithms/components/core_decomposition.h"
#include "algorithms/components/strong_components.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

using Edge = CommunityGraph::Edge;

// Zachary (1977), 34 members, 78 ties, numbered as in networkx.karate_club_graph().
CommunityGraph karate() {
  const std::vector<std::pair<int, int>> ties = {
      {0, 1},   {0, 2},   {0, 3},   {0, 4},   {0, 5},   {0, 6},   {0, 7},   {0, 8},   {0, 10},
      {0, 11},  {0, 12},  {0, 13},  {0, 17},  {0, 19},  {0, 21},  {0, 31},  {1, 2},   {1, 3},
      {1, 7},   {1, 13},  {1, 17},  {1, 19},  {1, 21},  {1, 30},  {2, 3},   {2, 7},   {2, 8},
      {2, 9},   {2, 13},  {2, 27},  {2, 28},  {2, 32},  {3, 7},   {3, 12},  {3, 13},  {4, 6},
      {4, 10},  {5, 6},   {5, 10},  {5, 16},  {6, 16},  {8, 30},  {8, 32},  {8, 33},  {9, 33},
      {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33}, {18, 32}, {18, 33}, {19, 33}, {20, 32},
      {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29}, {23, 32}, {23, 33}, {24, 25},
      {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32},
      {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}};
  std::vector<Edge> edges;
  for (auto [u, v] : ties)
    edges.push_back({static_cast<std::uint32_t>(u), static_cast<std::uint32_t>(v), 1.0});
  return CommunityGraph::from_edges(34, edges);
}

// Two triangles {0,1,2} and {3,4,5} joined by the edge 2-3.
CommunityGraph two_triangles() {
  const std::vector<Edge> edges = {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1},
                                   {4, 5, 1}, {3, 5, 1}, {2, 3, 1}};
  return CommunityGraph::from_edges(6, edges);
}

bool connected_within(const CommunityGraph& g, const std::vector<std::uint32_t>& membership) {
  std::vector<std::uint32_t> copy = membership;
  const std::uint32_t before = renumber_communities(copy);
  return split_disconnected_communities(g, copy) == before;
}

TEST(CommunityGraph, ParallelEdgesAddUpAndSelfLoopsCountTwiceInStrength) {
  const std::vector<Edge> edges = {{0, 1, 2}, {1, 0, 3}, {1, 1, 4}, {1, 2, 1}};
  const CommunityGraph g = CommunityGraph::from_edges(3, edges);
  EXPECT_EQ(g.num_edges(), 2u);
  ASSERT_EQ(g.neighbours(0).size(), 1u);
  EXPECT_DOUBLE_EQ(g.weights(0)[0], 5.0);
  EXPECT_DOUBLE_EQ(g.self_loop(1), 4.0);
  EXPECT_DOUBLE_EQ(g.strength(1), 5.0 + 1.0 + 8.0);
  EXPECT_DOUBLE_EQ(g.total_weight(), 5.0 + 4.0 + 1.0);
}

TEST(CommunityGraph, RejectsBadEdges) {
  const std::vector<Edge> out_of_range = {{0, 3, 1}};
  EXPECT_THROW(CommunityGraph::from_edges(3, out_of_range), std::invalid_argument);
  const std::vector<Edge> negative = {{0, 1, -1}};
  EXPECT_THROW(CommunityGraph::from_edges(3, negative), std::invalid_argument);
}

TEST(CommunityGraph, FlowViewDropsDirectionAndAddsBothWays) {
  // a->b 100, b->a 30, b->c 50 (twice), c->c 7: {a,b} = 130, {b,c} = 100 by value; count 2 and 2.
  const TransactionGraph tg = testing::graph_of(
      {{"a", "b", 100}, {"b", "a", 30}, {"b", "c", 50}, {"b", "c", 50}, {"c", "c", 7}});
  const FlowView flows = FlowView::build(tg);
  const VertexId a = *tg.find_account("a"), b = *tg.find_account("b"), c = *tg.find_account("c");
  CommunityGraphOptions by_value;
  const CommunityGraph g = CommunityGraph::from_flows(flows, by_value);
  EXPECT_EQ(g.num_edges(), 2u);
  EXPECT_DOUBLE_EQ(g.strength(a), 130);
  EXPECT_DOUBLE_EQ(g.strength(b), 230);
  EXPECT_DOUBLE_EQ(g.self_loop(c), 7);
  EXPECT_DOUBLE_EQ(g.total_weight(), 237);
  CommunityGraphOptions by_count;
  by_count.weight = CommunityWeight::count;
  const CommunityGraph gc = CommunityGraph::from_flows(flows, by_count);
  EXPECT_DOUBLE_EQ(gc.strength(b), 4);
  CommunityGraphOptions none;
  none.weight = CommunityWeight::none;
  EXPECT_DOUBLE_EQ(CommunityGraph::from_flows(flows, none).strength(b), 3);

  // A link a-c of weight 2 x the mean flow edge weight ((130 + 100) / 2 = 115).
  CommunityGraphOptions linked;
  linked.links.push_back({a, c, LinkKind::holder, kNoSymbol});
  linked.link_weight = 2;
  const CommunityGraph gl = CommunityGraph::from_flows(flows, linked);
  EXPECT_EQ(gl.num_edges(), 3u);
  EXPECT_DOUBLE_EQ(gl.strength(a), 130 + 230);
}

TEST(Modularity, TwoTrianglesByHand) {
  // m = 7; each triangle: in = 3, tot = 7.  Q = 2 (3/7 - (7/14)^2) = 6/7 - 1/2.
  const CommunityGraph g = two_triangles();
  const std::vector<std::uint32_t> split = {0, 0, 0, 1, 1, 1};
  EXPECT_NEAR(modularity(g, split), 6.0 / 7 - 0.5, 1e-15);
  // Resolution 2: 6/7 - 2 * 1/2.
  EXPECT_NEAR(modularity(g, split, 2.0), 6.0 / 7 - 1.0, 1e-15);
  const std::vector<std::uint32_t> whole(6, 0);
  EXPECT_NEAR(modularity(g, whole), 0.0, 1e-15);
  // CPM with resolution 0.5: (2 (3 + 3) - 0.5 (9 + 9)) / 14.
  EXPECT_NEAR(cpm_quality(g, split, 0.5), (12 - 9.0) / 14, 1e-15);
}

TEST(Modularity, AggregationKeepsTotalWeightAndQuality) {
  const CommunityGraph g = karate();
  std::vector<std::uint32_t> halves(34);
  for (std::uint32_t v = 0; v < 34; ++v) halves[v] = v % 3;
  const CommunityGraph agg = g.aggregate(halves, 3);
  EXPECT_DOUBLE_EQ(agg.total_weight(), g.total_weight());
  const std::vector<std::uint32_t> identity = {0, 1, 2};
  EXPECT_NEAR(modularity(agg, identity), modularity(g, halves), 1e-14);
  EXPECT_DOUBLE_EQ(agg.size(0) + agg.size(1) + agg.size(2), 34);
}

TEST(Louvain, FindsTheTwoTriangles) {
  const CommunityResult r = louvain(two_triangles());
  EXPECT_EQ(r.count, 2u);
  EXPECT_EQ(r.membership, (std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_NEAR(r.quality, 6.0 / 7 - 0.5, 1e-12);
}

TEST(Louvain, KarateReachesPublishedModularity) {
  const CommunityGraph g = karate();
  const CommunityResult r = louvain(g);
  EXPECT_GE(r.quality, 0.4188);
  EXPECT_NEAR(r.quality, modularity(g, r.membership), 1e-12);
  EXPECT_LE(r.quality, 0.41979 + 1e-4);  // the proven optimum
}

TEST(Louvain, SameSeedSamePartition) {
  const CommunityGraph g = karate();
  LouvainOptions options;
  options.seed = 42;
  EXPECT_EQ(louvain(g, options).membership, louvain(g, options).membership);
}

TEST(Louvain, HigherResolutionGivesMoreCommunities) {
  const CommunityGraph g = karate();
  LouvainOptions coarse, fine;
  coarse.resolution = 0.5;
  fine.resolution = 2.0;
  EXPECT_LT(louvain(g, coarse).count, louvain(g, fine).count);
  LouvainOptions bad;
  bad.resolution = 0;
  EXPECT_THROW(louvain(g, bad), std::invalid_argument);
}

TEST(Leiden, KarateReachesPublishedModularityAndIsConnected) {
  const CommunityGraph g = karate();
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    LeidenOptions options;
    options.seed = seed;
    const CommunityResult r = leiden(g, options);
    EXPECT_GE(r.quality, 0.4188) << "seed " << seed;
    EXPECT_NEAR(r.quality, modularity(g, r.membership), 1e-12);
    EXPECT_TRUE(connected_within(g, r.membership)) << "seed " << seed;
  }
}

TEST(Leiden, CpmSplitsTheTrianglesAtModerateResolution) {
  // CPM at resolution 0.5: a triangle has density 1 > 0.5, the whole graph 7/15 < 0.5.
  LeidenOptions options;
  options.objective = CommunityObjective::cpm;
  options.resolution = 0.5;
  const CommunityResult r = leiden(two_triangles(), options);
  EXPECT_EQ(r.membership, (std::vector<std::uint32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_NEAR(r.quality, 3.0 / 14, 1e-12);
  // At resolution 0.01 one community wins: (2*7 - 0.01*36) / 14 beats (12 - 0.18) / 14.
  options.resolution = 0.01;
  EXPECT_EQ(leiden(two_triangles(), options).count, 1u);
}

TEST(Leiden, EveryCommunityConnectedOnARingOfCliques) {
  // 12 cliques of 5 joined in a ring by single edges, plus a pendant chain: the classic
  // resolution-limit graph; every returned community must be connected.
  std::vector<Edge> edges;
  for (std::uint32_t k = 0; k < 12; ++k) {
    for (std::uint32_t i = 0; i < 5; ++i)
      for (std::uint32_t j = i + 1; j < 5; ++j) edges.push_back({5 * k + i, 5 * k + j, 1});
    edges.push_back({5 * k, (5 * k + 7) % 60, 1});
  }
  edges.push_back({59, 60, 1});
  edges.push_back({60, 61, 1});
  const CommunityGraph g = CommunityGraph::from_edges(62, edges);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    LeidenOptions options;
    options.seed = seed;
    const CommunityResult r = leiden(g, options);
    EXPECT_TRUE(connected_within(g, r.membership));
    EXPECT_GE(r.quality, louvain(g).quality - 1e-9);
  }
}

TEST(LabelPropagation, SeparatesTwoLooselyJoinedCliques) {
  std::vector<Edge> edges;
  for (std::uint32_t i = 0; i < 6; ++i)
    for (std::uint32_t j = i + 1; j < 6; ++j) {
      edges.push_back({i, j, 1});
      edges.push_back({6 + i, 6 + j, 1});
    }
  edges.push_back({0, 6, 1});
  const CommunityGraph g = CommunityGraph::from_edges(12, edges);
  const CommunityResult r = label_propagation(g);
  EXPECT_EQ(r.count, 2u);
  for (std::uint32_t i = 1; i < 6; ++i) {
    EXPECT_EQ(r.membership[i], r.membership[0]);
    EXPECT_EQ(r.membership[6 + i], r.membership[6]);
  }
  EXPECT_NE(r.membership[0], r.membership[6]);
  LabelPropagationOptions options;
  options.seed = 9;
  EXPECT_EQ(label_propagation(g, options).membership, label_propagation(g, options).membership);
}

TEST(CoreDecomposition, CliqueWithTail) {
  // K4 on 0..3, then a tail 3-4-5: the clique is the 3-core, the tail has core 1.
  const std::vector<Edge> edges = {{0, 1, 1}, {0, 2, 1}, {0, 3, 1}, {1, 2, 1},
                                   {1, 3, 1}, {2, 3, 1}, {3, 4, 1}, {4, 5, 1}};
  const CoreDecompositionResult r = core_decomposition(CommunityGraph::from_edges(7, edges));
  EXPECT_EQ(r.core, (std::vector<std::uint32_t>{3, 3, 3, 3, 1, 1, 0}));
  EXPECT_EQ(r.max_core, 3u);
}

TEST(CoreDecomposition, KarateMatchesNetworkx) {
  // networkx.core_number(karate_club_graph()): max core 4 with 10 members.
  const CoreDecompositionResult r = core_decomposition(karate());
  EXPECT_EQ(r.max_core, 4u);
  EXPECT_EQ(std::count(r.core.begin(), r.core.end(), 4u), 10);
  EXPECT_EQ(r.core[11], 1u);  // member 11 has a single tie
}

TEST(StrongComponents, RingAndTail) {
  // a->b->c->a is a ring; c->d leaves it; e->e alone.
  const TransactionGraph tg = testing::graph_of(
      {{"a", "b", 1}, {"b", "c", 1}, {"c", "a", 1}, {"c", "d", 1}, {"e", "e", 1}});
  const StrongComponentsResult r = strongly_connected_components(FlowView::build(tg));
  EXPECT_EQ(r.count, 3u);
  EXPECT_EQ(r.largest, 3u);
  const auto id = [&](const char* name) { return r.component[*tg.find_account(name)]; };
  EXPECT_EQ(id("a"), id("b"));
  EXPECT_EQ(id("a"), id("c"));
  EXPECT_NE(id("a"), id("d"));
  EXPECT_EQ(id("a"), 0u);
}

}  // namespace
}  // namespace moneytrail

namespace moneytrail {
namespace {

TEST(CommunityDetection, OwnershipLinksPullOneHoldersCardsTogether) {
  // Two rings of four cards each, joined by one small transfer; cards c1 (ring one) and d1 (ring
  // two) share a holder. Without links Leiden keeps the rings apart; a heavy link puts c1 and d1
  // in one community.
  GraphBuilder b;
  auto card = [&](const char* id, const char* holder) {
    AccountInput a;
    a.id = id;
    a.kind = AccountKind::bank_card;
    a.holder = holder;
    b.set_account(a);
  };
  for (const char* id : {"c1", "d1"}) card(id, "H-shared");
  for (const char* id : {"c2", "c3", "c4", "d2", "d3", "d4"}) card(id, id);
  int n = 0;
  auto pay = [&](const char* from, const char* to, double amount) {
    const std::string id = "t" + std::to_string(n++);
    TransactionInput in;
    in.id = id;
    in.timestamp = n;
    in.from = from;
    in.to = to;
    in.amount = in.received_amount = amount;
    in.currency = "CNY";
    b.add_transaction(in);
  };
  for (const char* ring : {"c", "d"})
    for (int i = 1; i <= 4; ++i)
      for (int j = i + 1; j <= 4; ++j)
        pay((ring + std::to_string(i)).c_str(), (ring + std::to_string(j)).c_str(), 100);
  pay("c4", "d4", 1);
  const TransactionGraph g = std::move(b).build();
  const FlowView flows = FlowView::build(g);
  const VertexId c1 = *g.find_account("c1"), d1 = *g.find_account("d1");
  CommunityDetectionOptions options;
  const CommunityDetection plain = detect_communities(g, flows, options);
  EXPECT_EQ(plain.result.count, 2u);
  EXPECT_NE(plain.result.membership[c1], plain.result.membership[d1]);
  options.links = true;
  options.link_weight = 20;
  const CommunityDetection linked = detect_communities(g, flows, options);
  EXPECT_EQ(linked.links_added, 1u);
  EXPECT_EQ(linked.result.membership[c1], linked.result.membership[d1]);
  // A graph without shared attributes has no links to add.
  options.links = true;
  const TransactionGraph bare = testing::graph_of({{"a", "b", 1}});
  EXPECT_THROW(detect_communities(bare, FlowView::build(bare), options), std::invalid_argument);
}

}  // namespace
}  // namespace moneytrail
