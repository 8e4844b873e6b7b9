// One account's holdings during a trace, as lots of money that arrived together, and the rule
// each attribution policy uses to decide which lots a debit takes. Written once for both
// directions and parameterised by what a lot carries (its Cargo): going forward, a traced share
// with its value and hop (TracedCargo, forward_state.h); going backward, the credit the lot came
// from (OriginCargo, backward_trace.cpp).
//
// A Cargo is a small value type with:
//   bool marked() const;                  forward: carries traced money; backward: came by transfer
//   Amount marked_amount(Amount) const;   the marked part of a lot of that amount
//   Cargo split(double share);            removes that share of what it carries and returns it
//   bool merge(const Cargo&);             absorbs another when no policy can tell them apart
//   bool same_arrival(const Cargo&) const;
// A default-constructed Cargo is unmarked (untraced money; backward: the opening balance).
//
// Marked lots leave first under tainted_first and last under tainted_last. Where a lot's place in
// the queue does not matter (haircut, tainted_first/last), unmarked money is fungible and kept as
// one pool; under fifo and lifo it stays in the queue, adjacent unmarked lots merged.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include "algorithms/tracing/ledger_balance.h"
#include "algorithms/tracing/trace_types.h"

namespace moneytrail {

template <class Cargo>
class LotLedger {
 public:
  struct Lot {
    Amount amount = 0;  // ledger units
    Cargo cargo;
  };

  explicit LotLedger(TracePolicy policy, Amount opening = 0) : policy_(policy) { reset(opening); }

  /// Replaces every lot by one unmarked lot of `balance`.
  void reset(Amount balance) {
    lots_.clear();
    head_ = 0;
    marked_lots_ = 0;
    pool_ = 0;
    balance_ = LedgerBalance(balance);
    if (pools_unmarked()) {
      pool_ = balance_.value;
    } else if (balance_.value > 0) {
      lots_.push_back({balance_.value, Cargo{}});
    }
  }

  void credit(Amount amount, const Cargo& cargo) {
    if (amount <= 0) return;
    balance_.credit(amount);
    if (pools_unmarked()) {
      const Amount marked = cargo.marked() ? cargo.marked_amount(amount) : 0;
      pool_ += amount - marked;
      if (marked <= 0) return;
      if (policy_ != TracePolicy::haircut || !merge_into_lot(marked, cargo)) push(marked, cargo);
      return;
    }
    if (!cargo.marked() && lots_.size() > head_ && !lots_.back().cargo.marked()) {
      lots_.back().amount += amount;  // unmarked lots next to each other are one
      return;
    }
    push(amount, cargo);
  }

  /// Takes `amount` under the policy, calling take(piece, amount_taken) for each part of a lot
  /// it takes (a piece of an unmarked pool is a default Cargo). A debit of (about) the whole
  /// balance takes every lot whole, whatever rounding left in the balance. Returns the unfunded
  /// part: what the ledger could not cover.
  template <class Take>
  Amount debit(Amount amount, Take&& take) {
    if (amount <= 0) return 0;
    const bool everything = takes_all(amount, balance_.value);
    take_lots(amount, everything, take);
    const Amount unfunded = balance_.debit(amount);
    if (everything) clear();
    return unfunded;
  }
  /// Takes everything the ledger holds.
  template <class Take>
  void debit_all(Take&& take) {
    take_lots(balance_.value, true, take);
    balance_.debit(balance_.value);
    clear();
  }

  Amount balance() const { return balance_.value; }
  /// True while a marked lot remains.
  bool holds_marked() const { return marked_lots_ > 0; }
  /// The lots held, in arrival order (consumed ones have amount 0).
  std::span<const Lot> lots() const { return std::span(lots_).subspan(head_); }

  /// fifo: the money queued ahead of the first marked lot (the whole balance when none).
  Amount unmarked_ahead() const {
    Amount ahead = 0;
    for (std::size_t i = head_; i < lots_.size() && !lots_[i].cargo.marked(); ++i)
      ahead += lots_[i].amount;
    return ahead;
  }
  /// fifo, for debits that add up to less than unmarked_ahead(): what a run of transactions does
  /// to the ledger when none of its debits reaches a marked lot. The debits take from the front
  /// unmarked lots and the credits queue behind as one unmarked lot, exactly as they would one by
  /// one: so a trace can skip an account's transactions until a debit reaches marked money.
  void skip_unmarked(Amount debits, Amount credits) {
    if (debits > 0) {
      auto ignore = [](const Cargo&, Amount) {};
      Amount remaining = debits;
      for (std::size_t i = head_; i < lots_.size() && remaining > 0 && !lots_[i].cargo.marked();
           ++i)
        remaining -= take_from(lots_[i], remaining, ignore);
      balance_.debit(debits);
      drop_consumed();
    }
    credit(credits, Cargo{});
  }

 private:
  bool pools_unmarked() const {
    return policy_ != TracePolicy::fifo && policy_ != TracePolicy::lifo;
  }

  void push(Amount amount, const Cargo& cargo) {
    lots_.push_back({amount, cargo});
    if (cargo.marked()) ++marked_lots_;
  }

  // Haircut takes the same share of every lot, so lots that arrived together and carry what no
  // rule tells apart are one.
  bool merge_into_lot(Amount amount, const Cargo& cargo) {
    for (std::size_t i = lots_.size(); i > head_; --i) {
      Lot& held = lots_[i - 1];
      if (held.amount > 0 && held.cargo.merge(cargo)) {
        held.amount += amount;
        return true;
      }
      if (!held.cargo.same_arrival(cargo)) return false;
    }
    return false;
  }

  // Takes up to `wanted` from `lot`; returns what it took.
  template <class Take>
  Amount take_from(Lot& lot, Amount wanted, Take& take) {
    if (lot.amount <= 0) return 0;
    const bool whole = takes_all(wanted, lot.amount);
    const Amount taken = whole ? lot.amount : wanted;
    if (whole) {
      take(std::as_const(lot.cargo), taken);
      if (lot.cargo.marked()) --marked_lots_;
      lot = Lot{};
    } else {
      const Cargo piece = lot.cargo.split(taken / lot.amount);
      take(piece, taken);
      lot.amount -= taken;
    }
    return taken;
  }

  template <class Take>
  Amount take_pool(Amount wanted, Take& take) {
    if (pool_ <= 0 || wanted <= 0) return 0;
    const Amount taken = takes_all(wanted, pool_) ? pool_ : wanted;
    pool_ = taken == pool_ ? 0 : pool_ - taken;
    take(Cargo{}, taken);
    return taken;
  }

  template <class Take>
  void take_lots(Amount amount, bool everything, Take& take) {
    Amount remaining = everything ? std::numeric_limits<Amount>::infinity() : amount;
    switch (policy_) {
      case TracePolicy::haircut: {
        const double share = everything || balance_.value <= 0 ? 1.0 : amount / balance_.value;
        for (std::size_t i = head_; i < lots_.size(); ++i) {
          Lot& lot = lots_[i];
          take_from(lot, everything ? lot.amount : lot.amount * share, take);
        }
        take_pool(everything ? pool_ : pool_ * share, take);
        break;
      }
      case TracePolicy::fifo:           // pool empty
      case TracePolicy::tainted_first:  // every lot marked: marked money in arrival order first
      case TracePolicy::poison:         // (keeps no ledger; as tainted_first if asked)
        for (std::size_t i = head_; i < lots_.size() && remaining > 0; ++i)
          remaining -= take_from(lots_[i], remaining, take);
        take_pool(remaining, take);
        break;
      case TracePolicy::lifo:
        for (std::size_t i = lots_.size(); i > head_ && remaining > 0; --i)
          remaining -= take_from(lots_[i - 1], remaining, take);
        break;
      case TracePolicy::tainted_last:
        remaining -= take_pool(remaining, take);
        for (std::size_t i = head_; i < lots_.size() && remaining > 0; ++i)
          remaining -= take_from(lots_[i], remaining, take);
        break;
    }
    drop_consumed();
  }

  void drop_consumed() {
    while (head_ < lots_.size() && lots_[head_].amount <= 0) ++head_;
    while (lots_.size() > head_ && lots_.back().amount <= 0) lots_.pop_back();
    if (head_ == lots_.size()) {
      lots_.clear();
      head_ = 0;
    } else if (head_ > 64 && head_ * 2 > lots_.size()) {
      lots_.erase(lots_.begin(), lots_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }

  void clear() {
    lots_.clear();
    head_ = 0;
    marked_lots_ = 0;
    pool_ = 0;
    balance_.value = 0;
  }

  TracePolicy policy_;
  std::vector<Lot> lots_;  // arrival order; [head_, size) are live
  std::size_t head_ = 0;
  Amount pool_ = 0;  // pooled unmarked money (not fifo/lifo)
  LedgerBalance balance_;
  std::uint32_t marked_lots_ = 0;
};

}  // namespace moneytrail
