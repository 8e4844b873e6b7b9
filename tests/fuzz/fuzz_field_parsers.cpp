// libFuzzer target: the scalar parsers used for CSV fields and command-line values (timestamps,
// durations, amounts, counts), with round-trip properties.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "io/csv/field_parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto t = moneytrail::parse_timestamp(text)) {
    // Whatever was accepted formats to a canonical form that parses back to the same second
    // (within the years ISO 8601 can print).
    if (*t > -62135596800 && *t < 253402300800) {
      auto again = moneytrail::parse_timestamp(moneytrail::format_timestamp(*t));
      if (!again || *again != *t) __builtin_trap();
    }
  }
  if (auto a = moneytrail::parse_amount(text)) {
    if (!std::isfinite(*a)) __builtin_trap();
  }
  if (auto d = moneytrail::parse_duration(text)) {
    if (*d < 0) __builtin_trap();
  }
  moneytrail::parse_unsigned(text);
  return 0;
}
