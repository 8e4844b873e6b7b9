// The mule-risk model file: a ScoreModel protobuf message (io/case/moneytrail.proto) behind a magic
// line, written atomically.
#pragma once

#include <cstdint>
#include <string>

#include "algorithms/scoring/logistic_model.h"

namespace moneytrail {

struct ScoreModelInfo {
  std::string producer;
  std::string command_line;
  std::uint64_t training_accounts = 0;
  std::uint64_t training_positives = 0;
  CrossValidation cv;  // held_out is not stored
};

void write_score_model(const std::string& path, const LogisticModel& model,
                       const ScoreModelInfo& info);
/// Throws InputError naming the file when it is missing, not a model file, from a newer format,
/// or fitted on inputs this version does not compute.
LogisticModel read_score_model(const std::string& path, ScoreModelInfo* info = nullptr);

}  // namespace moneytrail
