#include "examples/scenario_generator/calendar.h"

#include <cstring>

namespace moneytrail::scenario {
namespace {

// Relative activity of ordinary payments per China local hour (0..23).
constexpr std::uint32_t kHourWeight[24] = {3,  2,  1,  1,  1,  2,  4,  8,  12, 16, 18, 18,
                                           20, 18, 17, 17, 17, 18, 20, 22, 22, 18, 12, 6};

inline void write_two(char* out, std::uint32_t value) {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

// Era-based conversion (400-year cycles of 146097 days) so that it is exact for any date
// without a loop over years.
std::int64_t days_from_civil(std::int32_t year, std::uint32_t month, std::uint32_t day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t shifted_month = month > 2 ? month - 3 : month + 9;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<std::uint32_t>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const auto month = static_cast<std::uint32_t>(shifted_month < 10 ? shifted_month + 3
                                                                   : shifted_month - 9);
  const auto year = static_cast<std::int32_t>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

char* write_date(char* out, std::int64_t days) {
  const CivilDate date = civil_from_days(days);
  write_two(out, static_cast<std::uint32_t>(date.year) / 100);
  write_two(out + 2, static_cast<std::uint32_t>(date.year) % 100);
  out[4] = '-';
  write_two(out + 5, date.month);
  out[7] = '-';
  write_two(out + 8, date.day);
  return out + 10;
}

char* TimestampWriter::write(char* out, std::int64_t timestamp) {
  const std::int64_t day = utc_day(timestamp);
  if (day != cached_day_) {
    write_date(date_, day);
    date_[10] = 'T';
    cached_day_ = day;
  }
  std::memcpy(out, date_, 11);
  const auto second_of_day = static_cast<std::uint32_t>(timestamp - day * kSecondsPerDay);
  write_two(out + 11, second_of_day / 3600);
  out[13] = ':';
  write_two(out + 14, second_of_day / 60 % 60);
  out[16] = ':';
  write_two(out + 17, second_of_day % 60);
  out[19] = 'Z';
  return out + 20;
}

DailyRhythm::DailyRhythm(std::int64_t start, std::uint32_t days) : start_(start), days_(days) {
  std::uint32_t total = 0;
  for (std::uint32_t weight : kHourWeight) total += weight;
  // Slot s of 1024 belongs to the hour whose cumulative weight range contains it.
  std::uint32_t hour = 0;
  std::uint32_t cumulative = kHourWeight[0];
  for (std::uint32_t slot = 0; slot < 1024; ++slot) {
    while (slot * total >= cumulative * 1024 && hour < 23) cumulative += kHourWeight[++hour];
    hour_of_slot_[slot] = static_cast<std::uint8_t>(hour);
  }
}

// Period day d is the (d+1)-th China local day starting with the local day of `start`; times
// falling before `start` or after the end wrap around so the period stays exactly covered.
std::int64_t DailyRhythm::wrap(std::int64_t local_offset) const {
  const std::int64_t local_midnight =
      utc_day(start_ + kChinaOffsetSeconds) * kSecondsPerDay - kChinaOffsetSeconds;
  const std::int64_t period = static_cast<std::int64_t>(days_) * kSecondsPerDay;
  std::int64_t offset = (local_midnight + local_offset - start_) % period;
  if (offset < 0) offset += period;
  return start_ + offset;
}

std::int64_t DailyRhythm::on_day(Rng& rng, std::uint64_t day) const {
  const std::uint64_t draw = rng.next();
  const std::uint32_t hour = hour_of_slot_[draw >> 54];
  const std::uint64_t second = ((draw & 0xFFFFFFFFULL) * 3600) >> 32;
  return wrap(static_cast<std::int64_t>(day) * kSecondsPerDay + hour * 3600 +
              static_cast<std::int64_t>(second));
}

std::int64_t DailyRhythm::in_hours(Rng& rng, std::uint64_t day, int first_hour,
                                   int last_hour) const {
  const std::int64_t hour = rng.between(first_hour, last_hour);
  return wrap(static_cast<std::int64_t>(day) * kSecondsPerDay + hour * 3600 +
              rng.between(0, 3599));
}

std::uint32_t DailyRhythm::local_day_of_month(std::uint64_t day) const {
  return civil_from_days(utc_day(start_ + kChinaOffsetSeconds) + static_cast<std::int64_t>(day))
      .day;
}

UsdtRates make_usdt_rates(std::uint64_t seed, std::int64_t start, std::uint32_t days) {
  const std::int64_t first = utc_day(start);
  const std::int64_t last =
      utc_day(start + static_cast<std::int64_t>(days) * kSecondsPerDay - 1);
  Rng rng(seed, 0x7A7E5);
  UsdtRates rates;
  rates.first_day = first;
  rates.rate_e4.reserve(static_cast<std::size_t>(last - first + 1));
  std::int32_t rate = static_cast<std::int32_t>(rng.between(71000, 72400));
  for (std::int64_t day = first; day <= last; ++day) {
    rates.rate_e4.push_back(rate);
    rate += static_cast<std::int32_t>(rng.between(-250, 250));
    if (rate < 70000) rate = 70000 + (70000 - rate);
    if (rate > 73000) rate = 73000 - (rate - 73000);
  }
  return rates;
}

}  // namespace moneytrail::scenario
