#include "algorithms/scoring/score_explanations.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace moneytrail {

std::vector<std::string> score_reasons(const AccountScoring& run, VertexId account) {
  std::vector<std::string> reasons;
  for (const ScoreReason& reason : run.scores.reasons[account])
    if (reason.contribution > 0)
      reasons.push_back(
          reason_text(reason.indicator, run.features, run.typologies, run.scores, account));
  return reasons;
}

std::vector<std::string> model_reasons(const LogisticModel& model, const Eigen::MatrixXd& inputs,
                                       Eigen::Index row, int count) {
  const Eigen::VectorXd c = logistic_contributions(model, inputs, row);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(c.size()));
  std::iota(order.begin(), order.end(), 0);
  count = std::min<int>(count, static_cast<int>(order.size()));
  std::partial_sort(order.begin(), order.begin() + count, order.end(),
                    [&](Eigen::Index a, Eigen::Index b) { return c(a) > c(b); });
  std::vector<std::string> reasons;
  for (int k = 0; k < count && c(order[k]) > 0; ++k) {
    char text[160];
    std::snprintf(text, sizeof text, "%s (+%.2f log-odds)", model.inputs[order[k]].c_str(),
                  c(order[k]));
    reasons.emplace_back(text);
  }
  return reasons;
}

std::vector<std::uint8_t> transactions_in_hits(const TypologyResult& typologies,
                                               std::size_t transactions) {
  std::vector<std::uint8_t> in_hit(transactions, 0);
  for (const TypologyHit& hit : typologies.hits)
    if (hit.typology != Typology::scam_payment)
      for (TxIndex t : hit.transactions) in_hit[t] = 1;
  return in_hit;
}

std::string transaction_reasons(const AccountScoring& run, const std::vector<std::uint8_t>& in_hit,
                                const TransactionGraph& graph, TxIndex t) {
  std::vector<std::string> parts;
  const std::uint8_t f = run.evidence.flags[t];
  if (run.victim_money.tainted_share[t] >= 0.5f)
    parts.push_back(std::to_string(std::lround(100 * run.victim_money.tainted_share[t])) +
                    "% reported victims' money");
  if (f & kUnusualAmount) parts.emplace_back("amount unusual for this data");
  if (f & kRepeatedTransfer) parts.emplace_back("repeats a transfer to the same payee");
  if (f & kForwarded) parts.emplace_back("passed on by the receiver soon after");
  if (in_hit[t]) parts.emplace_back("part of a typology hit");
  char both[96];
  std::snprintf(both, sizeof both, "sender score %.3f, receiver score %.3f",
                run.scores.score[graph.transactions().from[t]],
                run.scores.score[graph.transactions().to[t]]);
  parts.emplace_back(both);
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ";") + part;
  return text;
}

}  // namespace moneytrail
