// The sliding time window over an account's credits or debits that fan features and fan-shaped
// typologies share: how many distinct counterparties the transactions of any window of a given
// length hold.
#pragma once

#include <tsl/robin_map.h>

#include <cstdint>
#include <span>

#include "graph/tables.h"

namespace moneytrail::scoring_detail {

/// Transactions per counterparty inside the window; reused across accounts.
using CounterpartyCounts = tsl::robin_map<VertexId, std::uint32_t>;

/// The sender (senders) or receiver of transaction t.
inline VertexId counterparty(const TransactionTable& tx, TxIndex t, bool senders) {
  return senders ? tx.from[t] : tx.to[t];
}

/// Empties `counts` for the next account. clear() walks every bucket, so after a hub has grown
/// the table it starts afresh instead.
inline void reset_counts(CounterpartyCounts& counts) {
  if (counts.bucket_count() > 4096) counts = {};
  counts.clear();
}

/// Slides a window of `seconds` over `list` (sorted by time): for each last position `end` it
/// calls visit(begin, end, distinct counterparties in list[begin..end]); a visit returning true
/// stops the slide.
template <typename Visit>
void slide_counterparty_window(const TransactionTable& tx, std::span<const TxIndex> list,
                               bool senders, double seconds, CounterpartyCounts& counts,
                               Visit&& visit) {
  reset_counts(counts);
  std::size_t begin = 0;
  for (std::size_t end = 0; end < list.size(); ++end) {
    ++counts[counterparty(tx, list[end], senders)];
    while (static_cast<double>(tx.timestamp[list[end]] - tx.timestamp[list[begin]]) >= seconds) {
      auto it = counts.find(counterparty(tx, list[begin++], senders));
      if (--it.value() == 0) counts.erase(it);
    }
    if (visit(begin, end, static_cast<std::uint32_t>(counts.size()))) return;
  }
}

}  // namespace moneytrail::scoring_detail
