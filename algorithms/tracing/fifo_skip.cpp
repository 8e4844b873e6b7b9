#include "algorithms/tracing/fifo_skip.h"

namespace moneytrail::forward_detail {

TxIndex fifo_wake(const ForwardTraceState& trace, AccountState& s) {
  if (!s.ledger.holds_marked()) return kEnd;
  if (s.wake_valid) return s.wake;
  const Amount ahead = s.ledger.unmarked_ahead();
  const auto out = trace.graph.out_transactions(s.account);
  std::size_t k = s.out_pos;
  if (trace.context.running_balances_in(s.account, trace.valuation.trace_currency())) {
    // Running totals: the first debit whose total since out_pos comes near `ahead`.
    const TraceContext& context = trace.context;
    const Amount base = s.out_pos > 0 ? context.debits_through(out[s.out_pos - 1]) : 0;
    const Amount threshold = base + ahead * (1 - 1e-9) - 1e-12 * base;
    k = static_cast<std::size_t>(
        std::partition_point(out.begin() + s.out_pos, out.end(),
                             [&](TxIndex d) { return context.debits_through(d) < threshold; }) -
        out.begin());
  } else {
    Amount debits = 0;
    for (; k < out.size(); ++k) {
      debits += trace.valuation.paid_in_ledger(out[k]);
      if (debits >= ahead * (1 - 1e-9)) break;
    }
  }
  s.wake = k < out.size() ? out[k] : kEnd;
  s.wake_valid = true;
  return s.wake;
}

void fifo_catch_up(const ForwardTraceState& trace, AccountState& s, TxIndex t) {
  const auto out = trace.graph.out_transactions(s.account);
  const auto in = trace.graph.in_transactions(s.account);
  const TraceContext& context = trace.context;
  Amount debits = 0, credits = 0;
  if (context.running_balances_in(s.account, trace.valuation.trace_currency())) {
    const auto out_end = static_cast<std::uint32_t>(
        std::lower_bound(out.begin() + s.out_pos, out.end(), t) - out.begin());
    const auto in_end = static_cast<std::uint32_t>(
        std::lower_bound(in.begin() + s.in_pos, in.end(), t) - in.begin());
    if (out_end > s.out_pos) {
      debits = context.debits_through(out[out_end - 1]) -
               (s.out_pos > 0 ? context.debits_through(out[s.out_pos - 1]) : 0);
    }
    if (in_end > s.in_pos) {
      credits = context.credits_through(in[in_end - 1]) -
                (s.in_pos > 0 ? context.credits_through(in[s.in_pos - 1]) : 0);
    }
    s.out_pos = out_end;
    s.in_pos = in_end;
  } else {
    while (s.out_pos < out.size() && out[s.out_pos] < t)
      debits += trace.valuation.paid_in_ledger(out[s.out_pos++]);
    while (s.in_pos < in.size() && in[s.in_pos] < t)
      credits += trace.valuation.received_in_ledger(in[s.in_pos++]);
  }
  if (debits > 0 || credits > 0) s.ledger.skip_unmarked(debits, credits);
}

}  // namespace moneytrail::forward_detail
