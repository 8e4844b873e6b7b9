#include "algorithms/centrality/betweenness.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <queue>
#include <random>
#include <thread>

namespace moneytrail {
namespace {

// Scratch space for one single-source pass, reused across sources.
struct SourcePass {
  explicit SourcePass(std::uint32_t n) : sigma(n, 0), distance(n, -1), delta(n, 0), settled(n, 0) {}
  std::vector<double> sigma;     // number of shortest paths from the source
  std::vector<double> distance;  // -1: not reached
  std::vector<double> delta;     // dependency of the source on each account
  std::vector<char> settled;     // Dijkstra only
  std::vector<VertexId> order;   // accounts in non-decreasing distance
};

// Incoming flows laid out contiguously per account (source and length), so the dependency
// sweep streams through memory instead of hopping through edge indices.
struct IncomingFlows {
  std::vector<std::uint64_t> begin;
  std::vector<VertexId> source;
  std::vector<double> length;  // 1 for hop counts, else 1/weight
};

IncomingFlows incoming_flows(const FlowView& flows, FlowWeight weight) {
  IncomingFlows in;
  in.begin.assign(static_cast<std::size_t>(flows.num_vertices()) + 1, 0);
  in.source.reserve(flows.num_edges());
  in.length.reserve(flows.num_edges());
  for (VertexId v = 0; v < flows.num_vertices(); ++v) {
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      in.source.push_back(flows.source(e));
      in.length.push_back(weight == FlowWeight::none ? 1.0 : 1.0 / flow_weight(flows, e, weight));
    }
    in.begin[v + 1] = in.source.size();
  }
  return in;
}

// Brandes' accumulation from one source; adds the dependencies to `score`.
void accumulate(const FlowView& flows, const IncomingFlows& in, FlowWeight weight, VertexId source,
                SourcePass& p, std::vector<double>& score) {
  p.order.clear();
  p.sigma[source] = 1;
  p.distance[source] = 0;
  if (weight == FlowWeight::none) {
    // Breadth-first: `order` doubles as the queue.
    p.order.push_back(source);
    for (std::size_t head = 0; head < p.order.size(); ++head) {
      const VertexId v = p.order[head];
      auto [begin, end] = flows.out_edges(v);
      for (FlowEdgeIndex e = begin; e < end; ++e) {
        const VertexId w = flows.target(e);
        if (p.distance[w] < 0) {
          p.distance[w] = p.distance[v] + 1;
          p.order.push_back(w);
        }
        if (p.distance[w] == p.distance[v] + 1) p.sigma[w] += p.sigma[v];
      }
    }
  } else {
    // Dijkstra with lazy deletion; sigma counts equal-length paths exactly as networkx does.
    using Item = std::pair<double, VertexId>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    std::vector<char>& settled = p.settled;
    queue.push({0.0, source});
    while (!queue.empty()) {
      auto [d, v] = queue.top();
      queue.pop();
      if (settled[v]) continue;
      settled[v] = 1;
      p.order.push_back(v);
      auto [begin, end] = flows.out_edges(v);
      for (FlowEdgeIndex e = begin; e < end; ++e) {
        const VertexId w = flows.target(e);
        if (settled[w]) continue;
        const double candidate = d + 1.0 / flow_weight(flows, e, weight);
        if (p.distance[w] < 0 || candidate < p.distance[w]) {
          p.distance[w] = candidate;
          p.sigma[w] = p.sigma[v];
          queue.push({candidate, w});
        } else if (candidate == p.distance[w]) {
          p.sigma[w] += p.sigma[v];
        }
      }
    }
    for (VertexId v : p.order) settled[v] = 0;
  }
  // Dependencies in reverse order of distance; predecessors are found from incoming flows.
  for (auto it = p.order.rbegin(); it != p.order.rend(); ++it) {
    const VertexId w = *it;
    const double coefficient = (1 + p.delta[w]) / p.sigma[w];
    for (std::uint64_t k = in.begin[w]; k < in.begin[w + 1]; ++k) {
      const VertexId v = in.source[k];
      // The same sum as when w was reached through v, so equality is exact.
      if (p.distance[v] >= 0 && p.distance[v] + in.length[k] == p.distance[w]) {
        p.delta[v] += p.sigma[v] * coefficient;
      }
    }
    if (w != source) score[w] += p.delta[w];
  }
  for (VertexId v : p.order) {
    p.sigma[v] = 0;
    p.distance[v] = -1;
    p.delta[v] = 0;
  }
}

}  // namespace

BetweennessResult betweenness(const FlowView& flows, const BetweennessOptions& options) {
  const std::uint32_t n = flows.num_vertices();
  BetweennessResult result;
  result.score.assign(n, 0.0);
  std::vector<VertexId> sources(n);
  std::iota(sources.begin(), sources.end(), 0u);
  double scale = 1.0;
  if (options.samples > 0 && options.samples < n) {
    // Partial Fisher-Yates with a fixed engine: the same seed draws the same pivots everywhere.
    std::mt19937_64 engine(options.seed);
    for (std::uint32_t i = 0; i < options.samples; ++i) {
      const std::uint64_t j = i + engine() % (n - i);
      std::swap(sources[i], sources[j]);
    }
    sources.resize(options.samples);
    std::sort(sources.begin(), sources.end());
    scale = static_cast<double>(n) / options.samples;
  }
  result.sources = static_cast<std::uint32_t>(sources.size());
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(sources.size())));
  // Thread k takes sources k, k + threads, ...: a fixed assignment, so sums are reproducible.
  std::vector<std::vector<double>> partial(threads, std::vector<double>(n, 0.0));
  const IncomingFlows in = incoming_flows(flows, options.weight);
  // Every thread counts the sources it finished; the calling thread (0) reports the total.
  ProgressStep step(options.progress, "betweenness", sources.size(), "sources");
  std::atomic<std::uint64_t> done{0};
  auto work = [&](unsigned k) {
    SourcePass pass(n);
    for (std::size_t i = k; i < sources.size(); i += threads) {
      accumulate(flows, in, options.weight, sources[i], pass, partial[k]);
      const std::uint64_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
      if (k == 0) step.advance(finished);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work, k);
  if (!sources.empty()) work(0);
  for (std::thread& t : pool) t.join();
  for (unsigned k = 0; k < threads; ++k) {
    for (VertexId v = 0; v < n; ++v) result.score[v] += partial[k][v];
  }
  for (double& s : result.score) s *= scale;
  return result;
}

}  // namespace moneytrail
