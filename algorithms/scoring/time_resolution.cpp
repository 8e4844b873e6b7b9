#include "algorithms/scoring/time_resolution.h"

#include <array>

namespace moneytrail {

TimeResolution infer_time_resolution(const TransactionGraph& graph, double min_share) {
  TimeResolution r;
  const TransactionTable& tx = graph.transactions();
  const std::uint32_t m = graph.num_transactions();
  if (m == 0) return r;
  constexpr std::array<Timestamp, 3> kSteps = {60, 3600, 86400};
  std::array<std::uint64_t, 3> on_grid{};
  const Timestamp first = tx.timestamp[0];  // processing order: the earliest
  for (TxIndex t = 0; t < m; ++t) {
    const Timestamp since = tx.timestamp[t] - first;
    for (std::size_t s = 0; s < kSteps.size(); ++s) on_grid[s] += since % kSteps[s] == 0;
  }
  for (std::size_t s = 0; s < kSteps.size(); ++s) {
    const double share = static_cast<double>(on_grid[s]) / m;
    if (share >= min_share) r = {kSteps[s], share};
  }
  if (r.seconds == 1) r.share = 1;
  return r;
}

std::string describe(const TimeResolution& resolution) {
  switch (resolution.seconds) {
    case 60: return "1 min";
    case 3600: return "1 h";
    case 86400: return "1 day";
    default: return std::to_string(resolution.seconds) + " s";
  }
}

}  // namespace moneytrail
