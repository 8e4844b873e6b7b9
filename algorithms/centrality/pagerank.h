// PageRank and personalized PageRank on the directed flow view (Page, Brin, Motwani and Winograd,
// "The PageRank citation ranking", 1999), with the conventions of networkx.pagerank so results
// can be checked against it: edge weights normalised per source, dangling accounts' rank spread
// like the teleport (uniformly, or over the seed set for personalized PageRank), and convergence
// when the L1 change of an iteration falls below num_vertices x tolerance.
//
// Computed by pull iteration over incoming flows (no atomics), in parallel over accounts; every
// account's sum is formed in a fixed order, so thread counts do not change the result.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/flow_view.h"

namespace moneytrail {

enum class FlowWeight : std::uint8_t {
  value,  // total value of the flow (base currency when rates are loaded)
  count,  // number of transactions
  none,   // every flow counts 1
};

struct PageRankOptions {
  /// Probability of following a flow rather than teleporting. Default 0.85.
  double damping = 0.85;
  /// Stop when sum |x_k - x_{k-1}| < num_vertices * tolerance. Default 1e-12 (networkx: 1e-6).
  double tolerance = 1e-12;
  /// Give up after this many iterations (the result says it did not converge). Default 1000.
  std::uint32_t max_iterations = 1000;
  FlowWeight weight = FlowWeight::value;
  /// Personalization: teleport (and dangling rank) only to these accounts, equally weighted.
  /// Empty: uniform over all accounts (plain PageRank).
  std::vector<VertexId> seeds;
};

struct PageRankResult {
  std::vector<double> score;  // sums to 1 (empty graph: empty)
  std::uint32_t iterations = 0;
  bool converged = false;
  double final_change = 0;  // L1 change of the last iteration
};

/// Throws std::invalid_argument for damping outside [0, 1), tolerance <= 0 or a seed out of range.
PageRankResult pagerank(const FlowView& flows, const PageRankOptions& options = {});

/// The weight of flow edge `e` under `weight`.
double flow_weight(const FlowView& flows, FlowEdgeIndex e, FlowWeight weight);

}  // namespace moneytrail
