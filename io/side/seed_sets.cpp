#include "io/side/seed_sets.h"

#include <fstream>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"

namespace moneytrail {

SeedSetLines read_seed_sets(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the transaction file");
  SeedSetLines result;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    std::vector<std::string> ids;
    while (!text.empty()) {
      const std::size_t end = text.find_first_of(", \t");
      const std::string_view id = trim(text.substr(0, end));
      if (!id.empty()) ids.emplace_back(id);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    }
    result.ids.push_back(std::move(ids));
    result.lines.push_back(number);
  }
  if (result.ids.empty()) throw InputError(path, 0, "", "the file lists no transaction");
  return result;
}

}  // namespace moneytrail
