#include "algorithms/scoring/ranking_evaluation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace moneytrail {

RankingEvaluation evaluate_ranking(std::span<const double> scores,
                                   std::span<const std::uint8_t> is_positive,
                                   std::span<const std::size_t> ks) {
  if (scores.size() != is_positive.size()) {
    throw std::invalid_argument("evaluate_ranking: " + std::to_string(scores.size()) +
                                " scores but " + std::to_string(is_positive.size()) + " labels");
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (std::isnan(scores[i]))
      throw std::invalid_argument("evaluate_ranking: score " + std::to_string(i) + " is NaN");
  }
  RankingEvaluation result;
  result.items = scores.size();
  result.positives = static_cast<std::size_t>(
      std::count_if(is_positive.begin(), is_positive.end(), [](std::uint8_t p) { return p != 0; }));
  const double positives = static_cast<double>(result.positives);
  if (result.items > 0) result.positive_rate = positives / static_cast<double>(result.items);

  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  // true_positives[n]: positives among the first n items of the ranking.
  std::vector<std::size_t> true_positives(order.size() + 1, 0);
  for (std::size_t n = 0; n < order.size(); ++n)
    true_positives[n + 1] = true_positives[n] + (is_positive[order[n]] != 0 ? 1 : 0);

  // One step per distinct score: the threshold flags the whole run of tied items at once.
  double previous_recall = 0;
  for (std::size_t end = 0; end < order.size() && result.positives > 0;) {
    const double threshold = scores[order[end]];
    while (end < order.size() && scores[order[end]] == threshold) ++end;
    const double tp = static_cast<double>(true_positives[end]);
    const double precision = tp / static_cast<double>(end);
    const double recall = tp / positives;
    result.pr_auc += (recall - previous_recall) * precision;
    previous_recall = recall;
    // F1 = 2PR / (P + R) = 2 tp / (flagged + positives), exact without a 0/0 case.
    const double f1 = 2 * tp / (static_cast<double>(end) + positives);
    if (f1 > result.best_f1) {
      result.best_f1 = f1;
      result.best_f1_threshold = threshold;
      result.best_f1_flagged = end;
    }
  }

  for (std::size_t k : ks) {
    RankAtK at{std::min(k, order.size()), 0, 0};
    if (at.k > 0) {
      const double tp = static_cast<double>(true_positives[at.k]);
      at.precision = tp / static_cast<double>(at.k);
      if (result.positives > 0) at.recall = tp / positives;
    }
    result.at_k.push_back(at);
  }
  return result;
}

double f1_at_threshold(std::span<const double> scores, std::span<const std::uint8_t> is_positive,
                       double threshold) {
  std::size_t flagged = 0, right = 0, positives = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const bool flag = scores[i] >= threshold;
    flagged += flag;
    right += flag && is_positive[i];
    positives += is_positive[i] != 0;
  }
  return flagged + positives > 0
             ? 2.0 * static_cast<double>(right) / static_cast<double>(flagged + positives)
             : 0.0;
}

}  // namespace moneytrail
