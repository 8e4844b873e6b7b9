// PageRank and personalized PageRank on the directed flow view (Page, Brin, Motwani and Winograd,
// "The PageRank citation ranking", 1999), with the conventions of networkx.pagerank so results
// can be checked against it: edge weights normalised per source, dangling accounts' rank spread
// like the teleport (uniformly, or over the seed set for personalized PageRank), and convergence
// when the L1 change of a sweep falls below num_vertices x tolerance.
//
// Computed as PRPACK does (Gleich, Gray, Greif and Lau, "An inner-outer iteration for computing
// PageRank", SIAM J. Sci. Comput. 32, 2010, and its PRPACK library): with dangling rank spread like
// the teleport, PageRank is y / |y| for the solution y of the linear system y = d A y + p, which
// is block triangular over the strongly connected components (Boost.Graph's strong_components) in
// topological order. Accounts outside any cycle are solved exactly in one step; each cyclic
// component is solved by Gauss-Seidel sweeps (about half the sweeps of the power iteration) with
// everything upstream already final. The linear system's layout is built on both cores; the solve
// is sequential, so thread counts do not change the result.
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
  /// Stop a component's sweeps when their L1 change falls below its accounts x tolerance, so the
  /// total stays below num_vertices x tolerance as in networkx. Default 1e-12 (networkx: 1e-6).
  double tolerance = 1e-12;
  /// Give up on a component after this many sweeps (the result says it did not converge).
  /// Default 1000.
  std::uint32_t max_iterations = 1000;
  FlowWeight weight = FlowWeight::value;
  /// Personalization: teleport (and dangling rank) only to these accounts, equally weighted.
  /// Empty: uniform over all accounts (plain PageRank).
  std::vector<VertexId> seeds;
};

struct PageRankResult {
  std::vector<double> score;  // sums to 1 (empty graph: empty)
  /// Gauss-Seidel sweeps of the component that needed the most (1 when the flows have no cycle).
  std::uint32_t iterations = 0;
  bool converged = false;
  double final_change = 0;  // largest L1 change of a component's last sweep (unnormalised)
};

/// Throws std::invalid_argument for damping outside [0, 1), tolerance <= 0 or a seed out of range.
PageRankResult pagerank(const FlowView& flows, const PageRankOptions& options = {});

/// The weight of flow edge `e` under `weight`.
double flow_weight(const FlowView& flows, FlowEdgeIndex e, FlowWeight weight);

}  // namespace moneytrail
