// Exchange rates to one base currency over time, for converting mixed-currency flows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "graph/types.h"

namespace moneytrail {

struct RateObservation {
  Timestamp time = 0;
  double rate_to_base = 1.0;  // one unit of the currency is worth this many base units
};

/// Rates per currency, each series sorted by time. The rate at time t is the latest observation
/// at or before t; before the first observation the first one applies (a statement that starts
/// before the rate table should still convert, not fail).
class ExchangeRates {
 public:
  void add(std::string currency, Timestamp time, double rate_to_base);
  /// Sorts each series; call once after the last add().
  void finalize();
  std::optional<double> rate(std::string_view currency, Timestamp time) const;
  bool empty() const { return series_.empty(); }
  /// The base: a currency whose every rate is 1 (empty when none is).
  std::string_view base() const;
  const std::vector<std::pair<std::string, std::vector<RateObservation>>>& series() const {
    return series_;
  }

 private:
  std::vector<std::pair<std::string, std::vector<RateObservation>>> series_;
};

}  // namespace moneytrail
