// Label propagation (Raghavan, Albert and Kumara, "Near linear time algorithm to detect community
// structures in large-scale networks", Phys. Rev. E 76, 036106, 2007), weighted: each node in
// turn takes the label with the largest edge weight among its neighbours, until every node holds
// such a label. Fast and objective-free; a first look rather than a final partition.
#pragma once

#include <cstdint>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/partition.h"

namespace moneytrail {

struct LabelPropagationOptions {
  /// Seeds the visiting order of every sweep and the choice among tied labels. Default 1.
  std::uint64_t seed = 1;
  /// Give up after this many sweeps over all nodes. Default 100.
  std::uint32_t max_sweeps = 100;
};

/// quality holds the modularity (resolution 1) of the result; levels the sweeps run.
CommunityResult label_propagation(const CommunityGraph& graph,
                                  const LabelPropagationOptions& options = {});

}  // namespace moneytrail
