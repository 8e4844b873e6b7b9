// Tables for the terminal: a header row, columns sized to their widest cell as the terminal
// shows it (a Chinese name takes two columns per character, a combining mark none), numbers
// aligned right, over-long cells cut with "…". Cells are terminal-safe text (terminal_text).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail {

/// Columns `text` takes on a terminal (libc's wcwidth in a UTF-8 locale: East Asian wide and
/// fullwidth characters 2, combining marks 0, others 1).
std::size_t display_width(std::string_view text);

class TextTable {
 public:
  enum class Align { left, right };
  /// `max_width` 0: as wide as the widest cell.
  void add_column(std::string header, Align align = Align::left, std::size_t max_width = 0);
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return rows_.size(); }
  void write(std::ostream& out, std::string_view indent = "  ") const;

 private:
  struct Column {
    std::string header;
    Align align;
    std::size_t max_width;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace moneytrail
