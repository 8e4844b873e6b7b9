#include "algorithms/components/strong_components.h"

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>

#include "graph/bgl_flow_view.h"

namespace moneytrail {

std::vector<std::uint32_t> topological_strong_components(const FlowView& flows) {
  // On the flow view itself through its BGL adapter: no copy of the edges.
  std::vector<std::uint32_t> component(flows.num_vertices(), 0);
  const std::uint32_t count = boost::strong_components(
      flows, boost::make_iterator_property_map(component.begin(), get(boost::vertex_index, flows)));
  // Tarjan's algorithm completes sink components first; reverse to put sources first.
  for (std::uint32_t& c : component) c = count - 1 - c;
  return component;
}

StrongComponentsResult strongly_connected_components(const FlowView& flows) {
  const std::uint32_t n = flows.num_vertices();
  const std::vector<std::uint32_t> raw = topological_strong_components(flows);

  // Renumber by smallest account so the numbering does not depend on Tarjan's visiting order.
  StrongComponentsResult result;
  result.component.assign(n, 0);
  std::vector<std::uint32_t> new_id(n, std::numeric_limits<std::uint32_t>::max());
  std::vector<std::uint32_t> sizes;
  for (VertexId v = 0; v < n; ++v) {
    std::uint32_t& id = new_id[raw[v]];
    if (id == std::numeric_limits<std::uint32_t>::max()) {
      id = result.count++;
      sizes.push_back(0);
    }
    result.component[v] = id;
    ++sizes[id];
  }
  if (!sizes.empty()) result.largest = *std::max_element(sizes.begin(), sizes.end());
  return result;
}

}  // namespace moneytrail
