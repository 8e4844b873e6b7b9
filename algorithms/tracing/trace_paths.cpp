#include "algorithms/tracing/trace_paths.h"

#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace moneytrail {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

struct BestArrival {
  Amount width = 0;
  std::uint32_t step = kNone;  // index into traced
};

}  // namespace

std::vector<TracePath> widest_trace_paths(const TransactionGraph& graph,
                                          std::span<const TracedTransaction> traced,
                                          std::span<const TxIndex> seeds,
                                          std::span<const TraceEndpoint> endpoints,
                                          std::uint32_t k) {
  const TransactionTable& tx = graph.transactions();
  // best[a]: the widest path so far that ends with a traced credit into account a. A debit can
  // only continue a path that arrived before it, which processing order guarantees.
  tsl::robin_map<VertexId, BestArrival> best;
  std::vector<std::uint32_t> parent(traced.size(), kNone);
  std::vector<Amount> width(traced.size(), 0);
  for (std::uint32_t i = 0; i < traced.size(); ++i) {
    const TxIndex t = traced[i].tx;
    if (std::binary_search(seeds.begin(), seeds.end(), t)) {
      width[i] = traced[i].value;
    } else if (auto it = best.find(tx.from[t]); it != best.end()) {
      width[i] = std::min(traced[i].value, it->second.width);
      parent[i] = it->second.step;
    } else {
      continue;  // cannot happen for a consistent trace; skip rather than invent a path
    }
    BestArrival& arrival = best[tx.to[t]];
    if (arrival.step == kNone || width[i] > arrival.width) arrival = {width[i], i};
  }
  struct Candidate {
    Amount width;
    std::uint32_t step;
    std::size_t endpoint;
  };
  std::vector<Candidate> candidates;
  for (std::size_t e = 0; e < endpoints.size(); ++e) {
    auto it = best.find(endpoints[e].account);
    if (it == best.end()) continue;
    // A path delivers no more than the endpoint still holds (poison: NaN, no bound).
    const Amount held = endpoints[e].amount;
    const Amount width = std::isnan(held) ? it->second.width : std::min(it->second.width, held);
    candidates.push_back({width, it->second.step, e});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.width > b.width; });
  if (candidates.size() > k) candidates.resize(k);
  std::vector<TracePath> paths;
  for (const Candidate& c : candidates) {
    TracePath path;
    path.value = c.width;
    for (std::uint32_t step = c.step; step != kNone; step = parent[step]) {
      path.transactions.push_back(traced[step].tx);
    }
    std::reverse(path.transactions.begin(), path.transactions.end());
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace moneytrail
