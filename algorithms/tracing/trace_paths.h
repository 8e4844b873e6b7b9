// The seed-to-endpoint hop sequences that carry the most traced value: for each endpoint, the
// widest time-respecting path (the one whose narrowest traced transaction is largest) through
// the traced transactions, by one pass over them in processing order; a path's value is that
// width, capped by what the endpoint still holds.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/tracing/trace_types.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

/// `traced`: every traced transaction in processing order; `seeds` sorted. Returns up to `k`
/// paths, one per endpoint, widest first (ties: endpoint order).
std::vector<TracePath> widest_trace_paths(const TransactionGraph& graph,
                                          std::span<const TracedTransaction> traced,
                                          std::span<const TxIndex> seeds,
                                          std::span<const TraceEndpoint> endpoints,
                                          std::uint32_t k);

}  // namespace moneytrail
