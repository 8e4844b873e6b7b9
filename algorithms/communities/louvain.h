// Louvain community detection (Blondel, Guillaume, Lambiotte and Lefebvre, "Fast unfolding of
// communities in large networks", J. Stat. Mech. P10008, 2008): move nodes between communities
// while the objective improves, merge each community into one node, repeat on the smaller graph.
// Nodes are moved from a queue (Ozaki, Tezuka and Inaba 2016) rather than in repeated full sweeps:
// the same local optimum, fewer visits. With `refine` (the default), the final partition is
// carried back down the levels and nodes are moved again on each finer level (PLMR: Staudt and
// Meyerhenke, "Engineering parallel algorithms for community detection in massive networks",
// IEEE TPDS 27, 2016), which undoes merges that looked good only at the coarse level.
#pragma once

#include <cstdint>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/partition.h"

namespace moneytrail {

struct LouvainOptions {
  CommunityObjective objective = CommunityObjective::modularity;
  /// Larger values give more, smaller communities. Must be > 0. Default 1.
  double resolution = 1.0;
  /// Seeds the node visiting order; the same seed gives the same partition. Default 1.
  std::uint64_t seed = 1;
  /// Stop after this many aggregation levels. Default 100 (in practice < 10 are needed).
  std::uint32_t max_levels = 100;
  /// Move nodes again on every level on the way back down (PLMR). Default true; false gives the
  /// classic algorithm as in igraph's multilevel.
  bool refine = true;
};

/// Throws std::invalid_argument for resolution <= 0.
CommunityResult louvain(const CommunityGraph& graph, const LouvainOptions& options = {});

}  // namespace moneytrail
