// Mule clusters from the score's evidence: the groups of accounts that the calibrated score
// flags (risk_score.h) and the transactions tying them together, at the size laundering rings
// have (a cycle of five cards, a fan-in of ten, three tiers of cards with their running-points
// accounts), ranked by how suspicious the group is.
//
// Members are the flagged accounts (surprisal at least flag_level x ln(active accounts)), plus
// the other end of each transaction with an unusual amount, a repeat or victims' money that a
// flagged account made or received (the ring member whose own evidence is diluted by a busy
// ordinary life). Flows and ownership ties between members join them; each connected group
// larger than max_size is split with Leiden (modularity, value weights), again until it fits;
// a group that Leiden cannot split and that holds more than max_share of the active accounts
// is left out, and counted. A group's score is its members' mean score, so a ring of five
// strong accounts ranks above a loose crowd of fifty weak ones; ties go to the larger group.
#pragma once

#include <cstdint>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/scoring/account_scoring.h"
#include "graph/progress.h"

namespace moneytrail {

struct EvidenceClusterOptions {
  /// Members' surprisal, in units of ln(active accounts). Default 1, the score's own flag.
  double flag_level = 1.0;
  /// Pull in the other end of a flagged account's unusual, repeated or victim-money
  /// transactions. Default on.
  bool pull_evidence_ends = true;
  /// Groups above this size are split with Leiden. Default 50: a few tiers of cards with their
  /// collection accounts, desks and addresses.
  std::uint32_t max_size = 50;
  /// A group Leiden cannot split is still reported up to this share of the active accounts (the
  /// largest a mule cluster plausibly is), else left out. Default 0.05.
  double max_share = 0.05;
  /// Reports the grouping as one step (none: silent).
  ProgressSink* progress = nullptr;
  /// Smaller groups are not reported. Default 3.
  std::uint32_t min_size = 3;
  std::uint64_t seed = 1;  // Leiden
};

/// `scoring` from score_accounts on the same graph. Throws std::invalid_argument for options out
/// of range.
ClusterReport evidence_clusters(const TransactionGraph& graph, const FlowView& flows,
                                const AccountScoring& scoring,
                                const EvidenceClusterOptions& options = {});

}  // namespace moneytrail
