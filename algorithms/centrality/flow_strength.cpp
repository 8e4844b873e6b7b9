#include "algorithms/centrality/flow_strength.h"

namespace moneytrail {

FlowStrength flow_strength(const FlowView& flows, FlowWeight weight) {
  const std::uint32_t n = flows.num_vertices();
  FlowStrength s;
  s.in_degree.assign(n, 0);
  s.out_degree.assign(n, 0);
  s.in_value.assign(n, 0.0);
  s.out_value.assign(n, 0.0);
  for (VertexId v = 0; v < n; ++v) {
    auto [begin, end] = flows.out_edges(v);
    s.out_degree[v] = end - begin;
    for (FlowEdgeIndex e = begin; e < end; ++e) {
      const double w = flow_weight(flows, e, weight);
      s.out_value[v] += w;
      s.in_value[flows.target(e)] += w;
      ++s.in_degree[flows.target(e)];
    }
  }
  return s;
}

}  // namespace moneytrail
