// One account's holdings during a forward trace, as lots of money that arrived together, and the
// policy that decides which lots a debit takes. Under haircut and the tainted-first/last rules
// untraced money is fungible and kept as one pool; under fifo and lifo its position in the queue
// matters, so untraced lots stay in the queue (adjacent ones merged).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "algorithms/tracing/trace_types.h"

namespace moneytrail {

struct TraceLot {
  Amount amount = 0;  // ledger units
  Amount traced = 0;  // ledger units, at most amount
  Amount value = 0;   // the traced part's value in the trace currency
  Timestamp arrival = 0;
  std::uint32_t hop = 0;  // hop of the transaction that brought it (0: untraced)
};

/// When a lot's traced part stops travelling: it made max_hops hops, or it sat longer than the
/// window before the debit that takes it.
struct FreezeRule {
  std::uint32_t max_hops = kUnlimitedHops;
  std::optional<Timestamp> window;
  bool frozen(const TraceLot& lot, Timestamp now) const {
    return lot.hop >= max_hops || (window && now - lot.arrival > *window);
  }
};

struct DebitOutcome {
  Amount traced = 0;  // traced part carried on, ledger units
  Amount value = 0;   // its value in the trace currency
  std::uint32_t min_hop = std::numeric_limits<std::uint32_t>::max();  // of the lots it carries
  Amount unfunded = 0;  // the part of the debit the ledger could not cover
};

class ForwardLedger {
 public:
  /// Two amounts closer than this, relative, are equal: a debit of a whole lot or balance takes
  /// all of it instead of leaving a rounding residue behind.
  static constexpr double kRelativeEpsilon = 1e-12;

  /// `window_used`: lots keep their arrival times apart (haircut merges them otherwise).
  ForwardLedger(TracePolicy policy, Amount opening_balance, bool window_used = false);

  void credit(const TraceLot& lot);
  DebitOutcome debit(Amount amount, Timestamp now, const FreezeRule& rule);

  /// True while a lot with a traced part remains (frozen parts do not count: they never move).
  bool holds_traced() const { return traced_lots_ > 0; }
  Amount balance() const { return balance_; }
  /// Value of the traced money held: in lots plus frozen parts of lots that left.
  Amount held_value() const;
  /// Replaces every lot by one untraced lot of `balance` (the account holds no traced lot); the
  /// frozen value stays.
  void reset_untraced(Amount balance);

  /// fifo: the money queued ahead of the first traced lot (the whole balance when none).
  Amount untraced_ahead() const;
  /// fifo, for debits that add up to less than untraced_ahead(): what a run of transactions does
  /// to the ledger when none of its debits reaches a traced lot. The debits take from the front
  /// untraced lots and the credits queue behind as one untraced lot, exactly as they would one by
  /// one: so a trace can skip an account's transactions until a debit reaches traced money.
  void skip_untraced(Amount debits, Amount credits, Timestamp now);

 private:
  bool pools_untraced() const {
    return policy_ != TracePolicy::fifo && policy_ != TracePolicy::lifo;
  }
  // Takes up to `wanted` from lot `lot`; returns what it took.
  Amount take(TraceLot& lot, Amount wanted, Timestamp now, const FreezeRule& rule,
              DebitOutcome& outcome);
  Amount take_untraced_pool(Amount wanted);
  void take_haircut(Amount amount, Timestamp now, const FreezeRule& rule, DebitOutcome& outcome);
  void drop_front_consumed();

  TracePolicy policy_;
  std::vector<TraceLot> lots_;  // arrival order; [head_, size) are live
  std::size_t head_ = 0;
  Amount untraced_ = 0;  // pooled untraced money (not fifo/lifo)
  Amount balance_ = 0;
  Amount frozen_value_ = 0;
  std::uint32_t traced_lots_ = 0;
  bool merge_by_hop_ = true;  // haircut without a window: lots of one hop are interchangeable
};

}  // namespace moneytrail
