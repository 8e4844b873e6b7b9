// Supervised mule scoring: L2-regularised logistic regression on the account features and
// typology counts, fitted by Newton's method (iteratively reweighted least squares) with Eigen.
// Logistic regression is the usual first model for mule detection (calibrated probabilities,
// one coefficient per input an auditor can read, training in seconds on a million accounts);
// gradient-boosted trees often rank better but need a library Debian does not ship for C++ and
// explain themselves less plainly.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "algorithms/scoring/account_features.h"
#include "algorithms/scoring/typologies.h"

namespace moneytrail {

/// The model's inputs: each feature transformed to a scale where a linear model fits (log1p of
/// counts, values, times and the k-core; log of PageRanks relative to uniform; 1 / (1 + hops) for
/// closeness to a victim, 0 when unreachable; shares as they are), then log1p of each typology's
/// hit count. Undefined dwell (never a debit after a credit) is taken as 30 days.
Eigen::MatrixXd model_inputs(const AccountFeatures& features, const TypologyResult& typologies);
/// Names of model_inputs' columns: the feature names, then "hits_" + typology name.
std::vector<std::string> model_input_names();

struct LogisticModel {
  std::vector<std::string> inputs;  // column names the model was fitted on
  Eigen::VectorXd mean, scale;      // standardisation of each input
  Eigen::VectorXd coefficients;     // on standardised inputs
  double intercept = 0;
  double l2 = 0;
  bool converged = true;  // the fit's Newton steps converged (not stored in the model file)
};

struct LogisticOptions {
  /// L2 penalty on the coefficients of standardised inputs (not the intercept). Default 1.
  double l2 = 1.0;
  /// Newton steps at most; stop when the largest coefficient change is below tolerance.
  /// Defaults 50 and 1e-8.
  std::uint32_t max_iterations = 50;
  double tolerance = 1e-8;
};

/// Fits on rows `rows` of `inputs` (all rows when empty; labels other than 0 and 1 are left out)
/// with 0/1 labels. Newton steps are halved while they do not lower the penalised loss. Throws
/// std::invalid_argument when labels and inputs differ in rows or the rows hold no positive or no
/// negative label.
LogisticModel fit_logistic(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                           std::span<const std::uint32_t> rows,
                           const LogisticOptions& options = {});

/// Probability of the positive class per row. Throws std::invalid_argument when the model's
/// inputs differ from model_input_names() in number.
std::vector<double> predict_logistic(const LogisticModel& model, const Eigen::MatrixXd& inputs);

/// Each input's contribution coefficient x standardised value for one row (the log-odds it adds).
Eigen::VectorXd logistic_contributions(const LogisticModel& model, const Eigen::MatrixXd& inputs,
                                       Eigen::Index row);

struct CrossValidation {
  std::uint32_t folds = 0;
  double precision = 0;  // at probability 0.5, pooled over the held-out folds
  double recall = 0;
  double pr_auc = 0;             // average precision of the pooled held-out predictions
  std::vector<double> held_out;  // every labelled row's prediction by the model that did not see it
};

/// Stratified k-fold cross-validation (positives and negatives dealt to folds in a seeded random
/// order). Rows with label 2 ("unknown") are left out of training and evaluation.
CrossValidation cross_validate(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                               std::uint32_t folds, std::uint64_t seed,
                               const LogisticOptions& options = {});

}  // namespace moneytrail
