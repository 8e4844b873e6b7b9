// Makes FlowView a Boost.Graph citizen, as bgl_adapter.h does for TransactionGraph: it models
// VertexListGraph, EdgeListGraph, IncidenceGraph and BidirectionalGraph with vertex_index and
// edge_index property maps, so BGL algorithms (strong_components, brandes_betweenness_centrality,
// breadth_first_search, ...) run on the aggregated flows without a copy. An edge is one flow (an
// ordered account pair); its descriptor carries the FlowEdgeIndex. The tests use it to check
// moneytrail's own components and betweenness against Boost's on the same view.
#pragma once

#include <boost/iterator/counting_iterator.hpp>
#include <utility>

#include "graph/bgl_common.h"
#include "graph/flow_view.h"

namespace moneytrail {

using FlowEdge = bgl_detail::IndexedEdge<struct FlowEdgeTag, FlowEdgeIndex>;
using FlowEdgeRangeIterator = bgl_detail::EdgeRunIterator<FlowEdge, FlowEdgeIndex>;
using FlowInEdgeIterator = bgl_detail::EdgeListIterator<FlowEdge, FlowEdgeIndex>;

// --- BGL free functions, found by argument-dependent lookup ---

inline VertexId source(FlowEdge e, const FlowView& g) { return g.source(e.index); }
inline VertexId target(FlowEdge e, const FlowView& g) { return g.target(e.index); }
inline std::pair<FlowEdgeRangeIterator, FlowEdgeRangeIterator> out_edges(VertexId v,
                                                                         const FlowView& g) {
  const auto [first, last] = g.out_edges(v);
  return {FlowEdgeRangeIterator(first), FlowEdgeRangeIterator(last)};
}
inline std::pair<FlowInEdgeIterator, FlowInEdgeIterator> in_edges(VertexId v, const FlowView& g) {
  const auto span = g.in_edges(v);
  return {FlowInEdgeIterator(span.data()), FlowInEdgeIterator(span.data() + span.size())};
}
inline std::uint32_t out_degree(VertexId v, const FlowView& g) {
  const auto [first, last] = g.out_edges(v);
  return last - first;
}
inline std::uint32_t in_degree(VertexId v, const FlowView& g) {
  return static_cast<std::uint32_t>(g.in_edges(v).size());
}
inline std::uint32_t degree(VertexId v, const FlowView& g) {
  return out_degree(v, g) + in_degree(v, g);
}
inline std::pair<boost::counting_iterator<VertexId>, boost::counting_iterator<VertexId>> vertices(
    const FlowView& g) {
  return {boost::counting_iterator<VertexId>(0),
          boost::counting_iterator<VertexId>(g.num_vertices())};
}
inline std::uint32_t num_vertices(const FlowView& g) { return g.num_vertices(); }
inline std::pair<FlowEdgeRangeIterator, FlowEdgeRangeIterator> edges(const FlowView& g) {
  return {FlowEdgeRangeIterator(0), FlowEdgeRangeIterator(g.num_edges())};
}
inline std::uint32_t num_edges(const FlowView& g) { return g.num_edges(); }

inline boost::typed_identity_property_map<VertexId> get(boost::vertex_index_t, const FlowView&) {
  return {};
}
inline bgl_detail::EdgeIndexMap<FlowEdge> get(boost::edge_index_t, const FlowView&) { return {}; }

}  // namespace moneytrail

namespace boost {

template <>
struct graph_traits<moneytrail::FlowView>
    : moneytrail::bgl_detail::GraphTraits<
          moneytrail::FlowEdge, moneytrail::FlowEdgeRangeIterator, moneytrail::FlowInEdgeIterator,
          moneytrail::FlowEdgeRangeIterator, disallow_parallel_edge_tag> {
};  // one per ordered pair
// Some algorithms (brandes_betweenness_centrality) ask for the traits of the const graph.
template <>
struct graph_traits<const moneytrail::FlowView> : graph_traits<moneytrail::FlowView> {};

template <class Tag>
struct property_map<moneytrail::FlowView, Tag>
    : moneytrail::bgl_detail::PropertyMap<moneytrail::FlowEdge, Tag> {};
template <class Tag>
struct property_map<const moneytrail::FlowView, Tag>
    : moneytrail::bgl_detail::PropertyMap<moneytrail::FlowEdge, Tag> {};

}  // namespace boost
