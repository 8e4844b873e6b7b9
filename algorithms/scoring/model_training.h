// Fitting a mule-risk model on labelled rows (accounts or transactions): cross-validated first,
// so the figures a user sees come from rows the model was not fitted on, then fitted on all.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/scoring/logistic_model.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

/// A row without a label (left out of the fit).
inline constexpr std::uint8_t kUnlabelled = 2;

struct TrainingOptions {
  std::uint32_t folds = 5;  // cross-validation folds (at least 2)
  std::uint64_t seed = 1;   // for drawing the folds
  LogisticOptions fit;
};

struct TrainedModel {
  LogisticModel model;
  CrossValidation cv;        // held_out scores of every labelled row
  std::size_t labelled = 0;  // rows with label 0 or 1
  std::size_t positives = 0;
  /// F1 of the cross-validated precision and recall (the minority class for transactions).
  double cv_f1() const;
};

/// Throws std::invalid_argument when the labels hold no positive or no negative row.
TrainedModel train_model(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                         std::vector<std::string> input_names, const TrainingOptions& options);

/// Per account 1 when labelled mule or suspect, 0 when labelled clean, else kUnlabelled.
std::vector<std::uint8_t> labels_from_accounts(const TransactionGraph& graph);

}  // namespace moneytrail
