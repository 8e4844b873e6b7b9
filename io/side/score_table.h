// Reads back the per-account scores `moneytrail score` writes, so a ranking can be evaluated
// against ground truth without recomputing it.
//
// The file is CSV with a header holding `account` (or, for `score --level transactions`,
// `transaction`) and `score` (any order; `reasons`, `degree`, `label` and other columns optional,
// `reasons` quoted when it holds commas). Lines starting with '#' before
// the header are provenance comments and skipped. They are read line by line rather than through
// CsvReader because a comment is free text: a `,"` inside one would open a quoted field there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace moneytrail {

struct ScoreTable {
  std::vector<std::string> accounts;  // ids in file order (the ranking order `score` wrote)
  std::vector<double> score;
  std::vector<double> degree;  // empty when the file has no degree column
  /// The `label` column (1 laundering, 0 clean, -1 empty), empty when there is none.
  std::vector<std::int8_t> label;
  std::string id_column = "account";  // or "transaction"
};

/// Throws InputError (file, line, column) on a missing file, a header without `account` or
/// `score`, a short row, an empty or repeated account id, a score or degree that is not a finite
/// number, an unclosed quote, or a file without data rows.
ScoreTable read_score_table(const std::string& path);

}  // namespace moneytrail
