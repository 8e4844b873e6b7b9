// The batch scoring pipeline behind `moneytrail score`: features, typology hits, the mule-cluster
// suspicion each account inherits, and the unsupervised score, in one call.
#pragma once

#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/flow_blocks.h"
#include "algorithms/scoring/account_features.h"
#include "algorithms/scoring/risk_score.h"
#include "algorithms/scoring/typologies.h"

namespace moneytrail {

struct AccountScoringOptions {
  /// features.victims empty: the accounts labelled victim are used.
  AccountFeatureOptions features;
  TypologyOptions typologies;
  RiskScoreOptions risk;
  /// Run the mule-cluster report (flow blocks, then Leiden on the layering core) and give each
  /// member its cluster's score as the cluster_suspicion feature. The block search dominates the
  /// run time on large cases; 3 blocks rank the generator's mules as well as 5 or 20 (see
  /// docs/scoring.md). Default on, 3 blocks.
  bool cluster_suspicion = true;
  /// Accounts labelled victim (and not also suspect or mule) score 0: the investigator already
  /// knows what they are, and a victim's own traffic (paying the mule card within minutes of
  /// receiving a salary) would otherwise rank it with the mules. Default on.
  bool clear_victims = true;
  FlowBlockOptions blocks = {.blocks = 3};
  ClusterReportOptions clusters;
};

struct AccountScoring {
  AccountFeatures features;
  TypologyResult typologies;
  RiskScores scores;
  std::uint32_t clusters = 0;  // mule clusters reported (0 when not run)
};

/// Per account 1 when it sent or received a transaction labelled laundering (AMLworld's
/// `Is Laundering`, the native `label` column), else 0: the account labels of AMLworld's
/// benchmark ("took part in a laundering transaction").
std::vector<std::uint8_t> laundering_participants(const TransactionGraph& graph);

/// Per account, the score of the best-scored mule cluster holding it (0 outside every cluster):
/// flow blocks, then the cluster report. `clusters` (optional) receives how many were reported.
std::vector<double> mule_cluster_suspicion(const TransactionGraph& graph, const FlowView& flows,
                                           const FlowBlockOptions& blocks,
                                           const ClusterReportOptions& clusters,
                                           std::uint32_t* reported = nullptr);

AccountScoring score_accounts(const TransactionGraph& graph, const FlowView& flows,
                              const AccountScoringOptions& options = {});

}  // namespace moneytrail
