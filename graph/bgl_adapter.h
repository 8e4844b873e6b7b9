// Makes TransactionGraph a Boost.Graph citizen: it models VertexListGraph, EdgeListGraph,
// IncidenceGraph and BidirectionalGraph, with vertex_index and edge_index property maps, so BGL
// algorithms (breadth_first_search, strong_components, ...) run on it without a copy.
// An edge is one transaction; its descriptor carries the TxIndex.
#pragma once

#include <boost/iterator/counting_iterator.hpp>
#include <utility>

#include "graph/bgl_common.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

using TransactionEdge = bgl_detail::IndexedEdge<struct TransactionEdgeTag, TxIndex>;
using TransactionEdgeIterator = bgl_detail::EdgeListIterator<TransactionEdge, TxIndex>;
/// Every transaction in processing order.
using AllTransactionsIterator = bgl_detail::EdgeRunIterator<TransactionEdge, TxIndex>;

// --- BGL free functions, found by argument-dependent lookup ---

inline VertexId source(TransactionEdge e, const TransactionGraph& g) {
  return g.transactions().from[e.index];
}
inline VertexId target(TransactionEdge e, const TransactionGraph& g) {
  return g.transactions().to[e.index];
}
inline std::pair<TransactionEdgeIterator, TransactionEdgeIterator> out_edges(
    VertexId v, const TransactionGraph& g) {
  auto span = g.out_transactions(v);
  return {TransactionEdgeIterator(span.data()), TransactionEdgeIterator(span.data() + span.size())};
}
inline std::pair<TransactionEdgeIterator, TransactionEdgeIterator> in_edges(
    VertexId v, const TransactionGraph& g) {
  auto span = g.in_transactions(v);
  return {TransactionEdgeIterator(span.data()), TransactionEdgeIterator(span.data() + span.size())};
}
inline std::uint32_t out_degree(VertexId v, const TransactionGraph& g) { return g.out_degree(v); }
inline std::uint32_t in_degree(VertexId v, const TransactionGraph& g) { return g.in_degree(v); }
inline std::uint32_t degree(VertexId v, const TransactionGraph& g) {
  return g.out_degree(v) + g.in_degree(v);
}
inline std::pair<boost::counting_iterator<VertexId>, boost::counting_iterator<VertexId>> vertices(
    const TransactionGraph& g) {
  return {boost::counting_iterator<VertexId>(0),
          boost::counting_iterator<VertexId>(g.num_accounts())};
}
inline std::uint32_t num_vertices(const TransactionGraph& g) { return g.num_accounts(); }
inline std::pair<AllTransactionsIterator, AllTransactionsIterator> edges(
    const TransactionGraph& g) {
  return {AllTransactionsIterator(0), AllTransactionsIterator(g.num_transactions())};
}
inline std::uint32_t num_edges(const TransactionGraph& g) { return g.num_transactions(); }

inline boost::typed_identity_property_map<VertexId> get(boost::vertex_index_t,
                                                        const TransactionGraph&) {
  return {};
}
inline bgl_detail::EdgeIndexMap<TransactionEdge> get(boost::edge_index_t, const TransactionGraph&) {
  return {};
}

}  // namespace moneytrail

namespace boost {

template <>
struct graph_traits<moneytrail::TransactionGraph>
    : moneytrail::bgl_detail::GraphTraits<
          moneytrail::TransactionEdge, moneytrail::TransactionEdgeIterator,
          moneytrail::TransactionEdgeIterator, moneytrail::AllTransactionsIterator,
          allow_parallel_edge_tag> {};
template <>
struct graph_traits<const moneytrail::TransactionGraph>
    : graph_traits<moneytrail::TransactionGraph> {};

template <class Tag>
struct property_map<moneytrail::TransactionGraph, Tag>
    : moneytrail::bgl_detail::PropertyMap<moneytrail::TransactionEdge, Tag> {};
template <class Tag>
struct property_map<const moneytrail::TransactionGraph, Tag>
    : moneytrail::bgl_detail::PropertyMap<moneytrail::TransactionEdge, Tag> {};

}  // namespace boost
