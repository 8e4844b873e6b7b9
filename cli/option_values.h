// Option values that check themselves as they are parsed, so every command refuses a bad value
// the same way (exit 2, naming the option) before any work starts: whole numbers that are only
// digits (Boost's parser would wrap "-3" around to 18446744073709551613), numbers within a range,
// and names from a fixed list. The lists are also kept for help and shell completion.
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace moneytrail::cli {

namespace po = boost::program_options;

/// A whole number given on the command line.
struct Count {
  std::uint64_t value = 0;
};
std::ostream& operator<<(std::ostream& out, const Count& count);
/// Boost.Program_options' hook for Count: digits only, or po::invalid_option_value.
void validate(boost::any& value, const std::vector<std::string>& texts, Count*, int);

/// --NAME N: a whole number of at least `min` (and at most `max`).
po::typed_value<Count>* count_value(const std::string& name, std::uint64_t min = 1,
                                    std::uint64_t max = UINT64_MAX);
/// The same with a default.
po::typed_value<Count>* count_value(const std::string& name, std::uint64_t fallback,
                                    std::uint64_t min, std::uint64_t max);

/// --NAME X: a finite number in [min, max] (or (min, max] when `above_min`).
po::typed_value<double>* number_value(const std::string& name, double min, double max,
                                      bool above_min = false);

/// --NAME WORD: one of `choices`; the first is the default when `with_default`.
po::typed_value<std::string>* choice_value(const std::string& name,
                                           std::initializer_list<std::string_view> choices,
                                           bool with_default = true);

/// --NAME TEXT: a string; `value_name` is what help shows (FILE, ID, TIME, ...).
po::typed_value<std::string>* text_value(const char* value_name);

/// The choices registered for option `name` while the options being shown were built (for help
/// and completion); empty when it has none.
const std::vector<std::string>& option_choices(const std::string& name);
/// Forgets the choices registered so far (before building another command's options).
void clear_option_choices();

/// Reading parsed values: a Count option as a number (nullopt-like 0 default when absent is the
/// caller's business: use has() first for options without a default).
std::uint64_t count_of(const po::variables_map& vm, const char* name);

}  // namespace moneytrail::cli
