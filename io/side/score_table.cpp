#include "io/side/score_table.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "graph/input_error.h"
#include "graph/types.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

// Physical lines with CR and a leading UTF-8 BOM removed, counted from 1.
class LineSource {
 public:
  explicit LineSource(const std::string& path) : in_(path, std::ios::binary) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
      throw InputError(path, 0, "", "is a directory, not a file");
    if (!in_) throw InputError(path, 0, "", std::string("cannot open: ") + std::strerror(errno));
  }
  bool next(std::string& line) {
    if (!std::getline(in_, line)) return false;
    if (++number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }
  std::uint64_t number() const { return number_; }

 private:
  std::ifstream in_;
  std::uint64_t number_ = 0;
};

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

}  // namespace

ScoreTable read_score_table(const std::string& path) {
  LineSource source(path);
  std::string line;
  bool found_header = false;
  while (source.next(line)) {
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    found_header = true;
    break;
  }
  if (!found_header) throw InputError(path, 0, "", "the file is empty (no header row)");
  const std::uint64_t header_line = source.number();
  std::vector<std::string> header = split_csv_line(line);
  for (std::string& name : header) {
    name = std::string(trim(name));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  auto column = [&](std::string_view name) -> std::optional<std::size_t> {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
  };
  ScoreTable table;
  auto account = column("account");
  if (!account && column("transaction")) {
    account = column("transaction");
    table.id_column = "transaction";
  }
  const auto score = column("score");
  const auto degree = column("degree");
  const auto label = column("label");
  if (!account)
    throw InputError(path, header_line, "account",
                     "no 'account' (or 'transaction') column in the header");
  if (!score) throw InputError(path, header_line, "score", "no 'score' column in the header");
  const std::size_t needed =
      1 + std::max({*account, *score, degree.value_or(0), label.value_or(0)});

  std::unordered_map<std::string, std::uint64_t> first_line;
  while (source.next(line)) {
    const std::uint64_t number = source.number();
    if (trim(line).empty()) continue;
    // An odd count of quotes leaves a quoted field open: it holds a line break, so read on.
    while (std::count(line.begin(), line.end(), '"') % 2 != 0) {
      std::string more;
      if (!source.next(more))
        throw InputError(path, number, "", "quoted field not closed before the end of the file");
      line += '\n';
      line += more;
    }
    const std::vector<std::string> fields = split_csv_line(line);
    if (fields.size() < needed) {
      throw InputError(path, number, "",
                       "expected at least " + std::to_string(needed) + " fields, found " +
                           std::to_string(fields.size()));
    }
    std::string id(strip_formula_guard(trim(fields[*account])));
    if (id.empty())
      throw InputError(path, number, table.id_column, "empty " + table.id_column + " id");
    if (label) {
      const std::string_view text = trim(fields[*label]);
      if (text.empty()) {
        table.label.push_back(-1);
      } else if (const auto l = parse_laundering_label(text); l && *l != LaunderingLabel::unknown) {
        table.label.push_back(*l == LaunderingLabel::laundering ? 1 : 0);
      } else {
        throw InputError(path, number, "label",
                         "bad label '" + std::string(text) + "' (expected 1/0 or empty)");
      }
    }
    const auto value = parse_number(fields[*score]);
    if (!value) {
      throw InputError(path, number, "score",
                       "bad score '" + std::string(trim(fields[*score])) + "' (expected a number)");
    }
    if (degree) {
      const auto d = parse_number(fields[*degree]);
      if (!d) {
        throw InputError(
            path, number, "degree",
            "bad degree '" + std::string(trim(fields[*degree])) + "' (expected a number)");
      }
      table.degree.push_back(*d);
    }
    const auto [it, inserted] = first_line.emplace(id, number);
    if (!inserted) {
      throw InputError(path, number, table.id_column,
                       table.id_column + " '" + id + "' is listed twice (first on line " +
                           std::to_string(it->second) + ")");
    }
    table.accounts.push_back(std::move(id));
    table.score.push_back(*value);
  }
  if (table.accounts.empty())
    throw InputError(path, 0, "", "the file has a header but no data rows");
  return table;
}

}  // namespace moneytrail
