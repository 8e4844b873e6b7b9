#include "algorithms/export/subgraph_select.h"

#include <tsl/robin_map.h>

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include "graph/option_error.h"

namespace moneytrail {
namespace {

// Node and edge bookkeeping shared by the selections.
class SubgraphBuilder {
 public:
  std::uint32_t node(VertexId account) {
    auto [it, added] = index_.try_emplace(account, static_cast<std::uint32_t>(sub.nodes.size()));
    if (added) {
      SubgraphNode n;
      n.account = account;
      sub.nodes.push_back(n);
    }
    return it->second;
  }
  bool has(VertexId account) const { return index_.count(account) > 0; }
  SubgraphEdge& edge(std::uint32_t source, std::uint32_t target) {
    auto [it, added] = edges_.try_emplace({source, target}, sub.edges.size());
    if (added) {
      SubgraphEdge e;
      e.source = source;
      e.target = target;
      sub.edges.push_back(e);
    }
    return sub.edges[it->second];
  }

  Subgraph sub;

 private:
  tsl::robin_map<VertexId, std::uint32_t> index_;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> edges_;
};

void add_time(SubgraphEdge& e, Timestamp first, Timestamp last) {
  if (e.count == 0) {
    e.first = first;
    e.last = last;
  } else {
    e.first = std::min(e.first, first);
    e.last = std::max(e.last, last);
  }
}

bool overlaps(const FlowView& flows, FlowEdgeIndex e, const EgoOptions& o) {
  if (o.since != kNoTime && flows.last_time(e) < o.since) return false;
  if (o.until != kNoTime && flows.first_time(e) > o.until) return false;
  return true;
}

Subgraph trace_subgraph(const TransactionGraph& graph, const TraceFlows& trace, std::string title,
                        std::span<const TraceEndpoint> endpoints) {
  SubgraphBuilder b;
  b.sub.title = std::move(title);
  b.sub.currency = trace.currency;
  const TransactionTable& tx = graph.transactions();
  for (const TracedTransaction& t : trace.transactions) {
    const std::uint32_t s = b.node(tx.from[t.tx]);
    const std::uint32_t d = b.node(tx.to[t.tx]);
    SubgraphEdge& e = b.edge(s, d);
    add_time(e, tx.timestamp[t.tx], tx.timestamp[t.tx]);
    e.times.push_back(tx.timestamp[t.tx]);
    e.value += tx.amount[t.tx];
    e.traced += t.value;
    ++e.count;
    e.hop = e.hop < 0 ? t.hop : std::min<std::int64_t>(e.hop, t.hop);
  }
  for (const TracedAccount& a : trace.accounts) {
    SubgraphNode& n = b.sub.nodes[b.node(a.account)];
    n.hop = a.first_hop;
    n.score = a.received;
  }
  // What each endpoint holds or cashed out, as the trace says (not what it received: money
  // that passed through and moved on must not be claimed twice in a freeze request).
  for (const TraceEndpoint& e : endpoints) {
    if (e.status == EndpointStatus::other || !b.has(e.account)) continue;
    SubgraphNode& n = b.sub.nodes[b.node(e.account)];
    n.endpoint = true;
    n.held += e.amount;
    const std::string status(to_string(e.status));
    if (n.status.empty())
      n.status = status;
    else if (n.status.find(status) == std::string::npos)
      n.status += ";" + status;
  }
  return std::move(b.sub);
}

// The senders of the seed transactions: where the traced money started.
void mark_seeds(const TransactionGraph& graph, Subgraph& sub, std::span<const TxIndex> seeds) {
  for (SubgraphNode& n : sub.nodes)
    for (TxIndex t : seeds)
      if (n.account == graph.transactions().from[t]) n.seed = true;
}

}  // namespace

Subgraph subgraph_of_trace(const TransactionGraph& graph, const ForwardTraceResult& trace) {
  Subgraph sub = trace_subgraph(graph, trace,
                                "forward trace, " + std::string(to_string(trace.policy)) + ", " +
                                    std::to_string(trace.seeds.size()) + " seed transaction(s)",
                                trace.endpoints);
  mark_seeds(graph, sub, trace.seeds);
  return sub;
}

Subgraph subgraph_of_trace(const TransactionGraph& graph, const BackwardTraceResult& trace) {
  const std::string what =
      trace.target ? "transaction " + std::string(graph.transaction_id(*trace.target))
                   : "balance of " + std::string(graph.account_id(trace.target_account));
  Subgraph sub = trace_subgraph(
      graph, trace, "backward trace, " + std::string(to_string(trace.policy)) + ", " + what,
      trace.origins);
  for (SubgraphNode& n : sub.nodes)
    if (n.account == trace.target_account) n.seed = true;
  return sub;
}

Subgraph subgraph_of_accounts(const FlowView& flows, std::span<const VertexId> accounts,
                              std::span<const std::int64_t> groups) {
  if (!groups.empty() && groups.size() != accounts.size())
    throw std::invalid_argument("one group per account is needed");
  SubgraphBuilder b;
  b.sub.currency = flows.value_currency();
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    SubgraphNode& n = b.sub.nodes[b.node(accounts[i])];
    if (!groups.empty()) n.group = groups[i];
  }
  for (VertexId v : accounts) {
    const auto [first, last] = flows.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      if (!b.has(flows.target(e))) continue;
      SubgraphEdge& edge = b.edge(b.node(v), b.node(flows.target(e)));
      add_time(edge, flows.first_time(e), flows.last_time(e));
      edge.value += flows.value(e);
      edge.count += flows.count(e);
    }
  }
  return std::move(b.sub);
}

Subgraph subgraph_of_clusters(const FlowView& flows, const ClusterReport& report, std::size_t top) {
  top = std::min(top, report.clusters.size());
  std::vector<VertexId> accounts;
  std::vector<std::int64_t> groups;
  for (std::size_t i = 0; i < top; ++i) {
    for (VertexId v : report.clusters[i].members) {
      accounts.push_back(v);
      groups.push_back(static_cast<std::int64_t>(i + 1));
    }
  }
  Subgraph sub = subgraph_of_accounts(flows, accounts, groups);
  sub.title = std::to_string(top) + " mule clusters";
  for (std::size_t k = 0, i = 0; i < top; ++i)
    for (std::size_t m = 0; m < report.clusters[i].members.size(); ++m, ++k)
      sub.nodes[k].score = report.clusters[i].score;
  return sub;
}

Subgraph subgraph_of_cluster(const FlowView& flows, const MuleCluster& cluster,
                             std::uint32_t rank) {
  const std::vector<std::int64_t> groups(cluster.members.size(), rank);
  Subgraph sub = subgraph_of_accounts(flows, cluster.members, groups);
  sub.title = "mule cluster #" + std::to_string(rank) + " (" +
              std::to_string(cluster.members.size()) + " accounts)";
  for (SubgraphNode& n : sub.nodes) n.score = cluster.score;
  return sub;
}

Subgraph subgraph_of_top_scored(const FlowView& flows, std::span<const double> scores,
                                std::size_t count) {
  if (scores.size() != flows.num_vertices())
    throw std::invalid_argument("one score per account is needed");
  std::vector<VertexId> order(scores.size());
  std::iota(order.begin(), order.end(), VertexId{0});
  count = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](VertexId a, VertexId b) {
                      return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
                    });
  SubgraphBuilder b;
  b.sub.currency = flows.value_currency();
  for (std::size_t i = 0; i < count; ++i) b.sub.nodes[b.node(order[i])].group = 1;
  auto add_flow = [&](FlowEdgeIndex e) {
    SubgraphEdge& edge = b.edge(b.node(flows.source(e)), b.node(flows.target(e)));
    if (edge.count) return;  // already added from its other end
    add_time(edge, flows.first_time(e), flows.last_time(e));
    edge.value = flows.value(e);
    edge.count = flows.count(e);
  };
  for (std::size_t i = 0; i < count; ++i) {
    const auto [first, last] = flows.out_edges(order[i]);
    for (FlowEdgeIndex e = first; e < last; ++e) add_flow(e);
    for (FlowEdgeIndex e : flows.in_edges(order[i])) add_flow(e);
  }
  for (SubgraphNode& n : b.sub.nodes) {
    if (n.group != 1) n.group = 0;
    n.score = scores[n.account];
  }
  b.sub.title = "top " + std::to_string(count) + " accounts by mule-risk score";
  return std::move(b.sub);
}

Subgraph ego_subgraph(const TransactionGraph& graph, const FlowView& flows, VertexId center,
                      const EgoOptions& options) {
  if (center >= flows.num_vertices()) throw std::invalid_argument("unknown center account");
  tsl::robin_map<VertexId, std::uint32_t> distance{{center, 0}};
  std::vector<VertexId> order{center};
  std::deque<VertexId> queue{center};
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    const std::uint32_t d = distance.at(v);
    if (d == options.hops) continue;
    auto visit = [&](VertexId u) {
      if (distance.try_emplace(u, d + 1).second) {
        order.push_back(u);
        queue.push_back(u);
      }
    };
    if (options.direction != EgoDirection::in) {
      const auto [first, last] = flows.out_edges(v);
      for (FlowEdgeIndex e = first; e < last; ++e)
        if (overlaps(flows, e, options)) visit(flows.target(e));
    }
    if (options.direction != EgoDirection::out) {
      for (FlowEdgeIndex e : flows.in_edges(v))
        if (overlaps(flows, e, options)) visit(flows.source(e));
    }
  }
  Subgraph sub = subgraph_of_accounts(flows, order);
  sub.title =
      std::to_string(options.hops) + "-hop ego network of " + std::string(graph.account_id(center));
  for (SubgraphNode& n : sub.nodes) n.hop = distance.at(n.account);
  // Drop the ties outside the window.
  std::erase_if(sub.edges, [&](const SubgraphEdge& e) {
    return (options.since != kNoTime && e.last < options.since) ||
           (options.until != kNoTime && e.first > options.until);
  });
  return sub;
}

void fold_subgraph(Subgraph& sub, std::size_t max_nodes, const TransactionGraph* graph) {
  if (max_nodes < 2) throw OptionError("max_nodes", "must be at least 2");
  if (sub.nodes.size() <= max_nodes) return;
  std::vector<std::uint32_t> order(sub.nodes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const SubgraphNode& x = sub.nodes[a];
    const SubgraphNode& y = sub.nodes[b];
    if (x.seed != y.seed) return x.seed;  // where the money started is never folded away
    if (x.endpoint != y.endpoint) return x.endpoint;
    if (x.held != y.held) return x.held > y.held;
    if (x.score != y.score) return x.score > y.score;
    return x.hop < y.hop;
  });
  const bool trace = std::any_of(sub.nodes.begin(), sub.nodes.end(),
                                 [](const SubgraphNode& n) { return n.hop >= 0; });
  // A folded node's group: a trace's (hop, kind), else its hop, else one for everything; the
  // finest that leaves room for the seed and the best-ranked nodes.
  int level = trace ? (graph ? 0 : 1) : 2;
  auto group_of = [&](const SubgraphNode& n) -> std::pair<std::int64_t, int> {
    if (level == 2) return {0, 0};
    const int kind = level == 0 && n.account != kAggregateNode
                         ? static_cast<int>(graph->accounts().kind[n.account])
                         : -1;
    return {n.hop, kind};
  };
  std::size_t keep = max_nodes - 1;
  for (;;) {
    std::set<std::pair<std::int64_t, int>> groups;
    for (std::size_t i = keep; i < order.size(); ++i) groups.insert(group_of(sub.nodes[order[i]]));
    if (keep + groups.size() <= max_nodes) break;
    if (keep + groups.size() - max_nodes < keep && keep > 1) {
      keep -= keep + groups.size() - max_nodes;
    } else if (level < 2) {
      ++level;  // too many groups for the room: coarser ones
      keep = max_nodes - 1;
    } else {
      break;  // one aggregate: keep + 1 <= max_nodes always
    }
  }
  std::vector<std::uint32_t> new_index(sub.nodes.size());
  std::vector<SubgraphNode> nodes;
  for (std::size_t i = 0; i < keep; ++i) {
    new_index[order[i]] = static_cast<std::uint32_t>(i);
    nodes.push_back(sub.nodes[order[i]]);
  }
  std::map<std::pair<std::int64_t, int>, std::uint32_t> aggregate_of;
  for (std::size_t i = keep; i < order.size(); ++i) {
    const SubgraphNode& folded = sub.nodes[order[i]];
    const auto group = group_of(folded);
    auto [it, added] = aggregate_of.try_emplace(group, static_cast<std::uint32_t>(nodes.size()));
    if (added) {
      SubgraphNode aggregate;
      aggregate.members = 0;
      aggregate.hop = level < 2 ? group.first : -1;
      nodes.push_back(aggregate);
    }
    SubgraphNode& aggregate = nodes[it->second];
    new_index[order[i]] = it->second;
    aggregate.members += folded.members;
    // Endpoints folded away keep their amounts, so the report's table still adds up.
    if (folded.endpoint) {
      aggregate.endpoint = true;
      aggregate.held += folded.held;
      aggregate.status = "folded";
    }
  }
  for (const auto& [group, index] : aggregate_of) {
    SubgraphNode& aggregate = nodes[index];
    std::string what = "accounts";
    if (group.second >= 0)
      what = std::string(to_string(static_cast<AccountKind>(group.second))) + " accounts";
    const bool by_hop = level < 2;
    aggregate.label = std::to_string(aggregate.members) + (by_hop ? " " : " other ") + what;
    if (by_hop) aggregate.label += " at hop " + std::to_string(group.first);
    sub.folded_accounts += aggregate.members;
  }
  const std::uint32_t first_aggregate = static_cast<std::uint32_t>(keep);

  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> merged;
  std::vector<SubgraphEdge> edges;
  for (const SubgraphEdge& e : sub.edges) {
    const std::uint32_t s = new_index[e.source];
    const std::uint32_t t = new_index[e.target];
    if (s == t && s >= first_aggregate) continue;  // inside one aggregate
    auto [it, added] = merged.try_emplace({s, t}, edges.size());
    if (added) {
      SubgraphEdge copy = e;
      copy.source = s;
      copy.target = t;
      edges.push_back(copy);
      continue;
    }
    SubgraphEdge& m = edges[it->second];
    m.value += e.value;
    m.traced += e.traced;
    m.count += e.count;
    m.times.insert(m.times.end(), e.times.begin(), e.times.end());
    m.first = std::min(m.first, e.first);
    m.last = std::max(m.last, e.last);
    if (e.hop >= 0) m.hop = m.hop < 0 ? e.hop : std::min(m.hop, e.hop);
  }
  sub.nodes = std::move(nodes);
  sub.edges = std::move(edges);
}

}  // namespace moneytrail
