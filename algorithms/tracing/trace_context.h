// What every trace on one graph shares, computed once: each account's ledger currency and its
// opening balance (the accounts file's, or the smallest that keeps its balance from going
// negative anywhere in the input), the exchange-rate series by currency, and seed lookup.
// Immutable after construction, so batch traces on several threads share one.
#pragma once

#include <tsl/robin_map.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/tracing/trace_types.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

class TraceContext {
 public:
  static constexpr std::uint16_t kNoCurrency = 0xFFFF;

  explicit TraceContext(const TransactionGraph& graph);

  const TransactionGraph& graph() const { return graph_; }
  /// True when the account pays or receives in more than one currency: its ledger then runs in
  /// the trace currency through the rates.
  bool mixed(VertexId v) const { return mixed_[v]; }
  /// The one currency of the account's flows (kNoCurrency when it has none).
  std::uint16_t currency(VertexId v) const { return currency_[v]; }
  /// True when the account's running balances below are in the units its ledger uses in a trace
  /// in `trace_currency`: always for a single-currency account (its own currency); for a mixed
  /// one when the trace runs in the rates' base currency and every currency it uses has rates.
  bool running_balances_in(VertexId v, std::uint16_t trace_currency) const {
    return !mixed_[v] || (in_base_[v] && trace_currency == base_);
  }
  /// Opening balance in those units; meaningful only when running_balances_in(v, ...).
  Amount opening_balance(VertexId v) const { return opening_[v]; }
  /// The balance just before transaction `t` (after every earlier one), as the account's ledger
  /// would hold it in a trace in `trace_currency`; nullopt when !running_balances_in. Balances do
  /// not depend on what is traced, so they are computed once for all traces.
  std::optional<Amount> balance_before(VertexId v, TxIndex t, std::uint16_t trace_currency) const;
  /// In the running balances' units (see running_balances_in): the sender's paid amounts summed
  /// over its debits up to and including `t`, and the receiver's received amounts over its
  /// credits up to and including `t`. A fifo trace skips runs of an account's transactions with
  /// them instead of visiting each.
  Amount debits_through(TxIndex t) const { return debits_through_[t]; }
  Amount credits_through(TxIndex t) const { return credits_through_[t]; }
  /// Rate of one unit of `currency` in the rates' base at time t, or nullopt without a series.
  std::optional<double> rate(std::uint16_t currency, Timestamp t) const;

  /// Every debit of `account` with since <= timestamp <= until (kNoTime: unbounded).
  std::vector<TxIndex> account_debits(VertexId account, Timestamp since, Timestamp until) const;

 private:
  const TransactionGraph& graph_;
  std::vector<std::uint16_t> currency_;
  std::vector<bool> mixed_;
  std::vector<bool> in_base_;  // mixed accounts whose running balances are in base units
  std::uint16_t base_ = kNoCurrency;
  std::vector<Amount> opening_;
  std::vector<Amount> after_debit_;      // by transaction: the sender's balance after it
  std::vector<Amount> after_credit_;     // by transaction: the receiver's balance after it
  std::vector<Amount> debits_through_;   // by transaction: the sender's paid total through it
  std::vector<Amount> credits_through_;  // by transaction: the receiver's received total
  std::vector<const std::vector<RateObservation>*> rate_series_;  // by currency symbol
};

/// Converts amounts of one trace into account ledgers' units and into the trace currency. Mixed
/// accounts' opening balances are computed on first use, in the trace currency.
class TraceValuation {
 public:
  TraceValuation(const TraceContext& context, std::uint16_t trace_currency);

  std::uint16_t trace_currency() const { return trace_currency_; }
  /// The currency an account's ledger runs in.
  std::uint16_t ledger_currency(VertexId v) const {
    return context_.mixed(v) ? trace_currency_ : context_.currency(v);
  }
  /// `amount` of `currency` at time t in `target` units; throws TraceError naming `account` when
  /// the conversion needs a rate that is missing.
  Amount convert(Amount amount, std::uint16_t currency, std::uint16_t target, Timestamp t,
                 VertexId account) const;
  /// The debit of transaction `t` in its sender's ledger units, the credit in its receiver's.
  Amount paid_in_ledger(TxIndex t) const;
  Amount received_in_ledger(TxIndex t) const;
  /// How the value of a transaction's traced part changes from the paid to the received side:
  /// received/paid within one currency (the difference is a fee); across currencies the ratio of
  /// their values at the rates of the day, or 1 without rates (the conversion's own price).
  double value_ratio(TxIndex t) const;
  /// The paid amount of `t` in the trace currency.
  Amount value_of_paid(TxIndex t) const;
  /// Opening balance in ledger units.
  Amount opening_balance(VertexId v);

 private:
  const TraceContext& context_;
  const TransactionGraph& graph_;
  std::uint16_t trace_currency_;
  tsl::robin_map<VertexId, Amount> mixed_openings_;  // computed on first use
};

}  // namespace moneytrail
