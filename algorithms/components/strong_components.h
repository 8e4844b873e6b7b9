// Strongly connected components of the flow view: accounts that money can go around between, in
// both directions. Round-tripping rings (a cycle of cards sending funds back to their start)
// show up as components of more than one account.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/flow_view.h"

namespace moneytrail {

struct StrongComponentsResult {
  /// Component of each account, numbered 0.. in order of each component's smallest account.
  std::vector<std::uint32_t> component;
  std::uint32_t count = 0;
  std::uint32_t largest = 0;  // accounts in the largest component
};

/// Boost.Graph's strong_components (Tarjan's algorithm) on the flow view.
StrongComponentsResult strongly_connected_components(const FlowView& flows);

/// The same components numbered in topological order: every flow goes from a component to one
/// with an equal or higher number (what solvers that sweep upstream-first need).
std::vector<std::uint32_t> topological_strong_components(const FlowView& flows);

}  // namespace moneytrail
