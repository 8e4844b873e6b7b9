// Boost.Graph's compressed sparse row graph over our 32-bit ids, for calling BGL algorithms
// (core numbers, strong components) on views that store their own adjacency.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <utility>
#include <vector>

namespace moneytrail::community_detail {

using BoostCsr =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                       boost::no_property, std::uint32_t, std::uint64_t>;

/// `arcs` must be sorted by source; it is consumed (freed) to keep peak memory down.
inline BoostCsr boost_csr_from_sorted_arcs(
    std::vector<std::pair<std::uint32_t, std::uint32_t>>&& arcs, std::uint32_t num_vertices) {
  BoostCsr csr(boost::edges_are_sorted, arcs.begin(), arcs.end(), num_vertices);
  std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(arcs);
  return csr;
}

}  // namespace moneytrail::community_detail
