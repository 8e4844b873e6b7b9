#include "io/util/text_safety.h"

#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace moneytrail {
namespace {

std::atomic<bool> g_csv_formulas{false};

// Length of the well-formed UTF-8 sequence at `i`, 0 when ill-formed (RFC 3629, Table 3-7 of
// the Unicode Standard).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = at(0);
  if (c < 0x80) return 1;
  auto tail = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return i + k < s.size() && at(k) >= lo && at(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return tail(1) ? 2 : 0;
  if (c == 0xE0) return tail(1, 0xA0) && tail(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return tail(1) && tail(2) ? 3 : 0;
  if (c == 0xED) return tail(1, 0x80, 0x9F) && tail(2) ? 3 : 0;  // not a surrogate
  if (c == 0xF0) return tail(1, 0x90) && tail(2) && tail(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return tail(1) && tail(2) && tail(3) ? 4 : 0;
  if (c == 0xF4) return tail(1, 0x80, 0x8F) && tail(2) && tail(3) ? 4 : 0;
  return 0;
}

// The code point of a well-formed sequence of `length` bytes at `i`.
char32_t decode(std::string_view s, std::size_t i, std::size_t length) {
  const auto b = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]));
  };
  switch (length) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
  }
}

bool is_control(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F); }

bool is_space(char32_t c) {
  return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

void hex_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Walks valid UTF-8 (ill-formed bytes become U+FFFD), calling emit(code point, bytes).
template <typename Emit>
void each_character(std::string_view s, Emit&& emit) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = sequence_length(s, i);
    if (n == 0) {
      emit(char32_t{0xFFFD}, kReplacement);
      ++i;
      continue;
    }
    emit(decode(s, i, n), s.substr(i, n));
    i += n;
  }
}

bool looks_like_number(std::string_view s) {
  double value = 0;
  const char* begin = s.data();
  if (!s.empty() && s.front() == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && begin != end;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    // Mostly digits and commas: skip ASCII eight bytes at a time.
    std::uint64_t word;
    if (i + 8 <= bytes.size() &&
        (std::memcpy(&word, bytes.data() + i, 8), (word & 0x8080808080808080ull) == 0)) {
      i += 8;
      continue;
    }
    const std::size_t n = sequence_length(bytes, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repair_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 8);
  each_character(bytes, [&](char32_t, std::string_view raw) { out += raw; });
  return out;
}

std::string repair_utf8_visibly(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + 8);
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = sequence_length(bytes, i);
    if (n == 0) {
      hex_escape(out, static_cast<unsigned char>(bytes[i++]));
      continue;
    }
    out.append(bytes.substr(i, n));
    i += n;
  }
  return out;
}

bool has_control_characters(std::string_view text) {
  bool found = false;
  each_character(text, [&](char32_t c, std::string_view) { found = found || is_control(c); });
  return found;
}

bool is_blank(std::string_view text) {
  bool blank = true;
  each_character(text, [&](char32_t c, std::string_view) { blank = blank && is_space(c); });
  return blank;
}

std::string html_text(std::string_view text) {
  std::string out;
  each_character(text, [&](char32_t c, std::string_view raw) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (is_control(c) && c != '\t' && c != '\n') {
          for (char byte : raw) hex_escape(out, static_cast<unsigned char>(byte));
        } else {
          out += raw;
        }
    }
  });
  return out;
}

std::string script_data(std::string_view json) {
  // JSON is valid JavaScript; inside <script> the HTML parser still looks for "</script" (any
  // case) and "<!--", and U+2028/U+2029 end a line in older engines: all written as \u escapes,
  // which mean the same inside a JSON string.
  std::string out;
  each_character(json, [&](char32_t c, std::string_view raw) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      case 0x2028: out += "\\u2028"; break;
      case 0x2029: out += "\\u2029"; break;
      default: out += raw;
    }
  });
  return out;
}

std::string xml_text(std::string_view text) {
  std::string out;
  each_character(text, [&](char32_t c, std::string_view raw) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      // Character references keep them in attribute values, which parsers normalise to spaces.
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        // XML 1.0 cannot hold C0 controls (but tab, LF, CR), nor U+FFFE/FFFF; C1 and DEL are
        // allowed but invisible: all shown as \xNN.
        if ((is_control(c) && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
          for (char byte : raw) hex_escape(out, static_cast<unsigned char>(byte));
        } else {
          out += raw;
        }
    }
  });
  return out;
}

std::string dot_string(std::string_view text) {
  std::string out;
  each_character(text, [&](char32_t c, std::string_view raw) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (is_control(c)) {
      for (char byte : raw) hex_escape(out, static_cast<unsigned char>(byte));
    } else {
      out += raw;
    }
  });
  return out;
}

std::string terminal_text(std::string_view text) {
  std::string out;
  each_character(text, [&](char32_t c, std::string_view raw) {
    if (is_control(c)) {
      for (char byte : raw) hex_escape(out, static_cast<unsigned char>(byte));
    } else {
      out += raw;
    }
  });
  return out;
}

void set_csv_formulas(bool allowed) { g_csv_formulas.store(allowed); }

std::string csv_cell(std::string_view text, char delimiter) {
  std::string cell = is_valid_utf8(text) ? std::string(text) : repair_utf8(text);
  if (!g_csv_formulas.load() && !cell.empty() && cell.front() != '\0' &&
      std::strchr("=+-@\t\r", cell.front()) != nullptr && !looks_like_number(cell))
    cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(std::string{delimiter} + "\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string_view strip_formula_guard(std::string_view cell) {
  if (cell.size() >= 2 && cell.front() == '\'' && cell[1] != '\0' &&
      std::strchr("=+-@\t\r", cell[1]) != nullptr)
    cell.remove_prefix(1);
  return cell;
}

}  // namespace moneytrail
