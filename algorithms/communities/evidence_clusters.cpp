#include "algorithms/communities/evidence_clusters.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/leiden.h"

namespace moneytrail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct UnionFind {
  std::vector<std::uint32_t> parent;
  explicit UnionFind(std::uint32_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // the smaller index is the root
  }
};

bool pullable(const TransactionGraph& graph, VertexId v, std::uint32_t max_degree) {
  const std::uint8_t labels = graph.accounts().labels[v];
  if ((labels & kLabelVictim) && !(labels & (kLabelSuspect | kLabelMule))) return false;
  if (graph.accounts().kind[v] == AccountKind::cash) return false;  // an ATM serves everyone
  return graph.in_degree(v) + graph.out_degree(v) <= max_degree;
}

// Leiden on the members' own flow graph (value weights), at rising resolution until it splits.
std::vector<std::vector<VertexId>> split(const FlowView& flows, const std::vector<VertexId>& group,
                                         std::vector<std::uint32_t>& index, std::uint64_t seed) {
  for (std::uint32_t i = 0; i < group.size(); ++i) index[group[i]] = i;
  std::vector<CommunityGraph::Edge> edges;
  for (std::uint32_t i = 0; i < group.size(); ++i) {
    const auto [first, last] = flows.out_edges(group[i]);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      const std::uint32_t j = index[flows.target(e)];
      if (j != kNone && j != i) edges.push_back({i, j, flows.value(e)});
    }
  }
  const CommunityGraph sub =
      CommunityGraph::from_edges(static_cast<std::uint32_t>(group.size()), edges);
  std::vector<std::vector<VertexId>> parts;
  for (double resolution = 1; resolution <= 64 && parts.size() < 2; resolution *= 2) {
    LeidenOptions o;
    o.resolution = resolution;
    o.seed = seed;
    const CommunityResult r = leiden(sub, o);
    parts.assign(r.count, {});
    for (std::uint32_t i = 0; i < group.size(); ++i) parts[r.membership[i]].push_back(group[i]);
    std::erase_if(parts, [](const auto& p) { return p.empty(); });
  }
  for (VertexId v : group) index[v] = kNone;
  return parts;
}

}  // namespace

ClusterReport evidence_clusters(const TransactionGraph& graph, const FlowView& flows,
                                const AccountScoring& scoring,
                                const EvidenceClusterOptions& options) {
  ProgressStep step(options.progress, "evidence clusters");
  if (!(options.flag_level > 0) || options.max_size < 2 || options.min_size < 2 ||
      !(options.max_share > 0 && options.max_share <= 1))
    throw std::invalid_argument(
        "evidence clusters: flag level must be positive, sizes at least 2, share in (0, 1]");
  const VertexId n = graph.num_accounts();
  const RiskScores& scores = scoring.scores;
  if (scores.surprisal.size() != n) throw std::invalid_argument("scores cover another graph");
  const TransactionTable& tx = graph.transactions();
  std::vector<std::uint8_t> member(n, 0);
  for (VertexId v = 0; v < n; ++v)
    member[v] = scores.surprisal[v] >= options.flag_level * scores.scale;
  if (options.pull_evidence_ends) {
    std::vector<std::uint8_t> pulled(n, 0);
    const std::uint32_t max_degree = 1000;  // as the typology detectors' hubs
    for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
      const VertexId a = tx.from[t], b = tx.to[t];
      if (a == b || member[a] == member[b]) continue;
      const bool evidence = (scoring.evidence.flags[t] & kUnusualAmount) ||
                            scoring.victim_money.tainted_share[t] >= 0.5f;
      if (!evidence) continue;
      const VertexId other = member[a] ? b : a;
      if (pullable(graph, other, max_degree)) pulled[other] = 1;
    }
    for (VertexId v = 0; v < n; ++v) member[v] |= pulled[v];
  }

  UnionFind groups(n);
  for (VertexId v = 0; v < n; ++v) {
    if (!member[v]) continue;
    const auto [first, last] = flows.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e)
      if (member[flows.target(e)]) groups.join(v, flows.target(e));
  }
  for (const AccountLink& link : ownership_links(graph))
    if (member[link.a] && member[link.b]) groups.join(link.a, link.b);

  std::vector<std::vector<VertexId>> pending;
  {
    std::vector<std::uint32_t> slot(n, kNone);
    for (VertexId v = 0; v < n; ++v) {
      if (!member[v]) continue;
      const std::uint32_t root = groups.find(v);
      if (slot[root] == kNone) {
        slot[root] = static_cast<std::uint32_t>(pending.size());
        pending.emplace_back();
      }
      pending[slot[root]].push_back(v);
    }
  }
  ClusterReport report;
  report.currency = flows.value_currency();
  report.method = "evidence";
  for (const auto& g : pending) report.core_accounts += static_cast<std::uint32_t>(g.size());
  const double largest = options.max_share * scores.active_accounts;
  std::vector<std::vector<VertexId>> final_groups;
  std::vector<std::uint32_t> index(n, kNone);
  while (!pending.empty()) {
    std::vector<VertexId> g = std::move(pending.back());
    pending.pop_back();
    if (g.size() > options.max_size) {
      std::vector<std::vector<VertexId>> parts = split(flows, g, index, options.seed);
      if (parts.size() > 1) {
        for (auto& p : parts) pending.push_back(std::move(p));
        continue;
      }
      if (static_cast<double>(g.size()) > largest) {
        ++report.left_out_groups;
        report.left_out_accounts += static_cast<std::uint32_t>(g.size());
        continue;
      }
    }
    final_groups.push_back(std::move(g));
  }
  report.core_communities = static_cast<std::uint32_t>(final_groups.size());
  // Deterministic order before ranking: by first member.
  for (auto& g : final_groups) std::sort(g.begin(), g.end());
  std::sort(final_groups.begin(), final_groups.end(),
            [](const auto& a, const auto& b) { return a.front() < b.front(); });

  std::vector<std::uint32_t> cluster_of(n, kNone);
  for (std::uint32_t id = 0; id < final_groups.size(); ++id) {
    if (final_groups[id].size() < options.min_size) continue;
    MuleCluster c;
    c.community = id;
    c.members = final_groups[id];
    for (VertexId v : c.members) cluster_of[v] = id;
    describe_cluster(graph, flows, cluster_of, id, c);
    std::array<double, kIndicatorCount> total{};
    std::array<std::uint32_t, kIndicatorCount> showing{};
    double score = 0;
    for (VertexId v : c.members) {
      score += scores.score[v];
      for (int k = 0; k < kIndicatorCount; ++k) {
        total[k] += scores.evidence[v][k];
        showing[k] += scores.evidence[v][k] >= 0.25 * scores.scale;
      }
    }
    c.score = score / static_cast<double>(c.members.size());
    std::vector<int> order(kIndicatorCount);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return total[a] > total[b]; });
    for (int k : order) {
      if (c.reasons.size() == 3 || showing[k] == 0) break;
      c.reasons.push_back(std::to_string(showing[k]) + " of " + std::to_string(c.members.size()) +
                          " members: " + std::string(to_string(static_cast<Indicator>(k))));
    }
    report.clusters.push_back(std::move(c));
  }
  std::stable_sort(report.clusters.begin(), report.clusters.end(),
                   [](const MuleCluster& a, const MuleCluster& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.members.size() > b.members.size();
                   });
  return report;
}

}  // namespace moneytrail
