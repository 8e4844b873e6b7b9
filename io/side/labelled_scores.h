// The two files `moneytrail evaluate` compares, joined: a scores file (`moneytrail score`'s CSV)
// and its truth (an account,label file, the generator's truth files, or the scores file's own
// label column for transactions), as aligned scores and labels in the scores file's order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/side/account_labels.h"
#include "io/side/score_table.h"

namespace moneytrail {

// The labelled accounts in the scores file's order, so ties keep the order `score` wrote them in.
struct LabelledScores {
  std::vector<double> score;
  std::vector<double> degree;
  std::vector<std::uint8_t> positive;
  std::size_t unlabelled = 0;
  std::size_t unscored = 0;  // truth accounts missing from the scores, ranked last
  std::string noun = "accounts";
};

/// The truth rows of transaction scores: the scores file's label column when `truth_path` is
/// empty, else the truth file (the generator's truth_transactions.csv lists positives only: every
/// other scored transaction is negative). Throws InputError when there is no label to use.
std::vector<AccountLabelRow> transaction_truth(const ScoreTable& table,
                                               const std::string& scores_path,
                                               const std::string& truth_path);

/// Labelled rows in the scores file's order, then truth rows missing from the scores (with
/// `missing_as_zero`, ranked last; else an InputError naming the row).
LabelledScores join_scores(const ScoreTable& table, const std::string& scores_path,
                           const std::vector<AccountLabelRow>& truth, const std::string& truth_path,
                           bool missing_as_zero);

}  // namespace moneytrail
