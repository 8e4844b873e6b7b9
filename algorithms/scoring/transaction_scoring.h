// Scores for single transactions, as AMLworld's benchmark asks (is this payment laundering?),
// built on the account pipeline: the transaction's own evidence (an unusual amount, a repeat, a
// forward, victims' money), the typology hits it is part of (Blanuša et al., "Graph feature
// preprocessing for real-time financial crime detection", ICAIF 2024: scatter-gather and cycle
// counts per transaction carry most of the signal on AMLworld), and both of its accounts' evidence.
//
// Unsupervised: a transaction's surprisal is the smaller of its two accounts' (laundering moves
// money between accounts that both launder) plus the surprisal of its own flags under their
// population rates; its score is 1 - exp(-surprisal / ln(active accounts)), as for accounts.
// Supervised: transaction_model_inputs() feeds the logistic model (logistic_model.h).
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "algorithms/scoring/account_scoring.h"

namespace moneytrail {

/// Per transaction: surprisal (nats) and score in [0, 1]; transfers to self score 0.
struct TransactionScores {
  std::vector<double> surprisal;
  std::vector<double> score;
};

TransactionScores transaction_scores(const TransactionGraph& graph, const AccountScoring& run);

/// Names of transaction_model_inputs' columns.
std::vector<std::string> transaction_input_names();

/// One row per transaction: its flags, forwarded and victims'-money shares, the distance of its
/// log amount from the data's median in robust units, whether it is the pair's first, the hits of
/// each typology holding it (log1p), and for sender and receiver each indicator's surprisal.
/// 8 bytes x (inputs) per transaction: about 260 B; at AMLworld HI-Small's 5M rows, 1.3 GB.
Eigen::MatrixXd transaction_model_inputs(const TransactionGraph& graph, const AccountScoring& run);

/// Per transaction 1 when labelled laundering, 0 when labelled clean, 2 when unknown (the label
/// column of the input: AMLworld's Is Laundering, the native `label`).
std::vector<std::uint8_t> transaction_labels(const TransactionGraph& graph);

}  // namespace moneytrail
