#include "algorithms/components/core_decomposition.h"

#include <algorithm>
#include <boost/graph/core_numbers.hpp>
#include <boost/property_map/property_map.hpp>

#include "algorithms/communities/boost_csr.h"

namespace moneytrail {
namespace {

// Both directions of every edge are in `csr`: Boost counts a vertex's in-degree, which then is
// its degree.
CoreDecompositionResult cores_of(const community_detail::BoostCsr& csr, std::uint32_t n) {
  CoreDecompositionResult result;
  result.core.assign(n, 0);
  boost::core_numbers(
      csr, boost::make_iterator_property_map(result.core.begin(), get(boost::vertex_index, csr)));
  if (n) result.max_core = *std::max_element(result.core.begin(), result.core.end());
  return result;
}

}  // namespace

CoreDecompositionResult core_decomposition(const CommunityGraph& graph) {
  const std::uint32_t n = graph.num_nodes();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  arcs.reserve(2 * graph.num_edges());
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t u : graph.neighbours(v)) arcs.emplace_back(v, u);
  return cores_of(community_detail::boost_csr_from_sorted_arcs(std::move(arcs), n), n);
}

CoreDecompositionResult core_decomposition(const FlowView& flows) {
  const std::uint32_t n = flows.num_vertices();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  arcs.reserve(2 * static_cast<std::size_t>(flows.num_edges()));
  for (VertexId v = 0; v < n; ++v) {
    // Receivers (sorted by target) and senders (sorted by source) merged into distinct neighbours.
    auto [out, out_end] = flows.out_edges(v);
    const auto in = flows.in_edges(v);
    auto in_it = in.begin();
    VertexId last = v;  // skips self flows and a neighbour that both sends and receives
    while (out < out_end || in_it != in.end()) {
      const bool take_out =
          in_it == in.end() || (out < out_end && flows.target(out) <= flows.source(*in_it));
      const VertexId u = take_out ? flows.target(out++) : flows.source(*in_it++);
      if (u != v && u != last) arcs.emplace_back(v, u);
      if (u != v) last = u;
    }
  }
  return cores_of(community_detail::boost_csr_from_sorted_arcs(std::move(arcs), n), n);
}

}  // namespace moneytrail
