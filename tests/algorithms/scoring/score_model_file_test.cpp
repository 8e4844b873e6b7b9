// The model file: a fitted model survives the round trip exactly; bad files are refused clearly.
#include "algorithms/scoring/score_model_file.h"

#include <gtest/gtest.h>

#include "graph/input_error.h"
#include "io/util/atomic_file.h"
#include "io/util/whole_file.h"
#include "test_support.h"

namespace moneytrail {
namespace {

void write_model_file(const std::string& path, const LogisticModel& m, const ScoreModelInfo& info) {
  AtomicOutputFile file(path);
  write_score_model(file.stream(), m, info);
  file.commit();
}

LogisticModel read_model_file(const std::string& path, ScoreModelInfo* info = nullptr) {
  return read_score_model(read_whole_file(path), path, info);
}

LogisticModel example_model() {
  const int d = static_cast<int>(model_input_names().size());
  LogisticModel m;
  m.inputs = model_input_names();
  m.mean = Eigen::VectorXd::LinSpaced(d, -1, 1);
  m.scale = Eigen::VectorXd::LinSpaced(d, 0.5, 2);
  m.coefficients = Eigen::VectorXd::LinSpaced(d, -0.3, 0.7);
  m.intercept = -4.25;
  m.l2 = 1.5;
  return m;
}

TEST(ScoreModelFile, RoundTripKeepsEveryNumber) {
  testing::TempDir dir;
  const LogisticModel m = example_model();
  ScoreModelInfo info;
  info.producer = "moneytrail test";
  info.command_line = "moneytrail score --train x";
  info.training_accounts = 100;
  info.training_positives = 7;
  info.cv.folds = 5;
  info.cv.pr_auc = 0.93;
  write_model_file(dir.file("m.mtm"), m, info);
  ScoreModelInfo back_info;
  const LogisticModel back = read_model_file(dir.file("m.mtm"), &back_info);
  EXPECT_EQ(back.inputs, m.inputs);
  EXPECT_EQ(back.mean, m.mean);
  EXPECT_EQ(back.scale, m.scale);
  EXPECT_EQ(back.coefficients, m.coefficients);
  EXPECT_EQ(back.intercept, m.intercept);
  EXPECT_EQ(back.l2, m.l2);
  EXPECT_EQ(back_info.training_positives, 7u);
  EXPECT_EQ(back_info.cv.pr_auc, 0.93);
  EXPECT_EQ(back_info.command_line, info.command_line);
  // Same predictions on some inputs.
  const Eigen::MatrixXd x = Eigen::MatrixXd::Random(5, m.coefficients.size());
  EXPECT_EQ(predict_logistic(back, x), predict_logistic(m, x));
}

TEST(ScoreModelFile, BadFilesAreRefusedWithTheirName) {
  testing::TempDir dir;
  auto message_of = [](const std::string& path) {
    try {
      read_model_file(path);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message_of(dir.file("missing.mtm")).find("missing.mtm"), std::string::npos);
  const std::string text = dir.write("text.mtm", "account,score\n");
  EXPECT_NE(message_of(text).find("not a moneytrail model file"), std::string::npos);
  LogisticModel m = example_model();
  m.inputs.back() = "renamed";
  write_model_file(dir.file("other.mtm"), m, {});
  EXPECT_NE(message_of(dir.file("other.mtm")).find("retrain"), std::string::npos);
}

}  // namespace
}  // namespace moneytrail
