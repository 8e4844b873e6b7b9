// `trace --tx-file`: one seed set per line, transaction ids separated by commas or white space;
// blank lines and '#' comments skipped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace moneytrail {

struct SeedSetLines {
  std::vector<std::vector<std::string>> ids;  // per listed line
  std::vector<std::uint64_t> lines;           // its line number in the file
};

/// Throws InputError naming the file when it cannot be read or lists no transaction.
SeedSetLines read_seed_sets(const std::string& path);

}  // namespace moneytrail
