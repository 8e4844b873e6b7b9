#include "algorithms/communities/louvain.h"

#include <deque>
#include <numeric>
#include <random>
#include <stdexcept>

#include "algorithms/communities/community_moves.h"
#include "graph/option_error.h"

namespace moneytrail {

CommunityResult louvain(const CommunityGraph& graph, const LouvainOptions& options) {
  if (!(options.resolution > 0)) throw OptionError("resolution", "must be above 0");
  using namespace community_detail;
  std::mt19937_64 rng(options.seed);
  CommunityResult result;
  // Level 0 is `graph`; level k > 0 is aggregates[k - 1]. up[k] maps level k's nodes to level
  // k + 1's.
  std::deque<CommunityGraph> aggregates;
  std::vector<std::vector<std::uint32_t>> up;
  auto level = [&](std::size_t k) -> const CommunityGraph& {
    return k == 0 ? graph : aggregates[k - 1];
  };
  std::vector<std::uint32_t> community;
  while (result.levels < options.max_levels) {
    const CommunityGraph& current = level(up.size());
    const std::uint32_t nodes = current.num_nodes();
    const QualityScale quality = quality_scale(current, options.objective, options.resolution);
    community.resize(nodes);
    std::iota(community.begin(), community.end(), 0u);
    const std::uint64_t moves = move_nodes_fast(current, quality, community, rng);
    ++result.levels;
    if (moves == 0) break;
    const std::uint32_t count = renumber_communities(community);
    if (count == nodes) break;
    aggregates.push_back(current.aggregate(community, count));
    up.push_back(community);
  }
  // `community` partitions the top level; carry it down, moving nodes again on each level.
  for (std::size_t k = up.size(); k-- > 0;) {
    std::vector<std::uint32_t> finer(up[k].size());
    for (std::size_t v = 0; v < finer.size(); ++v) finer[v] = community[up[k][v]];
    community = std::move(finer);
    if (options.refine) {
      const CommunityGraph& current = level(k);
      move_nodes_fast(current, quality_scale(current, options.objective, options.resolution),
                      community, rng);
    }
  }
  result.membership = std::move(community);
  result.count = renumber_communities(result.membership);
  result.quality =
      partition_quality(graph, result.membership, options.objective, options.resolution);
  return result;
}

}  // namespace moneytrail
