// Loads the public datasets in ../shared/data (skipped when the folder is absent) and checks the
// counts their SOURCE.txt files state.
#include <gtest/gtest.h>

#include "io/load_case.h"
#include "test_support.h"

namespace moneytrail {
namespace {

LoadedCase load_shared(const std::string& relative) {
  LoadRequest request;
  request.inputs = {testing::shared_data_dir() + "/" + relative};
  return load_case(request);
}

TEST(SharedData, AmlsimSampleRunsLoadCompletely) {
  if (testing::shared_data_dir().empty()) GTEST_SKIP() << "../shared/data absent";
  // SOURCE.txt: ~118-121k transfers per run; metadata.txt gives the exact count for cycle200.
  LoadedCase cycle = load_shared("amlsim_20k_samples/20K_cycle200/transactions.csv");
  EXPECT_EQ(cycle.graph.num_transactions(), 117805u);
  EXPECT_EQ(cycle.report.rejected, 0u);
  EXPECT_EQ(cycle.report.files[0].format, "amlsim");
  EXPECT_LE(cycle.graph.num_accounts(), 20000u);
}

TEST(SharedData, AmlsimOutputTransfersLoad) {
  if (testing::shared_data_dir().empty()) GTEST_SKIP() << "../shared/data absent";
  LoadedCase tx = load_shared("amlsim_sample_outputs/tx.csv");
  EXPECT_EQ(tx.graph.num_transactions(), 45u);  // SOURCE.txt: 45 transfers
  EXPECT_EQ(tx.report.rejected, 0u);
}

}  // namespace
}  // namespace moneytrail
