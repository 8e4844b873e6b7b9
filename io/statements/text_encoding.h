// Text encodings of Chinese bank exports: UTF-8 (with or without a byte-order mark) or GBK and its
// superset GB18030, which most bank retrieval systems still write. Converted with the C library's
// iconv.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "io/util/text_safety.h"  // is_valid_utf8

namespace moneytrail {

enum class TextEncoding { utf8, gb18030 };

/// "utf-8"/"utf8", "gbk"/"gb2312"/"gb18030" (any case); nullopt otherwise.
std::optional<TextEncoding> parse_text_encoding(std::string_view name);
struct DecodedText {
  TextEncoding encoding;
  std::string text;  // UTF-8, without a byte-order mark
};
/// The bytes as UTF-8 text: in `forced` when given, else UTF-8 when they are valid UTF-8 and
/// GB18030 otherwise (validating once). UTF-8 stays in its own buffer. Throws like to_utf8.
DecodedText decode_text(std::string bytes, std::optional<TextEncoding> forced = {});

/// The text as UTF-8 without a byte-order mark. Throws std::runtime_error naming the byte offset
/// of a sequence that is not valid in `encoding`.
std::string to_utf8(std::string_view bytes, TextEncoding encoding);

}  // namespace moneytrail
