// The node moves that Louvain and Leiden share. Modularity and the constant Potts model both
// reduce to one gain: moving node v into community D gains  k_v,D - scale x w_v x W_D, where
// k_v,D is v's edge weight into D, w_v v's node weight (strength, or size for CPM) and W_D the
// sum over D (Traag, Waltman and van Eck 2019, supplementary section A).
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/partition.h"

namespace moneytrail::community_detail {

struct QualityScale {
  std::vector<double> node_weight;
  double scale = 0;
};

/// Node weights and scale of `objective` on `graph` (an aggregate has the same total weight as
/// the graph it came from, so the modularity scale resolution / 2m holds on every level).
QualityScale quality_scale(const CommunityGraph& graph, CommunityObjective objective,
                           double resolution);

/// Random order of 0..n-1 from `rng` with a Fisher-Yates shuffle written out, so that a seed gives
/// the same order with every standard library.
std::vector<std::uint32_t> random_order(std::uint32_t n, std::mt19937_64& rng);

/// Fast local moving (Traag et al. 2019, algorithm A.2; Ozaki et al. 2016): visit nodes from a
/// queue that starts in random order, move each to the neighbouring (or an empty) community with
/// the largest positive gain, and queue the neighbours that now lie outside its new community.
/// `community` holds ids below graph.num_nodes() and is updated in place. Returns the moves made.
std::uint64_t move_nodes_fast(const CommunityGraph& graph, const QualityScale& quality,
                              std::vector<std::uint32_t>& community, std::mt19937_64& rng);

/// Leiden's refinement (algorithm A.3): inside each community of `community` (numbered
/// 0..count-1), start from singletons and merge each still-single, well-connected node into the
/// well-connected sub-community with the largest positive gain. We take the greedy choice (the
/// paper's randomness parameter theta -> 0); every merge follows an edge, so each refined
/// community is connected. Returns the refined membership, numbered 0..refined_count-1.
std::vector<std::uint32_t> refine_partition(const CommunityGraph& graph,
                                            const QualityScale& quality,
                                            const std::vector<std::uint32_t>& community,
                                            std::uint32_t count, std::mt19937_64& rng);

}  // namespace moneytrail::community_detail
