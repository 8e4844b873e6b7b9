// Forward fund tracing: where the money that a set of seed transactions carried went, under one
// attribution policy (docs/tracing.md has the exact rules). Only the accounts that hold traced
// money are replayed, each from the moment it first receives some, so a trace touches the
// transactions its money can reach and not the rest of the graph.
#pragma once

#include <span>
#include <vector>

#include "algorithms/tracing/trace_context.h"
#include "algorithms/tracing/trace_types.h"

namespace moneytrail {

/// Traces the money of `seeds` forward. Throws TraceError for no seeds, max_hops 0, a window
/// that is not positive, or a mixed-currency account the trace needs a missing rate for.
ForwardTraceResult trace_forward(const TraceContext& context, std::span<const TxIndex> seeds,
                                 const TraceOptions& options);

/// Traces each seed set independently, on `threads` threads (0: all cores). Results are in the
/// order of `seed_sets` and do not depend on the thread count. The first failing set's
/// TraceError (by position) is rethrown.
std::vector<ForwardTraceResult> trace_forward_batch(
    const TraceContext& context, const std::vector<std::vector<TxIndex>>& seed_sets,
    const TraceOptions& options, int threads = 0);

/// Checks the options every trace takes; throws TraceError naming the bad one.
void validate_trace_options(const TraceOptions& options);

}  // namespace moneytrail
