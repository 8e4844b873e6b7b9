// Leiden community detection (Traag, Waltman and van Eck, "From Louvain to Leiden: guaranteeing
// well-connected communities", Sci. Rep. 9, 5233, 2019): fast local moving, then a refinement
// that splits each community into well-connected sub-communities, and aggregation by the refined
// partition while keeping the unrefined one as the starting point on the next level. Every
// community it returns is connected.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/partition.h"

namespace moneytrail {

struct LeidenOptions {
  CommunityObjective objective = CommunityObjective::modularity;
  /// Larger values give more, smaller communities. Must be > 0. Default 1.
  double resolution = 1.0;
  /// Seeds the node visiting orders; the same seed gives the same partition. Default 1.
  std::uint64_t seed = 1;
  /// Runs of the whole algorithm, each starting from the previous result; it stops early when a
  /// run changes nothing. 0 means until nothing changes. Default 2 (igraph's Python default).
  std::uint32_t iterations = 2;
  /// Start from this partition instead of singletons (one entry per node), when not empty.
  std::vector<std::uint32_t> initial;
};

/// Throws std::invalid_argument for resolution <= 0 or an initial partition of the wrong size.
CommunityResult leiden(const CommunityGraph& graph, const LeidenOptions& options = {});

}  // namespace moneytrail
