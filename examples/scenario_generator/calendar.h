// Dates and times: civil-calendar conversion, fast ISO 8601 formatting, the China-time daily
// rhythm of ordinary payments, and the day-by-day USDT price.
#pragma once

#include <cstdint>
#include <vector>

#include "examples/scenario_generator/random.h"

namespace moneytrail::scenario {

inline constexpr std::int64_t kSecondsPerDay = 86400;
/// China Standard Time is UTC+8 all year.
inline constexpr std::int64_t kChinaOffsetSeconds = 8 * 3600;

struct CivilDate {
  std::int32_t year;
  std::uint32_t month;  // 1..12
  std::uint32_t day;    // 1..31
};

/// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t days_from_civil(std::int32_t year, std::uint32_t month, std::uint32_t day);
CivilDate civil_from_days(std::int64_t days);

/// UTC day number (days since 1970-01-01) of a timestamp, rounding towards minus infinity.
constexpr std::int64_t utc_day(std::int64_t timestamp) {
  return timestamp >= 0 ? timestamp / kSecondsPerDay
                        : -((-timestamp + kSecondsPerDay - 1) / kSecondsPerDay);
}

/// Writes "YYYY-MM-DD" (10 chars) for years 0..9999.
char* write_date(char* out, std::int64_t days);

/// Writes "YYYY-MM-DDTHH:MM:SSZ" (20 chars). Keeps the date text of the last day it saw,
/// because rows sorted by time repeat the same day for thousands of rows.
class TimestampWriter {
 public:
  char* write(char* out, std::int64_t timestamp);

 private:
  std::int64_t cached_day_ = INT64_MIN;
  char date_[11] = {};
};

/// Ordinary people pay mostly between 09:00 and 22:00 China time and rarely at night.
/// Samples UTC timestamps in [start, start + days * 86400) with that rhythm.
class DailyRhythm {
 public:
  DailyRhythm(std::int64_t start, std::uint32_t days);

  /// A time on a random day.
  std::int64_t sample(Rng& rng) const { return on_day(rng, rng.below(days_)); }

  /// A time on day `day` (0-based) of the period, counted in China local days.
  std::int64_t on_day(Rng& rng, std::uint64_t day) const;

  /// A time within `first_hour`..`last_hour` (China local, inclusive) of period day `day`.
  std::int64_t in_hours(Rng& rng, std::uint64_t day, int first_hour, int last_hour) const;

  /// Local (China) day-of-month of period day `day`.
  std::uint32_t local_day_of_month(std::uint64_t day) const;

 private:
  std::int64_t wrap(std::int64_t local_offset) const;

  std::int64_t start_;
  std::uint64_t days_;
  std::uint8_t hour_of_slot_[1024];
};

/// USDT price in CNY x 10^4 for each UTC day touched by the period.
struct UsdtRates {
  std::int64_t first_day = 0;  // days since 1970-01-01 of rate_e4[0]
  std::vector<std::int32_t> rate_e4;

  /// The rate of the UTC day of `timestamp`, clamped to the known days.
  std::int32_t at(std::int64_t timestamp) const {
    std::int64_t i = utc_day(timestamp) - first_day;
    const auto last = static_cast<std::int64_t>(rate_e4.size()) - 1;
    i = i < 0 ? 0 : (i > last ? last : i);
    return rate_e4[static_cast<std::size_t>(i)];
  }
};

/// A bounded random walk in 7.00..7.30 that moves a few fen a day, like the OTC market.
UsdtRates make_usdt_rates(std::uint64_t seed, std::int64_t start, std::uint32_t days);

}  // namespace moneytrail::scenario
