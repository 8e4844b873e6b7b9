// Parsing of the scalar fields found in transaction exports and on the command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/types.h"

namespace moneytrail {

/// Trims ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text);

/// A decimal amount: optional sign, digits with optional ',' thousands groups, optional fraction
/// and exponent. Correctly rounded to the nearest double. nullopt when the text is not a number
/// (including empty, "nan" and "inf").
std::optional<Amount> parse_amount(std::string_view text);

/// A timestamp as UTC seconds. Accepts epoch seconds (integer or with a fraction, truncated),
/// ISO 8601 dates and date-times with 'T' or a space, optional seconds and fraction, and a `Z`,
/// `+HH:MM`, `+HHMM` or `+HH` offset (none means UTC), and `YYYY/MM/DD HH:MM[:SS]` as in IBM
/// AMLworld. nullopt when the text is none of these or the date is invalid.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// A duration in seconds: a number with an optional unit s, m, h, d or w (e.g. "90m", "7d"), at
/// most 300 years (nullopt beyond).
std::optional<std::int64_t> parse_duration(std::string_view text);

/// A non-negative integer.
std::optional<std::uint64_t> parse_unsigned(std::string_view text);

/// UTC seconds as `YYYY-MM-DDTHH:MM:SSZ`.
std::string format_timestamp(Timestamp t);

/// Days since 1970-01-01 for a proleptic Gregorian date (valid for any year in range).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);

}  // namespace moneytrail
