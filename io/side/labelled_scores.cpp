#include "io/side/labelled_scores.h"

#include <limits>
#include <string_view>
#include <unordered_map>

#include "graph/input_error.h"

namespace moneytrail {

// Transactions labelled by the scores file's own label column (score --level transactions
// writes the input's label there), or by a truth file; with the generator's
// truth_transactions.csv every scored transaction it does not list is negative.
std::vector<AccountLabelRow> transaction_truth(const ScoreTable& table,
                                               const std::string& scores_path,
                                               const std::string& truth_path) {
  std::vector<AccountLabelRow> rows;
  if (truth_path.empty()) {
    if (table.label.empty())
      throw InputError(scores_path, 0, "label",
                       "no label column to evaluate against: give a TRUTH file, or score an input "
                       "that carries labels (AMLworld's Is Laundering, the native label column)");
    for (std::size_t i = 0; i < table.accounts.size(); ++i)
      if (table.label[i] >= 0) rows.push_back({table.accounts[i], table.label[i] == 1, i + 2});
    return rows;
  }
  TransactionTruth truth = read_transaction_labels(truth_path);
  if (!truth.positives_only) return std::move(truth.rows);
  std::unordered_map<std::string_view, std::size_t> listed;
  for (std::size_t i = 0; i < truth.rows.size(); ++i) listed.emplace(truth.rows[i].account, i);
  for (std::size_t i = 0; i < table.accounts.size(); ++i)
    if (!listed.count(table.accounts[i])) rows.push_back({table.accounts[i], false, 0});
  for (AccountLabelRow& row : truth.rows) rows.push_back(std::move(row));
  return rows;
}

LabelledScores join_scores(const ScoreTable& table, const std::string& scores_path,
                           const std::vector<AccountLabelRow>& truth, const std::string& truth_path,
                           bool missing_as_zero) {
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(table.accounts.size());
  for (std::size_t i = 0; i < table.accounts.size(); ++i) row_of.emplace(table.accounts[i], i);
  std::vector<std::int8_t> label(table.accounts.size(), -1);  // -1: not in the truth file
  LabelledScores out;
  std::vector<std::uint8_t> unscored_labels;
  for (const AccountLabelRow& row : truth) {
    const auto it = row_of.find(row.account);
    if (it == row_of.end() && missing_as_zero) {
      unscored_labels.push_back(row.positive ? 1 : 0);
      continue;
    }
    if (it == row_of.end()) {
      throw InputError(truth_path, row.line, "account",
                       "account '" + row.account + "' is not in the scores file " + scores_path +
                           " (score every account: run score without --top; or pass "
                           "--missing-as-zero when the truth lists accounts without transactions)");
    }
    label[it->second] = row.positive ? 1 : 0;
  }
  for (std::size_t i = 0; i < table.accounts.size(); ++i) {
    if (label[i] < 0) {
      ++out.unlabelled;
      continue;
    }
    out.score.push_back(table.score[i]);
    if (!table.degree.empty()) out.degree.push_back(table.degree[i]);
    out.positive.push_back(static_cast<std::uint8_t>(label[i]));
  }
  // Unscored accounts rank last, below every scored one.
  for (std::uint8_t positive : unscored_labels) {
    out.score.push_back(std::numeric_limits<double>::lowest());
    if (!table.degree.empty()) out.degree.push_back(std::numeric_limits<double>::lowest());
    out.positive.push_back(positive);
  }
  out.unscored = unscored_labels.size();
  return out;
}

}  // namespace moneytrail
