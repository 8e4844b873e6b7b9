// The mule-cluster report: which groups of accounts receive victims' money and pass it on,
// ranked so that an investigator starts from the groups that matter.
//
// The layering core is every account that the flow block search (flow_blocks.h) found passing
// money on, grown by the accounts that do most of their business with it (a tier-1 card fed by
// victims, an organiser taking a cut, the exchange account where the hops cash out). Leiden then
// partitions the core's own flow graph: each community of the core is one cluster. Blocks
// separate the mules from the ordinary people around them; partitioning the core alone, without
// the ordinary traffic that ties every group to every other, separates the groups. Accounts
// labelled victim are never members: they count as the sources feeding a cluster.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "algorithms/communities/flow_blocks.h"
#include "graph/flow_view.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

struct ClusterReportOptions {
  /// A community member joins its community's core when at least this share of the value it
  /// sends and receives (flows with victim-labelled accounts left out) is with core accounts.
  /// Default 0.5.
  double attach_share = 0.5;
  /// Rounds of growing the core, so that chains of such members join. Default 3.
  std::uint32_t grow_rounds = 3;
  /// Clusters with fewer accounts are not reported. Default 3.
  std::uint32_t min_size = 3;
  /// Leiden on the core (modularity, value weights): resolution and seed.
  double resolution = 1.0;
  std::uint64_t seed = 1;
};

struct MuleCluster {
  std::uint32_t community = 0;           // its community in the partition of the core
  std::vector<std::uint32_t> blocks;     // the flow blocks (0-based, best first) it draws on
  std::vector<VertexId> members;         // sorted
  std::array<std::uint32_t, 9> kinds{};  // members per AccountKind
  double internal_value = 0;             // flows between members
  double through_value = 0;              // sum over members of min(received, sent)
  double in_value = 0;                   // received from outside the cluster
  double out_value = 0;                  // sent outside the cluster
  double pass_through = 0;               // min(in_value, out_value) / max(in_value, out_value)
  /// Median over members' credits of the time to the account's next debit.
  std::optional<double> median_dwell_seconds;
  std::uint32_t victim_sources = 0;  // victim-labelled accounts that paid members
  double victim_value = 0;
  std::uint32_t cash_out_links = 0;  // cash, exchange and crypto endpoints paid by members
  double cash_out_value = 0;
  double platform_share = 0;         // of members' sent value, through payment platforms
  double crypto_share = 0;           // of members' sent value, crypto transfers and exchange trades
  double score = 0;                  // suspicion in [0, 1]
  std::vector<std::string> reasons;  // strongest first
};

struct ClusterReport {
  std::vector<MuleCluster> clusters;   // ranked by score, highest first
  std::uint32_t core_accounts = 0;     // accounts in the layering core
  std::uint32_t core_communities = 0;  // communities Leiden found in it (before min_size)
  double core_modularity = 0;          // modularity of that partition on the core
};

/// `blocks` from find_flow_blocks. Values are in the base currency when the graph has rates (as
/// in the flow view). Throws std::invalid_argument for resolution <= 0.
ClusterReport mule_cluster_report(const TransactionGraph& graph, const FlowView& flows,
                                  const std::vector<FlowBlock>& blocks,
                                  const ClusterReportOptions& options = {});

}  // namespace moneytrail
