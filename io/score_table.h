// Reads back the per-account scores `moneytrail score` writes, so a ranking can be evaluated
// against ground truth without recomputing it.
//
// The file is CSV with a header holding `account` and `score` (any order; `reasons`, `degree` and
// other columns optional, `reasons` quoted when it holds commas). Lines starting with '#' before
// the header are provenance comments and skipped. They are read line by line rather than through
// CsvReader because a comment is free text: a `,"` inside one would open a quoted field there.
#pragma once

#include <string>
#include <vector>

namespace moneytrail {

struct ScoreTable {
  std::vector<std::string> accounts;  // in file order (the ranking order `score` wrote)
  std::vector<double> score;
  std::vector<double> degree;  // empty when the file has no degree column
};

/// Throws InputError (file, line, column) on a missing file, a header without `account` or
/// `score`, a short row, an empty or repeated account id, a score or degree that is not a finite
/// number, an unclosed quote, or a file without data rows.
ScoreTable read_score_table(const std::string& path);

}  // namespace moneytrail
