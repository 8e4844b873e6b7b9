// The batch scoring pipeline behind `moneytrail score`: the data's time step, per-transaction
// evidence, account features, typology hits, the victims' money, and the calibrated score with
// its second pass, in one call.
#pragma once

#include "algorithms/scoring/account_features.h"
#include "algorithms/scoring/risk_score.h"
#include "algorithms/scoring/time_resolution.h"
#include "algorithms/scoring/transaction_evidence.h"
#include "algorithms/scoring/typologies.h"
#include "algorithms/scoring/victim_money.h"
#include "graph/ownership_links.h"
#include "graph/progress.h"

namespace moneytrail {

struct AccountScoringOptions {
  /// features.victims empty: the accounts labelled victim (and not also suspect or mule) are
  /// used.
  AccountFeatureOptions features;
  TransactionEvidenceOptions evidence;
  TypologyOptions typologies;
  RiskScoreOptions risk;
  VictimMoneyOptions victim_money;
  OwnershipLinkOptions links;
  /// Stretch every window (fans, repeats, forwarding, chains, cycles) to at least one time step
  /// of the data, and cycles to at least seven steps: on day-stepped data a 24-hour window is
  /// one step, and a week of steps is the shortest cycle a simulator spreads over. Default on.
  bool windows_from_data = true;
  /// Where the stages report how far they are (none: silent).
  ProgressSink* progress = nullptr;
  /// Accounts labelled victim (and not also suspect or mule) score 0: the investigator already
  /// knows what they are, and a victim's own traffic (paying the mule card within minutes of
  /// receiving a salary) would otherwise rank it with the mules. Default on.
  bool clear_victims = true;
};

/// How long one step of the pipeline took (for --verbose and the benchmark).
struct StageTime {
  const char* stage;
  double seconds;
};

struct AccountScoring {
  std::vector<StageTime> stages;  // in the order they ran
  TimeResolution resolution;
  TransactionEvidence evidence;
  AccountFeatures features;
  TypologyResult typologies;
  VictimMoney victim_money;
  RiskScores scores;
};

/// Per account 1 when it sent or received a transaction labelled laundering (AMLworld's
/// `Is Laundering`, the native `label` column), else 0: the account labels of AMLworld's
/// benchmark ("took part in a laundering transaction").
std::vector<std::uint8_t> laundering_participants(const TransactionGraph& graph);

/// The victims the pipeline uses: accounts labelled victim and not also suspect or mule.
std::vector<VertexId> labelled_victims(const TransactionGraph& graph);

/// Throws std::invalid_argument for options out of range.
AccountScoring score_accounts(const TransactionGraph& graph, const FlowView& flows,
                              const AccountScoringOptions& options = {});

}  // namespace moneytrail
