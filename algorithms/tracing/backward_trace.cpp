#include "algorithms/tracing/backward_trace.h"

#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "algorithms/tracing/forward_trace.h"
#include "algorithms/tracing/lot_ledger.h"

namespace moneytrail {
namespace {

constexpr std::uint32_t kOpeningLot = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kNoHop = std::numeric_limits<std::uint32_t>::max();

// What a backward lot carries: the credit transaction that brought it (or the opening balance).
struct OriginCargo {
  std::uint32_t source = kOpeningLot;

  bool marked() const { return source != kOpeningLot; }
  Amount marked_amount(Amount amount) const { return amount; }
  OriginCargo split(double) const { return *this; }
  bool merge(const OriginCargo&) const { return false; }  // each source stays its own lot
  bool same_arrival(const OriginCargo&) const { return false; }
};
using OriginLedger = LotLedger<OriginCargo>;

struct Piece {
  std::uint32_t source;
  Amount amount;
};

class BackwardTracer {
 public:
  BackwardTracer(const TraceContext& context, VertexId account, TxIndex deadline,
                 std::optional<TxIndex> target, Timestamp at, const TraceOptions& options)
      : graph_(context.graph()),
        tx_(graph_.transactions()),
        options_(options),
        target_account_(account),
        target_deadline_(deadline),
        target_(target),
        at_(at),
        valuation_(context, target ? tx_.currency[*target]
                            : context.currency(account) == TraceContext::kNoCurrency
                                ? 0
                                : context.currency(account)) {}

  BackwardTraceResult run() {
    find_reachable_set();
    BackwardTraceResult result;
    result.policy = options_.policy;
    result.target = target_;
    result.target_account = target_account_;
    result.at = at_;
    result.currency = graph_.currencies().size() > 0
                          ? std::string(graph_.currencies()[valuation_.trace_currency()])
                          : std::string();
    replay_and_attribute(result);
    return result;
  }

 private:
  struct Member {
    TxIndex deadline = 0;        // only transactions before this matter for the account
    std::uint32_t distance = 0;  // backward steps from the target account
  };

  // Label-correcting rounds: after round k every account's deadline is the latest over paths of
  // at most k steps back, so max_hops bounds the rounds.
  void find_reachable_set() {
    members_.emplace(target_account_, Member{target_deadline_, 0});
    std::vector<VertexId> frontier = {target_account_};
    const std::uint32_t rounds =
        options_.max_hops == kUnlimitedHops ? kUnlimitedHops : options_.max_hops - 1;
    for (std::uint32_t round = 1; round <= rounds && !frontier.empty(); ++round) {
      std::vector<VertexId> next;
      for (VertexId a : frontier) {
        const TxIndex deadline = members_.at(a).deadline;
        for (TxIndex e : graph_.in_transactions(a)) {
          if (e >= deadline) break;
          const VertexId b = tx_.from[e];
          auto [it, added] = members_.try_emplace(b, Member{e + 1, round});
          if (added || e + 1 > it->second.deadline) {
            it.value().deadline = std::max(it->second.deadline, e + 1);
            next.push_back(b);
          }
        }
      }
      std::sort(next.begin(), next.end());
      next.erase(std::unique(next.begin(), next.end()), next.end());
      frontier = std::move(next);
    }
  }

  bool debits_in_set(TxIndex e) const {
    auto it = members_.find(tx_.from[e]);
    return it != members_.end() && e < it->second.deadline;
  }
  bool credits_in_set(TxIndex e) const {
    auto it = members_.find(tx_.to[e]);
    return it != members_.end() && e < it->second.deadline;
  }

  void replay_and_attribute(BackwardTraceResult& result) {
    // Every transaction of a member before its deadline, in processing order.
    std::vector<TxIndex> events;
    for (const auto& [a, m] : members_) {
      for (TxIndex e : graph_.out_transactions(a)) {
        if (e >= m.deadline) break;
        events.push_back(e);
      }
      for (TxIndex e : graph_.in_transactions(a)) {
        if (e >= m.deadline) break;
        events.push_back(e);
      }
    }
    std::sort(events.begin(), events.end());
    events.erase(std::unique(events.begin(), events.end()), events.end());

    const bool poison = options_.policy == TracePolicy::poison;
    tsl::robin_map<VertexId, OriginLedger> ledgers;
    auto ledger = [&](VertexId v) -> OriginLedger& {
      auto it = ledgers.find(v);
      if (it == ledgers.end()) {
        it = ledgers.emplace(v, OriginLedger(options_.policy, valuation_.opening_balance(v))).first;
      }
      return it.value();
    };
    // pieces of event i: [piece_offsets[i], piece_offsets[i+1]); the target's come last.
    std::vector<Piece> pieces;
    std::vector<std::size_t> piece_offsets = {0};
    auto record_piece = [&](const OriginCargo& lot, Amount amount) {
      pieces.push_back({lot.source, amount});
    };
    tsl::robin_map<TxIndex, std::uint32_t> event_of;  // credit tx -> event position
    event_of.reserve(events.size());
    for (std::uint32_t i = 0; i < events.size(); ++i) {
      const TxIndex e = events[i];
      event_of.emplace(e, i);
      if (!poison && debits_in_set(e)) {
        const VertexId from = tx_.from[e];
        const Amount unfunded = ledger(from).debit(valuation_.paid_in_ledger(e), record_piece);
        if (unfunded > 0) pieces.push_back({kOpeningLot, unfunded});
      }
      piece_offsets.push_back(pieces.size());
      if (!poison && credits_in_set(e))
        ledger(tx_.to[e]).credit(valuation_.received_in_ledger(e), OriginCargo{e});
    }
    // The target: the transaction's debit, or the whole balance held at the time.
    Amount target_amount = 0;
    if (!poison) {
      OriginLedger& own = ledger(target_account_);
      if (target_) {
        target_amount = valuation_.paid_in_ledger(*target_);
        const Amount unfunded = own.debit(target_amount, record_piece);
        if (unfunded > 0) pieces.push_back({kOpeningLot, unfunded});
      } else {
        const std::size_t before = pieces.size();
        own.debit_all(record_piece);
        for (std::size_t p = before; p < pieces.size(); ++p) target_amount += pieces[p].amount;
      }
      piece_offsets.push_back(pieces.size());
    }
    const Amount target_value =
        target_ ? valuation_.value_of_paid(*target_) : target_amount;  // --to: ledger currency

    // Split the target back: share[i] is the part of the target (a fraction) that came through
    // event i's credit, reach[i] the part of event i's paid amount that ends in the target.
    std::vector<double> share(events.size() + 1, 0), reach(events.size() + 1, 0);
    std::vector<std::uint32_t> hop(events.size() + 1, kNoHop);
    tsl::robin_map<VertexId, std::pair<double, std::uint32_t>> opening_origin, inflow_origin;
    auto add_origin = [](auto& map, VertexId v, double s, std::uint32_t h) {
      auto it = map.try_emplace(v, 0.0, kNoHop).first;
      it.value().first += s;
      it.value().second = std::min(it->second.second, h);
    };
    const std::size_t target_event = events.size();
    share[target_event] = 1;
    reach[target_event] = 1;
    hop[target_event] = 0;
    if (poison) {
      // Reach only: every credit into the set before a member's deadline.
      for (std::uint32_t i = 0; i < events.size(); ++i) {
        if (credits_in_set(events[i])) {
          reach[i] = 1;
          hop[i] = members_.at(tx_.to[events[i]]).distance + 1;
          if (!debits_in_set(events[i])) add_origin(inflow_origin, tx_.from[events[i]], 0, hop[i]);
        }
      }
    } else {
      for (std::size_t i = events.size() + 1; i-- > 0;) {
        if (i < events.size() && share[i] == 0 && reach[i] == 0) continue;
        const bool is_target = i == target_event;
        const TxIndex e = is_target ? 0 : events[i];
        if (!is_target && !debits_in_set(e)) {
          add_origin(inflow_origin, tx_.from[e], share[i], hop[i]);  // entered from outside
          continue;
        }
        const VertexId from = is_target ? target_account_ : tx_.from[e];
        Amount debited = 0;
        for (std::size_t p = piece_offsets[i]; p < piece_offsets[i + 1]; ++p)
          debited += pieces[p].amount;
        if (debited <= 0) continue;
        for (std::size_t p = piece_offsets[i]; p < piece_offsets[i + 1]; ++p) {
          const Piece& piece = pieces[p];
          const double fraction = piece.amount / debited;
          if (piece.source == kOpeningLot) {
            add_origin(opening_origin, from, share[i] * fraction, hop[i] == kNoHop ? 0 : hop[i]);
            continue;
          }
          const std::uint32_t j = event_of.at(piece.source);
          const Amount lot_amount = valuation_.received_in_ledger(piece.source);
          share[j] += share[i] * fraction;
          if (lot_amount > 0) reach[j] += reach[i] * piece.amount / lot_amount;
          hop[j] = std::min(hop[j], hop[i] + 1);
        }
      }
    }
    collect(result, events, share, reach, hop, opening_origin, inflow_origin, target_value, poison);
  }

  void collect(BackwardTraceResult& result, const std::vector<TxIndex>& events,
               const std::vector<double>& share, const std::vector<double>& reach,
               const std::vector<std::uint32_t>& hop,
               const tsl::robin_map<VertexId, std::pair<double, std::uint32_t>>& opening_origin,
               const tsl::robin_map<VertexId, std::pair<double, std::uint32_t>>& inflow_origin,
               Amount target_value, bool poison) {
    const Amount nan = std::numeric_limits<Amount>::quiet_NaN();
    TraceSummary& summary = result.summary;
    summary.seed_amount = poison ? nan : target_value;
    summary.held = target_ || poison ? nan : target_value;
    summary.fees = nan;
    struct Flow {
      Amount received = 0, sent = 0;
      std::uint32_t first_hop = kNoHop;
      std::uint32_t order = 0;
    };
    tsl::robin_map<VertexId, Flow> flows;
    std::uint32_t order = 0;
    std::vector<TracedTransaction> listed;
    for (std::uint32_t i = 0; i < events.size(); ++i) {
      if (reach[i] <= 0) continue;
      const TxIndex e = events[i];
      const Amount traced = std::min(1.0, reach[i]) * tx_.amount[e];
      const Amount value = poison ? nan : share[i] * target_value;
      listed.push_back({e, traced, hop[i], value});
      summary.max_hop = std::max(summary.max_hop, hop[i]);
      for (VertexId v : {tx_.from[e], tx_.to[e]}) {
        auto [it, added] = flows.try_emplace(v, Flow{});
        if (added) it.value().order = order++;
      }
      flows[tx_.to[e]].received += value;
      flows[tx_.to[e]].first_hop = std::min(flows[tx_.to[e]].first_hop, hop[i]);
      flows[tx_.from[e]].sent += value;
    }
    if (target_) {
      listed.push_back({*target_, tx_.amount[*target_], 0, poison ? nan : target_value});
      auto [it, added] = flows.try_emplace(target_account_, Flow{});
      if (added) it.value().order = order++;
      flows[target_account_].sent += poison ? nan : target_value;
    }
    summary.transactions_traced = listed.size();
    for (const TracedTransaction& t : listed) {
      if (t.traced >= options_.min_amount) result.transactions.push_back(t);
    }
    std::vector<std::pair<VertexId, Flow>> accounts(flows.begin(), flows.end());
    std::sort(accounts.begin(), accounts.end(),
              [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
    for (const auto& [v, f] : accounts) {
      const Amount held = !target_ && v == target_account_ ? target_value : 0;
      result.accounts.push_back(
          {v, f.received, f.sent, poison ? nan : held, f.first_hop == kNoHop ? 0 : f.first_hop});
    }
    summary.accounts_reached = result.accounts.size();
    std::vector<TraceEndpoint> origins;
    for (const auto& [v, o] : opening_origin) {
      origins.push_back({v, EndpointStatus::opening_balance, o.first * target_value, o.second});
    }
    for (const auto& [v, o] : inflow_origin) {
      origins.push_back(
          {v, EndpointStatus::inflow, poison ? nan : o.first * target_value, o.second});
    }
    std::sort(origins.begin(), origins.end(), [](const TraceEndpoint& a, const TraceEndpoint& b) {
      if (a.amount != b.amount) return a.amount > b.amount;
      if (a.account != b.account) return a.account < b.account;
      return a.status < b.status;
    });
    if (origins.size() > options_.max_origins) {
      summary.origins_truncated = true;
      TraceEndpoint other{0, EndpointStatus::other, 0, 0};
      for (std::size_t i = options_.max_origins; i < origins.size(); ++i)
        other.amount += origins[i].amount;
      origins.resize(options_.max_origins);
      origins.push_back(other);
    }
    result.origins = std::move(origins);
  }

  const TransactionGraph& graph_;
  const TransactionTable& tx_;
  const TraceOptions& options_;
  VertexId target_account_;
  TxIndex target_deadline_;
  std::optional<TxIndex> target_;
  Timestamp at_;
  TraceValuation valuation_;
  tsl::robin_map<VertexId, Member> members_;
};

void validate_backward(const TraceOptions& options) {
  validate_trace_options(options);
  if (options.window) throw TraceError("window", "applies to forward traces only");
}

}  // namespace

BackwardTraceResult trace_backward(const TraceContext& context, TxIndex target,
                                   const TraceOptions& options) {
  validate_backward(options);
  if (target >= context.graph().num_transactions()) throw TraceError("target out of range");
  return BackwardTracer(context, context.graph().transactions().from[target], target, target,
                        kNoTime, options)
      .run();
}

BackwardTraceResult trace_backward_balance(const TraceContext& context, VertexId account,
                                           Timestamp at, const TraceOptions& options) {
  validate_backward(options);
  const auto& times = context.graph().transactions().timestamp;
  const auto deadline =
      static_cast<TxIndex>(std::upper_bound(times.begin(), times.end(), at) - times.begin());
  return BackwardTracer(context, account, deadline, std::nullopt, at, options).run();
}

}  // namespace moneytrail
