// What every community method returns, and the quality functions that judge a partition:
// modularity with a resolution (Newman and Girvan 2004; Reichardt and Bornholdt 2006) and the
// constant Potts model (Traag, Van Dooren and Nesterov 2011).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/communities/community_graph.h"

namespace moneytrail {

enum class CommunityObjective : std::uint8_t {
  modularity,  // sum_c [ in_c / m - resolution (tot_c / 2m)^2 ]
  cpm,         // (1 / 2m) sum_c [ 2 in_c - resolution n_c^2 ]   (n_c: accounts in c)
};

struct CommunityResult {
  /// Community of each node, numbered 0..count-1 in order of each community's smallest node.
  std::vector<std::uint32_t> membership;
  std::uint32_t count = 0;
  /// The objective's value for this partition (modularity or CPM quality, as chosen).
  double quality = 0;
  /// Levels of aggregation (Louvain, Leiden) or sweeps (label propagation) that were run.
  std::uint32_t levels = 0;
};

/// Modularity of `membership` on `graph` with the networkx/igraph conventions: in_c counts each
/// edge inside c once (a self loop once), tot_c adds the strengths of c's nodes. 0 for a graph
/// without edges.
double modularity(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                  double resolution = 1.0);

/// The constant Potts model quality as igraph's Leiden reports it (node sizes as node weights).
double cpm_quality(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                   double resolution = 1.0);

double partition_quality(const CommunityGraph& graph, std::span<const std::uint32_t> membership,
                         CommunityObjective objective, double resolution);

/// Renumbers communities 0..count-1 in order of first appearance; returns count.
std::uint32_t renumber_communities(std::vector<std::uint32_t>& membership);

/// Splits every community into its connected parts (edges of positive weight). Splitting a
/// disconnected community never lowers modularity or CPM quality. Returns the new count;
/// membership comes back renumbered.
std::uint32_t split_disconnected_communities(const CommunityGraph& graph,
                                             std::vector<std::uint32_t>& membership);

}  // namespace moneytrail
