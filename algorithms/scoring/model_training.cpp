#include "algorithms/scoring/model_training.h"

#include <stdexcept>

namespace moneytrail {

double TrainedModel::cv_f1() const {
  return cv.precision + cv.recall > 0 ? 2 * cv.precision * cv.recall / (cv.precision + cv.recall)
                                      : 0.0;
}

TrainedModel train_model(const Eigen::MatrixXd& inputs, std::span<const std::uint8_t> labels,
                         std::vector<std::string> input_names, const TrainingOptions& options) {
  TrainedModel out;
  for (std::uint8_t l : labels) {
    out.labelled += l <= 1;
    out.positives += l == 1;
  }
  if (out.positives == 0 || out.positives == out.labelled)
    throw std::invalid_argument("training needs labelled rows of both classes (" +
                                std::to_string(out.positives) + " positive of " +
                                std::to_string(out.labelled) + " labelled; give --labels FILE)");
  out.cv = cross_validate(inputs, labels, options.folds, options.seed, options.fit);
  out.model = fit_logistic(inputs, labels, {}, options.fit);
  out.model.inputs = std::move(input_names);
  return out;
}

std::vector<std::uint8_t> labels_from_accounts(const TransactionGraph& graph) {
  std::vector<std::uint8_t> labels(graph.num_accounts(), kUnlabelled);
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    const std::uint8_t bits = graph.accounts().labels[v];
    if (bits & (kLabelMule | kLabelSuspect))
      labels[v] = 1;
    else if (bits & kLabelClean)
      labels[v] = 0;
  }
  return labels;
}

}  // namespace moneytrail
