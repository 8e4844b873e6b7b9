// Ownership links: accounts that share a holder, phone or device, as a relation of their own
// beside the money flows. They let clustering put the cards of one holder together.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct OwnershipLinkOptions {
  bool by_holder = true;
  bool by_phone = true;
  bool by_device = true;
  /// Groups up to this size are linked pairwise (a clique); larger groups, typically a shared
  /// placeholder value or a public device, are linked as a star around their first account so the
  /// link count stays linear. Default 16.
  std::uint32_t max_clique = 16;
  /// Include the links stated explicitly in the input (TransactionGraph::links()). Default true.
  bool include_stated = true;
};

/// Derived and stated links, sorted by (kind, evidence, a, b); each pair has a < b.
std::vector<AccountLink> ownership_links(const TransactionGraph& graph,
                                         const OwnershipLinkOptions& options = {});

}  // namespace moneytrail
