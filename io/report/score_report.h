// Formatting of `moneytrail score`'s results: account scores (CSV account,score,reasons,degree,
// kind; JSON scored_by, accounts, mule_clusters, typology_hits, scores), transaction scores (CSV
// transaction,score,reasons,from,to,label), a trained model's summary, and the side files:
// typology hits, features and participation labels.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/model_training.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

struct AccountScoresView {
  const TransactionGraph& graph;
  const std::vector<double>& score;
  std::function<std::vector<std::string>(VertexId)> reasons;
  std::string scored_by;                     // "unsupervised" or "model PATH"
  std::vector<VertexId> order;               // rows written, best first
  std::optional<std::size_t> mule_clusters;  // JSON mule_clusters (0 when not counted)
  const TypologyResult& typologies;
};
void write_account_scores(std::ostream& out, OutputFormat format, const AccountScoresView& view,
                          const LoadReport& report, const std::string& csv_comment = "");

struct TransactionScoresView {
  const TransactionGraph& graph;
  const std::vector<double>& score;
  std::function<std::string(TxIndex)> reasons;
  std::string scored_by;
  std::vector<TxIndex> order;
};
void write_transaction_scores(std::ostream& out, OutputFormat format,
                              const TransactionScoresView& view, const LoadReport& report,
                              const std::string& csv_comment = "");

/// What `score --train` fitted: JSON model, (level,) training_accounts or training_transactions,
/// training_positives, folds, cv_precision, cv_recall, (cv_f1,) cv_pr_auc, provenance; or a line
/// of text.
void write_training_summary(std::ostream& out, OutputFormat format, const std::string& model_path,
                            const TrainedModel& trained, bool transactions,
                            const LoadReport& report);

/// hit,typology,accounts,transactions,kept_share (accounts and transactions joined by ';').
void write_typology_hits(std::ostream& out, const TransactionGraph& graph,
                         const TypologyResult& typologies);
/// account, then every feature.
void write_account_features(std::ostream& out, const TransactionGraph& graph,
                            const AccountFeatures& features);
/// account,label: 1 for accounts that took part in a transaction labelled laundering.
void write_participation_labels(std::ostream& out, const TransactionGraph& graph);

}  // namespace moneytrail
