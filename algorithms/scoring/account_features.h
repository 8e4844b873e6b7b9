// Per-account features for mule-risk scoring: what an account's own ledger shows (volumes,
// counterparties, how fast and how completely it passes money on, when and in what amounts) and
// where it sits in the flow graph (PageRank, closeness to victims, k-core), and the counts of
// evidence the unsupervised score weighs (unusual amounts, repeats, forwarding, victims' money).
// One row per account in an Eigen matrix, one column per Feature, so that the unsupervised score
// and the logistic model read the same numbers. Transfers to self are left out of the ledger
// features (they move nothing); PageRank and the k-core see the flow view as it is.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string_view>
#include <vector>

#include "algorithms/scoring/transaction_evidence.h"
#include "graph/flow_view.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class Feature : std::uint8_t {
  in_count,               // credits
  out_count,              // debits
  in_value,               // received, base currency
  out_value,              // sent, base currency
  in_counterparties,      // distinct senders
  out_counterparties,     // distinct receivers
  pass_through,           // min(in_value, out_value) / max(in_value, out_value)
  dwell_median_seconds,   // over credits: time to the account's next debit (NaN: never one)
  dwell_p10_seconds,      // 10th percentile of the same
  burst_1h,               // largest share of the account's transactions within one hour
  burst_24h,              // ... within 24 hours
  fan_in,                 // most distinct senders within one fan window
  fan_out,                // most distinct receivers within one fan window
  round_share,            // share of transactions in whole multiples of the round unit
  under_threshold_share,  // share of transactions just under a reporting threshold
  night_share,            // share of transactions at night, local time
  active_days,            // days from first to last transaction
  platform_share,         // share of value (in + out) through payment platforms
  crypto_share,           // ... through crypto transfers
  exchange_share,         // ... through exchange trades
  pagerank,               // PageRank on value-weighted flows (graph features only, else NaN)
  victim_ppr,             // personalized PageRank from labelled victims (0 without victims)
  core_number,            // k-core of the undirected flow graph (graph features only, else NaN)
  victim_hops,            // fewest flows from a labelled victim (NaN: unreachable or no victims)
  unusual_amounts,        // transactions at amounts unusual for the data (transaction_evidence)
  repeated_transfers,     // transactions repeating a payer-payee pair within the repeat window
  forwarded_credits,      // credits it passed on (at least half) within the forward window
  forward_chance,         // the chance of that for a credit at a random time (its own pace)
  forwarded_debits,       // debits that their receivers passed on within the window
  debit_forward_chance,   // the receivers' mean chance of that
  victim_payers,          // distinct senders labelled victim
  victim_money_received,  // victims' money received (haircut from their scam payments), base
  victim_money_share,     // ... as a share of what it received
  victims_reached,  // distinct victims whose money reached it (exact up to 16, estimated above)
  counterparties,   // distinct accounts it paid or was paid by
  flagged_counterparties,  // ... of which flagged by the first pass of the score
  linked_accounts,         // accounts tied to it by holder, phone, device or a stated link
  flagged_links,           // ... of which flagged by the first pass of the score
};
inline constexpr int kFeatureCount = 38;

std::string_view feature_name(Feature feature);

struct AccountFeatureOptions {
  /// Window for fan-in and fan-out. Default 24 hours.
  double fan_window_seconds = 24 * 3600.0;
  /// Reporting thresholds in the base currency; an amount in [t x (1 - band), t) is "just under".
  /// Defaults: 10,000 (the US and many others' cash reporting line), 50,000 (the PBoC's
  /// large-value cash report, CNY) and 200,000 (the PBoC's report for an individual's
  /// cross-border transfer, CNY).
  std::vector<double> thresholds = {10000.0, 50000.0, 200000.0};
  double threshold_band = 0.1;  // Default 10 % below each threshold.
  /// An amount (in its own currency) is round when it is a whole multiple of this. Default 100.
  double round_unit = 100.0;
  /// Night is [night_start_hour, night_end_hour) local time (wrapping past midnight when start >
  /// end, e.g. 22-6), local = UTC + utc_offset_seconds. Defaults: 0-6 h in China time (UTC+8).
  std::int64_t utc_offset_seconds = 8 * 3600;
  int night_start_hour = 0;
  int night_end_hour = 6;
  /// Labelled victims: seeds of victim_ppr and sources of victim_hops (empty: both unknown).
  std::vector<VertexId> victims;
  /// Compute pagerank, victim_ppr, core_number and victim_hops (two PageRanks and a k-core:
  /// a third of the time). The supervised model uses them; the unsupervised score does not.
  /// Default off: NaN in those columns.
  bool graph_features = false;
};

struct AccountFeatures {
  /// num_accounts x kFeatureCount, column f = Feature f. NaN only where documented above. Single
  /// precision: 152 bytes an account instead of 304 (a tenth of a 10M-transaction case's peak),
  /// and every feature is a count, a share or a sum that needs no more than 7 digits.
  Eigen::MatrixXf values;
  double column(VertexId v, Feature f) const { return values(v, static_cast<int>(f)); }
};

/// `base_values` from base_values(graph), `evidence` from transaction_evidence. The victim,
/// flagged and linked columns are left 0: the scoring pipeline fills them (account_scoring.h).
/// Throws std::invalid_argument for a victim out of range, a non-positive window or unit, or a
/// band outside [0, 1).
AccountFeatures compute_account_features(const TransactionGraph& graph, const FlowView& flows,
                                         const std::vector<double>& base_values,
                                         const TransactionEvidence& evidence,
                                         const AccountFeatureOptions& options = {});

/// Each transaction's paid amount in the base currency (paid_in_base for every transaction),
/// computed on both cores: the features and detectors compare amounts across currencies.
std::vector<double> base_values(const TransactionGraph& graph);

}  // namespace moneytrail
