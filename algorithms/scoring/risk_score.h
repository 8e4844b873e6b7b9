// The unsupervised, explainable mule-risk score, calibrated on the data it scores.
//
// Each indicator asks one question an investigator would ask ("does it pass on what it gets,
// and faster than its own pace explains?", "do reported victims pay it?") and answers with the
// surprisal of what the account shows under a chance model fitted to this data: for counted
// events, -ln P(X >= k) for X ~ Binomial(n, p), with n the account's own opportunities and p the
// population's rate (or, for forwarding, the chance its own timing gives); for typology hits,
// -ln of the share of accounts with at least as many. An indicator says nothing (0) unless the
// account shows more than chance predicts, and no indicator says more than ln(active accounts):
// "as rare as one account in the whole case". The account's surprisal is the sum over
// indicators (Fisher's combination of independent tests, in nats), and its score is
// 1 - exp(-surprisal / ln(active accounts)): 0.63 for one maximally rare indication, 0.86 for
// two, 0.95 for three. No weight is set by hand and nothing is fitted to one source: what a
// case shows often (fast pass-through among payroll cards, repeats between friends) is worth
// little in that case, what is rare is worth much.
//
// A second pass adds guilt by association: the associates indicator counts the account's
// distinct counterparties, and shared_owners its holder, phone and device ties, that the first
// pass flagged (surprisal of at least ln(active accounts)), against the population's share.
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
  unusual_amounts,     // transactions at amounts unusual for the data
  repeated_transfers,  // transfers repeating a payer-payee pair within a day
  fast_forwarding,     // credits passed on within hours, beyond its own pace
  layering,            // what it pays on is passed on again by its receivers
  victim_payers,       // reported victims among its payers
  victim_money,        // victims' money traced into it
  typologies,          // fan, scatter-gather, cycle, chain, running-points hits
  night_activity,      // transactions at night (sub-hour data only)
  round_amounts,       // round amounts
  under_threshold,     // amounts just under a reporting threshold
  associates,          // counterparties flagged by the first pass
  shared_owners,       // holder, phone or device ties to flagged accounts
};
inline constexpr int kIndicatorCount = 12;

std::string_view to_string(Indicator indicator);

struct RiskScoreOptions {
  /// Indicators to use (all by default).
  std::array<bool, kIndicatorCount> enabled = {true, true, true, true, true, true,
                                               true, true, true, true, true, true};
  /// The first pass flags an account for the associates and shared_owners indicators when its
  /// surprisal reaches this many times ln(active accounts). Default 1.
  double flag_level = 1.0;
  /// Night counts only on data finer than this (on day-stepped data every time is midnight).
  /// Default 1 hour.
  Timestamp night_needs_resolution_below = 3600;
};

struct ScoreReason {
  Indicator indicator = Indicator::unusual_amounts;
  double contribution = 0;  // nats; 0: no reason
};

/// What the chance model of a counted indicator expects: the population's rate of the event.
/// (Rates by activity level, against accounts about as busy, were tried: they rank the
/// generator's cases and AMLSim's tuning run worse, docs/scoring.md.)
struct IndicatorBase {
  double rate = 0;  // population rate of the event (forwarding: the mean chance)
};

struct RiskScores {
  std::vector<double> score;                                 // per account, in [0, 1]
  std::vector<double> surprisal;                             // per account, nats, the sum below
  std::vector<std::array<float, kIndicatorCount>> evidence;  // per account and indicator, nats
  std::vector<std::array<ScoreReason, 3>> reasons;  // strongest first; unused slots contribute 0
  std::vector<std::uint8_t> flagged;                // first pass reached flag_level
  double scale = 1;                                 // ln(active accounts): cap and score unit
  std::uint32_t active_accounts = 0;
  /// Counted evidence comes from at most this many transactions (the 99th percentile of active
  /// accounts' transactions, at least 20), at the account's own rate.
  double trials_cap = 20;
  std::array<IndicatorBase, kIndicatorCount> base{};
  std::vector<std::uint8_t> best_typology;  // per account: the typology behind `typologies`
  // What the reasons quote.
  TimeResolution resolution;
  double forward_window_seconds = 0, repeat_window_seconds = 0;
  double unusual_below = 0, unusual_above = 0;  // amounts outside these are unusual
};

/// -ln P(X >= k), X ~ Binomial(n, p), capped at `cap`; 0 unless k > n p. Exact (regularised
/// incomplete beta).
double binomial_surprisal(double k, double n, double p, double cap);

/// The first pass: every indicator but victim_money, associates and shared_owners. The
/// evidence's time resolution decides whether night counts. Throws std::invalid_argument when
/// typologies and features cover different accounts.
RiskScores first_pass_scores(const AccountFeatures& features, const TypologyResult& typologies,
                             const TransactionEvidence& evidence,
                             const RiskScoreOptions& options = {});

/// The victim_money indicator, once victims' money is traced (victim_money_share and
/// victims_reached in `features`).
void add_victim_money(RiskScores& scores, const AccountFeatures& features,
                      const RiskScoreOptions& options = {});

/// Marks the flagged accounts, then adds associates and shared_owners from the
/// flagged_counterparties / counterparties and flagged_links / linked_accounts columns the
/// pipeline fills with flagged_of(). Call finish_scores() after.
std::vector<std::uint8_t> flag_accounts(RiskScores& scores, const RiskScoreOptions& options = {});
void add_association(RiskScores& scores, const AccountFeatures& features,
                     const RiskScoreOptions& options = {});

/// Totals, scores and the three strongest reasons.
void finish_scores(RiskScores& scores);

/// Sets `account`'s score, evidence and reasons to nothing (a labelled victim).
void clear_score(RiskScores& scores, VertexId account);

/// A reason an investigator can check, with the account's numbers, e.g. "passed on 28 of its 30
/// credits within 6 h (3.1 expected at its own pace)".
std::string reason_text(Indicator indicator, const AccountFeatures& features,
                        const TypologyResult& typologies, const RiskScores& scores,
                        VertexId account);

}  // namespace moneytrail
