#include "algorithms/tracing/forward_state.h"

#include <cmath>

#include "algorithms/tracing/trace_paths.h"
#include "graph/currency_units.h"

namespace moneytrail::forward_detail {

Amount AccountState::held_value() const {
  Amount held = frozen_value;
  for (const ForwardLedger::Lot& lot : ledger.lots()) held += lot.cargo.value;
  return held;
}

ForwardTraceState::ForwardTraceState(const TraceContext& context_in,
                                     std::span<const TxIndex> seeds_in,
                                     const TraceOptions& options_in)
    : context(context_in),
      graph(context_in.graph()),
      tx(graph.transactions()),
      options(options_in),
      seeds(seeds_in.begin(), seeds_in.end()),
      // The trace currency is the earliest seed's.
      valuation(context_in, tx.currency[*std::min_element(seeds_in.begin(), seeds_in.end())]) {
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
}

AccountState& ForwardTraceState::state(VertexId v) {
  auto [it, added] = index_.try_emplace(v, static_cast<std::uint32_t>(states_.size()));
  if (added) states_.emplace_back(v, options.policy);
  return states_[it->second];
}

AccountState* ForwardTraceState::active(VertexId v) {
  auto it = index_.find(v);
  if (it == index_.end() || !states_[it->second].active) return nullptr;
  return &states_[it->second];
}

void ForwardTraceState::reach(AccountState& r, Amount value, std::uint32_t hop) {
  if (!r.reached) {
    r.reached = true;
    r.first_hop = hop;
    r.order = reached_count_++;
  }
  r.first_hop = std::min(r.first_hop, hop);
  r.received += value;
}

void ForwardTraceState::record(TxIndex t, Amount traced, Amount value, std::uint32_t hop) {
  traced_.push_back({t, traced, hop, value});
  max_hop_ = std::max(max_hop_, hop);
}

namespace {

EndpointStatus endpoint_status(const TransactionGraph& graph, VertexId v) {
  if (is_cash_out_kind(graph.accounts().kind[v])) return EndpointStatus::cashed_out;
  if (graph.out_degree(v) == 0) return EndpointStatus::left_data;
  return EndpointStatus::held;
}

}  // namespace

ForwardTraceResult ForwardTraceState::finish() {
  const Amount nan = std::numeric_limits<Amount>::quiet_NaN();
  const bool poison = options.policy == TracePolicy::poison;
  ForwardTraceResult result;
  result.policy = options.policy;
  result.seeds = seeds;
  result.currency = std::string(graph.currencies()[valuation.trace_currency()]);
  TraceSummary& summary = result.summary;
  summary.seed_amount = seed_amount;
  summary.fees = poison ? nan : fees;
  summary.unfunded = unfunded;
  summary.transactions_traced = traced_.size();
  summary.max_hop = max_hop_;
  Amount held_total = 0;
  std::vector<const AccountState*> reached;
  for (const AccountState& s : states_) {
    if (!poison) held_total += s.held_value();
    if (s.reached) reached.push_back(&s);
  }
  summary.held = poison ? nan : held_total;
  summary.accounts_reached = reached.size();
  std::sort(reached.begin(), reached.end(),
            [](const AccountState* a, const AccountState* b) { return a->order < b->order; });
  const Amount dust = options.dust_below.value_or(currency_dust(result.currency));
  auto endpoint = [&](const AccountState& s, EndpointStatus status, Amount amount) {
    if (amount < dust) {  // NaN is never dust
      summary.dust += amount;
      ++summary.dust_endpoints;
      return;
    }
    result.endpoints.push_back({s.account, status, amount, s.first_hop});
  };
  for (const AccountState* s : reached) {
    const Amount held = poison ? nan : s->held_value();
    result.accounts.push_back({s->account, s->received, s->sent, held, s->first_hop});
    const EndpointStatus status = endpoint_status(graph, s->account);
    if (poison) {
      // Reach only: the accounts it reached that hold nothing further on.
      if (status != EndpointStatus::held) endpoint(*s, status, s->received);
    } else if (held > 0) {
      endpoint(*s, status, held);
    }
  }
  std::stable_sort(result.endpoints.begin(), result.endpoints.end(),
                   [](const TraceEndpoint& a, const TraceEndpoint& b) {
                     return a.amount > b.amount;  // NaN sorts nowhere in particular
                   });
  if (options.paths > 0) {
    result.paths = widest_trace_paths(graph, traced_, seeds, result.endpoints, options.paths);
  }
  for (const TracedTransaction& t : traced_) {
    if (t.traced >= options.min_amount) result.transactions.push_back(t);
  }
  return result;
}

}  // namespace moneytrail::forward_detail
