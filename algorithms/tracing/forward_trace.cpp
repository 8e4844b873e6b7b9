#include "algorithms/tracing/forward_trace.h"

#include <omp.h>
#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <queue>

#include "algorithms/tracing/forward_ledger.h"
#include "algorithms/tracing/trace_paths.h"

namespace moneytrail {
namespace {

constexpr TxIndex kEnd = std::numeric_limits<TxIndex>::max();

// One account's part in a trace. Inactive accounts hold no traced lot; they are not replayed, and
// their balance is brought up to date from their transaction lists when money reaches them again.
struct AccountState {
  explicit AccountState(VertexId v, TracePolicy policy, bool window_used)
      : account(v), ledger(policy, 0, window_used) {}
  VertexId account;
  ForwardLedger ledger;
  std::uint32_t out_pos = 0;  // next positions in the account's outgoing and incoming lists
  std::uint32_t in_pos = 0;
  TxIndex next = 0;  // the event it is scheduled for
  // fifo: the first debit that can reach a traced lot; transactions before it are skipped.
  TxIndex wake = 0;
  bool wake_valid = false;
  bool active = false;
  bool opened = false;   // ledger holds the opening balance and flows up to the positions
  bool reached = false;  // received traced money
  Amount received = 0;   // trace currency
  Amount sent = 0;
  std::uint32_t first_hop = 0;
  std::uint32_t order = 0;  // order of first reach
  // poison only
  bool tainted = false;
  TxIndex tainted_at = 0;
  Timestamp last_traced_credit = 0;
  std::uint32_t hop = kUnlimitedHops;
};

class ForwardTracer {
 public:
  ForwardTracer(const TraceContext& context, std::span<const TxIndex> seeds,
                const TraceOptions& options)
      : context_(context),
        graph_(context.graph()),
        tx_(graph_.transactions()),
        options_(options),
        seeds_(seeds.begin(), seeds.end()),
        valuation_(context, tx_.currency[*std::min_element(seeds.begin(), seeds.end())]),
        rule_{options.max_hops, options.window},
        fifo_(options.policy == TracePolicy::fifo) {
    // The trace currency is the earliest seed's.
    std::sort(seeds_.begin(), seeds_.end());
    seeds_.erase(std::unique(seeds_.begin(), seeds_.end()), seeds_.end());
  }

  TraceResult run() {
    // A seed sender's ledger starts at its first seed, or earlier if traced money reaches it
    // first; each seed is an event that (re)activates its sender.
    for (TxIndex seed : seeds_) {
      AccountState& s = state(tx_.from[seed]);
      if (options_.policy == TracePolicy::poison && !s.active) activate(s, seed);
      if (options_.policy != TracePolicy::poison) events_.push({seed, s.account});
    }
    if (options_.policy == TracePolicy::poison) {
      run_poison();
    } else {
      run_ledgers();
    }
    return finish();
  }

 private:
  AccountState& state(VertexId v) {
    auto [it, added] = index_.try_emplace(v, static_cast<std::uint32_t>(states_.size()));
    if (added) states_.emplace_back(v, options_.policy, options_.window.has_value());
    return states_[it->second];
  }

  TxIndex next_event(AccountState& s) {
    if (fifo_) return wake(s);
    auto out = graph_.out_transactions(s.account);
    TxIndex next = s.out_pos < out.size() ? out[s.out_pos] : kEnd;
    if (options_.policy != TracePolicy::poison) {
      auto in = graph_.in_transactions(s.account);
      if (s.in_pos < in.size()) next = std::min(next, in[s.in_pos]);
    }
    return next;
  }

  void schedule(AccountState& s) {
    s.next = next_event(s);
    if (s.next != kEnd) events_.push({s.next, s.account});
  }

  // fifo takes the oldest money first, so an account's transactions cannot touch the traced
  // lots it holds until its debits have used up the money queued ahead of them: credits queue
  // behind, and debits before that point carry nothing traced. The trace skips them (catch_up
  // applies them in one step when the account is next touched) and wakes the account at the
  // first debit that may reach traced money (with a relative margin, so rounding wakes it early,
  // never late).
  TxIndex wake(AccountState& s) {
    if (!s.ledger.holds_traced()) return kEnd;
    if (s.wake_valid) return s.wake;
    const Amount ahead = s.ledger.untraced_ahead();
    const auto out = graph_.out_transactions(s.account);
    std::size_t k = s.out_pos;
    if (context_.running_balances_in(s.account, valuation_.trace_currency())) {
      // Running totals: the first debit whose total since out_pos comes near `ahead`.
      const Amount base = s.out_pos > 0 ? context_.debits_through(out[s.out_pos - 1]) : 0;
      const Amount threshold = base + ahead * (1 - 1e-9) - 1e-12 * base;
      k = static_cast<std::size_t>(
          std::partition_point(out.begin() + s.out_pos, out.end(),
                               [&](TxIndex d) { return context_.debits_through(d) < threshold; }) -
          out.begin());
    } else {
      Amount debits = 0;
      for (; k < out.size(); ++k) {
        debits += valuation_.paid_in_ledger(out[k]);
        if (debits >= ahead * (1 - 1e-9)) break;
      }
    }
    s.wake = k < out.size() ? out[k] : kEnd;
    s.wake_valid = true;
    return s.wake;
  }

  // fifo: applies the account's skipped transactions before `t`.
  void catch_up(AccountState& s, TxIndex t) {
    const auto out = graph_.out_transactions(s.account);
    const auto in = graph_.in_transactions(s.account);
    Amount debits = 0, credits = 0;
    if (context_.running_balances_in(s.account, valuation_.trace_currency())) {
      const auto out_end = static_cast<std::uint32_t>(
          std::lower_bound(out.begin() + s.out_pos, out.end(), t) - out.begin());
      const auto in_end = static_cast<std::uint32_t>(
          std::lower_bound(in.begin() + s.in_pos, in.end(), t) - in.begin());
      if (out_end > s.out_pos) {
        debits = context_.debits_through(out[out_end - 1]) -
                 (s.out_pos > 0 ? context_.debits_through(out[s.out_pos - 1]) : 0);
      }
      if (in_end > s.in_pos) {
        credits = context_.credits_through(in[in_end - 1]) -
                  (s.in_pos > 0 ? context_.credits_through(in[s.in_pos - 1]) : 0);
      }
      s.out_pos = out_end;
      s.in_pos = in_end;
    } else {
      while (s.out_pos < out.size() && out[s.out_pos] < t)
        debits += valuation_.paid_in_ledger(out[s.out_pos++]);
      while (s.in_pos < in.size() && in[s.in_pos] < t)
        credits += valuation_.received_in_ledger(in[s.in_pos++]);
    }
    if (debits > 0 || credits > 0) s.ledger.skip_untraced(debits, credits, tx_.timestamp[t]);
  }

  // Brings the account's ledger up to transaction `t` (exclusive) and starts replaying it.
  void activate(AccountState& s, TxIndex t) {
    s.wake_valid = false;
    auto out = graph_.out_transactions(s.account);
    auto in = graph_.in_transactions(s.account);
    if (options_.policy == TracePolicy::poison) {
      s.out_pos =
          static_cast<std::uint32_t>(std::lower_bound(out.begin(), out.end(), t) - out.begin());
      s.active = true;
      schedule(s);
      return;
    }
    if (const auto known = context_.balance_before(s.account, t, valuation_.trace_currency())) {
      s.out_pos =
          static_cast<std::uint32_t>(std::lower_bound(out.begin(), out.end(), t) - out.begin());
      s.in_pos = static_cast<std::uint32_t>(std::lower_bound(in.begin(), in.end(), t) - in.begin());
      s.opened = true;
      s.ledger.reset_untraced(*known);
      s.active = true;
      schedule(s);
      return;
    }
    Amount balance = s.opened ? s.ledger.balance() : valuation_.opening_balance(s.account);
    s.opened = true;
    // In processing order, because a ledger never goes below zero: a debit beyond a stated
    // opening balance is unfunded, not a debt later credits pay back.
    while (true) {
      const TxIndex next_out = s.out_pos < out.size() && out[s.out_pos] < t ? out[s.out_pos] : kEnd;
      const TxIndex next_in = s.in_pos < in.size() && in[s.in_pos] < t ? in[s.in_pos] : kEnd;
      if (next_out == kEnd && next_in == kEnd) break;
      if (next_out <= next_in) {
        balance -= valuation_.paid_in_ledger(next_out);
        ++s.out_pos;
        if (balance < 0) {
          unfunded_ -= balance;
          balance = 0;
        }
      } else {
        balance += valuation_.received_in_ledger(next_in);
        ++s.in_pos;
      }
    }
    s.ledger.reset_untraced(balance);
    s.active = true;
    schedule(s);
  }

  void maybe_deactivate(AccountState& s) {
    if (s.ledger.holds_traced()) return;
    s.active = false;  // positions stay; activate() catches up from them
  }

  bool is_seed(TxIndex t) const { return std::binary_search(seeds_.begin(), seeds_.end(), t); }
  bool past_until(TxIndex t) const {
    return options_.until != kNoTime && tx_.timestamp[t] > options_.until;
  }

  void reach(AccountState& r, Amount value, std::uint32_t hop) {
    if (!r.reached) {
      r.reached = true;
      r.first_hop = hop;
      r.order = reached_count_++;
    }
    r.first_hop = std::min(r.first_hop, hop);
    r.received += value;
  }

  void record(TxIndex t, Amount traced, Amount value, std::uint32_t hop) {
    traced_.push_back({t, traced, hop, value});
    max_hop_ = std::max(max_hop_, hop);
  }

  void run_ledgers() {
    TxIndex last = kEnd;
    while (!events_.empty()) {
      const auto [t, v] = events_.top();
      events_.pop();
      if (t == last) continue;
      if (past_until(t)) break;
      AccountState& owner = states_[index_.at(v)];
      const bool live = owner.active && owner.next == t;
      if (!live && !(is_seed(t) && tx_.from[t] == v)) continue;  // stale entry
      last = t;
      process(t);
    }
  }

  void process(TxIndex t) {
    const VertexId from = tx_.from[t];
    const VertexId to = tx_.to[t];
    const Timestamp now = tx_.timestamp[t];
    if (is_seed(t)) {
      AccountState& s = state(from);
      if (!s.active) activate(s, t);
    }
    if (fifo_) {
      for (VertexId v : {from, to}) {
        auto it = index_.find(v);
        if (it != index_.end() && states_[it->second].active) catch_up(states_[it->second], t);
      }
    }
    AccountState* sender = nullptr;
    if (auto it = index_.find(from); it != index_.end() && states_[it->second].active) {
      sender = &states_[it->second];
    }
    Amount traced_share = 0;  // of the paid amount
    Amount value = 0;
    std::uint32_t hop = 0;
    if (sender) {
      const Amount paid = valuation_.paid_in_ledger(t);
      const DebitOutcome outcome = sender->ledger.debit(paid, now, rule_);
      unfunded_ += outcome.unfunded;
      ++sender->out_pos;
      if (t >= sender->wake || outcome.traced > 0) sender->wake_valid = false;
      if (is_seed(t)) {
        traced_share = 1;
        value = valuation_.value_of_paid(t);
        seed_amount_ += value - outcome.value;
        hop = 1;
      } else if (outcome.traced > 0 && paid > 0) {
        traced_share = std::min(1.0, outcome.traced / paid);
        value = outcome.value;
        hop = outcome.min_hop + 1;
      }
    }
    AccountState* receiver = nullptr;
    if (traced_share > 0) {
      sender->sent += value;
      record(t, traced_share * tx_.amount[t], value, hop);
      receiver = &state(to);  // may move states_: sender is not used below
      if (!receiver->active) activate(*receiver, t);
    } else if (auto it = index_.find(to); it != index_.end() && states_[it->second].active) {
      receiver = &states_[it->second];
    }
    if (receiver) {
      const Amount received = valuation_.received_in_ledger(t);
      TraceLot lot{received, 0, 0, now, 0};
      if (traced_share > 0) {
        lot.traced = traced_share * received;
        lot.value = value * valuation_.value_ratio(t);
        lot.hop = hop;
        fees_ += value - lot.value;
        reach(*receiver, lot.value, hop);
        if (!receiver->ledger.holds_traced()) receiver->wake_valid = false;
      }
      receiver->ledger.credit(lot);
      ++receiver->in_pos;
    }
    // Re-find both: state() may have grown states_.
    for (VertexId v : {from, to}) {
      auto it = index_.find(v);
      if (it == index_.end()) continue;
      AccountState& s = states_[it->second];
      if (!s.active) continue;
      maybe_deactivate(s);
      if (s.active) schedule(s);
      if (from == to) break;
    }
  }

  // Poison: no ledgers; an account is tainted from its first traced credit on.
  void run_poison() {
    TxIndex last = kEnd;
    while (!events_.empty()) {
      const auto [t, v] = events_.top();
      events_.pop();
      if (t == last) continue;
      AccountState& owner = states_[index_.at(v)];
      if (next_event(owner) != t) continue;
      if (past_until(t)) break;
      last = t;
      ++owner.out_pos;
      const Timestamp now = tx_.timestamp[t];
      bool traced = false;
      std::uint32_t hop = 1;
      if (is_seed(t)) {
        traced = true;
        seed_amount_ += valuation_.value_of_paid(t);
      } else if (owner.tainted && t > owner.tainted_at && owner.hop < options_.max_hops &&
                 (!options_.window || now - owner.last_traced_credit <= *options_.window)) {
        traced = true;
        hop = owner.hop + 1;
      }
      const std::uint32_t owner_index = index_.at(v);
      if (traced) {
        const Amount value = poison_value(t);
        states_[owner_index].sent += value;
        record(t, tx_.amount[t], value, hop);
        AccountState& r = state(tx_.to[t]);  // may move states_: owner is re-found below
        reach(r, value * valuation_.value_ratio(t), hop);
        r.hop = std::min(r.hop, hop);
        r.last_traced_credit = now;
        if (!r.tainted) {
          r.tainted = true;
          r.tainted_at = t;
        }
        // From now on every debit of r counts; a seed sender waiting for its first seed may
        // have to start earlier.
        auto out = graph_.out_transactions(r.account);
        const auto after =
            static_cast<std::uint32_t>(std::upper_bound(out.begin(), out.end(), t) - out.begin());
        if (!r.active || after < r.out_pos) {
          r.out_pos = after;
          r.active = true;
          schedule(r);
        }
      }
      schedule(states_[owner_index]);
    }
  }

  // Poison reports amounts in the trace currency where rates allow, else NaN (reach only).
  Amount poison_value(TxIndex t) const {
    try {
      return valuation_.value_of_paid(t);
    } catch (const TraceError&) {
      return std::numeric_limits<Amount>::quiet_NaN();
    }
  }

  TraceResult finish() {
    TraceResult result;
    result.policy = options_.policy;
    result.direction = TraceDirection::forward;
    result.seeds = seeds_;
    result.currency = std::string(graph_.currencies()[valuation_.trace_currency()]);
    const bool poison = options_.policy == TracePolicy::poison;
    TraceSummary& summary = result.summary;
    summary.seed_amount = seed_amount_;
    summary.fees = poison ? std::numeric_limits<Amount>::quiet_NaN() : fees_;
    summary.unfunded = unfunded_;
    summary.transactions_traced = traced_.size();
    summary.max_hop = max_hop_;
    Amount held_total = 0;
    std::vector<const AccountState*> reached;
    for (const AccountState& s : states_) {
      if (!poison) held_total += s.ledger.held_value();
      if (s.reached) reached.push_back(&s);
    }
    summary.held = poison ? std::numeric_limits<Amount>::quiet_NaN() : held_total;
    summary.accounts_reached = reached.size();
    std::sort(reached.begin(), reached.end(),
              [](const AccountState* a, const AccountState* b) { return a->order < b->order; });
    for (const AccountState* s : reached) {
      const Amount held =
          poison ? std::numeric_limits<Amount>::quiet_NaN() : s->ledger.held_value();
      result.accounts.push_back({s->account, s->received, s->sent, held, s->first_hop});
      const AccountKind kind = graph_.accounts().kind[s->account];
      const bool cash_out = is_cash_out_kind(kind);
      const bool sink = graph_.out_degree(s->account) == 0;
      const EndpointStatus status = cash_out ? EndpointStatus::cashed_out
                                    : sink   ? EndpointStatus::left_data
                                             : EndpointStatus::held;
      if (poison) {
        if (status != EndpointStatus::held) {
          result.endpoints.push_back({s->account, status, s->received, s->first_hop});
        }
      } else if (held > 0) {
        result.endpoints.push_back({s->account, status, held, s->first_hop});
      }
    }
    std::stable_sort(result.endpoints.begin(), result.endpoints.end(),
                     [](const TraceEndpoint& a, const TraceEndpoint& b) {
                       return a.amount > b.amount;  // NaN sorts nowhere in particular
                     });
    if (options_.paths > 0) {
      result.paths = widest_trace_paths(graph_, traced_, seeds_, result.endpoints, options_.paths);
    }
    for (const TracedTransaction& t : traced_) {
      if (t.traced >= options_.min_amount) result.transactions.push_back(t);
    }
    return result;
  }

  const TraceContext& context_;
  const TransactionGraph& graph_;
  const TransactionTable& tx_;
  const TraceOptions& options_;
  std::vector<TxIndex> seeds_;
  TraceValuation valuation_;
  FreezeRule rule_;
  bool fifo_;
  std::vector<AccountState> states_;
  tsl::robin_map<VertexId, std::uint32_t> index_;
  std::priority_queue<std::pair<TxIndex, VertexId>, std::vector<std::pair<TxIndex, VertexId>>,
                      std::greater<>>
      events_;
  std::vector<TracedTransaction> traced_;
  Amount seed_amount_ = 0;
  Amount fees_ = 0;
  Amount unfunded_ = 0;
  std::uint32_t max_hop_ = 0;
  std::uint32_t reached_count_ = 0;
};

}  // namespace

void validate_trace_options(const TraceOptions& options) {
  if (options.max_hops == 0) throw TraceError("max_hops", "must be at least 1");
  if (options.window && *options.window <= 0) throw TraceError("window", "must be positive");
  if (!(options.min_amount >= 0)) throw TraceError("min_amount", "must be at least 0");
}

TraceResult trace_forward(const TraceContext& context, std::span<const TxIndex> seeds,
                          const TraceOptions& options) {
  validate_trace_options(options);
  if (seeds.empty()) throw TraceError("a trace needs at least one seed transaction");
  for (TxIndex t : seeds) {
    if (t >= context.graph().num_transactions()) throw TraceError("seed transaction out of range");
  }
  return ForwardTracer(context, seeds, options).run();
}

std::vector<TraceResult> trace_forward_batch(const TraceContext& context,
                                             const std::vector<std::vector<TxIndex>>& seed_sets,
                                             const TraceOptions& options, int threads) {
  validate_trace_options(options);
  std::vector<TraceResult> results(seed_sets.size());
  std::vector<std::exception_ptr> errors(seed_sets.size());
  const int n = static_cast<int>(seed_sets.size());
#pragma omp parallel for schedule(dynamic, 1) \
    num_threads(threads > 0 ? threads : omp_get_max_threads())
  for (int i = 0; i < n; ++i) {
    try {
      results[i] = trace_forward(context, seed_sets[i], options);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  }
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  return results;
}

}  // namespace moneytrail
