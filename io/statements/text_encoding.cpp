#include "io/statements/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "io/util/text_safety.h"

namespace moneytrail {

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::utf8;
  if (lower == "gbk" || lower == "gb2312" || lower == "gb18030") return TextEncoding::gb18030;
  return std::nullopt;
}

DecodedText decode_text(std::string bytes, std::optional<TextEncoding> forced) {
  if (forced == TextEncoding::gb18030) return {*forced, to_utf8(bytes, *forced)};
  const std::size_t bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  if (is_valid_utf8(std::string_view(bytes).substr(bom))) {
    bytes.erase(0, bom);
    return {TextEncoding::utf8, std::move(bytes)};
  }
  if (forced) throw std::runtime_error("the text is not valid UTF-8");
  return {TextEncoding::gb18030, to_utf8(bytes, TextEncoding::gb18030)};
}

std::string to_utf8(std::string_view bytes, TextEncoding encoding) {
  if (encoding == TextEncoding::utf8) return decode_text(std::string(bytes), encoding).text;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  // NOLINTNEXTLINE(performance-no-int-to-ptr): (iconv_t)-1 is iconv_open's failure value
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv has no GB18030");
  // Mostly ASCII, which stays one byte: start at the input's size plus a sixth and grow on E2BIG.
  std::string out(bytes.size() + bytes.size() / 6 + 64, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t written = 0;
  for (;;) {
    char* dest = out.data() + written;
    std::size_t out_left = out.size() - written;
    const std::size_t result = iconv(cd, &in, &in_left, &dest, &out_left);
    written = out.size() - out_left;
    if (result != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() + in_left * 2 + 64);
      continue;
    }
    iconv_close(cd);
    throw std::runtime_error("byte " + std::to_string(bytes.size() - in_left) +
                             " is not valid GBK/GB18030 text");
  }
  iconv_close(cd);
  out.resize(written);
  out.shrink_to_fit();  // statements keep their text until the merge
  return out;
}

}  // namespace moneytrail
