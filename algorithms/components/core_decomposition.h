// k-core decomposition (Batagelj and Zaversnik, "An O(m) algorithm for cores decomposition of
// networks", 2003) of the undirected flow view, counting distinct counterparties: an account's
// core number is the largest k such that it belongs to a subgraph where every account deals with
// at least k others of it. Dense mule rings sit in high cores.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/communities/community_graph.h"

namespace moneytrail {

struct CoreDecompositionResult {
  std::vector<std::uint32_t> core;  // core number of each node
  std::uint32_t max_core = 0;
};

/// Boost.Graph's core_numbers on the graph's neighbour lists (edge weights and self loops ignored).
CoreDecompositionResult core_decomposition(const CommunityGraph& graph);
/// The same on the undirected flow view straight from the directed one (each account's senders
/// and receivers merged, self flows dropped), without building a CommunityGraph: about half the
/// memory, for scoring where only the core numbers are needed.
CoreDecompositionResult core_decomposition(const FlowView& flows);

}  // namespace moneytrail
