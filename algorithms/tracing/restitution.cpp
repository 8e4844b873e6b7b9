#include "algorithms/tracing/restitution.h"

#include <algorithm>
#include <string>

#include "algorithms/tracing/forward_trace.h"
#include "graph/currency_units.h"

namespace moneytrail {
namespace {

// What one victim's trace says, folded into its VictimRestitution and the convergence points.
class RestitutionGatherer {
 public:
  RestitutionGatherer(const TransactionGraph& graph, const RestitutionOptions& options,
                      RestitutionResult& result)
      : graph_(graph), options_(options), result_(result), point_of_(graph.num_accounts(), kNone) {}

  void add(const std::vector<TxIndex>& seeds, const ForwardTraceResult& trace) {
    if (result_.victims.empty()) {
      result_.currency = trace.currency;
    } else if (trace.currency != result_.currency) {
      throw TraceError("the victims' payments are in different currencies (" + result_.currency +
                       ", " + trace.currency + "); load --rates to value them in one");
    }
    const auto index = static_cast<std::uint32_t>(result_.victims.size());
    VictimRestitution& victim = result_.victims.emplace_back();
    victim.seeds = trace.seeds;
    victim.victim = graph_.transactions().from[seeds.front()];
    victim.amount = trace.summary.seed_amount;
    victim.fees = trace.summary.fees;
    victim.unfunded = trace.summary.unfunded;
    const Amount dust = options_.trace.dust_below.value_or(currency_dust(trace.currency));
    record_last_seen(trace);
    for (const TracedAccount& a : trace.accounts) {
      ConvergencePoint& point = point_for(a.account);
      ++point.victims;
      point.received += a.received;
      point.by_victim.push_back({index, a.received, 0});
    }
    for (const TraceEndpoint& e : trace.endpoints) {  // traced with dust_below 0: all of them
      if (e.status == EndpointStatus::cashed_out) {
        victim.cashed_out += e.amount;
      } else if (e.status == EndpointStatus::left_data) {
        victim.left_data += e.amount;
      } else {
        victim.held += e.amount;
      }
      ConvergencePoint& point = point_for(e.account);
      point.status = e.status;
      point.held += e.amount;
      point.by_victim.back().held = e.amount;  // its share for this victim was pushed last
      if (e.amount < dust) {
        victim.dust += e.amount;
        continue;
      }
      ++point.holding_victims;
      point.last_seen = std::max(point.last_seen, last_seen_[e.account]);
      victim.holdings.push_back({e.account, e.status, e.amount, last_seen_[e.account]});
    }
    for (const TracedAccount& a : trace.accounts) last_seen_[a.account] = kNoTime;
  }

  void finish() {
    std::vector<ConvergencePoint>& points = result_.accounts;
    std::sort(points.begin(), points.end(),
              [](const ConvergencePoint& a, const ConvergencePoint& b) {
                if (a.victims != b.victims) return a.victims > b.victims;
                if (a.held != b.held) return a.held > b.held;
                if (a.received != b.received) return a.received > b.received;
                return a.account < b.account;
              });
    RestitutionSummary& s = result_.summary;
    s.victims = result_.victims.size();
    for (const VictimRestitution& v : result_.victims) {
      s.amount += v.amount;
      s.held += v.held;
      s.cashed_out += v.cashed_out;
      s.left_data += v.left_data;
      s.fees += v.fees;
    }
    s.accounts_reached = points.size();
    for (std::uint32_t i = 0; i < points.size(); ++i) {
      s.shared_accounts += points[i].victims >= 2;
      s.shared_holding_accounts += points[i].holding_victims >= 2;
      if (i < options_.top_accounts) s.top.push_back(i);
    }
  }

 private:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};

  ConvergencePoint& point_for(VertexId account) {
    std::uint32_t& slot = point_of_[account];
    if (slot == kNone) {
      slot = static_cast<std::uint32_t>(result_.accounts.size());
      result_.accounts.push_back({.account = account});
    }
    return result_.accounts[slot];
  }

  // The time of the last traced credit into each account this trace reached (processing order,
  // so the last one seen is the latest).
  void record_last_seen(const ForwardTraceResult& trace) {
    if (last_seen_.empty()) last_seen_.assign(graph_.num_accounts(), kNoTime);
    for (const TracedTransaction& t : trace.transactions) {
      last_seen_[graph_.transactions().to[t.tx]] = graph_.transactions().timestamp[t.tx];
    }
  }

  const TransactionGraph& graph_;
  const RestitutionOptions& options_;
  RestitutionResult& result_;
  std::vector<std::uint32_t> point_of_;  // account -> index in result_.accounts
  std::vector<Timestamp> last_seen_;
};

}  // namespace

RestitutionResult restitution(const TraceContext& context,
                              const std::vector<std::vector<TxIndex>>& victims,
                              const RestitutionOptions& options, ProgressSink* progress) {
  if (options.trace.policy == TracePolicy::poison)
    throw TraceError("policy",
                     "poison traces reach, not amounts: restitution needs another policy");
  if (options.batch == 0) throw TraceError("batch", "must be at least 1");
  validate_trace_options(options.trace);
  TraceOptions trace_options = options.trace;
  trace_options.dust_below = 0;  // every endpoint listed, so the four totals add up
  trace_options.min_amount = 0;  // every traced credit, for last_seen
  trace_options.paths = 0;
  RestitutionResult result;
  result.policy = options.trace.policy;
  RestitutionGatherer gatherer(context.graph(), options, result);
  ProgressStep step(progress, "restitution traces", victims.size(), "victims");
  for (std::size_t begin = 0; begin < victims.size(); begin += options.batch) {
    step.advance(begin);
    const std::size_t end = std::min(victims.size(), begin + options.batch);
    const std::vector<std::vector<TxIndex>> batch(victims.begin() + begin, victims.begin() + end);
    const std::vector<ForwardTraceResult> traces =
        trace_forward_batch(context, batch, trace_options, options.threads);
    for (std::size_t i = 0; i < traces.size(); ++i) gatherer.add(batch[i], traces[i]);
  }
  gatherer.finish();
  return result;
}

std::vector<std::vector<TxIndex>> victim_seed_sets(const TraceContext& context,
                                                   std::uint8_t label_bits, Timestamp since,
                                                   Timestamp until) {
  std::vector<std::vector<TxIndex>> sets;
  const TransactionGraph& graph = context.graph();
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    if (!(graph.accounts().labels[v] & label_bits)) continue;
    std::vector<TxIndex> debits = context.account_debits(v, since, until);
    if (!debits.empty()) sets.push_back(std::move(debits));
  }
  return sets;
}

}  // namespace moneytrail
