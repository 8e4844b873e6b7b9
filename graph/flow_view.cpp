#include "graph/flow_view.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace moneytrail {

double paid_in_base(const TransactionGraph& graph, TxIndex t) {
  const TransactionTable& tx = graph.transactions();
  if (graph.rates().empty()) return tx.amount[t];
  const auto rate = graph.rates().rate(graph.currencies()[tx.currency[t]], tx.timestamp[t]);
  return rate ? tx.amount[t] * *rate : tx.amount[t];
}

FlowView FlowView::build(const TransactionGraph& graph, const FlowViewOptions& options) {
  const TransactionTable& tx = graph.transactions();
  const std::uint32_t n = graph.num_accounts();
  const bool convert = options.convert_to_base && !graph.rates().empty();
  if (convert) {
    for (std::uint32_t c = 0; c < graph.currencies().size(); ++c) {
      if (!graph.rates().rate(graph.currencies()[c], 0)) {
        throw std::invalid_argument("the rates table has no rate for currency " +
                                    std::string(graph.currencies()[c]));
      }
    }
  }

  FlowView view;
  view.converted_ = convert;
  view.mixes_currencies_ = !convert && graph.currencies().size() > 1;
  if (convert)
    view.value_currency_ = graph.rates().base();
  else if (graph.currencies().size() == 1)
    view.value_currency_ = graph.currencies()[0];
  view.out_offsets_.assign(static_cast<std::size_t>(n) + 1, 0);

  // Aggregate each account's out-list by target through a slot table reset after every account.
  std::vector<std::int64_t> slot(n, -1);
  std::vector<VertexId> targets;
  for (VertexId v = 0; v < n; ++v) {
    targets.clear();
    for (TxIndex t : graph.out_transactions(v)) {
      if (slot[tx.to[t]] < 0) {
        slot[tx.to[t]] = 0;
        targets.push_back(tx.to[t]);
      }
    }
    std::sort(targets.begin(), targets.end());
    const std::size_t base = view.target_.size();
    for (std::size_t i = 0; i < targets.size(); ++i) {
      slot[targets[i]] = static_cast<std::int64_t>(base + i);
      view.source_.push_back(v);
      view.target_.push_back(targets[i]);
      view.value_.push_back(0.0);
      view.count_.push_back(0);
      view.first_.push_back(kNoTime);
      view.last_.push_back(kNoTime);
    }
    for (TxIndex t : graph.out_transactions(v)) {
      const std::size_t e = static_cast<std::size_t>(slot[tx.to[t]]);
      const double value = convert ? paid_in_base(graph, t) : tx.amount[t];
      view.value_[e] += value;
      if (view.count_[e]++ == 0) view.first_[e] = tx.timestamp[t];
      view.last_[e] = tx.timestamp[t];  // out-lists are in time order
    }
    for (VertexId w : targets) slot[w] = -1;
    view.out_offsets_[v + 1] = view.target_.size();
  }

  // Incoming index: counting sort of edges by target; edges are visited in source order.
  view.in_offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  for (VertexId w : view.target_) ++view.in_offsets_[w + 1];
  for (std::size_t v = 0; v < n; ++v) view.in_offsets_[v + 1] += view.in_offsets_[v];
  view.in_edges_.resize(view.target_.size());
  std::vector<std::uint64_t> cursor(view.in_offsets_.begin(), view.in_offsets_.end() - 1);
  for (FlowEdgeIndex e = 0; e < view.target_.size(); ++e) {
    view.in_edges_[cursor[view.target_[e]]++] = e;
  }
  return view;
}

std::size_t FlowView::memory_bytes() const {
  return (out_offsets_.capacity() + in_offsets_.capacity()) * 8 +
         (source_.capacity() + target_.capacity() + count_.capacity() + in_edges_.capacity()) * 4 +
         (value_.capacity() + first_.capacity() + last_.capacity()) * 8;
}

}  // namespace moneytrail
