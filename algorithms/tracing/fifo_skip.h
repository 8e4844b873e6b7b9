// Skipping under fifo. fifo takes the oldest money first, so an account's transactions cannot
// touch the traced lots it holds until its debits have used up the money queued ahead of them:
// credits queue behind, and debits before that point carry nothing traced. A trace therefore
// wakes the account only at the first debit that may reach traced money, and applies the
// transactions it skipped in one step when the account is next touched. On the 10M-transaction
// benchmark this is what keeps a fifo trace to the transactions its money reaches.
#pragma once

#include "algorithms/tracing/forward_state.h"

namespace moneytrail::forward_detail {

/// The first debit of `s` that may reach a traced lot (kEnd when it holds none), with a relative
/// margin so rounding wakes the account early, never late. Cached until the ledger changes.
TxIndex fifo_wake(const ForwardTraceState& trace, AccountState& s);

/// Applies the account's skipped transactions before `t` to its ledger.
void fifo_catch_up(const ForwardTraceState& trace, AccountState& s, TxIndex t);

}  // namespace moneytrail::forward_detail
