// Choosing what to export: the flows of a trace, the members of a mule cluster, or an ego
// network, and folding a selection to at most N nodes so that it stays drawable.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/tracing/trace_types.h"
#include "graph/flow_view.h"
#include "graph/subgraph.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

/// The traced transactions as edges (aggregated per account pair, `traced` summed), the accounts
/// they touch as nodes with their first hop and traced received value; endpoints marked with
/// what they hold (backward: the origins, with what each gave).
Subgraph subgraph_of_trace(const TransactionGraph& graph, const ForwardTraceResult& trace);
Subgraph subgraph_of_trace(const TransactionGraph& graph, const BackwardTraceResult& trace);

/// Accounts and the flows among them; `group` is set from `groups` when it is not empty (one
/// entry per account in `accounts`).
Subgraph subgraph_of_accounts(const FlowView& flows, std::span<const VertexId> accounts,
                              std::span<const std::int64_t> groups = {});

/// The members of a cluster (its rank in the report is its group).
Subgraph subgraph_of_cluster(const FlowView& flows, const MuleCluster& cluster, std::uint32_t rank);
/// The members of the report's first `top` clusters, each cluster's rank its group and its score
/// the members' score.
Subgraph subgraph_of_clusters(const FlowView& flows, const ClusterReport& report, std::size_t top);

/// The `count` accounts of highest score (ties: smaller index first) as group 1, their one-hop
/// counterparties as group 0, and every flow touching a top account; each node's score is its own.
/// Throws std::invalid_argument when `scores` does not hold one value per account.
Subgraph subgraph_of_top_scored(const FlowView& flows, std::span<const double> scores,
                                std::size_t count);

enum class EgoDirection : std::uint8_t { both, out, in };

struct EgoOptions {
  std::uint32_t hops = 1;
  EgoDirection direction = EgoDirection::both;
  /// Only flows with some transaction in [since, until] count as ties (kNoTime: open).
  Timestamp since = kNoTime;
  Timestamp until = kNoTime;
};

/// Accounts within `hops` flows of `center` (breadth first), and the flows among them.
Subgraph ego_subgraph(const TransactionGraph& graph, const FlowView& flows, VertexId center,
                      const EgoOptions& options = {});

/// Keeps the nodes of highest score (seeds and endpoints first, then by amount) and folds the
/// rest into aggregate nodes, merging their edges, so that at most max_nodes remain; nothing
/// changes when the selection is small enough. A trace's folded accounts are grouped by hop and,
/// with `graph`, by kind ("212 bank_card accounts at hop 3"), so a 1,000-node trace keeps its
/// layers; other selections fold into one aggregate. max_nodes must be at least 2.
void fold_subgraph(Subgraph& subgraph, std::size_t max_nodes,
                   const TransactionGraph* graph = nullptr);

}  // namespace moneytrail
