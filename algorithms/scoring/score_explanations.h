// Why an account or a transaction scored what it did, in words an investigator can check: the
// calibrated score's positive indicators, a model's largest log-odds contributions, and the
// evidence a transaction carries.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/logistic_model.h"

namespace moneytrail {

/// The unsupervised score's reasons for `account`, strongest first (only those that raised it).
std::vector<std::string> score_reasons(const AccountScoring& run, VertexId account);

/// A model's reasons for row `row`: its `count` largest positive contributions, as
/// "name (+0.53 log-odds)".
std::vector<std::string> model_reasons(const LogisticModel& model, const Eigen::MatrixXd& inputs,
                                       Eigen::Index row, int count = 3);

/// 1 for each transaction in a typology hit other than scam_payment.
std::vector<std::uint8_t> transactions_in_hits(const TypologyResult& typologies,
                                               std::size_t transactions);

/// The evidence transaction `t` carries, strongest kinds first, joined by ';'.
std::string transaction_reasons(const AccountScoring& run, const std::vector<std::uint8_t>& in_hit,
                                const TransactionGraph& graph, TxIndex t);

}  // namespace moneytrail
