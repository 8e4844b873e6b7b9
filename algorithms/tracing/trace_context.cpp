#include "algorithms/tracing/trace_context.h"

#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>

#include "algorithms/tracing/ledger_balance.h"

namespace moneytrail {

TraceContext::TraceContext(const TransactionGraph& graph)
    : graph_(graph),
      currency_(graph.num_accounts(), kNoCurrency),
      mixed_(graph.num_accounts(), false),
      opening_(graph.num_accounts(), 0) {
  const TransactionTable& tx = graph.transactions();
  rate_series_.assign(graph.currencies().size(), nullptr);
  for (const auto& [name, points] : graph.rates().series()) {
    if (auto c = graph.currencies().find(name); c && !points.empty()) rate_series_[*c] = &points;
  }
  // The rates' base: a currency whose every rate is 1.
  for (std::uint16_t c = 0; c < rate_series_.size() && base_ == kNoCurrency; ++c) {
    if (rate_series_[c] &&
        std::all_of(rate_series_[c]->begin(), rate_series_[c]->end(),
                    [](const RateObservation& p) { return p.rate_to_base == 1.0; })) {
      base_ = c;
    }
  }
  std::vector<bool> unconvertible(graph.num_accounts(), false);
  auto note_currency = [&](VertexId v, std::uint16_t c) {
    if (currency_[v] == kNoCurrency) {
      currency_[v] = c;
    } else if (currency_[v] != c) {
      mixed_[v] = true;
    }
    if (c >= rate_series_.size() || !rate_series_[c]) unconvertible[v] = true;
  };
  for (TxIndex t = 0; t < tx.size(); ++t) {
    note_currency(tx.from[t], tx.currency[t]);
    note_currency(tx.to[t], tx.received_currency[t]);
  }
  // Mixed accounts keep their running balances in the base currency when every currency they
  // use has rates; traces in the base currency (the usual case) then use them like any other.
  in_base_.assign(graph.num_accounts(), false);
  for (VertexId v = 0; v < graph.num_accounts(); ++v)
    in_base_[v] = mixed_[v] && base_ != kNoCurrency && !unconvertible[v];
  auto paid = [&](TxIndex t) {
    return in_base_[tx.from[t]] ? tx.amount[t] * *rate(tx.currency[t], tx.timestamp[t])
                                : tx.amount[t];
  };
  auto received = [&](TxIndex t) {
    return in_base_[tx.to[t]]
               ? tx.received_amount[t] * *rate(tx.received_currency[t], tx.timestamp[t])
               : tx.received_amount[t];
  };
  // Opening balances: the stated ones, else the smallest that keeps the running balance from
  // going negative (mixed accounts without base units are redone per trace in the trace
  // currency, TraceValuation::opening_balance).
  {
    std::vector<LowestBalance> lowest(graph.num_accounts());
    for (TxIndex t = 0; t < tx.size(); ++t) {
      lowest[tx.from[t]].debit(paid(t));
      lowest[tx.to[t]].credit(received(t));
    }
    const AccountTable& accounts = graph.accounts();
    for (VertexId v = 0; v < graph.num_accounts(); ++v) {
      opening_[v] =
          accounts.has_opening_balance(v) ? accounts.opening_balance[v] : lowest[v].opening();
    }
  }
  // Running balances as a trace's ledger keeps them (LedgerBalance), and running totals.
  after_debit_.assign(tx.size(), 0);
  after_credit_.assign(tx.size(), 0);
  debits_through_.assign(tx.size(), 0);
  credits_through_.assign(tx.size(), 0);
  std::vector<Amount> debited(graph.num_accounts(), 0);  // running totals per account
  std::vector<Amount> credited(graph.num_accounts(), 0);
  std::vector<LedgerBalance> balance;
  balance.reserve(graph.num_accounts());
  for (VertexId v = 0; v < graph.num_accounts(); ++v) balance.emplace_back(opening_[v]);
  for (TxIndex t = 0; t < tx.size(); ++t) {
    const Amount paid_units = paid(t);
    const Amount received_units = received(t);
    debits_through_[t] = debited[tx.from[t]] += paid_units;
    credits_through_[t] = credited[tx.to[t]] += received_units;
    LedgerBalance& from = balance[tx.from[t]];
    from.debit(paid_units);
    after_debit_[t] = from.value;
    LedgerBalance& to = balance[tx.to[t]];
    to.credit(received_units);
    after_credit_[t] = to.value;
  }
}

std::optional<Amount> TraceContext::balance_before(VertexId v, TxIndex t,
                                                   std::uint16_t trace_currency) const {
  if (!running_balances_in(v, trace_currency)) return std::nullopt;
  auto out = graph_.out_transactions(v);
  auto in = graph_.in_transactions(v);
  const auto out_it = std::lower_bound(out.begin(), out.end(), t);
  const auto in_it = std::lower_bound(in.begin(), in.end(), t);
  const TxIndex last_out = out_it == out.begin() ? 0 : *std::prev(out_it);
  const TxIndex last_in = in_it == in.begin() ? 0 : *std::prev(in_it);
  const bool has_out = out_it != out.begin();
  const bool has_in = in_it != in.begin();
  if (!has_out && !has_in) return std::max<Amount>(opening_[v], 0);
  // A self-transfer is in both lists: its credit came after its debit.
  if (has_in && (!has_out || last_in >= last_out)) return after_credit_[last_in];
  return after_debit_[last_out];
}

std::optional<double> TraceContext::rate(std::uint16_t currency, Timestamp t) const {
  if (currency >= rate_series_.size() || !rate_series_[currency]) return std::nullopt;
  const auto& points = *rate_series_[currency];
  auto after =
      std::upper_bound(points.begin(), points.end(), t,
                       [](Timestamp time, const RateObservation& p) { return time < p.time; });
  return after == points.begin() ? points.front().rate_to_base : std::prev(after)->rate_to_base;
}

std::vector<TxIndex> TraceContext::account_debits(VertexId account, Timestamp since,
                                                  Timestamp until) const {
  std::vector<TxIndex> debits;
  for (TxIndex t : graph_.out_transactions(account)) {
    const Timestamp time = graph_.transactions().timestamp[t];
    if ((since == kNoTime || time >= since) && (until == kNoTime || time <= until)) {
      debits.push_back(t);
    }
  }
  return debits;
}

TraceValuation::TraceValuation(const TraceContext& context, std::uint16_t trace_currency)
    : context_(context), graph_(context.graph()), trace_currency_(trace_currency) {}

Amount TraceValuation::convert(Amount amount, std::uint16_t currency, std::uint16_t target,
                               Timestamp t, VertexId account) const {
  if (currency == target) return amount;
  const auto from_rate = context_.rate(currency, t);
  const auto to_rate = context_.rate(target, t);
  if (!from_rate || !to_rate) {
    throw TraceError("account '" + std::string(graph_.account_id(account)) + "' has flows in " +
                     std::string(graph_.currencies()[currency]) + " and " +
                     std::string(graph_.currencies()[target]) +
                     ": tracing through it needs --rates with both currencies");
  }
  return amount * *from_rate / *to_rate;
}

Amount TraceValuation::paid_in_ledger(TxIndex t) const {
  const TransactionTable& tx = graph_.transactions();
  const VertexId from = tx.from[t];
  return convert(tx.amount[t], tx.currency[t], ledger_currency(from), tx.timestamp[t], from);
}

Amount TraceValuation::received_in_ledger(TxIndex t) const {
  const TransactionTable& tx = graph_.transactions();
  const VertexId to = tx.to[t];
  return convert(tx.received_amount[t], tx.received_currency[t], ledger_currency(to),
                 tx.timestamp[t], to);
}

double TraceValuation::value_ratio(TxIndex t) const {
  const TransactionTable& tx = graph_.transactions();
  if (tx.amount[t] == 0) return 1;
  if (tx.currency[t] == tx.received_currency[t]) return tx.received_amount[t] / tx.amount[t];
  const auto paid_rate = context_.rate(tx.currency[t], tx.timestamp[t]);
  const auto received_rate = context_.rate(tx.received_currency[t], tx.timestamp[t]);
  if (!paid_rate || !received_rate) return 1;
  return (tx.received_amount[t] * *received_rate) / (tx.amount[t] * *paid_rate);
}

Amount TraceValuation::value_of_paid(TxIndex t) const {
  const TransactionTable& tx = graph_.transactions();
  return convert(tx.amount[t], tx.currency[t], trace_currency_, tx.timestamp[t], tx.from[t]);
}

Amount TraceValuation::opening_balance(VertexId v) {
  if (context_.running_balances_in(v, trace_currency_)) return context_.opening_balance(v);
  if (auto it = mixed_openings_.find(v); it != mixed_openings_.end()) return it->second;
  const AccountTable& accounts = graph_.accounts();
  Amount opening = 0;
  if (accounts.has_opening_balance(v)) {
    opening = accounts.opening_balance[v];  // stated in the trace currency for mixed accounts
  } else {
    LowestBalance lowest;
    std::uint32_t out_pos = 0, in_pos = 0;
    replay_account(
        graph_, v, out_pos, in_pos, std::numeric_limits<TxIndex>::max(),
        [&](TxIndex d) { lowest.debit(paid_in_ledger(d)); },
        [&](TxIndex c) { lowest.credit(received_in_ledger(c)); });
    opening = lowest.opening();
  }
  mixed_openings_.emplace(v, opening);
  return opening;
}

}  // namespace moneytrail
