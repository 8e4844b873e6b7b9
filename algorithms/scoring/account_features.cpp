#include "algorithms/scoring/account_features.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <span>
#include <stdexcept>

#include "algorithms/centrality/pagerank.h"
#include "algorithms/components/core_decomposition.h"
#include "algorithms/scoring/counterparty_window.h"

namespace moneytrail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The feature names, three to a row (kept as a table).
// clang-format off
constexpr std::string_view kNames[kFeatureCount] = {
    "in_count",           "out_count",          "in_value",
    "out_value",          "in_counterparties",  "out_counterparties",
    "pass_through",       "dwell_median_seconds", "dwell_p10_seconds",
    "burst_1h",           "burst_24h",          "fan_in",
    "fan_out",            "round_share",        "under_threshold_share",
    "night_share",        "active_days",        "platform_share",
    "crypto_share",       "exchange_share",     "pagerank",
    "victim_ppr",         "core_number",        "victim_hops",
    "unusual_amounts",    "repeated_transfers", "forwarded_credits",
    "forward_chance",     "forwarded_debits",   "debit_forward_chance",
    "victim_payers",      "victim_money_received", "victim_money_share",
    "victims_reached",    "counterparties",     "flagged_counterparties",
    "linked_accounts",    "flagged_links"};
// clang-format on

// Buffers reused across one thread's accounts.
struct Scratch {
  std::vector<TxIndex> credits, debits;  // without transfers to self
  std::vector<double> dwell;
  std::vector<Timestamp> times;
  scoring_detail::CounterpartyCounts window_counts;
};

// The most distinct counterparties seen within any window of `window` seconds over `list`.
std::uint32_t max_distinct_in_window(const TransactionGraph& graph, std::span<const TxIndex> list,
                                     bool by_sender, double window, Scratch& scratch) {
  std::uint32_t best = 0;
  scoring_detail::slide_counterparty_window(graph.transactions(), list, by_sender, window,
                                            scratch.window_counts,
                                            [&](std::size_t, std::size_t, std::uint32_t distinct) {
                                              best = std::max(best, distinct);
                                              return false;
                                            });
  return best;
}

// Largest number of the sorted `times` within any window of `window` seconds.
std::size_t max_in_window(const std::vector<Timestamp>& times, double window) {
  std::size_t best = 0, begin = 0;
  for (std::size_t end = 0; end < times.size(); ++end) {
    while (static_cast<double>(times[end] - times[begin]) >= window) ++begin;
    best = std::max(best, end - begin + 1);
  }
  return best;
}

double percentile(std::vector<double>& values, double q) {
  if (values.empty()) return kNaN;
  const std::size_t k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

bool is_round(double amount, double unit) {
  if (amount < unit) return false;
  const double units = amount / unit;
  return std::abs(units - std::round(units)) < 1e-9 * units;
}

void ledger_features(const TransactionGraph& graph, const FlowView& flows,
                     const std::vector<double>& base, const TransactionEvidence& evidence,
                     const AccountFeatureOptions& o, VertexId v, Scratch& scratch,
                     Eigen::MatrixXf& out) {
  const TransactionTable& tx = graph.transactions();
  // A transfer to self (AMLworld's reinvestments) moves nothing: counted, it would look like
  // money passed on instantly.
  scratch.credits.clear();
  scratch.debits.clear();
  for (TxIndex t : graph.in_transactions(v))
    if (tx.from[t] != v) scratch.credits.push_back(t);
  for (TxIndex t : graph.out_transactions(v))
    if (tx.to[t] != v) scratch.debits.push_back(t);
  const std::span<const TxIndex> credits = scratch.credits, debits = scratch.debits;
  auto set = [&](Feature f, double x) { out(v, static_cast<int>(f)) = x; };

  constexpr VertexId kNoVertex = std::numeric_limits<VertexId>::max();
  double in_value = 0, out_value = 0, platform = 0, crypto = 0, exchange = 0;
  std::size_t round = 0, under = 0, night = 0, unusual = 0, repeated = 0, forwarded = 0,
              forwarded_on = 0;
  double receivers_chance = 0;
  auto visit = [&](TxIndex t, bool credit) {
    const double value = base[t];
    const std::uint8_t flags = evidence.flags[t];
    unusual += (flags & kUnusualAmount) != 0;
    repeated += (flags & kRepeatedTransfer) != 0;
    if (credit) {
      forwarded += (flags & kForwarded) != 0;
    } else {
      forwarded_on += (flags & kForwarded) != 0;
      receivers_chance += evidence.forward_chance[tx.to[t]];
    }
    (credit ? in_value : out_value) += value;
    if (tx.channel[t] == Channel::payment_platform) platform += value;
    if (tx.channel[t] == Channel::crypto_transfer) crypto += value;
    if (tx.channel[t] == Channel::exchange_trade) exchange += value;
    if (is_round(credit ? tx.received_amount[t] : tx.amount[t], o.round_unit)) ++round;
    for (double threshold : o.thresholds) {
      if (value < threshold && value >= threshold * (1 - o.threshold_band)) {
        ++under;
        break;
      }
    }
    const std::int64_t local = tx.timestamp[t] + o.utc_offset_seconds;
    const int hour = static_cast<int>(((local % 86400) + 86400) % 86400 / 3600);
    const bool wraps = o.night_start_hour > o.night_end_hour;  // e.g. 22-6
    if (wraps ? (hour >= o.night_start_hour || hour < o.night_end_hour)
              : (hour >= o.night_start_hour && hour < o.night_end_hour))
      ++night;
  };
  for (TxIndex t : credits) visit(t, true);
  for (TxIndex t : debits) visit(t, false);

  const double total_count = static_cast<double>(credits.size() + debits.size());
  const double total_value = in_value + out_value;
  set(Feature::in_count, static_cast<double>(credits.size()));
  set(Feature::out_count, static_cast<double>(debits.size()));
  set(Feature::in_value, in_value);
  set(Feature::out_value, out_value);
  std::size_t senders = 0, receivers = 0;
  for (FlowEdgeIndex e : flows.in_edges(v)) senders += flows.source(e) != v;
  const auto [first_out, last_out] = flows.out_edges(v);
  for (FlowEdgeIndex e = first_out; e < last_out; ++e) receivers += flows.target(e) != v;
  set(Feature::in_counterparties, static_cast<double>(senders));
  set(Feature::out_counterparties, static_cast<double>(receivers));
  {
    // Distinct accounts on either side: both edge lists are sorted by the other end.
    std::size_t both = 0, i = first_out;
    const auto in_edges = flows.in_edges(v);
    std::size_t j = 0;
    while (i < last_out || j < in_edges.size()) {
      const VertexId a = i < last_out ? flows.target(static_cast<FlowEdgeIndex>(i)) : kNoVertex;
      const VertexId b = j < in_edges.size() ? flows.source(in_edges[j]) : kNoVertex;
      const VertexId next = std::min(a, b);
      if (a == next) ++i;
      if (b == next) ++j;
      both += next != v;
    }
    set(Feature::counterparties, static_cast<double>(both));
  }
  const double larger = std::max(in_value, out_value);
  set(Feature::pass_through, larger > 0 ? std::min(in_value, out_value) / larger : 0.0);
  set(Feature::round_share, total_count ? static_cast<double>(round) / total_count : 0.0);
  set(Feature::under_threshold_share, total_count ? static_cast<double>(under) / total_count : 0.0);
  set(Feature::night_share, total_count ? static_cast<double>(night) / total_count : 0.0);
  set(Feature::platform_share, total_value > 0 ? platform / total_value : 0.0);
  set(Feature::crypto_share, total_value > 0 ? crypto / total_value : 0.0);
  set(Feature::exchange_share, total_value > 0 ? exchange / total_value : 0.0);
  set(Feature::unusual_amounts, static_cast<double>(unusual));
  set(Feature::repeated_transfers, static_cast<double>(repeated));
  set(Feature::forwarded_credits, static_cast<double>(forwarded));
  set(Feature::forward_chance, evidence.forward_chance[v]);
  set(Feature::forwarded_debits, static_cast<double>(forwarded_on));
  set(Feature::debit_forward_chance,
      debits.empty() ? 0.0 : receivers_chance / static_cast<double>(debits.size()));

  // Dwell: each credit to the first debit after it in processing order.
  auto& dwell = scratch.dwell;
  dwell.clear();
  std::size_t next_debit = 0;
  for (TxIndex c : credits) {
    while (next_debit < debits.size() && debits[next_debit] < c) ++next_debit;
    if (next_debit == debits.size()) break;
    dwell.push_back(static_cast<double>(tx.timestamp[debits[next_debit]] - tx.timestamp[c]));
  }
  set(Feature::dwell_p10_seconds, percentile(dwell, 0.1));
  set(Feature::dwell_median_seconds, percentile(dwell, 0.5));

  // Merged times of credits and debits (both lists are sorted by processing order).
  auto& times = scratch.times;
  times.clear();
  std::size_t i = 0, j = 0;
  while (i < credits.size() || j < debits.size()) {
    const bool take_credit = j == debits.size() || (i < credits.size() && credits[i] < debits[j]);
    times.push_back(tx.timestamp[take_credit ? credits[i++] : debits[j++]]);
  }
  set(Feature::burst_1h, times.empty() ? 0.0 : max_in_window(times, 3600) / total_count);
  set(Feature::burst_24h, times.empty() ? 0.0 : max_in_window(times, 86400) / total_count);
  set(Feature::active_days,
      times.empty() ? 0.0 : static_cast<double>(times.back() - times.front()) / 86400.0);
  set(Feature::fan_in, max_distinct_in_window(graph, credits, true, o.fan_window_seconds, scratch));
  set(Feature::fan_out,
      max_distinct_in_window(graph, debits, false, o.fan_window_seconds, scratch));
}

// Fewest flows from any source (multi-source BFS over the directed flow view); NaN unreached.
std::vector<double> hops_from(const FlowView& flows, const std::vector<VertexId>& sources) {
  std::vector<double> hops(flows.num_vertices(), kNaN);
  std::deque<VertexId> queue;
  for (VertexId s : sources) {
    if (std::isnan(hops[s])) {
      hops[s] = 0;
      queue.push_back(s);
    }
  }
  while (!queue.empty()) {
    const VertexId v = queue.front();
    queue.pop_front();
    const auto [first, last] = flows.out_edges(v);
    for (FlowEdgeIndex e = first; e < last; ++e) {
      const VertexId w = flows.target(e);
      if (std::isnan(hops[w])) {
        hops[w] = hops[v] + 1;
        queue.push_back(w);
      }
    }
  }
  return hops;
}

}  // namespace

std::string_view feature_name(Feature feature) { return kNames[static_cast<int>(feature)]; }

std::vector<double> base_values(const TransactionGraph& graph) {
  const std::int64_t m = graph.num_transactions();
  std::vector<double> base(static_cast<std::size_t>(m));
#pragma omp parallel for schedule(static) if (m > 65536)
  for (std::int64_t t = 0; t < m; ++t) base[t] = paid_in_base(graph, static_cast<TxIndex>(t));
  return base;
}

AccountFeatures compute_account_features(const TransactionGraph& graph, const FlowView& flows,
                                         const std::vector<double>& base,
                                         const TransactionEvidence& evidence,
                                         const AccountFeatureOptions& options) {
  const std::uint32_t n = graph.num_accounts();
  constexpr double kTenYears = 10 * 366 * 86400.0;
  if (!(options.fan_window_seconds > 0 && options.fan_window_seconds <= kTenYears) ||
      !(options.round_unit > 0) || !(options.threshold_band >= 0 && options.threshold_band < 1) ||
      std::abs(options.utc_offset_seconds) > 14 * 3600 || options.night_start_hour < 0 ||
      options.night_start_hour > 23 || options.night_end_hour < 0 || options.night_end_hour > 24) {
    throw std::invalid_argument(
        "fan window must be positive and at most ten years, round unit positive, band in [0, 1), "
        "UTC offset within 14 hours, night hours in 0-24");
  }
  if (evidence.flags.size() != graph.num_transactions() || evidence.forward_chance.size() != n)
    throw std::invalid_argument("transaction evidence covers another graph");
  for (VertexId v : options.victims) {
    if (v >= n) throw std::invalid_argument("victim account out of range");
  }

  // The core numbers first: their temporary undirected graph is the largest allocation here, and
  // it is gone before the feature matrix exists.
  std::vector<std::uint32_t> cores;
  if (options.graph_features) cores = core_decomposition(flows).core;
  AccountFeatures features;
  features.values.setZero(n, kFeatureCount);
  if (base.size() != graph.num_transactions())
    throw std::invalid_argument("base_values must hold one value per transaction");
  {
    const std::int64_t count = n;
#pragma omp parallel if (count > 65536)
    {
      Scratch scratch;
#pragma omp for schedule(dynamic, 1024)
      for (std::int64_t v = 0; v < count; ++v) {
        ledger_features(graph, flows, base, evidence, options, static_cast<VertexId>(v), scratch,
                        features.values);
      }
    }
  }

  auto column = [&](Feature f) { return features.values.col(static_cast<int>(f)); };
  if (!options.graph_features) {
    for (Feature f :
         {Feature::pagerank, Feature::victim_ppr, Feature::core_number, Feature::victim_hops})
      column(f).setConstant(std::numeric_limits<float>::quiet_NaN());
    return features;
  }
  PageRankOptions rank;
  const std::vector<double> pr = pagerank(flows, rank).score;
  column(Feature::pagerank) = Eigen::Map<const Eigen::VectorXd>(pr.data(), n).cast<float>();
  if (!options.victims.empty()) {
    rank.seeds = options.victims;
    std::sort(rank.seeds.begin(), rank.seeds.end());
    rank.seeds.erase(std::unique(rank.seeds.begin(), rank.seeds.end()), rank.seeds.end());
    const std::vector<double> ppr = pagerank(flows, rank).score;
    column(Feature::victim_ppr) = Eigen::Map<const Eigen::VectorXd>(ppr.data(), n).cast<float>();
  }
  const std::vector<double> hops = hops_from(flows, options.victims);
  column(Feature::victim_hops) = Eigen::Map<const Eigen::VectorXd>(hops.data(), n).cast<float>();
  for (VertexId v = 0; v < n; ++v) column(Feature::core_number)(v) = cores[v];
  return features;
}

}  // namespace moneytrail
