#include "algorithms/scoring/logistic_model.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "algorithms/scoring/ranking_evaluation.h"
#include "graph/option_error.h"

namespace moneytrail {
namespace {

enum class Transform { log1p, relative_log, closeness, as_is, dwell };

Transform transform_of(Feature f) {
  switch (f) {
    case Feature::pass_through:
    case Feature::burst_1h:
    case Feature::burst_24h:
    case Feature::round_share:
    case Feature::under_threshold_share:
    case Feature::night_share:
    case Feature::platform_share:
    case Feature::crypto_share:
    case Feature::exchange_share:
    case Feature::forward_chance:
    case Feature::debit_forward_chance:
    case Feature::victim_money_share: return Transform::as_is;
    case Feature::pagerank:
    case Feature::victim_ppr: return Transform::relative_log;
    case Feature::victim_hops: return Transform::closeness;
    case Feature::dwell_median_seconds:
    case Feature::dwell_p10_seconds: return Transform::dwell;
    default: return Transform::log1p;
  }
}

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

}  // namespace

std::vector<std::string> model_input_names() {
  std::vector<std::string> names;
  for (int f = 0; f < kFeatureCount; ++f) names.emplace_back(feature_name(static_cast<Feature>(f)));
  for (int t = 0; t < kTypologyCount; ++t)
    names.push_back("hits_" + std::string(to_string(static_cast<Typology>(t))));
  return names;
}

Eigen::MatrixXd model_inputs(const AccountFeatures& features, const TypologyResult& typologies) {
  const Eigen::Index n = features.values.rows();
  Eigen::MatrixXd x(n, kFeatureCount + kTypologyCount);
  constexpr double kNoDwell = 30 * 86400.0;
  for (int f = 0; f < kFeatureCount; ++f) {
    const Transform transform = transform_of(static_cast<Feature>(f));
    for (Eigen::Index v = 0; v < n; ++v) {
      const double raw = features.values(v, f);
      double& out = x(v, f);
      switch (transform) {
        case Transform::as_is: out = raw; break;
        case Transform::log1p: out = std::log1p(std::max(raw, 0.0)); break;
        case Transform::relative_log: out = std::log(raw * static_cast<double>(n) + 1e-6); break;
        case Transform::closeness: out = std::isnan(raw) ? 0.0 : 1 / (1 + raw); break;
        case Transform::dwell: out = std::log1p(std::isnan(raw) ? kNoDwell : raw); break;
      }
    }
  }
  for (int t = 0; t < kTypologyCount; ++t)
    for (Eigen::Index v = 0; v < n; ++v)
      x(v, kFeatureCount + t) = std::log1p(typologies.per_account[v][t]);
  return x;
}

LogisticModel fit_logistic(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                           std::span<const std::uint32_t> rows, const LogisticOptions& options) {
  if (labels.size() != static_cast<std::size_t>(inputs.rows()))
    throw std::invalid_argument("one label per input row is needed");
  std::vector<std::uint32_t> all;
  if (rows.empty()) {
    for (std::uint32_t r = 0; r < inputs.rows(); ++r)
      if (labels[r] <= 1) all.push_back(r);
    rows = all;
  }
  const Eigen::Index d = inputs.cols();
  const auto m = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd x(m, d + 1);  // standardised inputs, then a column of ones for the intercept
  Eigen::VectorXd y(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    x.row(i).head(d) = inputs.row(rows[i]);
    y(i) = labels[rows[i]];
  }
  if (y.sum() == 0 || y.sum() == static_cast<double>(m))
    throw std::invalid_argument("training needs both positive and negative labels");

  LogisticModel model;
  model.inputs = model_input_names();
  if (model.inputs.size() != static_cast<std::size_t>(inputs.cols())) {
    model.inputs.clear();
    for (Eigen::Index j = 0; j < inputs.cols(); ++j)
      model.inputs.push_back("x" + std::to_string(j));
  }
  model.l2 = options.l2;
  model.mean = x.leftCols(d).colwise().mean();
  model.scale.resize(d);
  for (Eigen::Index j = 0; j < d; ++j) {
    x.col(j).array() -= model.mean(j);
    const double sd = std::sqrt(x.col(j).squaredNorm() / static_cast<double>(m));
    model.scale(j) = sd > 1e-12 ? sd : 1.0;  // a constant input gets coefficient 0 anyway
    x.col(j) /= model.scale(j);
  }
  x.col(d).setOnes();

  Eigen::VectorXd beta = Eigen::VectorXd::Zero(d + 1);
  Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d + 1, options.l2);
  penalty(d) = 0;
  // Penalised negative log-likelihood, computed stably from the linear predictor.
  auto loss = [&](const Eigen::VectorXd& b) {
    const Eigen::VectorXd z = x * b;
    double total = 0.5 * (penalty.array() * b.array().square()).sum();
    for (Eigen::Index i = 0; i < m; ++i)
      total += std::max(z(i), 0.0) - z(i) * y(i) + std::log1p(std::exp(-std::abs(z(i))));
    return total;
  };
  double current = loss(beta);
  model.converged = false;
  for (std::uint32_t iteration = 0; iteration < options.max_iterations; ++iteration) {
    const Eigen::VectorXd p = (x * beta).unaryExpr([](double z) { return sigmoid(z); });
    const Eigen::VectorXd w = (p.array() * (1 - p.array())).max(1e-10).matrix();
    const Eigen::VectorXd gradient = x.transpose() * (p - y) + penalty.cwiseProduct(beta);
    Eigen::MatrixXd hessian = x.transpose() * (x.array().colwise() * w.array()).matrix();
    hessian.diagonal() += penalty;
    hessian.diagonal().array() += 1e-9;  // keeps the intercept solvable on separable data
    Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    if (!step.allFinite()) break;
    // Halve the step until the loss does not rise (separable data without a penalty).
    Eigen::VectorXd next = beta - step;
    double next_loss = loss(next);
    const double slack = 1e-12 * std::abs(current);  // rounding near the optimum
    for (int halvings = 0; halvings < 30 && !(next_loss <= current + slack); ++halvings) {
      step *= 0.5;
      next = beta - step;
      next_loss = loss(next);
    }
    if (!(next_loss <= current + slack)) break;
    beta = next;
    current = next_loss;
    if (step.cwiseAbs().maxCoeff() < options.tolerance) {
      model.converged = true;
      break;
    }
  }
  model.coefficients = beta.head(d);
  model.intercept = beta(d);
  return model;
}

std::vector<double> predict_logistic(const LogisticModel& model, const Eigen::MatrixXd& inputs) {
  if (model.coefficients.size() != inputs.cols())
    throw std::invalid_argument("the model was fitted on different inputs");
  const Eigen::VectorXd w = model.coefficients.cwiseQuotient(model.scale);
  const double bias = model.intercept - w.dot(model.mean);
  const Eigen::VectorXd z = inputs * w;
  std::vector<double> p(static_cast<std::size_t>(inputs.rows()));
  for (Eigen::Index i = 0; i < inputs.rows(); ++i) p[i] = sigmoid(z(i) + bias);
  return p;
}

Eigen::VectorXd logistic_contributions(const LogisticModel& model, const Eigen::MatrixXd& inputs,
                                       Eigen::Index row) {
  return ((inputs.row(row).transpose() - model.mean).cwiseQuotient(model.scale))
      .cwiseProduct(model.coefficients);
}

CrossValidation cross_validate(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                               std::uint32_t folds, std::uint64_t seed,
                               const LogisticOptions& options) {
  if (folds < 2) throw OptionError("folds", "must be at least 2 (cross-validation)");
  if (labels.size() != static_cast<std::size_t>(inputs.rows()))
    throw std::invalid_argument("one label per input row is needed");
  const auto n = static_cast<std::uint32_t>(inputs.rows());
  const auto positives = static_cast<std::uint32_t>(std::count(labels.begin(), labels.end(), 1));
  const auto negatives = static_cast<std::uint32_t>(std::count(labels.begin(), labels.end(), 0));
  if (positives < folds || negatives < folds) {
    throw std::invalid_argument("cross-validation with " + std::to_string(folds) +
                                " folds needs at least that many positive and negative labels (" +
                                std::to_string(positives) + " positive, " +
                                std::to_string(negatives) + " negative)");
  }
  // Deal positives, then negatives, to folds in a seeded random order (stratified folds).
  std::vector<std::uint32_t> fold(n, folds);
  std::mt19937_64 random(seed);
  for (std::uint8_t label : {std::uint8_t{1}, std::uint8_t{0}}) {
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r = 0; r < n; ++r)
      if (labels[r] == label) rows.push_back(r);
    for (std::size_t i = rows.size(); i > 1; --i)
      std::swap(rows[i - 1], rows[std::uniform_int_distribution<std::size_t>(0, i - 1)(random)]);
    for (std::size_t i = 0; i < rows.size(); ++i)
      fold[rows[i]] = static_cast<std::uint32_t>(i % folds);
  }
  CrossValidation cv;
  cv.folds = folds;
  cv.held_out.assign(n, std::numeric_limits<double>::quiet_NaN());
  for (std::uint32_t k = 0; k < folds; ++k) {
    std::vector<std::uint32_t> train, test;
    for (std::uint32_t r = 0; r < n; ++r) {
      if (fold[r] == folds) continue;
      (fold[r] == k ? test : train).push_back(r);
    }
    const LogisticModel model = fit_logistic(inputs, labels, train, options);
    Eigen::MatrixXd held(test.size(), inputs.cols());
    for (std::size_t i = 0; i < test.size(); ++i)
      held.row(static_cast<Eigen::Index>(i)) = inputs.row(test[i]);
    const std::vector<double> p = predict_logistic(model, held);
    for (std::size_t i = 0; i < test.size(); ++i) cv.held_out[test[i]] = p[i];
  }
  std::vector<double> scores;
  std::vector<std::uint8_t> truth;
  std::size_t flagged = 0, hits = 0, held_positives = 0;
  for (std::uint32_t r = 0; r < n; ++r) {
    if (fold[r] == folds) continue;
    scores.push_back(cv.held_out[r]);
    truth.push_back(labels[r]);
    held_positives += labels[r];
    if (cv.held_out[r] >= 0.5) {
      ++flagged;
      hits += labels[r];
    }
  }
  cv.precision = flagged ? static_cast<double>(hits) / static_cast<double>(flagged) : 0.0;
  cv.recall =
      held_positives ? static_cast<double>(hits) / static_cast<double>(held_positives) : 0.0;
  cv.pr_auc = evaluate_ranking(scores, truth, {}).pr_auc;
  return cv;
}

}  // namespace moneytrail
