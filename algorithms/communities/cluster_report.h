// The mule-cluster report: which groups of accounts receive victims' money and pass it on,
// ranked so that an investigator starts from the groups that matter.
//
// The layering core is every personal account (card, bank or payment account, address) that the
// flow block search (flow_blocks.h) found passing money on, plus the accounts attached to it: the
// personal accounts that relay money fast into or out of it (a tier-1 card fed by victims, a
// running-points account), then those that got most of their money from it (an OTC desk, an
// organiser's cut, the exchange account where the hops cash out). Leiden then
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
  /// A personal account joins the core as a relay when it sent at least this share of what it
  /// sent into the core or got this share of what it received from it, passed on at least this
  /// share (min(in, out) / max(in, out)) and its median dwell is at most
  /// attach_max_dwell_seconds; then any account joins as a destination when at least this share
  /// of what it received came from the core. Default 0.5.
  double attach_share = 0.5;
  /// Rounds of attaching relays, so that a chain of them joins one link per round. Default 3.
  std::uint32_t attach_rounds = 3;
  /// Relays pass money on fast. Default 6 hours.
  double attach_max_dwell_seconds = 6 * 3600.0;
  /// Clusters with fewer accounts are not reported. Default 3.
  std::uint32_t min_size = 3;
  /// Leiden on the core (modularity, value weights): resolution and seed. A laundering chain is
  /// path-like (tiers of cards, a desk, a run of addresses), and modularity at resolution 1 cuts
  /// long paths into pieces; 0.5 keeps each group whole on the generator's cases (see
  /// docs/communities.md). Default 0.5.
  double resolution = 0.5;
  std::uint64_t seed = 1;
};

struct MuleCluster {
  std::uint32_t community = 0;        // its community in the partition of the core
  std::vector<std::uint32_t> blocks;  // the flow blocks (0-based, best first) it draws on
  std::vector<VertexId> members;      // sorted
  std::array<std::uint32_t, kAccountKindCount> kinds{};  // members per AccountKind
  double internal_value = 0;                             // flows between members
  double through_value = 0;                              // sum over members of min(received, sent)
  double in_value = 0;                                   // received from outside the cluster
  double out_value = 0;                                  // sent outside the cluster
  double pass_through = 0;  // min(in_value, out_value) / max(in_value, out_value)
  /// Median over members' credits of the time to the account's next debit.
  std::optional<double> median_dwell_seconds;
  std::uint32_t victim_sources = 0;  // victim-labelled accounts that paid members
  double victim_value = 0;
  std::uint32_t cash_out_links = 0;  // cash, exchange and crypto endpoints paid by members
  double cash_out_value = 0;
  double sent_value = 0;             // members' sent value (base currency)
  double platform_share = 0;         // of members' sent value, through payment platforms
  double crypto_share = 0;           // of members' sent value, crypto transfers and exchange trades
  double score = 0;                  // suspicion in [0, 1]
  std::vector<std::string> reasons;  // strongest first
};

struct ClusterReport {
  std::vector<MuleCluster> clusters;   // ranked by score, highest first
  std::uint32_t core_accounts = 0;     // accounts in the layering core (evidence: candidates)
  std::uint32_t core_communities = 0;  // communities Leiden found in it (before min_size)
  double core_modularity = 0;          // modularity of that partition on the core
  std::string method = "flow-blocks";  // or "evidence" (evidence_clusters.h)
  std::string currency;  // of the values: the flow view's (empty when it mixes currencies)
  /// Evidence method: groups left out because even Leiden could not bring them below the size
  /// limit, and the accounts in them.
  std::uint32_t left_out_groups = 0;
  std::uint32_t left_out_accounts = 0;
};

/// The size, value, victim, cash-out and channel fields of `cluster` (its members set), from
/// the flows; `cluster_of` maps each account to its cluster id (or any other value outside).
void describe_cluster(const TransactionGraph& graph, const FlowView& flows,
                      const std::vector<std::uint32_t>& cluster_of, std::uint32_t id,
                      MuleCluster& cluster);

/// `blocks` from find_flow_blocks. Values are in the base currency when the graph has rates (as
/// in the flow view). Throws std::invalid_argument for resolution <= 0.
ClusterReport mule_cluster_report(const TransactionGraph& graph, const FlowView& flows,
                                  const std::vector<FlowBlock>& blocks,
                                  const ClusterReportOptions& options = {});

}  // namespace moneytrail
