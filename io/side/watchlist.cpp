#include "io/side/watchlist.h"

#include <fstream>

#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/util/text_safety.h"

namespace moneytrail {

std::vector<WatchlistEntry> read_watchlist(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the watchlist");
  std::vector<WatchlistEntry> entries;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    const std::size_t cut = text.find_first_of(",\t");
    WatchlistEntry entry;
    entry.account = std::string(trim(text.substr(0, cut)));
    if (cut != std::string_view::npos) entry.note = std::string(trim(text.substr(cut + 1)));
    entry.line = number;
    if (entry.account.empty()) throw InputError(path, number, "account", "empty account id");
    if (has_control_characters(entry.account) || has_control_characters(entry.note))
      throw InputError(path, number, "account", "control character in the line");
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) throw InputError(path, 0, "", "the watchlist lists no account");
  return entries;
}

}  // namespace moneytrail
