// How well a ranking of accounts finds the known launderers: average precision (PR-AUC),
// precision and recall in the top k, and the best F1 over score thresholds.
//
// Average precision follows sklearn.metrics.average_precision_score, so figures can be checked
// against it and compared with published results: AP = sum over distinct score thresholds t,
// highest first, of (R(t) - R(previous t)) * P(t), where P and R are the precision and recall of
// flagging every item scoring >= t. Accounts with the same score form one threshold, so AP does
// not depend on the order of ties (summing item by item would reward whichever order the sort left
// tied accounts in). A random ranking scores about the positive rate, which is why that is
// reported beside the result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace moneytrail {

/// Precision and recall of the k highest-scoring items.
struct RankAtK {
  std::size_t k = 0;  // items looked at: the requested k clamped to the number of items
  double precision = 0;
  double recall = 0;
};

struct RankingEvaluation {
  std::size_t items = 0;
  std::size_t positives = 0;
  /// Average precision as sklearn's average_precision_score (tied scores form one threshold).
  /// 0 when there is no positive (sklearn returns nan there; 0 keeps JSON and sums finite).
  double pr_auc = 0;
  std::vector<RankAtK> at_k;  // one per requested k, in the order given
  /// The best F1 of flagging every item scoring >= best_f1_threshold, over the distinct scores;
  /// among equal F1 the highest threshold (fewest flagged) wins. With no positive every F1 is 0:
  /// best_f1 0, best_f1_flagged 0 and best_f1_threshold 0 (no threshold).
  double best_f1 = 0;
  double best_f1_threshold = 0;
  std::size_t best_f1_flagged = 0;
  /// positives / items: the expected PR-AUC (and precision at any k) of a random ranking.
  double positive_rate = 0;
};

/// Evaluates `scores` (higher = more suspicious) against `is_positive` (nonzero = a known
/// launderer), item i being scores[i] and is_positive[i].
///
/// Precision and recall at k look at the first min(k, items) items sorted by score descending,
/// ties kept in index order (a stable sort), so a tie straddling the cut counts the earlier items;
/// k = 0 or no items gives precision 0. Recall is 0 when there is no positive.
/// Throws std::invalid_argument when the spans differ in size or a score is NaN.
RankingEvaluation evaluate_ranking(std::span<const double> scores,
                                   std::span<const std::uint8_t> is_positive,
                                   std::span<const std::size_t> ks);

/// F1 of flagging every item scoring at least `threshold` (0.5: a model's probability read as a
/// decision, the minority-class F1 the AMLworld literature reports).
double f1_at_threshold(std::span<const double> scores, std::span<const std::uint8_t> is_positive,
                       double threshold);

}  // namespace moneytrail
