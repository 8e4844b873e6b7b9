#include "graph/exchange_rates.h"

#include <algorithm>

namespace moneytrail {

void ExchangeRates::add(std::string currency, Timestamp time, double rate_to_base) {
  auto it = std::find_if(series_.begin(), series_.end(),
                         [&](const auto& s) { return s.first == currency; });
  if (it == series_.end()) {
    series_.emplace_back(std::move(currency), std::vector<RateObservation>{});
    it = series_.end() - 1;
  }
  it->second.push_back({time, rate_to_base});
}

void ExchangeRates::finalize() {
  std::sort(series_.begin(), series_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [name, points] : series_) {
    std::stable_sort(
        points.begin(), points.end(),
        [](const RateObservation& a, const RateObservation& b) { return a.time < b.time; });
  }
}

std::optional<double> ExchangeRates::rate(std::string_view currency, Timestamp time) const {
  auto it = std::find_if(series_.begin(), series_.end(),
                         [&](const auto& s) { return s.first == currency; });
  if (it == series_.end() || it->second.empty()) return std::nullopt;
  const auto& points = it->second;
  auto after = std::upper_bound(points.begin(), points.end(), time,
                                [](Timestamp t, const RateObservation& p) { return t < p.time; });
  if (after == points.begin()) return points.front().rate_to_base;
  return std::prev(after)->rate_to_base;
}

std::string_view ExchangeRates::base() const {
  for (const auto& [currency, points] : series_) {
    bool all_one = !points.empty();
    for (const RateObservation& p : points) all_one = all_one && p.rate_to_base == 1.0;
    if (all_one) return currency;
  }
  return {};
}

}  // namespace moneytrail
