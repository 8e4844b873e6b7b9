// What both BGL adapters share (bgl_adapter.h for TransactionGraph, bgl_flow_view.h for
// FlowView): an edge descriptor is a small struct holding an index, a graph's edges are a run of
// consecutive indices or a list of them, the edge_index map reads the index, and the traits
// differ only in their types.
#pragma once

#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>

namespace moneytrail::bgl_detail {

/// An edge descriptor: the edge's index in its graph. `Tag` keeps two graphs' edges apart.
template <class Tag, class Index>
struct IndexedEdge {
  Index index = 0;
  friend bool operator==(IndexedEdge a, IndexedEdge b) { return a.index == b.index; }
  friend bool operator!=(IndexedEdge a, IndexedEdge b) { return a.index != b.index; }
  friend bool operator<(IndexedEdge a, IndexedEdge b) { return a.index < b.index; }
};

/// The edge_index property: an edge descriptor's index.
template <class Edge>
struct EdgeIndexMap {
  using key_type = Edge;
  using value_type = decltype(Edge::index);
  using reference = value_type;
  using category = boost::readable_property_map_tag;
};
template <class Edge>
typename EdgeIndexMap<Edge>::value_type get(EdgeIndexMap<Edge>, Edge e) {
  return e.index;
}

struct BidirectionalTraversal : boost::vertex_list_graph_tag,
                                boost::edge_list_graph_tag,
                                boost::bidirectional_graph_tag {};

/// Edges with consecutive indices [first, last): all edges, or a CSR vertex's out-edges.
template <class Edge, class Index>
class EdgeRunIterator : public boost::iterator_facade<EdgeRunIterator<Edge, Index>, Edge,
                                                      std::random_access_iterator_tag, Edge> {
 public:
  EdgeRunIterator() = default;
  explicit EdgeRunIterator(Index index) : index_(index) {}

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const { return {index_}; }
  bool equal(const EdgeRunIterator& other) const { return index_ == other.index_; }
  void increment() { ++index_; }
  void decrement() { --index_; }
  void advance(std::ptrdiff_t n) { index_ = static_cast<Index>(index_ + n); }
  std::ptrdiff_t distance_to(const EdgeRunIterator& other) const {
    return static_cast<std::ptrdiff_t>(other.index_) - static_cast<std::ptrdiff_t>(index_);
  }
  Index index_ = 0;
};

/// Edges listed by index in an array (a vertex's incident transactions, a flow's in-edges).
template <class Edge, class Index>
class EdgeListIterator : public boost::iterator_facade<EdgeListIterator<Edge, Index>, Edge,
                                                       std::random_access_iterator_tag, Edge> {
 public:
  EdgeListIterator() = default;
  explicit EdgeListIterator(const Index* position) : position_(position) {}

 private:
  friend class boost::iterator_core_access;
  Edge dereference() const { return {*position_}; }
  bool equal(const EdgeListIterator& other) const { return position_ == other.position_; }
  void increment() { ++position_; }
  void decrement() { --position_; }
  void advance(std::ptrdiff_t n) { position_ += n; }
  std::ptrdiff_t distance_to(const EdgeListIterator& other) const {
    return other.position_ - position_;
  }
  const Index* position_ = nullptr;
};

/// graph_traits for a graph whose vertices are 0..n-1 (32-bit) and whose edges are indexed.
template <class Edge, class OutEdgeIterator, class InEdgeIterator, class EdgeIterator,
          class ParallelCategory>
struct GraphTraits {
  using vertex_descriptor = std::uint32_t;
  using edge_descriptor = Edge;
  using directed_category = boost::bidirectional_tag;
  using edge_parallel_category = ParallelCategory;
  using traversal_category = BidirectionalTraversal;
  using out_edge_iterator = OutEdgeIterator;
  using in_edge_iterator = InEdgeIterator;
  using vertex_iterator = boost::counting_iterator<std::uint32_t>;
  using edge_iterator = EdgeIterator;
  using adjacency_iterator = void;
  using vertices_size_type = std::uint32_t;
  using edges_size_type = std::uint32_t;
  using degree_size_type = std::uint32_t;
  static vertex_descriptor null_vertex() { return std::numeric_limits<std::uint32_t>::max(); }
};

/// property_map for vertex_index (identity) and edge_index (the descriptor's index).
template <class Edge, class PropertyTag>
struct PropertyMap;
template <class Edge>
struct PropertyMap<Edge, boost::vertex_index_t> {
  using type = boost::typed_identity_property_map<std::uint32_t>;
  using const_type = type;
};
template <class Edge>
struct PropertyMap<Edge, boost::edge_index_t> {
  using type = EdgeIndexMap<Edge>;
  using const_type = type;
};

}  // namespace moneytrail::bgl_detail
