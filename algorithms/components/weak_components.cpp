#include "algorithms/components/weak_components.h"

#include <algorithm>
#include <boost/pending/disjoint_sets.hpp>
#include <limits>

namespace moneytrail {

WeakComponentsResult weakly_connected_components(const TransactionGraph& graph) {
  const std::uint32_t n = graph.num_accounts();
  std::vector<std::uint32_t> rank(n, 0);
  std::vector<std::uint32_t> parent(n);
  boost::disjoint_sets<std::uint32_t*, std::uint32_t*> sets(rank.data(), parent.data());
  for (VertexId v = 0; v < n; ++v) sets.make_set(v);
  const TransactionTable& tx = graph.transactions();
  for (TxIndex t = 0; t < tx.size(); ++t) sets.union_set(tx.from[t], tx.to[t]);

  WeakComponentsResult result;
  result.component.assign(n, std::numeric_limits<std::uint32_t>::max());
  std::vector<std::uint32_t> label_of_root(n, std::numeric_limits<std::uint32_t>::max());
  for (VertexId v = 0; v < n; ++v) {
    const std::uint32_t root = sets.find_set(v);
    if (label_of_root[root] == std::numeric_limits<std::uint32_t>::max()) {
      label_of_root[root] = result.count++;
      result.sizes.push_back(0);
    }
    result.component[v] = label_of_root[root];
    ++result.sizes[label_of_root[root]];
  }
  if (!result.sizes.empty())
    result.largest = *std::max_element(result.sizes.begin(), result.sizes.end());
  return result;
}

}  // namespace moneytrail
