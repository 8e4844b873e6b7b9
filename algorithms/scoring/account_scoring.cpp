#include "algorithms/scoring/account_scoring.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace moneytrail {
namespace {

bool is_labelled_victim(const TransactionGraph& graph, VertexId v) {
  const std::uint8_t labels = graph.accounts().labels[v];
  return (labels & kLabelVictim) && !(labels & (kLabelSuspect | kLabelMule));
}

// Windows no shorter than a step of the data (cycles: seven steps).
void stretch_windows(const TimeResolution& r, AccountScoringOptions& o) {
  o.features.fan_window_seconds = at_least_one_step(o.features.fan_window_seconds, r);
  o.typologies.window_seconds = at_least_one_step(o.typologies.window_seconds, r);
  o.typologies.chain_max_dwell_seconds = at_least_one_step(o.typologies.chain_max_dwell_seconds, r);
  o.typologies.cycle_window_seconds =
      std::max(o.typologies.cycle_window_seconds, 7.0 * static_cast<double>(r.seconds));
  o.evidence.resolution = r;
}

void count_victim_payers(const TransactionGraph& graph, const FlowView& flows,
                         const std::vector<std::uint8_t>& victim, AccountFeatures& features) {
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    std::uint32_t victims = 0;
    for (FlowEdgeIndex e : flows.in_edges(v))
      victims += flows.source(e) != v && victim[flows.source(e)];
    features.values(v, static_cast<int>(Feature::victim_payers)) = victims;
  }
}

// How much each victim debit looks like the scam payment: its payee is paid by unusually many
// victims (convergence), or passes the payment on faster than its own pace explains. Weights at
// 1/2 or more become scam_payment hits.
std::vector<float> scam_weights(const TransactionGraph& graph, const TransactionEvidence& evidence,
                                const RiskScores& first, const std::vector<std::uint8_t>& victim,
                                TypologyResult& typologies) {
  const TransactionTable& tx = graph.transactions();
  std::vector<float> weight(graph.num_transactions(), 0.0f);
  const int k = static_cast<int>(Typology::scam_payment);
  for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
    const VertexId u = tx.from[t], w = tx.to[t];
    if (!victim[u] || u == w || victim[w]) continue;
    const auto& e = first.evidence[w];
    const double convergence =
        std::min(1.0, e[static_cast<int>(Indicator::victim_payers)] / first.scale);
    const double forwarding =
        evidence.forwarded_share[t] *
        std::min(1.0, e[static_cast<int>(Indicator::fast_forwarding)] / first.scale);
    weight[t] = static_cast<float>(std::max(convergence, forwarding));
    if (weight[t] >= 0.5f) {
      typologies.hits.emplace_back(Typology::scam_payment, std::vector<VertexId>{u, w},
                                   std::vector<TxIndex>{t});
      ++typologies.counts[k];
      ++typologies.per_account[w][k];
    }
  }
  return weight;
}

// Distinct flagged counterparties, and flagged accounts among the ownership ties.
void count_flagged(const TransactionGraph& graph, const FlowView& flows,
                   const std::vector<std::uint8_t>& flagged, const std::vector<AccountLink>& links,
                   AccountFeatures& features) {
  const VertexId n = graph.num_accounts();
  auto set = [&](VertexId v, Feature f, double x) { features.values(v, static_cast<int>(f)) = x; };
  for (VertexId v = 0; v < n; ++v) {
    // Both edge lists are sorted by the other end: merge them to count each counterparty once.
    const auto [first_out, last_out] = flows.out_edges(v);
    const auto in = flows.in_edges(v);
    std::uint32_t count = 0;
    FlowEdgeIndex i = first_out;
    std::size_t j = 0;
    while (i < last_out || j < in.size()) {
      const VertexId a = i < last_out ? flows.target(i) : n;
      const VertexId b = j < in.size() ? flows.source(in[j]) : n;
      const VertexId next = std::min(a, b);
      if (a == next) ++i;
      if (b == next) ++j;
      count += next != v && flagged[next];
    }
    set(v, Feature::flagged_counterparties, count);
  }
  std::vector<std::uint32_t> linked(n, 0), linked_flagged(n, 0);
  for (const AccountLink& link : links) {
    if (link.a == link.b) continue;
    ++linked[link.a];
    ++linked[link.b];
    linked_flagged[link.a] += flagged[link.b];
    linked_flagged[link.b] += flagged[link.a];
  }
  for (VertexId v = 0; v < n; ++v) {
    set(v, Feature::linked_accounts, linked[v]);
    set(v, Feature::flagged_links, linked_flagged[v]);
  }
}

// Runs f() as a progress step and appends its wall time to `stages`.
template <typename F>
void timed(std::vector<StageTime>& stages, ProgressSink* progress, const char* stage, F&& f) {
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressStep step(progress, stage);
    f();
  }
  stages.push_back(
      {stage, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
}

}  // namespace

std::vector<std::uint8_t> laundering_participants(const TransactionGraph& graph) {
  std::vector<std::uint8_t> took_part(graph.num_accounts(), 0);
  const TransactionTable& tx = graph.transactions();
  for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
    if (tx.label[t] != LaunderingLabel::laundering) continue;
    took_part[tx.from[t]] = 1;
    took_part[tx.to[t]] = 1;
  }
  return took_part;
}

std::vector<VertexId> labelled_victims(const TransactionGraph& graph) {
  std::vector<VertexId> victims;
  for (VertexId v = 0; v < graph.num_accounts(); ++v)
    if (is_labelled_victim(graph, v)) victims.push_back(v);
  return victims;
}

AccountScoring score_accounts(const TransactionGraph& graph, const FlowView& flows,
                              const AccountScoringOptions& options) {
  AccountScoringOptions o = options;
  AccountScoring run;
  run.resolution = infer_time_resolution(graph);
  if (o.windows_from_data) stretch_windows(run.resolution, o);
  if (o.features.victims.empty()) o.features.victims = labelled_victims(graph);
  std::vector<std::uint8_t> victim(graph.num_accounts(), 0);
  for (VertexId v : o.features.victims) {
    if (v >= graph.num_accounts()) throw std::invalid_argument("victim account out of range");
    victim[v] = 1;
  }

  std::vector<double> base;
  auto& t = run.stages;
  timed(t, o.progress, "base values", [&] { base = base_values(graph); });
  timed(t, o.progress, "transaction evidence",
        [&] { run.evidence = transaction_evidence(graph, base, o.evidence); });
  timed(t, o.progress, "account features", [&] {
    run.features = compute_account_features(graph, flows, base, run.evidence, o.features);
  });
  timed(t, o.progress, "typologies",
        [&] { run.typologies = detect_typologies(graph, flows, base, o.typologies); });
  timed(t, o.progress, "first pass", [&] {
    count_victim_payers(graph, flows, victim, run.features);
    run.scores = first_pass_scores(run.features, run.typologies, run.evidence, o.risk);
  });

  // Victims' money: which of their payments were the scam, then where that money went.
  timed(t, o.progress, "victims' money", [&] {
    const std::vector<float> weight =
        scam_weights(graph, run.evidence, run.scores, victim, run.typologies);
    run.victim_money = trace_victim_money(graph, base, weight, o.victim_money);
  });
  const auto second_pass_start = std::chrono::steady_clock::now();
  ProgressStep second_pass(o.progress, "second pass");
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    const double received = run.features.column(v, Feature::in_value);
    auto& row = run.features.values;
    row(v, static_cast<int>(Feature::victim_money_received)) = run.victim_money.received[v];
    row(v, static_cast<int>(Feature::victim_money_share)) =
        victim[v] || !(received > 0) ? 0.0 : std::min(1.0, run.victim_money.received[v] / received);
    row(v, static_cast<int>(Feature::victims_reached)) =
        victim[v] ? 0.0 : run.victim_money.victims_reached[v];
  }
  add_victim_money(run.scores, run.features, o.risk);

  // Second pass: guilt by association with what the first pass flagged.
  if (o.clear_victims)
    for (VertexId v : o.features.victims) clear_score(run.scores, v);
  const std::vector<std::uint8_t> flagged = flag_accounts(run.scores, o.risk);
  const bool any_links = o.risk.enabled[static_cast<int>(Indicator::shared_owners)];
  count_flagged(graph, flows, flagged,
                any_links ? ownership_links(graph, o.links) : std::vector<AccountLink>{},
                run.features);
  add_association(run.scores, run.features, o.risk);
  finish_scores(run.scores);
  if (o.clear_victims)
    for (VertexId v : o.features.victims) clear_score(run.scores, v);
  t.push_back({"second pass",
               std::chrono::duration<double>(std::chrono::steady_clock::now() - second_pass_start)
                   .count()});
  return run;
}

}  // namespace moneytrail
