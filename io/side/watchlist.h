// --watchlist FILE: accounts an investigator wants marked wherever they appear. One account a
// line, optionally followed by a comma or a tab and a note ("6222...,frozen by PSB Xiamen");
// blank lines and '#' comments skipped; a UTF-8 byte order mark at the start is ignored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace moneytrail {

struct WatchlistEntry {
  std::string account;
  std::string note;  // empty when none
  std::uint64_t line = 0;
};

/// Throws InputError naming the file and line when it cannot be read, an id holds a control
/// character, or it lists no account.
std::vector<WatchlistEntry> read_watchlist(const std::string& path);

}  // namespace moneytrail
