#include "algorithms/communities/louvain.h"

#include <numeric>
#include <random>
#include <stdexcept>

#include "algorithms/communities/community_moves.h"

namespace moneytrail {

CommunityResult louvain(const CommunityGraph& graph, const LouvainOptions& options) {
  if (!(options.resolution > 0)) throw std::invalid_argument("the resolution must be above 0");
  using namespace community_detail;
  const std::uint32_t n = graph.num_nodes();
  std::mt19937_64 rng(options.seed);
  CommunityResult result;
  result.membership.resize(n);
  std::iota(result.membership.begin(), result.membership.end(), 0u);  // node of each account

  CommunityGraph aggregate;
  const CommunityGraph* level_graph = &graph;
  while (result.levels < options.max_levels) {
    const std::uint32_t nodes = level_graph->num_nodes();
    const QualityScale quality = quality_scale(*level_graph, options.objective, options.resolution);
    std::vector<std::uint32_t> community(nodes);
    std::iota(community.begin(), community.end(), 0u);
    const std::uint64_t moves = move_nodes_fast(*level_graph, quality, community, rng);
    ++result.levels;
    if (moves == 0) break;
    const std::uint32_t count = renumber_communities(community);
    for (std::uint32_t& node : result.membership) node = community[node];
    if (count == nodes) break;
    aggregate = level_graph->aggregate(community, count);
    level_graph = &aggregate;
  }
  result.count = renumber_communities(result.membership);
  result.quality =
      partition_quality(graph, result.membership, options.objective, options.resolution);
  return result;
}

}  // namespace moneytrail
