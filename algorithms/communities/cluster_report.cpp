#include "algorithms/communities/cluster_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/leiden.h"

namespace moneytrail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

bool is_victim(const TransactionGraph& graph, VertexId v) {
  return graph.accounts().labels[v] & kLabelVictim;
}

// Cards, personal accounts and addresses; not ATMs, merchants, exchanges or platforms, which
// serve everyone and must not pull their ordinary customers into a cluster.
bool is_personal(const TransactionGraph& graph, VertexId v) {
  switch (graph.accounts().kind[v]) {
    case AccountKind::cash:
    case AccountKind::merchant:
    case AccountKind::exchange_account:
    case AccountKind::platform:
      return false;
    default:
      return true;
  }
}

bool is_cash_out_endpoint(const TransactionGraph& graph, TxIndex t) {
  const TransactionTable& tx = graph.transactions();
  const AccountKind kind = graph.accounts().kind[tx.to[t]];
  return kind == AccountKind::cash || kind == AccountKind::exchange_account ||
         tx.channel[t] == Channel::cash_withdrawal || tx.channel[t] == Channel::exchange_trade;
}

// Paid value in the base currency when the graph has rates (as FlowView computes it).
double base_value(const TransactionGraph& graph, TxIndex t) {
  const TransactionTable& tx = graph.transactions();
  if (graph.rates().empty()) return tx.amount[t];
  const auto rate = graph.rates().rate(graph.currencies()[tx.currency[t]], tx.timestamp[t]);
  return rate ? tx.amount[t] * *rate : tx.amount[t];
}

std::string money(double value) {
  char text[32];
  if (value >= 1e6) {
    std::snprintf(text, sizeof text, "%.1fM", value / 1e6);
  } else if (value >= 1e3) {
    std::snprintf(text, sizeof text, "%.1fk", value / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}

std::string duration(double seconds) {
  char text[32];
  if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  } else if (seconds < 86400 * 2) {
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  } else {
    std::snprintf(text, sizeof text, "%.1f days", seconds / 86400);
  }
  return text;
}

std::string percent(double share) { return std::to_string(std::lround(share * 100)) + "%"; }

// Marks the layering core: block accounts, grown by community members that mostly deal with it.
std::vector<std::uint8_t> layering_core(const TransactionGraph& graph, const FlowView& flows,
                                        const std::vector<FlowBlock>& blocks,
                                        const ClusterReportOptions& options) {
  const VertexId n = graph.num_accounts();
  std::vector<std::uint8_t> core(n, 0);
  for (const FlowBlock& b : blocks)
    for (const auto* layer : {&b.sources, &b.middle, &b.sinks})
      for (VertexId v : *layer) core[v] = !is_victim(graph, v);

  for (std::uint32_t round = 0; round < options.grow_rounds; ++round) {
    std::vector<VertexId> joining;
    for (VertexId v = 0; v < n; ++v) {
      if (core[v] || is_victim(graph, v)) continue;
      double with_core = 0, total = 0;
      auto count = [&](VertexId other, double w) {
        if (other == v || is_victim(graph, other)) return;
        total += w;
        if (core[other] && is_personal(graph, other)) with_core += w;
      };
      const auto [first, last] = flows.out_edges(v);
      for (FlowEdgeIndex e = first; e < last; ++e) count(flows.target(e), flows.value(e));
      for (FlowEdgeIndex e : flows.in_edges(v)) count(flows.source(e), flows.value(e));
      if (total > 0 && with_core >= options.attach_share * total) joining.push_back(v);
    }
    if (joining.empty()) break;
    for (VertexId v : joining) core[v] = 1;
  }
  return core;
}

void describe(const TransactionGraph& graph, const FlowView& flows,
              const std::vector<std::uint32_t>& cluster_of, std::uint32_t id,
              MuleCluster& cluster) {
  const TransactionTable& tx = graph.transactions();
  double sent_total = 0, platform = 0, crypto = 0;
  std::vector<VertexId> victims, cash_out_endpoints;
  std::vector<double> dwell;
  for (VertexId v : cluster.members) {
    ++cluster.kinds[static_cast<std::size_t>(graph.accounts().kind[v])];
    double received = 0, sent = 0;
    const auto [first, last] = flows.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      sent += flows.value(e);
      (cluster_of[flows.target(e)] == id ? cluster.internal_value : cluster.out_value) +=
          flows.value(e);
    }
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      received += flows.value(e);
      if (cluster_of[flows.source(e)] != id) cluster.in_value += flows.value(e);
    }
    cluster.through_value += std::min(received, sent);

    const auto out = graph.out_transactions(v);
    for (TxIndex t : out) {
      const double value = base_value(graph, t);
      sent_total += value;
      if (tx.channel[t] == Channel::payment_platform) platform += value;
      if (tx.channel[t] == Channel::crypto_transfer || tx.channel[t] == Channel::exchange_trade)
        crypto += value;
      if (is_cash_out_endpoint(graph, t)) {
        cash_out_endpoints.push_back(tx.to[t]);
        cluster.cash_out_value += value;
      }
    }
    for (TxIndex t : graph.in_transactions(v)) {
      if (is_victim(graph, tx.from[t])) {
        victims.push_back(tx.from[t]);
        cluster.victim_value += base_value(graph, t);
      }
      // Transactions are numbered in processing order, so the next debit is the first
      // outgoing index above t.
      const auto next = std::upper_bound(out.begin(), out.end(), t);
      if (next != out.end())
        dwell.push_back(static_cast<double>(tx.timestamp[*next] - tx.timestamp[t]));
    }
  }
  const double hi = std::max(cluster.in_value, cluster.out_value);
  cluster.pass_through = hi > 0 ? std::min(cluster.in_value, cluster.out_value) / hi : 0.0;
  if (!dwell.empty()) {
    auto mid = dwell.begin() + static_cast<std::ptrdiff_t>(dwell.size() / 2);
    std::nth_element(dwell.begin(), mid, dwell.end());
    cluster.median_dwell_seconds = *mid;
  }
  auto distinct = [](std::vector<VertexId>& ids) {
    std::sort(ids.begin(), ids.end());
    return static_cast<std::uint32_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  };
  cluster.victim_sources = distinct(victims);
  cluster.cash_out_links = distinct(cash_out_endpoints);
  if (sent_total > 0) {
    cluster.platform_share = platform / sent_total;
    cluster.crypto_share = crypto / sent_total;
  }

  // The score: a weighted mean of five indicators in [0, 1], each with its reason.
  struct Indicator {
    double weight;
    double strength;
    std::string reason;
  };
  const double cash_share = sent_total > 0 ? cluster.cash_out_value / sent_total : 0.0;
  const double victim_share = cluster.in_value > 0 ? cluster.victim_value / cluster.in_value : 0.0;
  const std::vector<Indicator> indicators = {
      {0.30,
       cluster.median_dwell_seconds ? 1.0 / (1.0 + *cluster.median_dwell_seconds / 3600.0) : 0.0,
       cluster.median_dwell_seconds
           ? "money moves on fast: median dwell " + duration(*cluster.median_dwell_seconds)
           : ""},
      {0.25, std::min(1.0, 1.25 * victim_share),
       "fed by " + std::to_string(cluster.victim_sources) + " victim account(s): " +
           money(cluster.victim_value) + ", " + percent(victim_share) + " of what enters it"},
      {0.15, cluster.pass_through,
       "passes on " + percent(cluster.pass_through) + " of what enters it"},
      {0.15, std::min(1.0, 2 * cash_share),
       percent(cash_share) + " of sent value to " + std::to_string(cluster.cash_out_links) +
           " cash-out endpoint(s)"},
      {0.15, std::min(1.0, cluster.platform_share + cluster.crypto_share),
       percent(cluster.platform_share + cluster.crypto_share) +
           " of sent value through payment platforms and crypto"},
  };
  std::vector<std::pair<double, std::string>> contributions;
  for (const Indicator& i : indicators) {
    cluster.score += i.weight * i.strength;
    if (i.strength >= 0.3 && !i.reason.empty())
      contributions.emplace_back(i.weight * i.strength, i.reason);
  }
  std::stable_sort(contributions.begin(), contributions.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& [c, reason] : contributions) cluster.reasons.push_back(std::move(reason));
}

// The core's own flow graph (value weights), its accounts numbered in account order.
CommunityGraph core_graph(const FlowView& flows, const std::vector<VertexId>& accounts,
                          const std::vector<std::uint32_t>& index) {
  std::vector<CommunityGraph::Edge> edges;
  for (std::uint32_t i = 0; i < accounts.size(); ++i) {
    const auto [first, last] = flows.out_edges(accounts[i]);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      const std::uint32_t j = index[flows.target(e)];
      if (j != kNone) edges.push_back({i, j, flows.value(e)});
    }
  }
  return CommunityGraph::from_edges(static_cast<std::uint32_t>(accounts.size()), edges);
}

}  // namespace

ClusterReport mule_cluster_report(const TransactionGraph& graph, const FlowView& flows,
                                  const std::vector<FlowBlock>& blocks,
                                  const ClusterReportOptions& options) {
  const VertexId n = graph.num_accounts();
  const std::vector<std::uint8_t> core = layering_core(graph, flows, blocks, options);
  std::vector<VertexId> accounts;
  std::vector<std::uint32_t> index(n, kNone);
  for (VertexId v = 0; v < n; ++v) {
    if (!core[v]) continue;
    index[v] = static_cast<std::uint32_t>(accounts.size());
    accounts.push_back(v);
  }
  LeidenOptions leiden_options;
  leiden_options.resolution = options.resolution;
  leiden_options.seed = options.seed;
  const CommunityGraph sub = core_graph(flows, accounts, index);
  const CommunityResult partition = leiden(sub, leiden_options);

  ClusterReport report;
  report.core_accounts = static_cast<std::uint32_t>(accounts.size());
  report.core_communities = partition.count;
  report.core_modularity = partition.quality;
  std::vector<MuleCluster> clusters(partition.count);
  std::vector<std::uint32_t> cluster_of(n, kNone);
  for (std::uint32_t i = 0; i < accounts.size(); ++i) {
    const std::uint32_t c = partition.membership[i];
    clusters[c].community = c;
    clusters[c].members.push_back(accounts[i]);
    cluster_of[accounts[i]] = c;
  }
  for (std::uint32_t b = 0; b < blocks.size(); ++b) {
    for (VertexId v : blocks[b].middle) {
      if (cluster_of[v] == kNone) continue;
      auto& ids = clusters[cluster_of[v]].blocks;
      if (ids.empty() || ids.back() != b) ids.push_back(b);
    }
  }
  for (std::uint32_t id = 0; id < clusters.size(); ++id) {
    if (clusters[id].members.size() < options.min_size) continue;
    describe(graph, flows, cluster_of, id, clusters[id]);
    report.clusters.push_back(std::move(clusters[id]));
  }
  std::stable_sort(report.clusters.begin(), report.clusters.end(),
                   [](const MuleCluster& a, const MuleCluster& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.through_value > b.through_value;
                   });
  return report;
}

}  // namespace moneytrail
