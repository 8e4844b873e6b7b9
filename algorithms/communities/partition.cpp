#include "algorithms/communities/partition.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace moneytrail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct CommunitySums {
  std::vector<double> inside;  // edge weight inside each community, each edge once
  std::vector<double> total;   // strength or size of each community
};

CommunitySums community_sums(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                             bool by_size) {
  if (membership.size() != graph.num_nodes())
    throw std::invalid_argument("the partition does not cover every node of the graph");
  std::uint32_t count = 0;
  for (std::uint32_t c : membership) count = std::max(count, c + 1);
  CommunitySums sums{std::vector<double>(count, 0.0), std::vector<double>(count, 0.0)};
  for (std::uint32_t v = 0; v < graph.num_nodes(); ++v) {
    const std::uint32_t c = membership[v];
    sums.total[c] += by_size ? graph.size(v) : graph.strength(v);
    double twice_inside = 0;
    const auto nb = graph.neighbours(v);
    const auto w = graph.weights(v);
    for (std::size_t k = 0; k < nb.size(); ++k)
      if (membership[nb[k]] == c) twice_inside += w[k];
    sums.inside[c] += graph.self_loop(v) + twice_inside / 2;
  }
  return sums;
}

}  // namespace

double modularity(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                  double resolution) {
  const double m = graph.total_weight();
  if (m <= 0) return 0.0;
  const CommunitySums sums = community_sums(graph, membership, false);
  double q = 0;
  for (std::size_t c = 0; c < sums.inside.size(); ++c) {
    const double share = sums.total[c] / (2 * m);
    q += sums.inside[c] / m - resolution * share * share;
  }
  return q;
}

double cpm_quality(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                   double resolution) {
  const double m = graph.total_weight();
  if (m <= 0) return 0.0;
  const CommunitySums sums = community_sums(graph, membership, true);
  double q = 0;
  for (std::size_t c = 0; c < sums.inside.size(); ++c)
    q += 2 * sums.inside[c] - resolution * sums.total[c] * sums.total[c];
  return q / (2 * m);
}

double partition_quality(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                         CommunityObjective objective, double resolution) {
  return objective == CommunityObjective::modularity ? modularity(graph, membership, resolution)
                                                     : cpm_quality(graph, membership, resolution);
}

std::uint32_t renumber_communities(std::vector<std::uint32_t>& membership) {
  std::uint32_t largest = 0;
  for (std::uint32_t c : membership) largest = std::max(largest, c);
  std::vector<std::uint32_t> new_id(membership.empty() ? 0 : std::size_t{largest} + 1, kNone);
  std::uint32_t count = 0;
  for (std::uint32_t& c : membership) {
    if (new_id[c] == kNone) new_id[c] = count++;
    c = new_id[c];
  }
  return count;
}

std::uint32_t split_disconnected_communities(const CommunityGraph& graph,
                                             std::vector<std::uint32_t>& membership) {
  const std::uint32_t n = graph.num_nodes();
  std::vector<std::uint32_t> part(n, kNone);
  std::vector<std::uint32_t> stack;
  std::uint32_t count = 0;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (part[s] != kNone) continue;
    part[s] = count;
    stack.push_back(s);
    while (!stack.empty()) {
      const std::uint32_t v = stack.back();
      stack.pop_back();
      const auto nb = graph.neighbours(v);
      const auto w = graph.weights(v);
      for (std::size_t k = 0; k < nb.size(); ++k) {
        const std::uint32_t u = nb[k];
        if (part[u] == kNone && w[k] > 0 && membership[u] == membership[v]) {
          part[u] = count;
          stack.push_back(u);
        }
      }
    }
    ++count;
  }
  membership = std::move(part);
  return count;
}

}  // namespace moneytrail
