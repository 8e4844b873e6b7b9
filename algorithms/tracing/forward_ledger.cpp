#include "algorithms/tracing/forward_ledger.h"

#include <algorithm>

namespace moneytrail {

ForwardLedger::ForwardLedger(TracePolicy policy, Amount opening_balance, bool window_used)
    : policy_(policy), merge_by_hop_(!window_used) {
  reset_untraced(opening_balance);
}

void ForwardLedger::reset_untraced(Amount balance) {
  lots_.clear();
  head_ = 0;
  traced_lots_ = 0;
  balance = std::max<Amount>(balance, 0);
  balance_ = balance;
  untraced_ = 0;
  if (pools_untraced()) {
    untraced_ = balance;
  } else if (balance > 0) {
    lots_.push_back({balance, 0, 0, 0, 0});
  }
}

Amount ForwardLedger::untraced_ahead() const {
  Amount ahead = 0;
  for (std::size_t i = head_; i < lots_.size() && lots_[i].hop == 0; ++i) ahead += lots_[i].amount;
  return ahead;
}

void ForwardLedger::skip_untraced(Amount debits, Amount credits, Timestamp now) {
  if (debits > 0) {
    DebitOutcome unused;
    const FreezeRule no_rule;
    Amount remaining = debits;
    for (std::size_t i = head_; i < lots_.size() && remaining > 0 && lots_[i].hop == 0; ++i)
      remaining -= take(lots_[i], remaining, now, no_rule, unused);
    balance_ = std::max<Amount>(balance_ - debits, 0);
    drop_front_consumed();
  }
  if (credits > 0) credit({credits, 0, 0, now, 0});
}

Amount ForwardLedger::held_value() const {
  Amount held = frozen_value_;
  for (std::size_t i = head_; i < lots_.size(); ++i) held += lots_[i].value;
  return held;
}

void ForwardLedger::credit(const TraceLot& incoming) {
  if (incoming.amount <= 0) return;
  balance_ += incoming.amount;
  TraceLot lot = incoming;
  lot.traced = std::min(lot.traced, lot.amount);
  if (pools_untraced()) {
    // Only the traced part is a lot; the rest joins the fungible untraced pool.
    untraced_ += lot.amount - lot.traced;
    if (lot.traced <= 0) return;
    lot.amount = lot.traced;
    if (policy_ == TracePolicy::haircut) {
      // Haircut takes the same share of every lot, so lots that only differ in what no rule
      // looks at are one: same hop, and (with a window) the same arrival.
      const std::size_t first =
          merge_by_hop_ ? head_ : std::max(head_, lots_.size() - (lots_.empty() ? 0 : 1));
      for (std::size_t i = first; i < lots_.size(); ++i) {
        TraceLot& other = lots_[i];
        if (other.hop == lot.hop && (merge_by_hop_ || other.arrival == lot.arrival)) {
          other.amount += lot.amount;
          other.traced += lot.traced;
          other.value += lot.value;
          return;
        }
      }
    }
    lots_.push_back(lot);
    ++traced_lots_;
    return;
  }
  if (lot.traced <= 0) {
    lot = {lot.amount, 0, 0, lot.arrival, 0};
    if (lots_.size() > head_ && lots_.back().traced <= 0) {
      lots_.back().amount += lot.amount;  // untraced lots next to each other are one
      return;
    }
  } else {
    ++traced_lots_;
  }
  lots_.push_back(lot);
}

Amount ForwardLedger::take(TraceLot& lot, Amount wanted, Timestamp now, const FreezeRule& rule,
                           DebitOutcome& outcome) {
  const bool whole = wanted >= lot.amount * (1 - kRelativeEpsilon);
  const Amount taken = whole ? lot.amount : wanted;
  if (lot.traced > 0) {
    const double share = whole ? 1.0 : taken / lot.amount;
    const Amount traced = whole ? lot.traced : lot.traced * share;
    const Amount value = whole ? lot.value : lot.value * share;
    if (rule.frozen(lot, now)) {
      frozen_value_ += value;
    } else if (traced > 0) {
      outcome.traced += traced;
      outcome.value += value;
      outcome.min_hop = std::min(outcome.min_hop, lot.hop);
    }
    lot.traced -= traced;
    lot.value -= value;
  }
  lot.amount -= taken;
  if (whole) {
    if (lot.hop > 0) --traced_lots_;
    lot = {0, 0, 0, lot.arrival, 0};
  }
  return taken;
}

Amount ForwardLedger::take_untraced_pool(Amount wanted) {
  if (untraced_ <= 0) return 0;
  const bool whole = wanted >= untraced_ * (1 - kRelativeEpsilon);
  const Amount taken = whole ? untraced_ : wanted;
  untraced_ = whole ? 0 : untraced_ - taken;
  return taken;
}

void ForwardLedger::drop_front_consumed() {
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

void ForwardLedger::take_haircut(Amount amount, Timestamp now, const FreezeRule& rule,
                                 DebitOutcome& outcome) {
  const bool everything = amount >= balance_ * (1 - kRelativeEpsilon);
  const double share = everything ? 1.0 : amount / balance_;
  for (std::size_t i = head_; i < lots_.size(); ++i) {
    TraceLot& lot = lots_[i];
    take(lot, everything ? lot.amount : lot.amount * share, now, rule, outcome);
  }
  untraced_ = everything ? 0 : untraced_ * (1 - share);
}

DebitOutcome ForwardLedger::debit(Amount amount, Timestamp now, const FreezeRule& rule) {
  DebitOutcome outcome;
  if (amount <= 0) return outcome;
  // A debit of (about) the whole balance takes every lot whole, whatever rounding left in the
  // running balance; beyond the balance, the rest is unfunded (an opening balance too small).
  const bool everything = amount >= balance_ * (1 - kRelativeEpsilon);
  if (everything) outcome.unfunded = std::max<Amount>(amount - balance_, 0);
  Amount remaining = everything ? std::numeric_limits<Amount>::infinity() : amount;
  switch (policy_) {
    case TracePolicy::haircut:
      take_haircut(everything ? balance_ : amount, now, rule, outcome);
      break;
    case TracePolicy::fifo:
    case TracePolicy::tainted_first:
      for (std::size_t i = head_; i < lots_.size() && remaining > 0; ++i) {
        remaining -= take(lots_[i], remaining, now, rule, outcome);
      }
      if (policy_ == TracePolicy::tainted_first && remaining > 0) {
        remaining -= take_untraced_pool(remaining);
      }
      break;
    case TracePolicy::lifo:
      for (std::size_t i = lots_.size(); i > head_ && remaining > 0; --i) {
        remaining -= take(lots_[i - 1], remaining, now, rule, outcome);
      }
      break;
    case TracePolicy::tainted_last:
      remaining -= take_untraced_pool(remaining);
      for (std::size_t i = head_; i < lots_.size() && remaining > 0; ++i) {
        remaining -= take(lots_[i], remaining, now, rule, outcome);
      }
      break;
    case TracePolicy::poison:
      break;  // poison keeps no ledger
  }
  drop_front_consumed();
  if (everything) {
    lots_.clear();
    head_ = 0;
    traced_lots_ = 0;
    untraced_ = 0;
    balance_ = 0;
  } else {
    balance_ = std::max<Amount>(balance_ - amount, 0);
  }
  return outcome;
}

}  // namespace moneytrail
