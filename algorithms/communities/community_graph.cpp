#include "algorithms/communities/community_graph.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace moneytrail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
// Below this many nodes threads cost more than they save (and small test graphs stay sequential,
// which ThreadSanitizer can check without an instrumented OpenMP runtime).
constexpr std::uint32_t kParallelNodes = 65536;

double directed_weight(const FlowView& flows, FlowEdgeIndex e, CommunityWeight weight) {
  switch (weight) {
    case CommunityWeight::value: return flows.value(e);
    case CommunityWeight::count: return flows.count(e);
    case CommunityWeight::log: return std::log1p(flows.value(e));
    case CommunityWeight::none: return 1.0;
  }
  return 1.0;
}

// Calls neighbour(u, weight of {v, u}) for v's counterparties in increasing order, and loop(w)
// for a flow from v to itself. Out-edges are sorted by target and in-edges by source, so this is
// a linear merge of the two lists; a self flow sits in both and is taken once.
template <typename Neighbour, typename Loop>
void for_each_undirected_flow(const FlowView& flows, VertexId v, CommunityWeight weight,
                              Neighbour&& neighbour, Loop&& loop) {
  auto [out, out_end] = flows.out_edges(v);
  const auto in = flows.in_edges(v);
  std::size_t i = 0;
  while (out < out_end || i < in.size()) {
    const VertexId a = out < out_end ? flows.target(out) : kNone;
    const VertexId b = i < in.size() ? flows.source(in[i]) : kNone;
    if (a == v || b == v) {
      if (a == v) loop(directed_weight(flows, out++, weight));
      if (b == v) ++i;
      continue;
    }
    const VertexId u = std::min(a, b);
    double w = 0;
    if (a == u) w += directed_weight(flows, out++, weight);
    if (b == u) w += directed_weight(flows, in[i++], weight);
    neighbour(u, w);
  }
}

}  // namespace

CommunityGraph CommunityGraph::from_edges(std::uint32_t num_nodes, std::span<const Edge> edges) {
  CommunityGraph graph;
  graph.self_loop_.assign(num_nodes, 0.0);
  std::vector<std::uint64_t> degree(static_cast<std::size_t>(num_nodes) + 1, 0);
  for (const Edge& e : edges) {
    if (e.u >= num_nodes || e.v >= num_nodes)
      throw std::invalid_argument("edge (" + std::to_string(e.u) + ", " + std::to_string(e.v) +
                                  ") names a node outside 0.." + std::to_string(num_nodes));
    if (!(e.weight >= 0) || !std::isfinite(e.weight))
      throw std::invalid_argument("edge (" + std::to_string(e.u) + ", " + std::to_string(e.v) +
                                  ") has a negative or non-finite weight");
    if (e.u == e.v) continue;
    ++degree[e.u + 1];
    ++degree[e.v + 1];
  }
  std::partial_sum(degree.begin(), degree.end(), degree.begin());
  std::vector<std::uint32_t> neighbours(degree.back());
  std::vector<double> weights(degree.back());
  std::vector<std::uint64_t> fill(degree.begin(), degree.end() - 1);
  for (const Edge& e : edges) {
    if (e.u == e.v) {
      graph.self_loop_[e.u] += e.weight;
      continue;
    }
    neighbours[fill[e.u]] = e.v;
    weights[fill[e.u]++] = e.weight;
    neighbours[fill[e.v]] = e.u;
    weights[fill[e.v]++] = e.weight;
  }
  // Sort each row by neighbour and add up parallel edges.
  graph.offsets_.assign(static_cast<std::size_t>(num_nodes) + 1, 0);
  std::vector<std::pair<std::uint32_t, double>> row;
  for (std::uint32_t v = 0; v < num_nodes; ++v) {
    row.clear();
    for (std::uint64_t i = degree[v]; i < degree[v + 1]; ++i)
      row.emplace_back(neighbours[i], weights[i]);
    std::stable_sort(row.begin(), row.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [u, w] : row) {
      if (graph.neighbours_.size() > graph.offsets_[v] && graph.neighbours_.back() == u) {
        graph.weights_.back() += w;
      } else {
        graph.neighbours_.push_back(u);
        graph.weights_.push_back(w);
      }
    }
    graph.offsets_[v + 1] = graph.neighbours_.size();
  }
  graph.size_.assign(num_nodes, 1.0);
  graph.finish();
  return graph;
}

CommunityGraph CommunityGraph::from_flows(const FlowView& flows,
                                          const CommunityGraphOptions& options) {
  const std::uint32_t n = flows.num_vertices();
  CommunityGraph graph;
  graph.self_loop_.assign(n, 0.0);
  graph.offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  std::vector<std::uint64_t> degree(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 4096) if (n > kParallelNodes)
  for (VertexId v = 0; v < n; ++v) {
    std::uint64_t count = 0;
    for_each_undirected_flow(
        flows, v, options.weight, [&](VertexId, double) { ++count; }, [](double) {});
    degree[v + 1] = count;
  }
  std::partial_sum(degree.begin(), degree.end(), graph.offsets_.begin());
  graph.neighbours_.resize(graph.offsets_.back());
  graph.weights_.resize(graph.offsets_.back());
#pragma omp parallel for schedule(dynamic, 4096) if (n > kParallelNodes)
  for (VertexId v = 0; v < n; ++v) {
    std::uint64_t slot = graph.offsets_[v];
    for_each_undirected_flow(
        flows, v, options.weight,
        [&](VertexId u, double w) {
          graph.neighbours_[slot] = u;
          graph.weights_[slot++] = w;
        },
        [&](double w) { graph.self_loop_[v] += w; });
  }
  graph.size_.assign(n, 1.0);
  graph.finish();
  if (options.links.empty()) return graph;

  // Links: add them as edges of link_weight x the mean flow edge weight.
  const std::uint64_t flow_edges = graph.num_edges();
  const double mean = flow_edges
                          ? (graph.total_weight_ - std::accumulate(graph.self_loop_.begin(),
                                                                   graph.self_loop_.end(), 0.0)) /
                                static_cast<double>(flow_edges)
                          : 1.0;
  const double link = options.link_weight * mean;
  std::vector<Edge> edges;
  edges.reserve(flow_edges + options.links.size() + n);
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto nb = graph.neighbours(v);
    const auto w = graph.weights(v);
    for (std::size_t k = 0; k < nb.size(); ++k)
      if (v < nb[k]) edges.push_back({v, nb[k], w[k]});
    if (graph.self_loop_[v] > 0) edges.push_back({v, v, graph.self_loop_[v]});
  }
  for (const AccountLink& l : options.links) {
    if (l.a >= n || l.b >= n)
      throw std::invalid_argument("an ownership link names an unknown account");
    edges.push_back({l.a, l.b, link});
  }
  return from_edges(n, edges);
}

void CommunityGraph::finish() {
  const std::uint32_t n = num_nodes();
  strength_.assign(n, 0.0);
  double twice_edges = 0;
  double loops = 0;
#pragma omp parallel for reduction(+ : twice_edges, loops) schedule(static) if (n > kParallelNodes)
  for (std::uint32_t v = 0; v < n; ++v) {
    double s = 0;
    for (std::uint64_t i = offsets_[v]; i < offsets_[v + 1]; ++i) s += weights_[i];
    twice_edges += s;
    loops += self_loop_[v];
    strength_[v] = s + 2 * self_loop_[v];
  }
  total_weight_ = twice_edges / 2 + loops;
}

CommunityGraph CommunityGraph::aggregate(std::span<const std::uint32_t> membership,
                                         std::uint32_t count) const {
  const std::uint32_t n = num_nodes();
  std::vector<std::uint32_t> start(static_cast<std::size_t>(count) + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v) ++start[membership[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::uint32_t> members(n);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t v = 0; v < n; ++v) members[fill[membership[v]]++] = v;
  }

  CommunityGraph result;
  result.self_loop_.assign(count, 0.0);
  result.size_.assign(count, 0.0);
  std::vector<std::uint64_t> row_length(count, 0);
  const int threads = count > kParallelNodes ? omp_get_max_threads() : 1;
  std::vector<std::vector<std::uint32_t>> chunk_neighbours(threads);
  std::vector<std::vector<double>> chunk_weights(threads);
  std::vector<std::uint32_t> chunk_first(static_cast<std::size_t>(threads) + 1);
  for (int t = 0; t <= threads; ++t)
    chunk_first[t] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(count) * t / threads);

#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num();
    std::vector<std::uint32_t> position(count, kNone);
    auto& out_neighbours = chunk_neighbours[t];
    auto& out_weights = chunk_weights[t];
    for (std::uint32_t c = chunk_first[t]; c < chunk_first[t + 1]; ++c) {
      const std::size_t row_begin = out_neighbours.size();
      double inside_twice = 0;
      double loop = 0;
      double size = 0;
      for (std::uint32_t k = start[c]; k < start[c + 1]; ++k) {
        const std::uint32_t v = members[k];
        loop += self_loop_[v];
        size += size_[v];
        for (std::uint64_t i = offsets_[v]; i < offsets_[v + 1]; ++i) {
          const std::uint32_t d = membership[neighbours_[i]];
          if (d == c) {
            inside_twice += weights_[i];
          } else if (position[d] == kNone) {
            position[d] = static_cast<std::uint32_t>(out_neighbours.size() - row_begin);
            out_neighbours.push_back(d);
            out_weights.push_back(weights_[i]);
          } else {
            out_weights[row_begin + position[d]] += weights_[i];
          }
        }
      }
      for (std::size_t i = row_begin; i < out_neighbours.size(); ++i)
        position[out_neighbours[i]] = kNone;
      result.self_loop_[c] = loop + inside_twice / 2;
      result.size_[c] = size;
      row_length[c] = out_neighbours.size() - row_begin;
    }
  }
  result.offsets_.assign(static_cast<std::size_t>(count) + 1, 0);
  std::partial_sum(row_length.begin(), row_length.end(), result.offsets_.begin() + 1);
  result.neighbours_.reserve(result.offsets_.back());
  result.weights_.reserve(result.offsets_.back());
  for (int t = 0; t < threads; ++t) {
    result.neighbours_.insert(result.neighbours_.end(), chunk_neighbours[t].begin(),
                              chunk_neighbours[t].end());
    result.weights_.insert(result.weights_.end(), chunk_weights[t].begin(), chunk_weights[t].end());
  }
  result.finish();
  return result;
}

std::size_t CommunityGraph::memory_bytes() const {
  return offsets_.capacity() * sizeof(std::uint64_t) +
         neighbours_.capacity() * sizeof(std::uint32_t) +
         (weights_.capacity() + self_loop_.capacity() + strength_.capacity() + size_.capacity()) *
             sizeof(double);
}

}  // namespace moneytrail
