#include "algorithms/summary/graph_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "algorithms/components/weak_components.h"

namespace moneytrail {
namespace {

// Nearest-rank percentiles of a degree sequence.
DegreeSummary summarize(const std::vector<std::uint32_t>& degree) {
  DegreeSummary s;
  if (degree.empty()) return s;
  const auto max_it = std::max_element(degree.begin(), degree.end());
  s.max = *max_it;
  s.max_account = static_cast<VertexId>(max_it - degree.begin());
  s.mean = std::accumulate(degree.begin(), degree.end(), 0.0) / degree.size();
  std::vector<std::uint32_t> sorted = degree;
  std::sort(sorted.begin(), sorted.end());
  auto rank = [&](double q) {
    std::size_t k = static_cast<std::size_t>(std::ceil(q * sorted.size()));
    return sorted[std::clamp<std::size_t>(k, 1, sorted.size()) - 1];
  };
  s.min = sorted.front();
  s.median = rank(0.5);
  s.p90 = rank(0.9);
  s.p99 = rank(0.99);
  return s;
}

}  // namespace

GraphStats compute_graph_stats(const TransactionGraph& graph) {
  GraphStats s;
  const std::uint32_t n = graph.num_accounts();
  const TransactionTable& tx = graph.transactions();
  const AccountTable& accounts = graph.accounts();
  s.accounts = n;
  s.transactions = tx.size();
  std::map<std::string, std::uint64_t> tag_counts;
  for (VertexId v = 0; v < n; ++v) {
    ++s.accounts_by_kind[static_cast<int>(accounts.kind[v])];
    s.victims += (accounts.labels[v] & kLabelVictim) != 0;
    s.suspects += (accounts.labels[v] & kLabelSuspect) != 0;
    s.mules += (accounts.labels[v] & kLabelMule) != 0;
    std::string_view tags = graph.name(accounts.tags[v]);
    while (!tags.empty()) {  // joined by ';'
      const std::size_t cut = tags.find(';');
      ++tag_counts[std::string(tags.substr(0, cut))];
      tags = cut == std::string_view::npos ? std::string_view{} : tags.substr(cut + 1);
    }
  }
  s.tags.assign(tag_counts.begin(), tag_counts.end());
  std::stable_sort(s.tags.begin(), s.tags.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<CurrencyTotals> currencies(graph.currencies().size());
  for (std::uint32_t c = 0; c < currencies.size(); ++c)
    currencies[c].currency = graph.currencies()[c];
  for (TxIndex t = 0; t < tx.size(); ++t) {
    ++s.transactions_by_channel[static_cast<int>(tx.channel[t])];
    CurrencyTotals& paid = currencies[tx.currency[t]];
    ++paid.transactions_paid;
    paid.paid += tx.amount[t];
    CurrencyTotals& received = currencies[tx.received_currency[t]];
    ++received.transactions_received;
    received.received += tx.received_amount[t];
    s.conversions += tx.currency[t] != tx.received_currency[t];
    s.self_transfers += tx.from[t] == tx.to[t];
    s.labelled_laundering += tx.label[t] == LaunderingLabel::laundering;
    s.labelled_clean += tx.label[t] == LaunderingLabel::clean;
  }
  std::sort(
      currencies.begin(), currencies.end(),
      [](const CurrencyTotals& a, const CurrencyTotals& b) { return a.currency < b.currency; });
  s.currencies = std::move(currencies);
  if (tx.size() > 0) {
    s.first_time = tx.timestamp.front();  // processing order is time order
    s.last_time = tx.timestamp.back();
  }

  const WeakComponentsResult components = weakly_connected_components(graph);
  s.components = components.count;
  s.largest_component = components.largest;
  s.singleton_components = std::count(components.sizes.begin(), components.sizes.end(), 1u);

  std::vector<std::uint32_t> out(n), in(n), counterparties(n);
  std::vector<VertexId> seen_by(n, std::numeric_limits<VertexId>::max());
  for (VertexId v = 0; v < n; ++v) {
    out[v] = graph.out_degree(v);
    in[v] = graph.in_degree(v);
    std::uint32_t distinct = 0;
    for (TxIndex t : graph.out_transactions(v)) {
      if (seen_by[tx.to[t]] != v) seen_by[tx.to[t]] = v, ++distinct;
    }
    for (TxIndex t : graph.in_transactions(v)) {
      if (seen_by[tx.from[t]] != v) seen_by[tx.from[t]] = v, ++distinct;
    }
    counterparties[v] = distinct;
  }
  s.out_degree = summarize(out);
  s.in_degree = summarize(in);
  s.counterparties = summarize(counterparties);
  return s;
}

}  // namespace moneytrail
