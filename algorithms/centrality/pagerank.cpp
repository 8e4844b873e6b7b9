#include "algorithms/centrality/pagerank.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <stdexcept>

#include "algorithms/components/strong_components.h"
#include "graph/option_error.h"

namespace moneytrail {

double flow_weight(const FlowView& flows, FlowEdgeIndex e, FlowWeight weight) {
  switch (weight) {
    case FlowWeight::value: return flows.value(e);
    case FlowWeight::count: return flows.count(e);
    default: return 1.0;
  }
}

PageRankResult pagerank(const FlowView& flows, const PageRankOptions& options) {
  if (!(options.damping >= 0 && options.damping < 1)) {
    throw OptionError("damping", "must be in [0, 1)");
  }
  if (!(options.tolerance > 0)) throw OptionError("tolerance", "must be positive");
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
  // PageRank with dangling rank spread like the teleport is x = y / |y|, where y solves the
  // linear system y = alpha A y + p (A: the shares, dangling columns left empty). Over strongly
  // connected components in topological order that system is block triangular: an account
  // outside any cycle is solved exactly in one step once the accounts paying it are, and each
  // cyclic component is solved by Gauss-Seidel sweeps with everything upstream already final.
  // Sequential, so the thread count cannot change the result.
  const std::vector<std::uint32_t> topo = topological_strong_components(flows);
  std::vector<std::uint32_t> comp_begin;
  std::vector<VertexId> order(n);
  {
    std::uint32_t count = 0;
    for (std::uint32_t c : topo) count = std::max(count, c + 1);
    comp_begin.assign(static_cast<std::size_t>(count) + 1, 0);
    for (std::uint32_t c : topo) ++comp_begin[c + 1];
    for (std::uint32_t c = 0; c < count; ++c) comp_begin[c + 1] += comp_begin[c];
    std::vector<std::uint32_t> fill(comp_begin.begin(), comp_begin.end() - 1);
    for (VertexId v = 0; v < n; ++v) order[fill[topo[v]]++] = v;
  }
  // Accounts renumbered in that order, with their incoming flows laid out contiguously (source
  // position and share of the source's rank), so a sweep streams through memory and only
  // y[source] is a random access. A self flow becomes the divisor.
  std::vector<std::uint32_t> position(n);
  for (std::uint32_t i = 0; i < n; ++i) position[order[i]] = i;
  auto share_of = [&](FlowEdgeIndex e) {
    const double strength = out_strength[flows.source(e)];
    return strength > 0 ? options.damping * flow_weight(flows, e, options.weight) / strength : 0.0;
  };
  std::vector<std::uint64_t> in_begin(static_cast<std::size_t>(n) + 1, 0);
  std::vector<double> divisor(n, 1.0);
  std::vector<double> constant(n);
#pragma omp parallel for schedule(dynamic, 4096) if (n > 65536)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
    const VertexId v = order[i];
    constant[i] = teleport[v];
    std::uint64_t count = 0;
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      if (flows.source(e) == v) {
        divisor[i] -= share_of(e);
      } else if (share_of(e) > 0) {
        ++count;
      }
    }
    in_begin[i + 1] = count;
  }
  for (std::uint32_t i = 0; i < n; ++i) in_begin[i + 1] += in_begin[i];
  std::vector<std::uint32_t> in_source(in_begin[n]);
  std::vector<double> in_share(in_begin[n]);
#pragma omp parallel for schedule(dynamic, 4096) if (n > 65536)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
    const VertexId v = order[i];
    std::uint64_t k = in_begin[i];
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      const double share = share_of(e);
      if (flows.source(e) != v && share > 0) {
        in_source[k] = position[flows.source(e)];
        in_share[k++] = share;
      }
    }
  }
  std::vector<double> y(n, 0.0);
  auto update = [&](std::uint32_t i) {
    double sum = constant[i];
    for (std::uint64_t k = in_begin[i]; k < in_begin[i + 1]; ++k)
      sum += y[in_source[k]] * in_share[k];
    return sum / divisor[i];
  };
  result.converged = true;
  result.iterations = 1;
  for (std::size_t c = 0; c + 1 < comp_begin.size(); ++c) {
    const std::uint32_t first = comp_begin[c], last = comp_begin[c + 1];
    if (last - first == 1) {
      y[first] = update(first);
      continue;
    }
    // Stop when a sweep changes the component by less than its share of n x tolerance; y sums to
    // at least 1, so the normalised scores change by no more.
    const double limit = static_cast<double>(last - first) * options.tolerance;
    bool done = false;
    std::uint32_t sweep = 0;
    while (!done && sweep < options.max_iterations) {
      ++sweep;
      double change = 0;
      for (std::uint32_t i = first; i < last; ++i) {
        const double updated = update(i);
        change += std::abs(updated - y[i]);
        y[i] = updated;
      }
      result.final_change = std::max(result.final_change, change);
      done = change < limit;
    }
    result.iterations = std::max(result.iterations, sweep);
    if (!done) result.converged = false;
  }
  double total = 0;
  for (double value : y) total += value;
  std::vector<double> x(n);
  for (VertexId v = 0; v < n; ++v) x[v] = y[position[v]] / total;
  result.score = std::move(x);
  return result;
}

}  // namespace moneytrail
