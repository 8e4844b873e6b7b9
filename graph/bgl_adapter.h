// Makes TransactionGraph a Boost.Graph citizen: it models VertexListGraph, EdgeListGraph,
// IncidenceGraph and BidirectionalGraph, with vertex_index and edge_index property maps, so BGL
// algorithms (breadth_first_search, strong_components, ...) run on it without a copy.
// An edge is one transaction; its descriptor carries the TxIndex.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <utility>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct TransactionEdge {
  TxIndex index = 0;
  friend bool operator==(TransactionEdge a, TransactionEdge b) { return a.index == b.index; }
  friend bool operator!=(TransactionEdge a, TransactionEdge b) { return a.index != b.index; }
  friend bool operator<(TransactionEdge a, TransactionEdge b) { return a.index < b.index; }
};

/// Walks a span of TxIndex and yields edge descriptors.
class TransactionEdgeIterator
    : public boost::iterator_facade<TransactionEdgeIterator, TransactionEdge,
                                    std::random_access_iterator_tag, TransactionEdge> {
 public:
  TransactionEdgeIterator() = default;
  explicit TransactionEdgeIterator(const TxIndex* position) : position_(position) {}

 private:
  friend class boost::iterator_core_access;
  TransactionEdge dereference() const { return {*position_}; }
  bool equal(const TransactionEdgeIterator& other) const { return position_ == other.position_; }
  void increment() { ++position_; }
  void decrement() { --position_; }
  void advance(std::ptrdiff_t n) { position_ += n; }
  std::ptrdiff_t distance_to(const TransactionEdgeIterator& other) const {
    return other.position_ - position_;
  }
  const TxIndex* position_ = nullptr;
};

/// Enumerates every transaction in processing order.
class AllTransactionsIterator
    : public boost::iterator_facade<AllTransactionsIterator, TransactionEdge,
                                    std::random_access_iterator_tag, TransactionEdge> {
 public:
  AllTransactionsIterator() = default;
  explicit AllTransactionsIterator(TxIndex index) : index_(index) {}

 private:
  friend class boost::iterator_core_access;
  TransactionEdge dereference() const { return {index_}; }
  bool equal(const AllTransactionsIterator& other) const { return index_ == other.index_; }
  void increment() { ++index_; }
  void decrement() { --index_; }
  void advance(std::ptrdiff_t n) { index_ = static_cast<TxIndex>(index_ + n); }
  std::ptrdiff_t distance_to(const AllTransactionsIterator& other) const {
    return static_cast<std::ptrdiff_t>(other.index_) - static_cast<std::ptrdiff_t>(index_);
  }
  TxIndex index_ = 0;
};

struct TransactionGraphTraversalCategory : boost::vertex_list_graph_tag,
                                           boost::edge_list_graph_tag,
                                           boost::bidirectional_graph_tag {};

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

/// Maps an edge descriptor to its TxIndex (the BGL edge_index property).
struct TransactionEdgeIndexMap {
  using key_type = TransactionEdge;
  using value_type = TxIndex;
  using reference = TxIndex;
  using category = boost::readable_property_map_tag;
};
inline TxIndex get(TransactionEdgeIndexMap, TransactionEdge e) { return e.index; }

inline boost::typed_identity_property_map<VertexId> get(boost::vertex_index_t,
                                                        const TransactionGraph&) {
  return {};
}
inline TransactionEdgeIndexMap get(boost::edge_index_t, const TransactionGraph&) { return {}; }

}  // namespace moneytrail

namespace boost {

template <>
struct graph_traits<moneytrail::TransactionGraph> {
  using vertex_descriptor = moneytrail::VertexId;
  using edge_descriptor = moneytrail::TransactionEdge;
  using directed_category = bidirectional_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = moneytrail::TransactionGraphTraversalCategory;
  using out_edge_iterator = moneytrail::TransactionEdgeIterator;
  using in_edge_iterator = moneytrail::TransactionEdgeIterator;
  using vertex_iterator = counting_iterator<moneytrail::VertexId>;
  using edge_iterator = moneytrail::AllTransactionsIterator;
  using adjacency_iterator = void;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint32_t;
  using degree_size_type = std::uint32_t;
  static vertex_descriptor null_vertex() { return std::numeric_limits<std::uint32_t>::max(); }
};

template <>
struct property_map<moneytrail::TransactionGraph, vertex_index_t> {
  using type = typed_identity_property_map<moneytrail::VertexId>;
  using const_type = type;
};
template <>
struct property_map<moneytrail::TransactionGraph, edge_index_t> {
  using type = moneytrail::TransactionEdgeIndexMap;
  using const_type = type;
};

}  // namespace boost
