// How money could have got from one account to another: time-respecting transaction paths (each
// hop at or after the one before it, no account twice), ranked by the value that could have
// moved along the whole path, its smallest hop. Unlike a trace this follows no attribution rule:
// it answers "is there a route from A to B, and how wide" (GraphSense's most asked-for search).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct AccountPathOptions {
  /// Paths of at most this many transactions (at least 1).
  std::uint32_t max_hops = 6;
  /// The K widest paths listed (at least 1). Paths through the same accounts count once, with
  /// their widest choice of transactions.
  std::size_t top = 10;
  /// Only transactions in [since, until] (kNoTime: no bound).
  Timestamp since = kNoTime;
  Timestamp until = kNoTime;
  /// Search budget: transactions considered before giving up (the result says it was cut).
  std::uint64_t max_steps = 50'000'000;
};

struct AccountPath {
  std::vector<TxIndex> transactions;  // in order; the first leaves the source
  Amount value = 0;                   // the smallest hop, in `currency`
  Timestamp first = kNoTime;
  Timestamp last = kNoTime;
};

struct AccountPathResult {
  /// The base currency when rates are loaded (hops are valued in it), else the currency of the
  /// hops when they share one; empty when they mix currencies with no rates.
  std::string currency;
  std::vector<AccountPath> paths;  // widest first, then shorter, then earlier
  std::uint64_t steps = 0;         // transactions considered
  bool truncated = false;          // the budget ran out: wider paths may exist
};

/// Paths from `source` to any account for which `is_target[account]` is true (a path ends at the
/// first target it reaches). Throws OptionError for max_hops or top 0, or a target list of the
/// wrong size.
AccountPathResult account_paths(const TransactionGraph& graph, VertexId source,
                                const std::vector<bool>& is_target,
                                const AccountPathOptions& options);

}  // namespace moneytrail
