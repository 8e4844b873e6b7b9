#include "algorithms/scoring/score_model_file.h"

#include <cmath>

#include "algorithms/score_model.pb.h"
#include "algorithms/scoring/transaction_scoring.h"
#include "graph/input_error.h"

namespace moneytrail {
namespace {

constexpr std::string_view kMagic = "MTMODEL\n";
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::string_view kKind = "logistic_regression";

}  // namespace

void write_score_model(std::ostream& out, const LogisticModel& model, const ScoreModelInfo& info) {
  pb::ScoreModel message;
  message.set_format_version(kFormatVersion);
  message.set_producer(info.producer);
  message.set_command_line(info.command_line);
  message.set_kind(std::string(kKind));
  for (const std::string& name : model.inputs) message.add_inputs(name);
  for (Eigen::Index j = 0; j < model.coefficients.size(); ++j) {
    message.add_mean(model.mean(j));
    message.add_scale(model.scale(j));
    message.add_coefficients(model.coefficients(j));
  }
  message.set_intercept(model.intercept);
  message.set_l2(model.l2);
  message.set_training_accounts(info.training_accounts);
  message.set_training_positives(info.training_positives);
  message.set_cv_folds(info.cv.folds);
  message.set_cv_precision(info.cv.precision);
  message.set_cv_recall(info.cv.recall);
  message.set_cv_pr_auc(info.cv.pr_auc);
  out << kMagic;
  if (!message.SerializeToOstream(&out)) throw std::runtime_error("cannot write the model");
}

LogisticModel read_score_model(std::string_view bytes, const std::string& path,
                               ScoreModelInfo* info) {
  pb::ScoreModel message;
  if (bytes.substr(0, kMagic.size()) != kMagic ||
      !message.ParseFromArray(bytes.data() + kMagic.size(),
                              static_cast<int>(bytes.size() - kMagic.size()))) {
    throw InputError(path, 0, "", "not a moneytrail model file (write one with score --train)");
  }
  if (message.format_version() > kFormatVersion)
    throw InputError(path, 0, "",
                     "model format " + std::to_string(message.format_version()) +
                         " is newer than this moneytrail reads");
  if (message.kind() != kKind)
    throw InputError(path, 0, "", "unknown model kind " + message.kind());
  // An account model or a transaction model (score --level transactions --train).
  const int d = message.inputs_size();
  auto fits = [&](const std::vector<std::string>& names) {
    bool same = d == static_cast<int>(names.size()) && message.mean_size() == d &&
                message.scale_size() == d && message.coefficients_size() == d;
    for (int j = 0; same && j < d; ++j) same = message.inputs(j) == names[j];
    return same;
  };
  std::vector<std::string> expected = model_input_names();
  if (!fits(expected)) expected = transaction_input_names();
  if (!fits(expected))
    throw InputError(path, 0, "",
                     "the model was fitted on inputs this version does not compute (" +
                         message.producer() + "); retrain with score --train");
  LogisticModel model;
  model.inputs = expected;
  model.mean.resize(d);
  model.scale.resize(d);
  model.coefficients.resize(d);
  for (int j = 0; j < d; ++j) {
    model.mean(j) = message.mean(j);
    model.scale(j) = message.scale(j);
    model.coefficients(j) = message.coefficients(j);
  }
  for (int j = 0; j < d; ++j) {
    if (!std::isfinite(model.mean(j)) || !std::isfinite(model.coefficients(j)) ||
        !(model.scale(j) > 0 && std::isfinite(model.scale(j))))
      throw InputError(path, 0, message.inputs(j),
                       "the model's numbers are not finite (corrupt file)");
  }
  if (!std::isfinite(message.intercept()))
    throw InputError(path, 0, "intercept", "the model's numbers are not finite (corrupt file)");
  model.intercept = message.intercept();
  model.l2 = message.l2();
  if (info) {
    info->producer = message.producer();
    info->command_line = message.command_line();
    info->training_accounts = message.training_accounts();
    info->training_positives = message.training_positives();
    info->cv.folds = message.cv_folds();
    info->cv.precision = message.cv_precision();
    info->cv.recall = message.cv_recall();
    info->cv.pr_auc = message.cv_pr_auc();
  }
  return model;
}

}  // namespace moneytrail
