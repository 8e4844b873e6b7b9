// The ledger engine of forward tracing: every policy but poison. Events are transactions in
// processing order; an account joins when traced money reaches it (or at its first seed), its
// ledger brought up to that moment from the balance replay, and leaves when it holds no traced
// lot. fifo skips ahead (fifo_skip.h); poison has its own engine (poison_trace.cpp).
#include "algorithms/tracing/forward_trace.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "algorithms/tracing/fifo_skip.h"
#include "algorithms/tracing/forward_state.h"

namespace moneytrail {
namespace {

using namespace forward_detail;

class LedgerTrace {
 public:
  explicit LedgerTrace(ForwardTraceState& trace)
      : trace_(trace),
        tx_(trace.tx),
        rule_{trace.options.max_hops, trace.options.window},
        fifo_(trace.options.policy == TracePolicy::fifo) {}

  void run() {
    // A seed sender's ledger starts at its first seed, or earlier if traced money reaches it
    // first; each seed is an event that (re)activates its sender.
    for (TxIndex seed : trace_.seeds) trace_.push_event(seed, trace_.state(tx_.from[seed]).account);
    TxIndex last = kEnd;
    while (trace_.has_event()) {
      const auto [t, v] = trace_.pop_event();
      if (t == last) continue;
      if (trace_.past_until(t)) break;
      const AccountState& owner = trace_.at(v);
      const bool live = owner.active && owner.next == t;
      if (!live && !(trace_.is_seed(t) && tx_.from[t] == v)) continue;  // stale entry
      last = t;
      process(t);
    }
  }

 private:
  TxIndex next_event(AccountState& s) const {
    if (fifo_) return fifo_wake(trace_, s);
    const auto out = trace_.graph.out_transactions(s.account);
    const auto in = trace_.graph.in_transactions(s.account);
    TxIndex next = s.out_pos < out.size() ? out[s.out_pos] : kEnd;
    if (s.in_pos < in.size()) next = std::min(next, in[s.in_pos]);
    return next;
  }

  void schedule(AccountState& s) {
    s.next = next_event(s);
    if (s.next != kEnd) trace_.push_event(s.next, s.account);
  }

  // Brings the account's ledger up to transaction `t` (exclusive) and starts replaying it.
  void activate(AccountState& s, TxIndex t) {
    s.wake_valid = false;
    const auto out = trace_.graph.out_transactions(s.account);
    const auto in = trace_.graph.in_transactions(s.account);
    const TraceValuation& valuation = trace_.valuation;
    if (const auto known =
            trace_.context.balance_before(s.account, t, valuation.trace_currency())) {
      s.out_pos =
          static_cast<std::uint32_t>(std::lower_bound(out.begin(), out.end(), t) - out.begin());
      s.in_pos = static_cast<std::uint32_t>(std::lower_bound(in.begin(), in.end(), t) - in.begin());
      s.ledger.reset(*known);
    } else {
      // Accounts whose running balances the context does not keep (mixed currencies in a trace
      // outside the rates' base) are replayed here, under the same balance rule.
      LedgerBalance balance(s.opened ? s.ledger.balance()
                                     : trace_.valuation.opening_balance(s.account));
      replay_account(
          trace_.graph, s.account, s.out_pos, s.in_pos, t,
          [&](TxIndex d) { trace_.unfunded += balance.debit(valuation.paid_in_ledger(d)); },
          [&](TxIndex c) { balance.credit(valuation.received_in_ledger(c)); });
      s.ledger.reset(balance.value);
    }
    s.opened = true;
    s.active = true;
    schedule(s);
  }

  // What a debit carries on.
  struct Carried {
    Amount traced = 0;  // ledger units
    Amount value = 0;
    std::uint32_t min_hop = std::numeric_limits<std::uint32_t>::max();
  };
  Carried debit(AccountState& sender, TxIndex t, Amount paid) {
    const Timestamp now = tx_.timestamp[t];
    Carried carried;
    trace_.unfunded += sender.ledger.debit(paid, [&](const TracedCargo& piece, Amount) {
      if (!piece.marked()) return;
      if (rule_.frozen(piece, now)) {
        sender.frozen_value += piece.value;
      } else if (piece.traced > 0) {
        carried.traced += piece.traced;
        carried.value += piece.value;
        carried.min_hop = std::min(carried.min_hop, piece.hop);
      }
    });
    return carried;
  }

  void process(TxIndex t) {
    const VertexId from = tx_.from[t];
    const VertexId to = tx_.to[t];
    const bool seed = trace_.is_seed(t);
    if (seed) {
      AccountState& s = trace_.state(from);
      if (!s.active) activate(s, t);
    }
    if (fifo_) {
      for (VertexId v : {from, to}) {
        if (AccountState* s = trace_.active(v)) fifo_catch_up(trace_, *s, t);
      }
    }
    Amount traced_share = 0;  // of the paid amount
    Amount value = 0;
    std::uint32_t hop = 0;
    if (AccountState* sender = trace_.active(from)) {
      const Amount paid = trace_.valuation.paid_in_ledger(t);
      const Carried carried = debit(*sender, t, paid);
      ++sender->out_pos;
      if (t >= sender->wake || carried.traced > 0) sender->wake_valid = false;
      if (seed) {
        traced_share = 1;
        value = trace_.valuation.value_of_paid(t);
        trace_.seed_amount += value - carried.value;
        hop = 1;
      } else if (carried.traced > 0 && paid > 0) {
        traced_share = std::min(1.0, carried.traced / paid);
        value = carried.value;
        hop = carried.min_hop + 1;
      }
      if (traced_share > 0) {
        sender->sent += value;
        trace_.record(t, traced_share * tx_.amount[t], value, hop);
      }
    }
    AccountState* receiver = nullptr;
    if (traced_share > 0) {
      receiver = &trace_.state(to);  // may move states: the sender is re-found below
      if (!receiver->active) activate(*receiver, t);
    } else {
      receiver = trace_.active(to);
    }
    if (receiver) credit(*receiver, t, traced_share, value, hop);
    for (VertexId v : {from, to}) {
      if (AccountState* s = trace_.active(v)) {
        if (!s->ledger.holds_marked()) {
          s->active = false;  // positions stay; activate() catches up from them
        } else {
          schedule(*s);
        }
      }
      if (from == to) break;
    }
  }

  void credit(AccountState& receiver, TxIndex t, Amount traced_share, Amount value,
              std::uint32_t hop) {
    const Amount received = trace_.valuation.received_in_ledger(t);
    TracedCargo cargo;
    if (traced_share > 0) {
      // Without a window no rule looks at arrival times: leaving them at 0 lets haircut merge
      // the lots of one hop.
      cargo.arrival = trace_.options.window ? tx_.timestamp[t] : 0;
      cargo.traced = std::min(traced_share * received, received);
      cargo.value = value * trace_.valuation.value_ratio(t);
      cargo.hop = cargo.traced > 0 ? hop : 0;
      trace_.fees += value - cargo.value;
      trace_.reach(receiver, cargo.value, hop);
      if (!receiver.ledger.holds_marked()) receiver.wake_valid = false;
    }
    receiver.ledger.credit(received, cargo);
    ++receiver.in_pos;
  }

  ForwardTraceState& trace_;
  const TransactionTable& tx_;
  FreezeRule rule_;
  bool fifo_;
};

}  // namespace

void validate_trace_options(const TraceOptions& options) {
  if (options.max_hops == 0) throw TraceError("max_hops", "must be at least 1");
  if (options.window && *options.window <= 0) throw TraceError("window", "must be positive");
  if (!(options.min_amount >= 0)) throw TraceError("min_amount", "must be at least 0");
}

ForwardTraceResult trace_forward(const TraceContext& context, std::span<const TxIndex> seeds,
                                 const TraceOptions& options) {
  validate_trace_options(options);
  if (seeds.empty()) throw TraceError("a trace needs at least one seed transaction");
  for (TxIndex t : seeds) {
    if (t >= context.graph().num_transactions()) throw TraceError("seed transaction out of range");
  }
  ForwardTraceState trace(context, seeds, options);
  if (options.policy == TracePolicy::poison) {
    run_poison(trace);
  } else {
    LedgerTrace(trace).run();
  }
  return trace.finish();
}

std::vector<ForwardTraceResult> trace_forward_batch(
    const TraceContext& context, const std::vector<std::vector<TxIndex>>& seed_sets,
    const TraceOptions& options, int threads) {
  validate_trace_options(options);
  std::vector<ForwardTraceResult> results(seed_sets.size());
  std::vector<std::exception_ptr> errors(seed_sets.size());
  // Each worker takes the next set (traces differ in cost by orders of magnitude); every result
  // has its own slot, so the order and the results do not depend on the thread count. Plain
  // threads rather than OpenMP: their start and join are what ThreadSanitizer can see.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < seed_sets.size();) {
      try {
        results[i] = trace_forward(context, seed_sets[i], options);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t wanted = threads > 0 ? static_cast<std::size_t>(threads)
                                         : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min(wanted, seed_sets.size()); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace moneytrail
