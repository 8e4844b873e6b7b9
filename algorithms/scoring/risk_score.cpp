#include "algorithms/scoring/risk_score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace moneytrail {
namespace {

constexpr std::string_view kNames[kIndicatorCount] = {
    "fast_pass_through", "forwarding_chain", "victim_money",
    "mule_cluster",      "fan_in",           "fan_out",
    "scatter_gather",    "gather_scatter",   "cycle",
    "bipartite",         "night_activity",   "bursts",
    "crypto_channel",    "platform_channel", "round_amounts",
    "under_threshold",   "risky_payers"};

// Pseudo-transactions that shrink a share towards "no evidence": a share seen on one
// transaction is weak, on twenty it is firm.
constexpr double kShareConfidence = 5.0;

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

// Median and scale of `values` (NaN skipped): 1.4826 x MAD, falling back to 1.2533 x the mean
// absolute deviation when more than half the values are equal (a share that is 0 for most).
struct RobustScale {
  double centre = 0, scale = 1;
  double z(double x) const { return (x - centre) / scale; }
};
RobustScale robust_scale(std::vector<double> values) {
  std::erase_if(values, [](double x) { return std::isnan(x); });
  RobustScale r;
  r.centre = median_of(values);
  std::vector<double> deviation(values.size());
  double mean_deviation = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    deviation[i] = std::abs(values[i] - r.centre);
    mean_deviation += deviation[i];
  }
  if (!values.empty()) mean_deviation /= static_cast<double>(values.size());
  r.scale = 1.4826 * median_of(std::move(deviation));
  if (r.scale <= 0) r.scale = 1.2533 * mean_deviation;
  if (r.scale <= 0) r.scale = 1;
  return r;
}

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

std::string percent(double share) { return std::to_string(std::lround(100 * share)) + "%"; }

std::string duration(double seconds) {
  char text[32];
  if (seconds < 120)
    std::snprintf(text, sizeof text, "%.0f s", seconds);
  else if (seconds < 7200)
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  else if (seconds < 172800)
    std::snprintf(text, sizeof text, "%.1f h", seconds / 3600);
  else
    std::snprintf(text, sizeof text, "%.1f days", seconds / 86400);
  return text;
}

}  // namespace

std::string_view to_string(Indicator indicator) { return kNames[static_cast<int>(indicator)]; }

RiskScores unsupervised_scores(const AccountFeatures& features, const TypologyResult& typologies,
                               const RiskScoreOptions& options) {
  const auto n = static_cast<VertexId>(features.values.rows());
  if (typologies.per_account.size() != n)
    throw std::invalid_argument("typology counts and features cover different accounts");
  for (double w : options.weights) {
    if (!(w >= 0 && w <= 1)) throw std::invalid_argument("indicator weights must be in [0, 1]");
  }
  if (!(options.fast_dwell_seconds >= 1 && options.fast_dwell_seconds < 86400) ||
      !(options.z_span > 0) || !std::isfinite(options.z_floor)) {
    throw std::invalid_argument("fast dwell must be in [1 s, 1 day), z span positive");
  }
  auto col = [&](VertexId v, Feature f) { return features.column(v, f); };
  auto transactions = [&](VertexId v) {
    return col(v, Feature::in_count) + col(v, Feature::out_count);
  };

  // Robust scales of the share features and of log(victim PPR / PageRank) over active accounts.
  const Feature shares[] = {Feature::night_share,  Feature::burst_24h,
                            Feature::crypto_share, Feature::platform_share,
                            Feature::round_share,  Feature::under_threshold_share};
  const Indicator share_indicators[] = {Indicator::night_activity, Indicator::bursts,
                                        Indicator::crypto_channel, Indicator::platform_channel,
                                        Indicator::round_amounts,  Indicator::under_threshold};
  std::array<RobustScale, 6> share_scale;
  for (int s = 0; s < 6; ++s) {
    std::vector<double> values;
    for (VertexId v = 0; v < n; ++v)
      if (transactions(v) > 0) values.push_back(col(v, shares[s]));
    share_scale[s] = robust_scale(values);
  }
  auto victim_lift = [&](VertexId v) {
    const double ppr = col(v, Feature::victim_ppr), pr = col(v, Feature::pagerank);
    return ppr > 0 && pr > 0 ? std::log(ppr / pr) : std::nan("");
  };
  std::vector<double> lifts;
  for (VertexId v = 0; v < n; ++v)
    if (const double lift = victim_lift(v); !std::isnan(lift)) lifts.push_back(lift);
  const RobustScale lift_scale = robust_scale(lifts);
  auto from_z = [&](double z) { return clamp01((z - options.z_floor) / options.z_span); };

  RiskScores scores;
  scores.score.resize(n);
  scores.reasons.resize(n);
  const double day = 86400.0;
  const std::int64_t count = n;
#pragma omp parallel for schedule(static) if (count > 65536)
  for (std::int64_t i = 0; i < count; ++i) {
    const VertexId v = static_cast<VertexId>(i);
    std::array<double, kIndicatorCount> strength{};
    auto set = [&](Indicator k, double s) { strength[static_cast<int>(k)] = s; };
    const double dwell = col(v, Feature::dwell_median_seconds);
    if (!std::isnan(dwell)) {
      const double fast = clamp01(std::log(day / std::max(dwell, 1.0)) /
                                  std::log(day / options.fast_dwell_seconds));
      const double pass = col(v, Feature::pass_through);
      set(Indicator::fast_pass_through, pass * pass * fast);
    }
    const auto& hits = typologies.per_account[v];
    auto hit = [&](Typology t) { return static_cast<double>(hits[static_cast<int>(t)]); };
    set(Indicator::forwarding_chain, 1 - std::exp(-hit(Typology::forwarding_chain) / 2));
    if (const double lift = victim_lift(v); !std::isnan(lift) && col(v, Feature::victim_hops) > 0)
      set(Indicator::victim_money, from_z(lift_scale.z(lift)));
    set(Indicator::mule_cluster, clamp01(col(v, Feature::cluster_suspicion)));
    set(Indicator::fan_in, std::min(1.0, hit(Typology::fan_in)));
    set(Indicator::fan_out, std::min(1.0, hit(Typology::fan_out)));
    set(Indicator::scatter_gather, std::min(1.0, hit(Typology::scatter_gather)));
    set(Indicator::gather_scatter, std::min(1.0, hit(Typology::gather_scatter)));
    set(Indicator::cycle, std::min(1.0, hit(Typology::cycle)));
    set(Indicator::bipartite, std::min(1.0, hit(Typology::bipartite)));
    const double confidence = transactions(v) / (transactions(v) + kShareConfidence);
    for (int s = 0; s < 6; ++s)
      set(share_indicators[s], confidence * from_z(share_scale[s].z(col(v, shares[s]))));

    double keep = 1;
    std::array<ScoreReason, 3> top{};
    for (int k = 0; k < kIndicatorCount; ++k) {
      const double contribution = options.weights[k] * strength[k];
      keep *= 1 - contribution;
      ScoreReason reason{static_cast<Indicator>(k), contribution};
      for (auto& slot : top) {
        if (reason.contribution > slot.contribution) std::swap(reason, slot);
      }
    }
    scores.score[v] = 1 - keep;
    scores.reasons[v] = top;
  }
  return scores;
}

void add_payer_risk(RiskScores& scores, const FlowView& flows, const RiskScoreOptions& options) {
  const VertexId n = flows.num_vertices();
  if (scores.score.size() != n) throw std::invalid_argument("flows and scores differ in accounts");
  const double weight = options.weights[static_cast<int>(Indicator::risky_payers)];
  const std::vector<double> first = scores.score;  // every account's payers read the same pass
  scores.payer_risk.assign(n, 0.0);
  const std::int64_t count = n;
#pragma omp parallel for schedule(dynamic, 1024) if (count > 65536)
  for (std::int64_t i = 0; i < count; ++i) {
    const VertexId v = static_cast<VertexId>(i);
    double received = 0, risky = 0;
    for (FlowEdgeIndex e : flows.in_edges(v)) {
      if (flows.source(e) == v) continue;
      received += flows.value(e);
      risky += flows.value(e) * first[flows.source(e)];
    }
    if (!(received > 0)) continue;
    const double strength = clamp01(risky / received);
    scores.payer_risk[v] = strength;
    ScoreReason reason{Indicator::risky_payers, weight * strength};
    scores.score[v] = 1 - (1 - scores.score[v]) * (1 - reason.contribution);
    for (auto& slot : scores.reasons[v]) {
      if (reason.contribution > slot.contribution) std::swap(reason, slot);
    }
  }
}

std::string reason_text(Indicator indicator, const AccountFeatures& features,
                        const TypologyResult& typologies, const RiskScores& scores, VertexId v) {
  auto col = [&](Feature f) { return features.column(v, f); };
  auto hits = [&](Typology t) {
    return std::to_string(typologies.per_account[v][static_cast<int>(t)]);
  };
  switch (indicator) {
    case Indicator::fast_pass_through:
      return "passes on " + percent(col(Feature::pass_through)) +
             " of what it receives, median dwell " + duration(col(Feature::dwell_median_seconds));
    case Indicator::forwarding_chain:
      return "relay in " + hits(Typology::forwarding_chain) + " fast forwarding chains";
    case Indicator::victim_money: {
      char text[96];
      std::snprintf(
          text, sizeof text,
          "receives victims' money (%.0f hops from a victim, %.0fx its share of all flows)",
          col(Feature::victim_hops), col(Feature::victim_ppr) / col(Feature::pagerank));
      return text;
    }
    case Indicator::mule_cluster: {
      char text[64];
      std::snprintf(text, sizeof text, "member of a mule cluster scored %.2f",
                    col(Feature::cluster_suspicion));
      return text;
    }
    case Indicator::fan_in:
      return "fan-in: " + std::to_string(std::lround(col(Feature::fan_in))) +
             " senders in one window";
    case Indicator::fan_out:
      return "fan-out: " + std::to_string(std::lround(col(Feature::fan_out))) +
             " receivers in one window";
    case Indicator::scatter_gather:
      return "in " + hits(Typology::scatter_gather) + " scatter-gather patterns";
    case Indicator::gather_scatter:
      return "in " + hits(Typology::gather_scatter) + " gather-scatter patterns";
    case Indicator::cycle:
      return "in " + hits(Typology::cycle) + " cycles returning money to its start";
    case Indicator::bipartite:
      return "in " + hits(Typology::bipartite) + " bipartite layers of payers and payees";
    case Indicator::night_activity:
      return percent(col(Feature::night_share)) + " of transactions at night";
    case Indicator::bursts:
      return percent(col(Feature::burst_24h)) + " of transactions within 24 h";
    case Indicator::crypto_channel:
      return percent(col(Feature::crypto_share)) + " of value in crypto transfers";
    case Indicator::platform_channel:
      return percent(col(Feature::platform_share)) + " of value through payment platforms";
    case Indicator::round_amounts:
      return percent(col(Feature::round_share)) + " of amounts round";
    case Indicator::under_threshold:
      return percent(col(Feature::under_threshold_share)) +
             " of amounts just under a reporting threshold";
    case Indicator::risky_payers: {
      char text[96];
      std::snprintf(text, sizeof text,
                    "paid mostly by high-risk accounts (value-weighted payer score %.2f)",
                    scores.payer_risk.empty() ? 0.0 : scores.payer_risk[v]);
      return text;
    }
  }
  return {};  // unreachable: every indicator is handled above
}

}  // namespace moneytrail
