// The poison policy: no ledgers. From its first traced credit on, every debit of an account is
// wholly traced (within max_hops, and within the window of its last traced credit), so a trace is
// a time-respecting reach over debits only.
#include <cmath>

#include "algorithms/tracing/forward_state.h"

namespace moneytrail::forward_detail {
namespace {

// Amounts in the trace currency where rates allow, else NaN (reach only).
Amount poison_value(const ForwardTraceState& trace, TxIndex t) {
  try {
    return trace.valuation.value_of_paid(t);
  } catch (const TraceError&) {
    return std::numeric_limits<Amount>::quiet_NaN();
  }
}

TxIndex next_debit(const ForwardTraceState& trace, const AccountState& s) {
  const auto out = trace.graph.out_transactions(s.account);
  return s.out_pos < out.size() ? out[s.out_pos] : kEnd;
}

void schedule(ForwardTraceState& trace, AccountState& s) {
  s.next = next_debit(trace, s);
  if (s.next != kEnd) trace.push_event(s.next, s.account);
}

// From transaction t on, every debit of r counts; a seed sender waiting for its first seed may
// have to start earlier.
void taint(ForwardTraceState& trace, AccountState& r, TxIndex t, std::uint32_t hop) {
  r.hop = std::min(r.hop, hop);
  r.last_traced_credit = trace.tx.timestamp[t];
  if (!r.tainted) {
    r.tainted = true;
    r.tainted_at = t;
  }
  const auto out = trace.graph.out_transactions(r.account);
  const auto after =
      static_cast<std::uint32_t>(std::upper_bound(out.begin(), out.end(), t) - out.begin());
  if (!r.active || after < r.out_pos) {
    r.out_pos = after;
    r.active = true;
    schedule(trace, r);
  }
}

}  // namespace

void run_poison(ForwardTraceState& trace) {
  for (TxIndex seed : trace.seeds) {
    AccountState& s = trace.state(trace.tx.from[seed]);
    if (s.active) continue;
    const auto out = trace.graph.out_transactions(s.account);
    s.out_pos =
        static_cast<std::uint32_t>(std::lower_bound(out.begin(), out.end(), seed) - out.begin());
    s.active = true;
    schedule(trace, s);
  }
  TxIndex last = kEnd;
  while (trace.has_event()) {
    const auto [t, v] = trace.pop_event();
    if (t == last) continue;
    if (next_debit(trace, trace.at(v)) != t) continue;  // stale entry
    if (trace.past_until(t)) break;
    last = t;
    AccountState& owner = trace.at(v);
    ++owner.out_pos;
    const Timestamp now = trace.tx.timestamp[t];
    const TraceOptions& options = trace.options;
    bool traced = false;
    std::uint32_t hop = 1;
    if (trace.is_seed(t)) {
      traced = true;
      trace.seed_amount += trace.valuation.value_of_paid(t);
    } else if (owner.tainted && t > owner.tainted_at && owner.hop < options.max_hops &&
               (!options.window || now - owner.last_traced_credit <= *options.window)) {
      traced = true;
      hop = owner.hop + 1;
    }
    if (traced) {
      const Amount value = poison_value(trace, t);
      owner.sent += value;
      trace.record(t, trace.tx.amount[t], value, hop);
      AccountState& r = trace.state(trace.tx.to[t]);  // may move states: owner is re-found below
      trace.reach(r, value * trace.valuation.value_ratio(t), hop);
      taint(trace, r, t, hop);
    }
    schedule(trace, trace.at(v));
  }
}

}  // namespace moneytrail::forward_detail
