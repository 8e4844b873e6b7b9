// Ranking metrics checked against values computed by hand (each derivation in the comment), the
// same figures sklearn.metrics.average_precision_score gives for these inputs.
#include "algorithms/scoring/ranking_evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace moneytrail {
namespace {

RankingEvaluation evaluate(const std::vector<double>& scores,
                           const std::vector<std::uint8_t>& labels,
                           const std::vector<std::size_t>& ks = {}) {
  return evaluate_ranking(scores, labels, ks);
}

TEST(RankingEvaluation, AveragePrecisionByHand) {
  // Ranked: 0.9 (+), 0.8 (-), 0.7 (+), 0.6 (-); 2 positives.
  // Thresholds: 0.9: P 1/1, R 1/2; 0.8: P 1/2, R 1/2; 0.7: P 2/3, R 2/2; 0.6: P 2/4, R 2/2.
  // AP = (1/2 - 0) * 1 + 0 * 1/2 + (1 - 1/2) * 2/3 + 0 = 1/2 + 1/3 = 0.8333...
  const auto e = evaluate({0.9, 0.8, 0.7, 0.6}, {1, 0, 1, 0}, {1, 2, 3});
  EXPECT_EQ(e.items, 4u);
  EXPECT_EQ(e.positives, 2u);
  EXPECT_NEAR(e.pr_auc, 5.0 / 6.0, 1e-15);
  EXPECT_DOUBLE_EQ(e.positive_rate, 0.5);
  // Top 1: 1 of 1 (recall 1/2); top 2: 1 of 2 (1/2); top 3: 2 of 3 (1).
  ASSERT_EQ(e.at_k.size(), 3u);
  EXPECT_DOUBLE_EQ(e.at_k[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(e.at_k[0].recall, 0.5);
  EXPECT_DOUBLE_EQ(e.at_k[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(e.at_k[1].recall, 0.5);
  EXPECT_DOUBLE_EQ(e.at_k[2].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.at_k[2].recall, 1.0);
  // F1 = 2 tp / (flagged + positives): 2/3, 2/4, 4/5, 4/6. Best 0.8 at >= 0.7, flagging 3.
  EXPECT_DOUBLE_EQ(e.best_f1, 0.8);
  EXPECT_DOUBLE_EQ(e.best_f1_threshold, 0.7);
  EXPECT_EQ(e.best_f1_flagged, 3u);
}

TEST(RankingEvaluation, InputOrderDoesNotMatterForDistinctScores) {
  // The same items as above, shuffled: every figure is unchanged.
  const auto e = evaluate({0.6, 0.7, 0.9, 0.8}, {0, 1, 1, 0}, {3});
  EXPECT_NEAR(e.pr_auc, 5.0 / 6.0, 1e-15);
  EXPECT_DOUBLE_EQ(e.at_k[0].precision, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.best_f1, 0.8);
}

TEST(RankingEvaluation, TiedScoresFormOneThreshold) {
  // Scores 0.5, 0.5 (one + one -), then 0.1 (+). 2 positives.
  // Thresholds: 0.5: flags 2, tp 1, P 1/2, R 1/2; 0.1: flags 3, tp 2, P 2/3, R 1.
  // AP = 1/2 * 1/2 + 1/2 * 2/3 = 1/4 + 1/3 = 7/12, whichever order the tie is listed in.
  const auto a = evaluate({0.5, 0.5, 0.1}, {1, 0, 1}, {1});
  const auto b = evaluate({0.5, 0.5, 0.1}, {0, 1, 1}, {1});
  EXPECT_NEAR(a.pr_auc, 7.0 / 12.0, 1e-15);
  EXPECT_NEAR(b.pr_auc, 7.0 / 12.0, 1e-15);
  // Precision at 1 breaks the tie by index: item 0 comes first.
  EXPECT_DOUBLE_EQ(a.at_k[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(b.at_k[0].precision, 0.0);
  // F1 at 0.5: 2*1/(2+2) = 1/2; at 0.1: 2*2/(3+2) = 4/5. Best 0.8 flagging all 3.
  EXPECT_DOUBLE_EQ(a.best_f1, 0.8);
  EXPECT_DOUBLE_EQ(a.best_f1_threshold, 0.1);
  EXPECT_EQ(a.best_f1_flagged, 3u);
}

TEST(RankingEvaluation, AllTiedGivesThePositiveRate) {
  // One threshold flagging all 4 with 1 positive: AP = 1 * 1/4.
  const auto e = evaluate({2, 2, 2, 2}, {0, 0, 1, 0});
  EXPECT_DOUBLE_EQ(e.pr_auc, 0.25);
  EXPECT_DOUBLE_EQ(e.pr_auc, e.positive_rate);
}

TEST(RankingEvaluation, AllPositive) {
  // Every prefix has precision 1, so AP = 1 and F1 peaks at 1 when everything is flagged.
  const auto e = evaluate({3, 1, 2}, {1, 1, 1}, {2});
  EXPECT_DOUBLE_EQ(e.pr_auc, 1.0);
  EXPECT_DOUBLE_EQ(e.positive_rate, 1.0);
  EXPECT_DOUBLE_EQ(e.at_k[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(e.at_k[0].recall, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.best_f1, 1.0);
  EXPECT_DOUBLE_EQ(e.best_f1_threshold, 1.0);
  EXPECT_EQ(e.best_f1_flagged, 3u);
}

TEST(RankingEvaluation, NoPositiveGivesZerosByConvention) {
  const auto e = evaluate({0.3, 0.2}, {0, 0}, {1, 2});
  EXPECT_EQ(e.positives, 0u);
  EXPECT_EQ(e.pr_auc, 0.0);
  EXPECT_EQ(e.positive_rate, 0.0);
  EXPECT_EQ(e.at_k[0].precision, 0.0);
  EXPECT_EQ(e.at_k[1].recall, 0.0);
  EXPECT_EQ(e.best_f1, 0.0);
  EXPECT_EQ(e.best_f1_flagged, 0u);
}

TEST(RankingEvaluation, KIsClampedToTheItems) {
  // k 10 over 3 items looks at all 3: precision 1/3, recall 1. k 0 looks at nothing.
  const auto e = evaluate({0.1, 0.9, 0.5}, {1, 0, 0}, {10, 0});
  ASSERT_EQ(e.at_k.size(), 2u);
  EXPECT_EQ(e.at_k[0].k, 3u);
  EXPECT_DOUBLE_EQ(e.at_k[0].precision, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(e.at_k[0].recall, 1.0);
  EXPECT_EQ(e.at_k[1].k, 0u);
  EXPECT_EQ(e.at_k[1].precision, 0.0);
  // The positive ranks last: AP = 1 * 1/3.
  EXPECT_NEAR(e.pr_auc, 1.0 / 3.0, 1e-15);
}

TEST(RankingEvaluation, BestF1PrefersTheHighestThresholdOnTies) {
  // Ranked: 4 (+), 3 (-), 2 (+), 1 (+); 3 positives.
  // F1 = 2 tp / (flagged + 3): 2/4 = 0.5, 2/5 = 0.4, 4/6 = 0.667, 6/7 = 0.857. Best at >= 1.
  const auto e = evaluate({4, 3, 2, 1}, {1, 0, 1, 1});
  EXPECT_DOUBLE_EQ(e.best_f1, 6.0 / 7.0);
  EXPECT_DOUBLE_EQ(e.best_f1_threshold, 1.0);
  // AP = 1/3 * 1 + 1/3 * 2/3 + 1/3 * 3/4 = (12 + 8 + 9) / 36 = 29/36.
  EXPECT_NEAR(e.pr_auc, 29.0 / 36.0, 1e-15);
  // Equal F1 at two thresholds: ranked 3 (+), 2 (-), then 1 (+) and 1 (-) tied; 2 positives.
  // F1 at >= 3: 2/(1+2) = 2/3; at >= 2: 2/(2+2) = 1/2; at >= 1: 4/(4+2) = 2/3. The highest
  // threshold is kept: it reaches the same F1 flagging fewer accounts.
  const auto u = evaluate({3, 2, 1, 1}, {1, 0, 1, 0});
  EXPECT_DOUBLE_EQ(u.best_f1, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(u.best_f1_threshold, 3.0);
  EXPECT_EQ(u.best_f1_flagged, 1u);
}

TEST(RankingEvaluation, EmptyInput) {
  const auto e = evaluate({}, {}, {5});
  EXPECT_EQ(e.items, 0u);
  EXPECT_EQ(e.pr_auc, 0.0);
  EXPECT_EQ(e.at_k[0].k, 0u);
}

TEST(RankingEvaluation, RejectsSizeMismatchAndNaN) {
  EXPECT_THROW(evaluate({0.1, 0.2}, {1}), std::invalid_argument);
  EXPECT_THROW(evaluate({0.1, std::numeric_limits<double>::quiet_NaN()}, {1, 0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace moneytrail
