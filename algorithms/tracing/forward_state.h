// What a forward trace keeps while it runs, shared by its two engines (forward_trace.cpp replays
// ledgers; poison_trace.cpp only follows taint): each reached account's state, the event queue in
// processing order, the traced transactions and the sums, and the result they make.
#pragma once

#include <tsl/robin_map.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <queue>
#include <span>
#include <vector>

#include "algorithms/tracing/lot_ledger.h"
#include "algorithms/tracing/trace_context.h"
#include "algorithms/tracing/trace_types.h"

namespace moneytrail::forward_detail {

inline constexpr TxIndex kEnd = std::numeric_limits<TxIndex>::max();

/// What a forward lot carries: the traced part of its money and that part's value.
struct TracedCargo {
  Amount traced = 0;      // ledger units, at most the lot's amount
  Amount value = 0;       // the traced part's value in the trace currency
  Timestamp arrival = 0;  // 0 when no window is set: then no rule looks at it
  std::uint32_t hop = 0;  // hop of the transaction that brought it (0: untraced)

  bool marked() const { return hop > 0; }
  Amount marked_amount(Amount) const { return traced; }
  TracedCargo split(double share) {
    const TracedCargo piece{traced * share, value * share, arrival, hop};
    traced -= piece.traced;
    value -= piece.value;
    return piece;
  }
  bool merge(const TracedCargo& other) {
    if (hop != other.hop || arrival != other.arrival) return false;
    traced += other.traced;
    value += other.value;
    return true;
  }
  bool same_arrival(const TracedCargo& other) const { return arrival == other.arrival; }
};
using ForwardLedger = LotLedger<TracedCargo>;

/// When a lot's traced part stops travelling: it made max_hops hops, or it sat longer than the
/// window before the debit that takes it.
struct FreezeRule {
  std::uint32_t max_hops = kUnlimitedHops;
  std::optional<Timestamp> window;
  bool frozen(const TracedCargo& lot, Timestamp now) const {
    return lot.hop >= max_hops || (window && now - lot.arrival > *window);
  }
};

/// One account's part in a trace. Inactive accounts hold no traced lot; they are not replayed, and
/// their balance is brought up to date from their transaction lists when money reaches them again.
struct AccountState {
  AccountState(VertexId v, TracePolicy policy) : account(v), ledger(policy) {}
  VertexId account;
  ForwardLedger ledger;
  Amount frozen_value = 0;    // traced money that stopped here (max_hops or window) and left
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

  /// Value of the traced money held: in lots, plus what froze here.
  Amount held_value() const;
};

class ForwardTraceState {
 public:
  ForwardTraceState(const TraceContext& context, std::span<const TxIndex> seeds,
                    const TraceOptions& options);

  const TraceContext& context;
  const TransactionGraph& graph;
  const TransactionTable& tx;
  const TraceOptions& options;
  std::vector<TxIndex> seeds;  // sorted, distinct
  TraceValuation valuation;    // in the earliest seed's currency

  /// The account's state, added on first use (may move other states: re-find after).
  AccountState& state(VertexId v);
  /// The account's state when it is active, else null.
  AccountState* active(VertexId v);
  AccountState& at(VertexId v) { return states_[index_.at(v)]; }

  bool is_seed(TxIndex t) const { return std::binary_search(seeds.begin(), seeds.end(), t); }
  bool past_until(TxIndex t) const {
    return options.until != kNoTime && tx.timestamp[t] > options.until;
  }

  void push_event(TxIndex t, VertexId v) { events_.push({t, v}); }
  bool has_event() const { return !events_.empty(); }
  std::pair<TxIndex, VertexId> pop_event() {
    const auto top = events_.top();
    events_.pop();
    return top;
  }

  /// Counts traced money of `value` arriving at `r` after `hop` hops.
  void reach(AccountState& r, Amount value, std::uint32_t hop);
  /// Lists a transaction that carried traced money.
  void record(TxIndex t, Amount traced, Amount value, std::uint32_t hop);

  Amount seed_amount = 0;
  Amount fees = 0;
  Amount unfunded = 0;

  ForwardTraceResult finish();

 private:
  std::vector<AccountState> states_;
  tsl::robin_map<VertexId, std::uint32_t> index_;
  std::priority_queue<std::pair<TxIndex, VertexId>, std::vector<std::pair<TxIndex, VertexId>>,
                      std::greater<>>
      events_;
  std::vector<TracedTransaction> traced_;
  std::uint32_t max_hop_ = 0;
  std::uint32_t reached_count_ = 0;
};

/// Poison: no ledgers; an account is tainted from its first traced credit on.
void run_poison(ForwardTraceState& trace);

}  // namespace moneytrail::forward_detail
