#include "io/report/text_table.h"

#include <locale.h>

#include <algorithm>
#include <clocale>
#include <cwchar>

namespace moneytrail {
namespace {

// The C.UTF-8 locale for wcwidth, made once and used only on the calling thread (uselocale), so
// the program's own locale stays "C".
locale_t utf8_locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

// Width and byte length of the character at the start of `text`.
std::pair<int, std::size_t> next_character(std::string_view text) {
  std::mbstate_t state{};
  wchar_t c = 0;
  const std::size_t bytes = std::mbrtowc(&c, text.data(), text.size(), &state);
  if (bytes == static_cast<std::size_t>(-1) || bytes == static_cast<std::size_t>(-2) || bytes == 0)
    return {1, 1};  // not UTF-8 here: one column per byte
  const int width = ::wcwidth(c);
  return {width < 0 ? 1 : width, bytes};
}

// `text` cut to at most `width` columns, ending in "…" when something was cut.
std::string cut_to(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  const locale_t locale = utf8_locale();
  const locale_t previous = locale ? uselocale(locale) : static_cast<locale_t>(0);
  std::string out;
  std::size_t used = 0;
  while (!text.empty()) {
    const auto [w, bytes] = next_character(text);
    if (used + static_cast<std::size_t>(w) + 1 > width) break;
    out.append(text.substr(0, bytes));
    used += static_cast<std::size_t>(w);
    text.remove_prefix(bytes);
  }
  if (locale) uselocale(previous);
  return out + "…";
}

}  // namespace

std::size_t display_width(std::string_view text) {
  const locale_t locale = utf8_locale();
  if (!locale) return text.size();
  const locale_t previous = uselocale(locale);
  std::size_t width = 0;
  while (!text.empty()) {
    const auto [w, bytes] = next_character(text);
    width += static_cast<std::size_t>(w);
    text.remove_prefix(bytes);
  }
  uselocale(previous);
  return width;
}

void TextTable::add_column(std::string header, Align align, std::size_t max_width) {
  columns_.push_back({std::move(header), align, max_width});
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (std::size_t c = 0; c < cells.size(); ++c)
    if (columns_[c].max_width > 0) cells[c] = cut_to(cells[c], columns_[c].max_width);
  rows_.push_back(std::move(cells));
}

void TextTable::write(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    width[c] = display_width(columns_[c].header);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(row[c]));
  }
  auto line = [&](auto cell) {
    std::string text(indent);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::string& value = cell(c);
      const std::string pad(width[c] - display_width(value), ' ');
      const bool last = c + 1 == columns_.size();
      if (columns_[c].align == Align::right)
        text += pad + value;
      else
        text += value + (last ? "" : pad);
      if (!last) text += "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  line([&](std::size_t c) -> const std::string& { return columns_[c].header; });
  for (const auto& row : rows_) line([&](std::size_t c) -> const std::string& { return row[c]; });
}

}  // namespace moneytrail
