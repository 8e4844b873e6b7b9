// Boost.Graph as the peer: its algorithms run on FlowView through the BGL adapter
// (graph/bgl_flow_view.h) and on a boost::adjacency_list copy of the same flows; moneytrail's own
// betweenness and strong components must agree with both.
#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/strong_components.hpp>
#include <map>
#include <random>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/components/strong_components.h"
#include "graph/bgl_flow_view.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<FlowView>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<FlowView>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<FlowView>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<FlowView>));

TransactionGraph random_graph(unsigned seed, int accounts, int transactions) {
  std::mt19937 rng(seed);
  GraphBuilder b;
  for (int i = 0; i < transactions; ++i) {
    TransactionInput in;
    const std::string id = "t" + std::to_string(i);
    const std::string from = "a" + std::to_string(rng() % accounts);
    const std::string to = "a" + std::to_string(rng() % accounts);
    in.id = id;
    in.timestamp = i;
    in.from = from;
    in.to = to;
    in.amount = in.received_amount = 1 + rng() % 1000;
    in.currency = "CNY";
    b.add_transaction(in);
  }
  return std::move(b).build();
}

using Copy = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

Copy copy_of(const FlowView& flows) {
  Copy copy(flows.num_vertices());
  for (FlowEdgeIndex e = 0; e < flows.num_edges(); ++e)
    boost::add_edge(flows.source(e), flows.target(e), copy);
  return copy;
}

TEST(BoostPeer, BetweennessMatchesBrandesOnTheAdapterAndOnACopy) {
  const TransactionGraph g = random_graph(3, 300, 1500);
  const FlowView flows = FlowView::build(g);
  const std::uint32_t n = flows.num_vertices();
  std::vector<double> on_view(n, 0), on_copy(n, 0);
  boost::brandes_betweenness_centrality(flows,
                                        boost::centrality_map(boost::make_iterator_property_map(
                                            on_view.begin(), get(boost::vertex_index, flows))));
  const Copy copy = copy_of(flows);
  boost::brandes_betweenness_centrality(copy,
                                        boost::centrality_map(boost::make_iterator_property_map(
                                            on_copy.begin(), get(boost::vertex_index, copy))));
  const BetweennessResult ours = betweenness(flows);  // hop count, exact, ordered pairs
  for (VertexId v = 0; v < n; ++v) {
    EXPECT_NEAR(on_view[v], on_copy[v], 1e-9 * (1 + on_copy[v]));
    EXPECT_NEAR(ours.score[v], on_copy[v], 1e-9 * (1 + on_copy[v])) << v;
  }
}

TEST(BoostPeer, StrongComponentsAreTheSamePartitionAsOnACopy) {
  const TransactionGraph g = random_graph(5, 2000, 3000);  // sparse: many small components
  const FlowView flows = FlowView::build(g);
  const Copy copy = copy_of(flows);
  std::vector<std::uint32_t> reference(flows.num_vertices());
  const std::uint32_t count = boost::strong_components(
      copy, boost::make_iterator_property_map(reference.begin(), get(boost::vertex_index, copy)));
  const StrongComponentsResult ours = strongly_connected_components(flows);
  EXPECT_EQ(ours.count, count);
  EXPECT_GT(count, 100u);
  // The same partition: a one-to-one map between the numberings.
  std::map<std::uint32_t, std::uint32_t> to_reference;
  for (VertexId v = 0; v < flows.num_vertices(); ++v) {
    const auto [it, added] = to_reference.emplace(ours.component[v], reference[v]);
    EXPECT_EQ(it->second, reference[v]) << v;
  }
  EXPECT_EQ(to_reference.size(), count);
}

}  // namespace
}  // namespace moneytrail
