#include "algorithms/communities/core_decomposition.h"

#include <algorithm>
#include <boost/graph/core_numbers.hpp>
#include <boost/property_map/property_map.hpp>

#include "algorithms/communities/boost_csr.h"

namespace moneytrail {

CoreDecompositionResult core_decomposition(const CommunityGraph& graph) {
  const std::uint32_t n = graph.num_nodes();
  // Both directions of every edge: Boost counts a vertex's in-degree, which then is its degree.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  arcs.reserve(2 * graph.num_edges());
  for (std::uint32_t v = 0; v < n; ++v)
    for (std::uint32_t u : graph.neighbours(v)) arcs.emplace_back(v, u);
  const auto csr = community_detail::boost_csr_from_sorted_arcs(std::move(arcs), n);

  CoreDecompositionResult result;
  result.core.assign(n, 0);
  boost::core_numbers(
      csr, boost::make_iterator_property_map(result.core.begin(), get(boost::vertex_index, csr)));
  if (n) result.max_core = *std::max_element(result.core.begin(), result.core.end());
  return result;
}

}  // namespace moneytrail
