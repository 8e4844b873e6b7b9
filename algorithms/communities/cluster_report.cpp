#include "algorithms/communities/cluster_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/leiden.h"
#include "algorithms/scoring/time_resolution.h"

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
    case AccountKind::platform: return false;
    default: return true;
  }
}

bool is_cash_out_endpoint(const TransactionGraph& graph, TxIndex t) {
  const TransactionTable& tx = graph.transactions();
  const AccountKind kind = graph.accounts().kind[tx.to[t]];
  return kind == AccountKind::cash || kind == AccountKind::exchange_account ||
         tx.channel[t] == Channel::cash_withdrawal || tx.channel[t] == Channel::exchange_trade;
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
struct FlowSums {
  double received = 0, received_from_core = 0, sent = 0, sent_to_core = 0;
};

FlowSums flow_sums(const FlowView& flows, const std::vector<std::uint8_t>& core, VertexId v) {
  FlowSums f;
  const auto [first, last] = flows.out_edges(v);
  for (FlowEdgeIndex e = first; e < last; ++e) {
    const VertexId t = flows.target(e);
    if (t == v) continue;
    f.sent += flows.value(e);
    if (core[t]) f.sent_to_core += flows.value(e);
  }
  for (FlowEdgeIndex e : flows.in_edges(v)) {
    const VertexId s = flows.source(e);
    if (s == v) continue;
    f.received += flows.value(e);
    if (core[s]) f.received_from_core += flows.value(e);
  }
  return f;
}

// Seconds from each credit of `accounts` to that account's next debit (transactions are numbered
// in processing order, so the next debit is the first outgoing index above the credit).
std::vector<double> dwell_times(const TransactionGraph& graph, std::span<const VertexId> accounts) {
  std::vector<double> dwell;
  const TransactionTable& tx = graph.transactions();
  for (VertexId v : accounts) {
    const auto out = graph.out_transactions(v);
    for (TxIndex t : graph.in_transactions(v)) {
      const auto next = std::upper_bound(out.begin(), out.end(), t);
      if (next != out.end())
        dwell.push_back(static_cast<double>(tx.timestamp[*next] - tx.timestamp[t]));
    }
  }
  return dwell;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

std::optional<double> median_dwell(const TransactionGraph& graph, VertexId v) {
  return median(dwell_times(graph, std::span<const VertexId>(&v, 1)));
}

std::vector<std::uint8_t> layering_core(const TransactionGraph& graph, const FlowView& flows,
                                        const std::vector<FlowBlock>& blocks,
                                        const ClusterReportOptions& options) {
  const VertexId n = graph.num_accounts();
  // The seed: the blocks' personal middle and sink accounts. Pure sources are where the money
  // came from (victims, even unlabelled ones); merchants, ATMs, exchanges and platforms serve
  // everyone. Both join below only by the attachment rules.
  std::vector<std::uint8_t> core(n, 0);
  for (const FlowBlock& b : blocks)
    for (const auto* layer : {&b.middle, &b.sinks})
      for (VertexId v : *layer) core[v] |= !is_victim(graph, v) && is_personal(graph, v);

  // Relays join first, in rounds so that a chain of them joins one link per round: personal
  // accounts that sent most of what they sent into the core or got most of what they received
  // from it, passed on most of what they got, and did so fast (a tier-1 card fed by victims, a
  // running-points account paid by the last tier; not a victim, whose payment to the card is one
  // large debit in a life of slow flows, even when no label says so).
  const double share = options.attach_share;
  auto passes_on_fast = [&](const TransactionGraph& g, const FlowSums& f, VertexId v) {
    if (std::min(f.received, f.sent) < share * std::max(f.received, f.sent)) return false;
    const std::optional<double> dwell = median_dwell(g, v);
    return dwell && *dwell <= options.attach_max_dwell_seconds;
  };
  for (std::uint32_t round = 0; round < options.attach_rounds; ++round) {
    std::vector<VertexId> joining;
    for (VertexId v = 0; v < n; ++v) {
      if (core[v] || is_victim(graph, v) || !is_personal(graph, v)) continue;
      const FlowSums f = flow_sums(flows, core, v);
      const bool tied = (f.sent > 0 && f.sent_to_core >= share * f.sent) ||
                        (f.received > 0 && f.received_from_core >= share * f.received);
      if (tied && passes_on_fast(graph, f, v)) joining.push_back(v);
    }
    if (joining.empty()) break;
    for (VertexId v : joining) core[v] = 1;
  }
  // Then, in one step (no chains: an exchange pays out to everyone), the accounts that got most
  // of what they received from the core and either pass it on fast themselves (an OTC desk) or
  // are where money leaves the banks (an organiser's address, the exchange account or ATM where
  // it is cashed out). Not a shop, nor a person who got money from an unlabelled victim.
  std::vector<VertexId> downstream;
  for (VertexId v = 0; v < n; ++v) {
    if (core[v] || is_victim(graph, v)) continue;
    const FlowSums f = flow_sums(flows, core, v);
    if (!(f.received > 0 && f.received_from_core >= share * f.received)) continue;
    if (is_cash_out_kind(graph.accounts().kind[v]) || passes_on_fast(graph, f, v))
      downstream.push_back(v);
  }
  for (VertexId v : downstream) core[v] = 1;
  return core;
}

}  // namespace

void describe_cluster(const TransactionGraph& graph, const FlowView& flows,
                      const std::vector<std::uint32_t>& cluster_of, std::uint32_t id,
                      MuleCluster& cluster) {
  const TransactionTable& tx = graph.transactions();
  double sent_total = 0, platform = 0, crypto = 0;
  std::vector<VertexId> victims, cash_out_endpoints;
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
      const double value = paid_in_base(graph, t);
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
        cluster.victim_value += paid_in_base(graph, t);
      }
    }
  }
  const double hi = std::max(cluster.in_value, cluster.out_value);
  cluster.pass_through = hi > 0 ? std::min(cluster.in_value, cluster.out_value) / hi : 0.0;
  cluster.median_dwell_seconds = median(dwell_times(graph, cluster.members));
  auto distinct = [](std::vector<VertexId>& ids) {
    std::sort(ids.begin(), ids.end());
    return static_cast<std::uint32_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
  };
  cluster.victim_sources = distinct(victims);
  cluster.cash_out_links = distinct(cash_out_endpoints);
  cluster.sent_value = sent_total;
  if (sent_total > 0) {
    cluster.platform_share = platform / sent_total;
    cluster.crypto_share = crypto / sent_total;
  }
}

namespace {

// The flow-block method's score: a weighted mean of six indicators, each with its reason.
// On day-stepped data (AMLSim) a dwell of 0 means "the same day": the dwell counts as half a
// step, and its reason says so instead of "0 min".
void score_layering_cluster(MuleCluster& cluster, const TimeResolution& step) {
  const double sent_total = cluster.sent_value;
  struct Indicator {
    double weight;
    double strength;
    std::string reason;
  };
  const double cash_share = sent_total > 0 ? cluster.cash_out_value / sent_total : 0.0;
  const double victim_share = cluster.in_value > 0 ? cluster.victim_value / cluster.in_value : 0.0;
  // Hops inside per unit that enters: a chain of tiers moves each yuan several times.
  const double layering_depth =
      cluster.in_value > 0 ? cluster.internal_value / cluster.in_value : 0.0;
  char depth_text[16];
  std::snprintf(depth_text, sizeof depth_text, "%.1f", layering_depth);
  const std::vector<Indicator> indicators = {
      {0.20, std::min(1.0, layering_depth / 2),
       std::string("layering: what enters moves ") + depth_text + " times inside it"},
      {0.25,
       cluster.median_dwell_seconds
           ? 1.0 / (1.0 + std::max(*cluster.median_dwell_seconds, 0.5 * step.seconds) / 3600.0)
           : 0.0,
       !cluster.median_dwell_seconds ? ""
       : *cluster.median_dwell_seconds < step.seconds
           ? "money moves on fast: median dwell under " + describe(step) + " (the data's time step)"
           : "money moves on fast: median dwell " + duration(*cluster.median_dwell_seconds)},
      {0.20, std::min(1.0, 1.25 * victim_share),
       "fed by " + std::to_string(cluster.victim_sources) + " victim account(s): " +
           money(cluster.victim_value) + ", " + percent(victim_share) + " of what enters it"},
      {0.10, cluster.pass_through,
       "passes on " + percent(cluster.pass_through) + " of what enters it"},
      {0.10, std::min(1.0, 2 * cash_share),
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
  report.currency = flows.value_currency();
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
  const TimeResolution step = infer_time_resolution(graph);
  for (std::uint32_t id = 0; id < clusters.size(); ++id) {
    if (clusters[id].members.size() < options.min_size) continue;
    describe_cluster(graph, flows, cluster_of, id, clusters[id]);
    score_layering_cluster(clusters[id], step);
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
