#include "algorithms/communities/community_moves.h"

#include <limits>

namespace moneytrail::community_detail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Edge weight from one node into each neighbouring community, gathered without a hash map.
class NeighbourCommunities {
 public:
  explicit NeighbourCommunities(std::uint32_t communities)
      : weight_(communities, 0.0), seen_(communities, 0) {}

  template <typename Accept>
  void collect(const CommunityGraph& graph, std::uint32_t v,
               const std::vector<std::uint32_t>& community, Accept&& accept) {
    const auto nb = graph.neighbours(v);
    const auto w = graph.weights(v);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      if (!accept(nb[k])) continue;
      const std::uint32_t c = community[nb[k]];
      if (!seen_[c]) {
        seen_[c] = 1;
        touched_.push_back(c);
      }
      weight_[c] += w[k];
    }
  }
  const std::vector<std::uint32_t>& touched() const { return touched_; }
  double weight(std::uint32_t c) const { return weight_[c]; }
  void clear() {
    for (std::uint32_t c : touched_) {
      weight_[c] = 0;
      seen_[c] = 0;
    }
    touched_.clear();
  }

 private:
  std::vector<double> weight_;
  std::vector<std::uint8_t> seen_;
  std::vector<std::uint32_t> touched_;
};

}  // namespace

QualityScale quality_scale(const CommunityGraph& graph, CommunityObjective objective,
                           double resolution) {
  QualityScale q;
  const std::uint32_t n = graph.num_nodes();
  q.node_weight.resize(n);
  if (objective == CommunityObjective::modularity) {
    for (std::uint32_t v = 0; v < n; ++v) q.node_weight[v] = graph.strength(v);
    const double m = graph.total_weight();
    q.scale = m > 0 ? resolution / (2 * m) : 0.0;
  } else {
    for (std::uint32_t v = 0; v < n; ++v) q.node_weight[v] = graph.size(v);
    q.scale = resolution;
  }
  return q;
}

std::vector<std::uint32_t> random_order(std::uint32_t n, std::mt19937_64& rng) {
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  for (std::uint32_t i = n; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(rng() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

std::uint64_t move_nodes_fast(const CommunityGraph& graph, const QualityScale& quality,
                              std::vector<std::uint32_t>& community, std::mt19937_64& rng) {
  const std::uint32_t n = graph.num_nodes();
  std::vector<double> total(n, 0.0);
  std::vector<std::uint32_t> members(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    total[community[v]] += quality.node_weight[v];
    ++members[community[v]];
  }
  std::vector<std::uint32_t> empty;
  for (std::uint32_t c = n; c-- > 0;)
    if (members[c] == 0) empty.push_back(c);

  // A ring buffer of at most n queued nodes.
  std::vector<std::uint32_t> queue = random_order(n, rng);
  std::vector<std::uint8_t> queued(n, 1);
  std::size_t head = 0;
  std::size_t queued_count = n;
  NeighbourCommunities neighbours(n);
  std::uint64_t moves = 0;
  while (queued_count > 0) {
    const std::uint32_t v = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --queued_count;
    queued[v] = 0;

    const std::uint32_t current = community[v];
    const double wv = quality.node_weight[v];
    neighbours.collect(graph, v, community, [](std::uint32_t) { return true; });
    total[current] -= wv;
    --members[current];
    std::uint32_t best = current;
    double best_gain = neighbours.weight(current) - quality.scale * wv * total[current];
    for (std::uint32_t c : neighbours.touched()) {
      const double gain = neighbours.weight(c) - quality.scale * wv * total[c];
      if (gain > best_gain) {
        best = c;
        best_gain = gain;
      }
    }
    // Alone in a new community the gain is 0.
    if (best_gain < 0 && members[current] > 0 && !empty.empty()) {
      best = empty.back();
      best_gain = 0;
    }
    neighbours.clear();
    if (best != current && members[best] == 0) empty.pop_back();
    total[best] += wv;
    ++members[best];
    if (best == current) continue;
    if (members[current] == 0) empty.push_back(current);
    community[v] = best;
    ++moves;
    for (std::uint32_t u : graph.neighbours(v)) {
      if (queued[u] || community[u] == best) continue;
      queued[u] = 1;
      std::size_t tail = head + queued_count;
      if (tail >= n) tail -= n;
      queue[tail] = u;
      ++queued_count;
    }
  }
  return moves;
}

std::vector<std::uint32_t> refine_partition(const CommunityGraph& graph,
                                            const QualityScale& quality,
                                            const std::vector<std::uint32_t>& community,
                                            std::uint32_t count, std::mt19937_64& rng) {
  const std::uint32_t n = graph.num_nodes();
  std::vector<double> community_total(count, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) community_total[community[v]] += quality.node_weight[v];

  // Sub-community state; sub-community ids start as node ids.
  std::vector<std::uint32_t> refined(n);
  std::vector<double> sub_total(quality.node_weight);
  std::vector<double> sub_external(n, 0.0);  // weight from the sub-community to the rest of C
  std::vector<std::uint32_t> sub_members(n, 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    refined[v] = v;
    const auto nb = graph.neighbours(v);
    const auto w = graph.weights(v);
    double external = 0;
    for (std::size_t k = 0; k < nb.size(); ++k)
      if (community[nb[k]] == community[v]) external += w[k];
    sub_external[v] = external;
  }

  // Visit nodes community by community, each community's nodes in random order.
  const std::vector<std::uint32_t> order = random_order(n, rng);
  std::vector<std::uint32_t> start(static_cast<std::size_t>(count) + 1, 0);
  for (std::uint32_t v = 0; v < n; ++v) ++start[community[v] + 1];
  for (std::uint32_t c = 0; c < count; ++c) start[c + 1] += start[c];
  std::vector<std::uint32_t> grouped(n);
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t v : order) grouped[fill[community[v]]++] = v;
  }

  NeighbourCommunities neighbours(n);
  for (std::uint32_t v : grouped) {
    if (sub_members[refined[v]] != 1) continue;  // v has been joined by others
    const std::uint32_t c = community[v];
    const double wv = quality.node_weight[v];
    const double rest = community_total[c] - wv;
    if (sub_external[v] < quality.scale * wv * rest) continue;  // not well connected to C
    neighbours.collect(graph, v, refined, [&](std::uint32_t u) { return community[u] == c; });
    std::uint32_t best = kNone;
    double best_gain = 0;
    for (std::uint32_t s : neighbours.touched()) {
      const double outside = community_total[c] - sub_total[s];
      if (sub_external[s] < quality.scale * sub_total[s] * outside) continue;
      const double gain = neighbours.weight(s) - quality.scale * wv * sub_total[s];
      if (gain > best_gain) {
        best = s;
        best_gain = gain;
      }
    }
    if (best != kNone) {
      const std::uint32_t own = refined[v];
      sub_external[best] += sub_external[own] - 2 * neighbours.weight(best);
      sub_total[best] += wv;
      ++sub_members[best];
      --sub_members[own];
      sub_total[own] = 0;
      refined[v] = best;
    }
    neighbours.clear();
  }
  renumber_communities(refined);
  return refined;
}

}  // namespace moneytrail::community_detail
