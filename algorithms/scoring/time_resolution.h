// The time resolution of a case and the scoring windows derived from it. Simulators step by days
// (IBM AMLSim) or hours (PaySim), bank retrievals by seconds or minutes, chains by seconds: a
// dwell of "0 s" means the same step on day-stepped data, and a 24-hour window there holds one
// step. Windows are therefore never shorter than one step of the data.
#pragma once

#include <string>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct TimeResolution {
  /// The largest of 1 s, 1 min, 1 h and 1 day that divides the time since the first
  /// transaction of at least `min_share` of the transactions. 1 for an empty graph.
  Timestamp seconds = 1;
  /// Share of transactions on that grid.
  double share = 1;
};

/// Default min_share 0.99: a handful of rows off the grid (a manual correction, a time zone
/// shift on one file) do not make minute data look like second data.
TimeResolution infer_time_resolution(const TransactionGraph& graph, double min_share = 0.99);

/// "1 s", "1 min", "1 h" or "1 day".
std::string describe(const TimeResolution& resolution);

/// A window of `seconds`, but at least one step of the data.
inline double at_least_one_step(double seconds, const TimeResolution& resolution) {
  return std::max(seconds, static_cast<double>(resolution.seconds));
}

}  // namespace moneytrail
