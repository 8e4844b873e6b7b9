#include "algorithms/scoring/typologies.h"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "algorithms/scoring/counterparty_window.h"
#include "algorithms/scoring/typology_search.h"

namespace moneytrail {
namespace typology_detail {

Eligibility eligible_accounts(const TransactionGraph& graph, std::uint32_t max_degree) {
  Eligibility eligible;
  eligible.ok.resize(graph.num_accounts());
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    const AccountKind kind = graph.accounts().kind[v];
    const bool personal = kind == AccountKind::unknown || kind == AccountKind::bank_card ||
                          kind == AccountKind::bank_account ||
                          kind == AccountKind::payment_account ||
                          kind == AccountKind::crypto_address;
    eligible.ok[v] = personal && graph.in_degree(v) + graph.out_degree(v) <= max_degree;
  }
  return eligible;
}

}  // namespace typology_detail

namespace {

using typology_detail::Eligibility;
constexpr std::string_view kNames[kTypologyCount] = {
    "fan_in",    "fan_out",          "scatter_gather", "gather_scatter", "cycle",
    "bipartite", "forwarding_chain", "running_points", "scam_payment"};

using scoring_detail::counterparty;
using scoring_detail::CounterpartyCounts;
using scoring_detail::slide_counterparty_window;

// The first window of `list` (sorted by time) holding the most distinct counterparties, as
// positions [begin, end]; {0, 0, 0} when the list is empty.
struct Window {
  std::size_t begin = 0, end = 0;
  std::uint32_t distinct = 0;
};
Window widest_window(const TransactionTable& tx, std::span<const TxIndex> list, bool senders,
                     double seconds, CounterpartyCounts& counts) {
  Window best;
  slide_counterparty_window(tx, list, senders, seconds, counts,
                            [&](std::size_t begin, std::size_t end, std::uint32_t distinct) {
                              if (distinct > best.distinct) best = {begin, end, distinct};
                              return false;
                            });
  return best;
}

// The centre, then the distinct counterparties of list[begin..end], then those transactions.
TypologyHit window_hit(const TransactionTable& tx, Typology typology, VertexId centre,
                       std::span<const TxIndex> list, bool senders) {
  TypologyHit hit{typology, {centre}, {list.begin(), list.end()}};
  std::vector<VertexId> others;
  for (TxIndex t : list) others.push_back(counterparty(tx, t, senders));
  std::sort(others.begin(), others.end());
  others.erase(std::unique(others.begin(), others.end()), others.end());
  hit.accounts.insert(hit.accounts.end(), others.begin(), others.end());
  return hit;
}

// Only personal, non-hub counterparties count: a shopper paying five merchants in a day or a
// payroll account paying a salary is not a fan.
void find_fans(const TransactionGraph& graph, const Eligibility& eligible, const TypologyOptions& o,
               VertexId v, CounterpartyCounts& counts, std::vector<TypologyHit>& hits) {
  const TransactionTable& tx = graph.transactions();
  std::vector<TxIndex> credit_list, debit_list;
  for (TxIndex t : graph.in_transactions(v))
    if (eligible(tx.from[t])) credit_list.push_back(t);
  for (TxIndex t : graph.out_transactions(v))
    if (eligible(tx.to[t])) debit_list.push_back(t);
  const std::span<const TxIndex> credits = credit_list, debits = debit_list;
  if (o.enabled[0]) {
    const Window w = widest_window(tx, credits, true, o.window_seconds, counts);
    if (w.distinct >= o.min_fan)
      hits.push_back(
          window_hit(tx, Typology::fan_in, v, credits.subspan(w.begin, w.end - w.begin + 1), true));
  }
  if (o.enabled[1]) {
    const Window w = widest_window(tx, debits, false, o.window_seconds, counts);
    if (w.distinct >= o.min_fan)
      hits.push_back(window_hit(tx, Typology::fan_out, v,
                                debits.subspan(w.begin, w.end - w.begin + 1), false));
  }
  if (o.enabled[3]) {
    // Gather-scatter: a window of credits from min_fan senders, then debits to min_fan
    // receivers from its first credit until one window after its last. One hit per account: the
    // first gather that scatters.
    slide_counterparty_window(
        tx, credits, true, o.window_seconds, counts,
        [&](std::size_t begin, std::size_t end, std::uint32_t senders) {
          if (senders < o.min_fan) return false;
          const Timestamp until =
              tx.timestamp[credits[end]] + static_cast<Timestamp>(o.window_seconds);
          auto first = std::upper_bound(debits.begin(), debits.end(), credits[begin]);
          auto last = first;
          while (last != debits.end() && tx.timestamp[*last] <= until) ++last;
          std::vector<VertexId> receivers;
          for (auto it = first; it != last; ++it) receivers.push_back(tx.to[*it]);
          std::sort(receivers.begin(), receivers.end());
          receivers.erase(std::unique(receivers.begin(), receivers.end()), receivers.end());
          if (receivers.size() < o.min_fan) return false;
          TypologyHit in = window_hit(tx, Typology::gather_scatter, v,
                                      credits.subspan(begin, end - begin + 1), true);
          for (VertexId r : receivers) {
            if (std::find(in.accounts.begin(), in.accounts.end(), r) == in.accounts.end())
              in.accounts.push_back(r);
          }
          in.transactions.insert(in.transactions.end(), first, last);
          std::sort(in.transactions.begin(), in.transactions.end());
          hits.push_back(std::move(in));
          return true;
        });
  }
}

void find_scatter_gather(const TransactionGraph& graph, const Eligibility& eligible,
                         const TypologyOptions& o, VertexId source,
                         std::vector<TypologyHit>& hits) {
  struct Leg {
    VertexId target, middle;
    TxIndex out, in;
    bool operator<(const Leg& other) const {
      return std::tie(target, middle, out, in) <
             std::tie(other.target, other.middle, other.out, other.in);
    }
  };
  const TransactionTable& tx = graph.transactions();
  std::vector<Leg> legs;
  for (TxIndex d : graph.out_transactions(source)) {
    const VertexId middle = tx.to[d];
    if (middle == source || !eligible(middle)) continue;
    const auto onward = graph.out_transactions(middle);
    const Timestamp until = tx.timestamp[d] + static_cast<Timestamp>(o.window_seconds);
    for (auto it = std::upper_bound(onward.begin(), onward.end(), d);
         it != onward.end() && tx.timestamp[*it] <= until; ++it) {
      const VertexId target = tx.to[*it];
      if (target != source && target != middle && eligible(target))
        legs.push_back({target, middle, d, *it});
    }
  }
  std::sort(legs.begin(), legs.end());
  for (std::size_t i = 0; i < legs.size();) {
    std::size_t j = i;
    std::uint32_t middles = 0;
    for (; j < legs.size() && legs[j].target == legs[i].target; ++j)
      middles += j == i || legs[j].middle != legs[j - 1].middle;
    if (middles >= o.min_fan) {
      TypologyHit hit{Typology::scatter_gather, {source, legs[i].target}, {}};
      for (std::size_t k = i; k < j; ++k) {
        if (hit.accounts.back() != legs[k].middle) hit.accounts.push_back(legs[k].middle);
        hit.transactions.push_back(legs[k].out);
        hit.transactions.push_back(legs[k].in);
      }
      std::sort(hit.transactions.begin(), hit.transactions.end());
      hit.transactions.erase(std::unique(hit.transactions.begin(), hit.transactions.end()),
                             hit.transactions.end());
      hits.push_back(std::move(hit));
    }
    i = j;
  }
}

std::vector<VertexId> eligible_neighbours(const FlowView& flows, const Eligibility& eligible,
                                          VertexId v, bool senders) {
  std::vector<VertexId> out;
  if (senders) {
    for (FlowEdgeIndex e : flows.in_edges(v))
      if (eligible(flows.source(e))) out.push_back(flows.source(e));
  } else {
    const auto [first, last] = flows.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e)
      if (eligible(flows.target(e))) out.push_back(flows.target(e));
  }
  return out;  // sorted: flow edges are sorted by the other end
}

// Receivers grown greedily from `first`: each added receiver keeps at least min_bipartite
// senders paying all of them.
void find_bipartite(const TransactionGraph& graph, const FlowView& flows,
                    const Eligibility& eligible, const TypologyOptions& o, VertexId first,
                    CounterpartyCounts& shared, std::vector<TypologyHit>& hits) {
  std::vector<VertexId> senders = eligible_neighbours(flows, eligible, first, true);
  if (senders.size() < o.min_bipartite) return;
  scoring_detail::reset_counts(shared);
  for (VertexId a : senders)
    for (VertexId b : eligible_neighbours(flows, eligible, a, false))
      if (b > first) ++shared[b];
  std::vector<std::pair<std::uint32_t, VertexId>> candidates;
  for (const auto& [b, count] : shared)
    if (count >= o.min_bipartite) candidates.emplace_back(count, b);
  if (candidates.size() + 1 < o.min_bipartite) return;
  std::sort(candidates.begin(), candidates.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  std::vector<VertexId> receivers = {first};
  for (const auto& [count, b] : candidates) {
    const std::vector<VertexId> theirs = eligible_neighbours(flows, eligible, b, true);
    std::vector<VertexId> both;
    std::set_intersection(senders.begin(), senders.end(), theirs.begin(), theirs.end(),
                          std::back_inserter(both));
    if (both.size() < o.min_bipartite) continue;
    senders = std::move(both);
    receivers.push_back(b);
  }
  std::sort(receivers.begin(), receivers.end());
  if (receivers.size() < o.min_bipartite) return;
  for (VertexId r : receivers)
    if (std::binary_search(senders.begin(), senders.end(), r)) return;  // not two layers
  TypologyHit hit{Typology::bipartite, senders, {}};
  hit.accounts.insert(hit.accounts.end(), receivers.begin(), receivers.end());
  const TransactionTable& tx = graph.transactions();
  for (VertexId a : senders)
    for (TxIndex t : graph.out_transactions(a))
      if (std::binary_search(receivers.begin(), receivers.end(), tx.to[t]))
        hit.transactions.push_back(t);
  std::sort(hit.transactions.begin(), hit.transactions.end());
  hits.push_back(std::move(hit));
}

// Bipartite hits found from overlapping starting receivers describe the same layers: keep the
// first (by smallest account) and drop any later one sharing an account with a kept hit.
void drop_overlapping_bipartite(std::vector<TypologyHit>& hits, std::uint32_t num_accounts) {
  std::vector<std::uint8_t> taken(num_accounts, 0);
  std::vector<TypologyHit> kept;
  for (TypologyHit& hit : hits) {
    if (hit.typology != Typology::bipartite) {
      kept.push_back(std::move(hit));
      continue;
    }
    bool overlaps = false;
    for (VertexId v : hit.accounts) overlaps = overlaps || taken[v];
    if (overlaps) continue;
    for (VertexId v : hit.accounts) taken[v] = 1;
    kept.push_back(std::move(hit));
  }
  hits = std::move(kept);
}

}  // namespace

std::string_view to_string(Typology typology) { return kNames[static_cast<int>(typology)]; }

TypologyResult detect_typologies(const TransactionGraph& graph, const FlowView& flows,
                                 const std::vector<double>& base_values,
                                 const TypologyOptions& options) {
  constexpr double kTenYears = 10 * 366 * 86400.0;
  auto window_ok = [&](double seconds) { return seconds > 0 && seconds <= kTenYears; };
  if (options.min_fan < 2 || options.min_bipartite < 2 || options.max_cycle_length < 3 ||
      options.chain_min_hops < 2 || !window_ok(options.window_seconds) ||
      !window_ok(options.cycle_window_seconds) || !window_ok(options.chain_max_dwell_seconds) ||
      !(options.chain_min_share > 0 && options.chain_min_share <= 1)) {
    throw std::invalid_argument(
        "typology options out of range (fans and layers need 2 or more accounts, cycles 3 or "
        "more hops, chains 2 or more, windows positive and at most ten years, chain share in "
        "(0, 1])");
  }
  if (base_values.size() != graph.num_transactions())
    throw std::invalid_argument("base_values must hold one value per transaction");
  const std::uint32_t n = graph.num_accounts();
  const Eligibility eligible = typology_detail::eligible_accounts(graph, options.max_degree);
  const auto& on = options.enabled;

  // Per-account searches on every core; each account's hits depend on nothing else, so sorting
  // them afterwards makes the result independent of the thread count.
  std::vector<TypologyHit> hits;
  const std::int64_t count = n;
#pragma omp parallel if (count > 65536)
  {
    std::vector<TypologyHit> local;
    CounterpartyCounts scratch;
#pragma omp for schedule(dynamic, 256) nowait
    for (std::int64_t i = 0; i < count; ++i) {
      const VertexId v = static_cast<VertexId>(i);
      // Collection accounts are busy by trade: any personal account may be one.
      if (on[7]) typology_detail::find_running_points(graph, base_values, options, v, local);
      if (!eligible(v)) continue;
      find_fans(graph, eligible, options, v, scratch, local);
      if (on[2]) find_scatter_gather(graph, eligible, options, v, local);
      if (on[4]) typology_detail::find_cycles(graph, eligible, options, v, local);
      if (on[5]) find_bipartite(graph, flows, eligible, options, v, scratch, local);
    }
#pragma omp critical
    for (TypologyHit& hit : local) hits.push_back(std::move(hit));
  }
  if (on[6]) {
    for (TypologyHit& hit :
         typology_detail::find_forwarding_chains(graph, eligible, base_values, options))
      hits.push_back(std::move(hit));
  }
  std::sort(hits.begin(), hits.end(), [](const TypologyHit& a, const TypologyHit& b) {
    if (a.typology != b.typology) return a.typology < b.typology;
    if (a.accounts.front() != b.accounts.front()) return a.accounts.front() < b.accounts.front();
    return a.transactions < b.transactions;
  });
  drop_overlapping_bipartite(hits, n);

  TypologyResult result;
  result.per_account.assign(n, {});
  const TransactionTable& tx = graph.transactions();
  std::vector<VertexId> relays;
  for (const TypologyHit& hit : hits) {
    const int k = static_cast<int>(hit.typology);
    ++result.counts[k];
    switch (hit.typology) {
      case Typology::running_points:
        for (VertexId c : hit.controllers) ++result.per_account[c][k];
        [[fallthrough]];
      case Typology::fan_in:
      case Typology::fan_out:
      case Typology::gather_scatter:
        // The centre is what the pattern says something about; its counterparties are anyone.
        ++result.per_account[hit.accounts.front()][k];
        break;
      case Typology::forwarding_chain:
        // Relays: the senders of every hop but the first, each once (a chain may revisit one).
        relays.clear();
        for (std::size_t i = 1; i < hit.transactions.size(); ++i)
          relays.push_back(tx.from[hit.transactions[i]]);
        std::sort(relays.begin(), relays.end());
        relays.erase(std::unique(relays.begin(), relays.end()), relays.end());
        for (VertexId v : relays) ++result.per_account[v][k];
        break;
      case Typology::scam_payment: ++result.per_account[hit.accounts[1]][k]; break;
      default:
        for (VertexId v : hit.accounts) ++result.per_account[v][k];
    }
  }
  result.hits = std::move(hits);
  return result;
}

}  // namespace moneytrail
