// Formatting of `moneytrail evaluate`: JSON (scores_file, truth_file, level, accounts, positives,
// unlabelled, unscored, pr_auc, positive_rate, best_f1..., f1_at_half, at_k, baseline), CSV
// metric,model,degree_baseline, or a table.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "algorithms/scoring/ranking_evaluation.h"
#include "io/report/report_text.h"
#include "io/side/labelled_scores.h"

namespace moneytrail {

struct EvaluationView {
  std::string scores_path;
  std::string truth_path;   // the scores file itself when labels came from its label column
  std::string truth_label;  // how the table names the truth ("its label column")
  const LabelledScores& data;
  const RankingEvaluation& model;
  const std::optional<RankingEvaluation>& baseline;  // degree, when the scores file has degrees
  double f1_at_half = 0;
};

void write_evaluation(std::ostream& out, OutputFormat format, const EvaluationView& view);

}  // namespace moneytrail
