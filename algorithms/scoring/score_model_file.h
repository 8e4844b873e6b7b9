// The mule-risk model file: a ScoreModel protobuf message (score_model.proto) behind a magic
// line. Encoded to and decoded from bytes here; the caller opens the file (the CLI writes it
// atomically), so scoring code stays free of file handling.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "algorithms/scoring/logistic_model.h"

namespace moneytrail {

struct ScoreModelInfo {
  std::string producer;
  std::string command_line;
  std::uint64_t training_accounts = 0;
  std::uint64_t training_positives = 0;
  CrossValidation cv;  // held_out is not stored
};

/// Writes the model file's bytes to `out`; throws std::runtime_error when the stream fails.
void write_score_model(std::ostream& out, const LogisticModel& model, const ScoreModelInfo& info);
/// Decodes a model file's bytes. Throws InputError naming `source` (the file) when they are not a
/// model file, from a newer format, or fitted on inputs this version does not compute.
LogisticModel read_score_model(std::string_view bytes, const std::string& source,
                               ScoreModelInfo* info = nullptr);

}  // namespace moneytrail
