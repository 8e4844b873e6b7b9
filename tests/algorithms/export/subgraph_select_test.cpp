// Selections for export on small hand-built graphs.
#include "algorithms/export/subgraph_select.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "algorithms/tracing/forward_trace.h"
#include "graph/graph_builder.h"
#include "graph_fixtures.h"

namespace moneytrail {
namespace {

std::vector<std::string> ids(const TransactionGraph& g, const Subgraph& s) {
  std::vector<std::string> out;
  for (const SubgraphNode& n : s.nodes)
    out.push_back(n.account == kAggregateNode ? "*" : std::string(g.account_id(n.account)));
  std::sort(out.begin(), out.end());
  return out;
}

// a -> b -> c -> d, and e -> b; timestamps 1..5 in that order (graph_of numbers them).
TransactionGraph chain() {
  return testing::graph_of(
      {{"a", "b", 10}, {"b", "c", 8}, {"c", "d", 6}, {"e", "b", 5}, {"a", "b", 2}});
}

TEST(EgoSubgraph, HopsDirectionAndWindow) {
  const TransactionGraph g = chain();
  const FlowView flows = FlowView::build(g);
  const VertexId b = *g.find_account("b");
  EgoOptions one;
  EXPECT_EQ(ids(g, ego_subgraph(g, flows, b, one)), (std::vector<std::string>{"a", "b", "c", "e"}));
  EgoOptions two;
  two.hops = 2;
  EXPECT_EQ(ids(g, ego_subgraph(g, flows, b, two)),
            (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EgoOptions out;
  out.direction = EgoDirection::out;
  out.hops = 3;
  EXPECT_EQ(ids(g, ego_subgraph(g, flows, b, out)), (std::vector<std::string>{"b", "c", "d"}));
  // Only flows active from t=4 on: e -> b (t=4) and a -> b (last at t=5) remain ties of b.
  EgoOptions late;
  late.since = 4;
  const Subgraph s = ego_subgraph(g, flows, b, late);
  EXPECT_EQ(ids(g, s), (std::vector<std::string>{"a", "b", "e"}));
  // a -> b aggregates both transfers: value 12, count 2, from t=1 to t=5.
  const auto ab = std::find_if(s.edges.begin(), s.edges.end(), [&](const SubgraphEdge& e) {
    return s.nodes[e.source].account == *g.find_account("a");
  });
  ASSERT_NE(ab, s.edges.end());
  EXPECT_DOUBLE_EQ(ab->value, 12);
  EXPECT_EQ(ab->count, 2u);
  EXPECT_EQ(ab->first, 1);
  EXPECT_EQ(ab->last, 5);
}

TEST(TraceSubgraph, EdgesPerPairWithTracedValueAndEndpoints) {
  const TransactionGraph g = chain();
  const TraceContext context(g);
  const TxIndex seed = *g.find_transaction("0");
  const Subgraph s = subgraph_of_trace(g, trace_forward(context, std::span(&seed, 1), {}));
  EXPECT_EQ(ids(g, s), (std::vector<std::string>{"a", "b", "c", "d"}));
  ASSERT_EQ(s.edges.size(), 3u);
  // fifo: b holds 10 traced, sends 8 of it on; c sends 6 on to d, which ends it.
  EXPECT_DOUBLE_EQ(s.edges[0].traced, 10);
  EXPECT_DOUBLE_EQ(s.edges[1].traced, 8);
  EXPECT_DOUBLE_EQ(s.edges[2].traced, 6);
  for (const SubgraphNode& n : s.nodes) {
    if (g.account_id(n.account) == "d") {
      EXPECT_TRUE(n.endpoint);
    }
  }
}

TEST(FoldSubgraph, KeepsTheHighestScoresAndMergesTheRest) {
  const TransactionGraph g = chain();
  const FlowView flows = FlowView::build(g);
  std::vector<VertexId> all;
  for (VertexId v = 0; v < g.num_accounts(); ++v) all.push_back(v);
  Subgraph s = subgraph_of_accounts(flows, all);
  for (SubgraphNode& n : s.nodes) n.score = g.account_id(n.account) == "b" ? 9 : 0;
  fold_subgraph(s, 2);
  ASSERT_EQ(s.nodes.size(), 2u);
  EXPECT_EQ(g.account_id(s.nodes[0].account), "b");
  EXPECT_EQ(s.nodes[1].members, 4u);
  EXPECT_EQ(s.folded_accounts, 4u);
  // Into b: a (12) and e (5) merged; out of b: c (8); c -> d vanished inside the aggregate.
  ASSERT_EQ(s.edges.size(), 2u);
  double into_b = 0, out_of_b = 0;
  for (const SubgraphEdge& e : s.edges) (e.target == 0 ? into_b : out_of_b) += e.value;
  EXPECT_DOUBLE_EQ(into_b, 17);
  EXPECT_DOUBLE_EQ(out_of_b, 8);
  EXPECT_THROW(fold_subgraph(s, 1), std::invalid_argument);
}

TEST(FoldSubgraph, ATraceFoldsByHopAndKindAndKeepsItsSeed) {
  // S (the seed) pays three cards at hop 1, which pay two ATMs at hop 2 that hold 5 each.
  GraphBuilder b;
  testing::add_hops(b, {{"1", 1, "S", "A1", 10},
                        {"2", 2, "S", "A2", 10},
                        {"3", 3, "S", "A3", 10},
                        {"4", 4, "A1", "C1", 5},
                        {"5", 5, "A2", "C2", 5}});
  for (const char* id : {"A1", "A2", "A3"}) {
    AccountInput card;
    card.id = id;
    card.kind = AccountKind::bank_card;
    b.set_account(card);
  }
  for (const char* id : {"C1", "C2"}) {
    AccountInput atm;
    atm.id = id;
    atm.kind = AccountKind::cash;
    b.set_account(atm);
  }
  const TransactionGraph g = std::move(b).build();
  const VertexId seed = *g.find_account("S");
  const Subgraph full = subgraph_of_trace(
      g, trace_forward(TraceContext(g),
                       std::vector<TxIndex>{*g.find_transaction("1"), *g.find_transaction("2"),
                                            *g.find_transaction("3")},
                       {}));
  ASSERT_EQ(full.nodes.size(), 6u);
  Subgraph s = full;
  fold_subgraph(s, 3, &g);  // room for the seed and one aggregate per (hop, kind)
  ASSERT_EQ(s.nodes.size(), 3u);
  EXPECT_EQ(s.nodes[0].account, seed);
  EXPECT_TRUE(s.nodes[0].seed);
  std::vector<std::string> labels{s.nodes[1].label, s.nodes[2].label};
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"2 cash accounts at hop 2",
                                              "3 bank_card accounts at hop 1"}));
  double held = 0;
  for (const SubgraphNode& n : s.nodes) held += n.held;
  EXPECT_DOUBLE_EQ(held, 30);  // the cards keep 20 (A3 10, A1 and A2 5 each), the ATMs 10
  // Flows: S -> cards (30) and cards -> ATMs (10), between the aggregates.
  ASSERT_EQ(s.edges.size(), 2u);
}

TEST(TopScoredSubgraph, TopAccountsAndTheirOneHopFlows) {
  // Scores put c and b on top: nodes are b, c and their counterparties a, d and e; the flows are
  // a->b (two transactions), b->c, c->d and e->b, none between two counterparties.
  const TransactionGraph g = chain();
  const FlowView flows = FlowView::build(g);
  std::vector<double> scores(g.num_accounts(), 0.1);
  scores[*g.find_account("c")] = 0.9;
  scores[*g.find_account("b")] = 0.8;
  const Subgraph s = subgraph_of_top_scored(flows, scores, 2);
  EXPECT_EQ(ids(g, s), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(s.edges.size(), 4u);
  for (const SubgraphNode& n : s.nodes) {
    const bool top = g.account_id(n.account) == "b" || g.account_id(n.account) == "c";
    EXPECT_EQ(n.group, top ? 1 : 0);
    EXPECT_DOUBLE_EQ(n.score, scores[n.account]);
  }
  std::uint32_t transactions = 0;
  for (const SubgraphEdge& e : s.edges) transactions += e.count;
  EXPECT_EQ(transactions, 5u);
  EXPECT_THROW(subgraph_of_top_scored(flows, std::vector<double>(2), 1), std::invalid_argument);
}

}  // namespace
}  // namespace moneytrail
