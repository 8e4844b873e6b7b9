// The unsupervised, explainable mule-risk score. Each indicator turns features or typology hits
// into a strength in [0, 1]; the score is their noisy-OR, 1 - prod(1 - weight x strength), so
// that one strong indicator is enough to rank an account high, several weak ones add up, and the
// indicators with the largest weight x strength are the reasons given.
//
// Indicators on a ledger share (night, bursts, channels, round and under-threshold amounts) are
// robust z-scores against the population of active accounts (median and scaled median absolute
// deviation, Iglewicz and Hoaglin 1993), so they need no training and flag what is unusual in
// this case; the mule-specific indicators (fast pass-through, forwarding chains, victims' money,
// the mule cluster) follow the layering signature that FlowScope looks for (Li et al.,
// "FlowScope: spotting money laundering based on graphs", AAAI 2020) and the typologies of
// IBM's AML generators (Weber et al., "Scalable graph learning for anti-money laundering",
// 2018; Altman et al., NeurIPS 2023).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/scoring/account_features.h"
#include "algorithms/scoring/typologies.h"

namespace moneytrail {

enum class Indicator : std::uint8_t {
  fast_pass_through,  // passes on what it receives (pass_through^2) within minutes (dwell)
  forwarding_chain,   // a relay in fast forwarding chains
  victim_money,       // unusually much of the victims' personalized PageRank
  mule_cluster,       // member of a suspicious mule cluster
  fan_in,
  fan_out,
  scatter_gather,
  gather_scatter,
  cycle,
  bipartite,
  night_activity,
  bursts,
  crypto_channel,
  platform_channel,
  round_amounts,
  under_threshold,
  risky_payers,  // most of what it receives comes from high-scoring accounts (add_payer_risk)
};
inline constexpr int kIndicatorCount = 17;

std::string_view to_string(Indicator indicator);

struct RiskScoreOptions {
  /// Weight of each indicator (its largest contribution), in Indicator order. Defaults: 0.7 fast
  /// pass-through, 0.6 forwarding chain, 0.5 victims' money, 0.6 mule cluster, 0.25 fan-in and
  /// fan-out, 0.4 scatter-gather, gather-scatter and cycle, 0.3 bipartite, 0.2 night, 0.15
  /// bursts, 0.15 crypto, 0.1 platform, 0.1 round amounts, 0.2 under threshold, 0.5 risky payers.
  std::array<double, kIndicatorCount> weights = {0.7, 0.6, 0.5,  0.6,  0.25, 0.25, 0.4, 0.4, 0.4,
                                                 0.3, 0.2, 0.15, 0.15, 0.1,  0.1,  0.2, 0.5};
  /// A dwell this short or shorter counts as fully fast; a day or longer not at all (log scale
  /// in between). Default 10 minutes.
  double fast_dwell_seconds = 600.0;
  /// Robust z-scores below this give no strength; strength reaches 1 at z_floor + z_span.
  /// Defaults 2 and 4.
  double z_floor = 2.0;
  double z_span = 4.0;
};

struct ScoreReason {
  Indicator indicator = Indicator::fast_pass_through;
  double contribution = 0;  // weight x strength; 0: no reason
};

struct RiskScores {
  std::vector<double> score;                        // per account, in [0, 1]
  std::vector<std::array<ScoreReason, 3>> reasons;  // strongest first; unused slots contribute 0
  /// Per account, the value-weighted mean score of those who paid it (empty before
  /// add_payer_risk).
  std::vector<double> payer_risk;
};

/// Throws std::invalid_argument for a weight outside [0, 1] or mismatched sizes.
RiskScores unsupervised_scores(const AccountFeatures& features, const TypologyResult& typologies,
                               const RiskScoreOptions& options = {});

/// One step of guilt by association for where laundered money lands: each account's payer risk
/// is the value-weighted mean of its payers' scores (self flows left out), and it joins the
/// noisy-OR as the risky_payers indicator. Catches the cash-out exchange accounts, OTC desks and
/// organisers that receive from mules without behaving like one. Throws std::invalid_argument
/// when `flows` covers other accounts.
void add_payer_risk(RiskScores& scores, const FlowView& flows,
                    const RiskScoreOptions& options = {});

/// A reason an investigator can check, with the account's numbers, e.g. "passes on 99 % of
/// what it receives, median dwell 14 min".
std::string reason_text(Indicator indicator, const AccountFeatures& features,
                        const TypologyResult& typologies, const RiskScores& scores,
                        VertexId account);

}  // namespace moneytrail
