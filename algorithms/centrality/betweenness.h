// Betweenness centrality on the directed flow view (Brandes, "A faster algorithm for betweenness
// centrality", J. Math. Sociol. 2001): how often an account lies on shortest paths between
// others — brokers between mule groups score high. Exact (every account a source) or estimated
// from K sampled source pivots, scaled by n/K so the estimate is unbiased (Brandes and Pich,
// "Centrality estimation in large networks", 2007). Unnormalized; pairs (s, t) are ordered.
// Sources are split over threads; each thread accumulates its own scores and the per-thread
// sums are added in a fixed order, so thread counts change results only by float rounding.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/centrality/pagerank.h"
#include "graph/progress.h"

namespace moneytrail {

struct BetweennessOptions {
  /// none: every flow has length 1 (hop count, breadth-first search). value or count: a flow of
  /// weight w has length 1/w, so paths through large or frequent flows are "short". Default none.
  FlowWeight weight = FlowWeight::none;
  /// 0: exact, every account is a source. K > 0: K distinct sources drawn uniformly (seeded).
  std::uint32_t samples = 0;
  /// Seed for drawing the sampled sources. Default 1.
  std::uint64_t seed = 1;
  /// Worker threads; 0 = the hardware's cores.
  unsigned threads = 0;
  /// Where the sources done are reported (none: silent).
  ProgressSink* progress = nullptr;
};

struct BetweennessResult {
  std::vector<double> score;
  std::uint32_t sources = 0;  // sources used (all accounts when exact)
};

BetweennessResult betweenness(const FlowView& flows, const BetweennessOptions& options = {});

}  // namespace moneytrail
