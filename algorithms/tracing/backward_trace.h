// Backward fund tracing: where the money that left in a target transaction (or that an account
// held at a time) came from. The accounts that could have passed money to the target in time
// (the backward time-respecting reachable set, within max_hops) are replayed with origin-labelled
// lots under the same policies as forward tracing; every debit records which lots it took, and
// the target's amount is then split back along those records, exactly, onto its origins: the
// opening balances of the replayed accounts and the money entering the set from outside it.
#pragma once

#include "algorithms/tracing/trace_context.h"
#include "algorithms/tracing/trace_types.h"

namespace moneytrail {

/// Decomposes the paid amount of `target` by origin. Throws TraceError for a window (forward
/// only), max_hops 0 or a missing rate.
BackwardTraceResult trace_backward(const TraceContext& context, TxIndex target,
                                   const TraceOptions& options);

/// Decomposes what `account` held at time `at` (after every transaction at or before it).
BackwardTraceResult trace_backward_balance(const TraceContext& context, VertexId account,
                                           Timestamp at, const TraceOptions& options);

}  // namespace moneytrail
