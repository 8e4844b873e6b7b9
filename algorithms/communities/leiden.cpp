#include "algorithms/communities/leiden.h"

#include <numeric>
#include <random>
#include <stdexcept>

#include "algorithms/communities/community_moves.h"
#include "graph/option_error.h"

namespace moneytrail {
namespace {

using namespace community_detail;

// One run of the Leiden algorithm from `start` (a partition of graph's nodes).
std::vector<std::uint32_t> leiden_run(const CommunityGraph& graph, const LeidenOptions& options,
                                      std::vector<std::uint32_t> start, std::mt19937_64& rng,
                                      std::uint32_t& levels) {
  const std::uint32_t n = graph.num_nodes();
  std::vector<std::uint32_t> node_of(n);  // each account's node on the current level
  std::iota(node_of.begin(), node_of.end(), 0u);
  CommunityGraph aggregate;
  const CommunityGraph* level_graph = &graph;
  std::vector<std::uint32_t> community = std::move(start);
  while (true) {
    const std::uint32_t nodes = level_graph->num_nodes();
    const QualityScale quality = quality_scale(*level_graph, options.objective, options.resolution);
    move_nodes_fast(*level_graph, quality, community, rng);
    ++levels;
    const std::uint32_t count = renumber_communities(community);
    if (count == nodes) break;  // every community is one node: nothing left to merge
    std::vector<std::uint32_t> refined =
        refine_partition(*level_graph, quality, community, count, rng);
    std::uint32_t refined_count = 0;
    for (std::uint32_t r : refined) refined_count = std::max(refined_count, r + 1);
    if (refined_count == nodes) break;  // refinement merged nothing: aggregation would not shrink
    std::vector<std::uint32_t> next(refined_count);
    for (std::uint32_t v = 0; v < nodes; ++v) next[refined[v]] = community[v];
    for (std::uint32_t& node : node_of) node = refined[node];
    aggregate = level_graph->aggregate(refined, refined_count);
    level_graph = &aggregate;
    community = std::move(next);
  }
  std::vector<std::uint32_t> membership(n);
  for (std::uint32_t v = 0; v < n; ++v) membership[v] = community[node_of[v]];
  return membership;
}

}  // namespace

CommunityResult leiden(const CommunityGraph& graph, const LeidenOptions& options) {
  if (!(options.resolution > 0)) throw OptionError("resolution", "must be above 0");
  const std::uint32_t n = graph.num_nodes();
  if (!options.initial.empty() && options.initial.size() != n)
    throw std::invalid_argument("the initial partition does not cover every node");
  std::mt19937_64 rng(options.seed);
  CommunityResult result;
  if (options.initial.empty()) {
    result.membership.resize(n);
    std::iota(result.membership.begin(), result.membership.end(), 0u);
  } else {
    result.membership = options.initial;
    renumber_communities(result.membership);
  }
  double quality =
      partition_quality(graph, result.membership, options.objective, options.resolution);
  for (std::uint32_t run = 0; options.iterations == 0 || run < options.iterations; ++run) {
    std::vector<std::uint32_t> next =
        leiden_run(graph, options, result.membership, rng, result.levels);
    // A run that ended with refinement unable to merge can leave a community in pieces; each
    // piece on its own scores at least as well.
    split_disconnected_communities(graph, next);
    const double next_quality =
        partition_quality(graph, next, options.objective, options.resolution);
    const bool changed = next != result.membership;
    const bool improved = next_quality > quality;
    if (next_quality >= quality) {
      result.membership = std::move(next);
      quality = next_quality;
    }
    if (!changed || !improved) break;
  }
  result.count = renumber_communities(result.membership);
  result.quality = quality;
  return result;
}

}  // namespace moneytrail
