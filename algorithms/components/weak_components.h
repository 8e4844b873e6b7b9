// Weakly connected components of the transaction graph (direction ignored): which accounts are
// connected by any chain of transfers at all.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct WeakComponentsResult {
  /// Component of each account, numbered 0.. in order of each component's smallest account.
  std::vector<std::uint32_t> component;
  std::uint32_t count = 0;
  /// Accounts in each component.
  std::vector<std::uint32_t> sizes;
  std::uint32_t largest = 0;  // size of the largest component
};

/// Union-find over all transactions (Boost's disjoint_sets with rank and path compression).
WeakComponentsResult weakly_connected_components(const TransactionGraph& graph);

}  // namespace moneytrail
