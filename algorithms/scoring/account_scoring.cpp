#include "algorithms/scoring/account_scoring.h"

#include <algorithm>

namespace moneytrail {

std::vector<std::uint8_t> laundering_participants(const TransactionGraph& graph) {
  std::vector<std::uint8_t> took_part(graph.num_accounts(), 0);
  const TransactionTable& tx = graph.transactions();
  for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
    if (tx.label[t] != LaunderingLabel::laundering) continue;
    took_part[tx.from[t]] = 1;
    took_part[tx.to[t]] = 1;
  }
  return took_part;
}

std::vector<double> mule_cluster_suspicion(const TransactionGraph& graph, const FlowView& flows,
                                           const FlowBlockOptions& blocks,
                                           const ClusterReportOptions& clusters,
                                           std::uint32_t* reported) {
  const ClusterReport report =
      mule_cluster_report(graph, flows, find_flow_blocks(flows, blocks), clusters);
  std::vector<double> suspicion(graph.num_accounts(), 0.0);
  for (const MuleCluster& cluster : report.clusters)
    for (VertexId v : cluster.members) suspicion[v] = std::max(suspicion[v], cluster.score);
  if (reported) *reported = static_cast<std::uint32_t>(report.clusters.size());
  return suspicion;
}

AccountScoring score_accounts(const TransactionGraph& graph, const FlowView& flows,
                              const AccountScoringOptions& options) {
  AccountFeatureOptions feature_options = options.features;
  if (feature_options.victims.empty()) {
    for (VertexId v = 0; v < graph.num_accounts(); ++v)
      if (graph.accounts().labels[v] & kLabelVictim) feature_options.victims.push_back(v);
  }
  AccountScoring scoring;
  if (options.cluster_suspicion && feature_options.cluster_suspicion.empty()) {
    feature_options.cluster_suspicion =
        mule_cluster_suspicion(graph, flows, options.blocks, options.clusters, &scoring.clusters);
  }
  const std::vector<double> base = base_values(graph);
  scoring.features = compute_account_features(graph, flows, base, feature_options);
  scoring.typologies = detect_typologies(graph, flows, base, options.typologies);
  scoring.scores = unsupervised_scores(scoring.features, scoring.typologies, options.risk);
  auto clear_victims = [&] {
    if (!options.clear_victims) return;
    for (VertexId v = 0; v < graph.num_accounts(); ++v) {
      const std::uint8_t labels = graph.accounts().labels[v];
      if ((labels & kLabelVictim) && !(labels & (kLabelSuspect | kLabelMule))) {
        scoring.scores.score[v] = 0;
        scoring.scores.reasons[v] = {};
      }
    }
  };
  clear_victims();  // before propagating: a victim's payments do not make the mule card risky
  add_payer_risk(scoring.scores, flows, options.risk);
  clear_victims();
  return scoring;
}

}  // namespace moneytrail
