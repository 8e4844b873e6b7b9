#include "algorithms/centrality/pagerank.h"

#include <cmath>
#include <stdexcept>

namespace moneytrail {

double flow_weight(const FlowView& flows, FlowEdgeIndex e, FlowWeight weight) {
  switch (weight) {
    case FlowWeight::value:
      return flows.value(e);
    case FlowWeight::count:
      return flows.count(e);
    default:
      return 1.0;
  }
}

PageRankResult pagerank(const FlowView& flows, const PageRankOptions& options) {
  if (!(options.damping >= 0 && options.damping < 1)) {
    throw std::invalid_argument("damping must be in [0, 1)");
  }
  if (!(options.tolerance > 0)) throw std::invalid_argument("tolerance must be positive");
  const std::uint32_t n = flows.num_vertices();
  PageRankResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }
  // Teleport distribution p (also where dangling rank goes).
  std::vector<double> teleport(n, 0.0);
  if (options.seeds.empty()) {
    std::fill(teleport.begin(), teleport.end(), 1.0 / n);
  } else {
    for (VertexId s : options.seeds) {
      if (s >= n) throw std::invalid_argument("a seed account is out of range");
      teleport[s] = 1.0;
    }
    double total = 0;
    for (double t : teleport) total += t;
    for (double& t : teleport) t /= total;
  }
  // Out-strength per account; an account with none (or zero total weight) is dangling.
  std::vector<double> out_strength(n, 0.0);
  for (VertexId v = 0; v < n; ++v) {
    auto [begin, end] = flows.out_edges(v);
    for (FlowEdgeIndex e = begin; e < end; ++e)
      out_strength[v] += flow_weight(flows, e, options.weight);
  }
  // Incoming flows laid out contiguously per account with their source and share of the source's
  // rank, so the iteration streams through memory and only x[source] is a random access.
  std::vector<std::uint64_t> in_begin(static_cast<std::size_t>(n) + 1, 0);
  std::vector<VertexId> in_source;
  std::vector<double> in_share;
  in_source.reserve(flows.num_edges());
  in_share.reserve(flows.num_edges());
  for (VertexId v = 0; v < n; ++v) {
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      const VertexId u = flows.source(e);
      in_source.push_back(u);
      in_share.push_back(
          out_strength[u] > 0 ? flow_weight(flows, e, options.weight) / out_strength[u] : 0.0);
    }
    in_begin[v + 1] = in_source.size();
  }

  std::vector<double> x(n, 1.0 / n);  // networkx's default start
  std::vector<double> next(n);
  const double alpha = options.damping;
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    double dangling = 0;
    for (VertexId v = 0; v < n; ++v) {
      if (!(out_strength[v] > 0)) dangling += x[v];
    }
    double change = 0;
#pragma omp parallel for schedule(dynamic, 4096) reduction(+ : change) if (n > 65536)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const VertexId v = static_cast<VertexId>(i);
      double sum = 0;
      for (std::uint64_t k = in_begin[v]; k < in_begin[v + 1]; ++k)
        sum += x[in_source[k]] * in_share[k];
      next[v] = alpha * sum + (alpha * dangling + (1 - alpha)) * teleport[v];
      change += std::abs(next[v] - x[v]);
    }
    x.swap(next);
    result.final_change = change;
    if (change < n * options.tolerance) {
      result.converged = true;
      break;
    }
  }
  if (!result.converged) result.iterations = options.max_iterations;
  result.score = std::move(x);
  return result;
}

}  // namespace moneytrail
