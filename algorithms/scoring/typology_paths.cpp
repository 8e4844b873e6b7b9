// The path-shaped typologies: time-respecting cycles and forwarding chains.
#include <algorithm>
#include <set>

#include "algorithms/scoring/typology_search.h"

namespace moneytrail::typology_detail {
namespace {

struct CycleSearch {
  const TransactionGraph& graph;
  const Eligibility& eligible;
  const TypologyOptions& options;
  VertexId start;
  Timestamp deadline = 0;
  std::uint32_t steps = 0;
  std::vector<VertexId> path;
  std::vector<TxIndex> path_tx;
  std::set<std::vector<VertexId>> seen;  // each cycle of accounts once, at its earliest money
  std::vector<TypologyHit>* hits = nullptr;

  // Extends the path from its last account with debits later than `after`.
  void extend(TxIndex after) {
    const TransactionTable& tx = graph.transactions();
    const auto debits = graph.out_transactions(path.back());
    for (auto it = std::upper_bound(debits.begin(), debits.end(), after); it != debits.end();
         ++it) {
      if (tx.timestamp[*it] > deadline || ++steps > options.cycle_step_budget) return;
      const VertexId next = tx.to[*it];
      if (next == start) {
        if (path.size() >= 3 && seen.insert(path).second) {
          TypologyHit hit{Typology::cycle, path, path_tx};
          hit.transactions.push_back(*it);
          std::sort(hit.transactions.begin(), hit.transactions.end());
          hits->push_back(std::move(hit));
        }
        continue;
      }
      if (next < start || !eligible(next) || path.size() >= options.max_cycle_length ||
          std::find(path.begin(), path.end(), next) != path.end()) {
        continue;
      }
      path.push_back(next);
      path_tx.push_back(*it);
      extend(*it);
      path.pop_back();
      path_tx.pop_back();
    }
  }
};

}  // namespace

void find_cycles(const TransactionGraph& graph, const Eligibility& eligible,
                 const TypologyOptions& options, VertexId start, std::vector<TypologyHit>& hits) {
  // Each cycle is searched from its smallest account only, so it is found once.
  CycleSearch search{graph, eligible, options, start, 0, 0, {}, {}, {}, &hits};
  const TransactionTable& tx = graph.transactions();
  for (TxIndex first : graph.out_transactions(start)) {
    const VertexId next = tx.to[first];
    if (next <= start || !eligible(next)) continue;
    search.deadline = tx.timestamp[first] + static_cast<Timestamp>(options.cycle_window_seconds);
    search.path = {start, next};
    search.path_tx = {first};
    search.extend(first);
  }
}

std::vector<TypologyHit> find_forwarding_chains(const TransactionGraph& graph,
                                                const Eligibility& eligible,
                                                const std::vector<double>& base_values,
                                                const TypologyOptions& options) {
  // Longest chain ending in each transaction, in processing order: a debit of an eligible account
  // continues the longest chain ending in one of its credits within the dwell time whose value it
  // plausibly forwards. A chain is reported at its last hop (a transaction no other continues).
  constexpr TxIndex kNone = ~TxIndex{0};
  constexpr std::size_t kMaxCandidates = 64;  // credits looked at per debit, latest first
  const TransactionTable& tx = graph.transactions();
  const TxIndex m = graph.num_transactions();
  std::vector<std::uint16_t> hops(m, 1);
  std::vector<TxIndex> previous(m, kNone);
  std::vector<std::uint8_t> continued(m, 0);
  for (TxIndex t = 0; t < m; ++t) {
    const VertexId relay = tx.from[t];
    if (!eligible(relay) || !(base_values[t] > 0)) continue;
    const auto credits = graph.in_transactions(relay);
    auto it = std::lower_bound(credits.begin(), credits.end(), t);
    TxIndex best = kNone;
    for (std::size_t looked = 0; it != credits.begin() && looked < kMaxCandidates; ++looked) {
      const TxIndex c = *--it;
      if (static_cast<double>(tx.timestamp[t] - tx.timestamp[c]) > options.chain_max_dwell_seconds)
        break;
      const double share = base_values[t] / base_values[c];
      if (share < options.chain_min_share || share > 1.01) continue;
      if (best == kNone || hops[c] > hops[best]) best = c;
    }
    if (best != kNone) {
      hops[t] = static_cast<std::uint16_t>(std::min<int>(hops[best] + 1, 0xFFFF));
      previous[t] = best;
      continued[best] = 1;
    }
  }
  std::vector<TypologyHit> chains;
  for (TxIndex t = 0; t < m; ++t) {
    if (continued[t] || hops[t] < options.chain_min_hops) continue;
    TypologyHit hit{Typology::forwarding_chain, {}, {}};
    for (TxIndex h = t; h != kNone; h = previous[h]) hit.transactions.push_back(h);
    std::reverse(hit.transactions.begin(), hit.transactions.end());
    hit.accounts.push_back(tx.from[hit.transactions.front()]);
    for (TxIndex h : hit.transactions) {
      if (std::find(hit.accounts.begin(), hit.accounts.end(), tx.to[h]) == hit.accounts.end())
        hit.accounts.push_back(tx.to[h]);
    }
    chains.push_back(std::move(hit));
  }
  return chains;
}

}  // namespace moneytrail::typology_detail
