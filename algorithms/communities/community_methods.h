// One entry point for every partitioning method the CLI offers, so that `communities`,
// `clusters` and later scoring run the same code on the same undirected flow view.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/partition.h"
#include "graph/flow_view.h"
#include "graph/progress.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class CommunityMethod : std::uint8_t { wcc, scc, kcore, lpa, louvain, leiden };

std::optional<CommunityMethod> parse_community_method(std::string_view text);
std::string_view to_string(CommunityMethod method);
std::optional<CommunityWeight> parse_community_weight(std::string_view text);
std::string_view to_string(CommunityWeight weight);

struct CommunityDetectionOptions {
  CommunityMethod method = CommunityMethod::leiden;
  CommunityObjective objective = CommunityObjective::modularity;
  double resolution = 1.0;  // louvain, leiden; > 0
  CommunityWeight weight = CommunityWeight::value;
  /// Add ownership links (shared holder, phone, device, and stated links) as edges.
  bool links = false;
  double link_weight = 1.0;          // see CommunityGraphOptions
  std::uint64_t seed = 1;            // lpa, louvain, leiden
  std::uint32_t iterations = 2;      // leiden runs (0: until nothing changes)
  ProgressSink* progress = nullptr;  // reports the detection as one step (none: silent)
};

struct CommunityDetection {
  /// For wcc, scc, lpa, louvain and leiden the community of each account; for kcore each
  /// account's core number.
  CommunityResult result;
  /// Modularity (resolution 1) of the partition on the weighted undirected flow view; for kcore
  /// that of the partition into core shells.
  double modularity = 0;
  /// Links added when `links` was asked for.
  std::size_t links_added = 0;
};

/// Throws std::invalid_argument for a resolution <= 0, a link weight < 0, or links asked for
/// when the graph has none (no shared holder, phone or device and no stated links).
CommunityDetection detect_communities(const TransactionGraph& graph, const FlowView& flows,
                                      const CommunityDetectionOptions& options);

}  // namespace moneytrail
