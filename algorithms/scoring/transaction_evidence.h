// Per-transaction evidence that the account-level evidence families count: amounts unusual for
// the data, transfers repeating the same payer-payee pair within a short window, and credits the
// receiver passes on within a short window (flow conservation). Each is measured against this
// data only, so nothing here assumes one source's amounts, rhythm or time step.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/scoring/time_resolution.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum TransactionFlag : std::uint8_t {
  kUnusualAmount = 1u << 0,     // far from the amounts of this data
  kRepeatedTransfer = 1u << 1,  // the same payer paid the same payee shortly before
  kForwarded = 1u << 2,         // the receiver passed at least forward_share of it on soon
};

struct TransactionEvidenceOptions {
  /// An amount (base currency) is unusual when the log of it lies more than this many robust
  /// standard deviations (1.4826 x the median absolute deviation) from the median log amount of
  /// all transactions: Iglewicz and Hoaglin's outlier rule ("How to detect and handle
  /// outliers", 1993), on the log scale because amounts spread multiplicatively. Default 3.5.
  double unusual_z = 3.5;
  /// A transfer repeats when the same payer paid the same payee at most this long before.
  /// Default 24 hours (a day's limit split into several transfers), at least one time step.
  double repeat_window_seconds = 24 * 3600.0;
  /// A credit is forwarded when the receiver passes at least forward_share of it on, to someone
  /// other than the payer, at most this long after it arrived. Lots are taken first in, first
  /// out, after a known opening balance. Defaults 6 hours (mule cards forward within minutes to
  /// hours; investigators' guidance on "快进快出" uses the same day), at least one time step,
  /// and half.
  double forward_window_seconds = 6 * 3600.0;
  double forward_share = 0.5;
  /// The data's time step (infer_time_resolution): windows are at least one step, and a
  /// forward in the same step counts.
  TimeResolution resolution;
};

struct TransactionEvidence {
  std::vector<std::uint8_t> flags;     // per transaction, TransactionFlag bits
  std::vector<float> forwarded_share;  // per transaction: share its receiver passed on in time
  /// Per account: the chance that a credit at a random time of the account's active span finds
  /// one of its debits within the forward window (the length of the union of the windows before
  /// its debits over the span). A hub that pays out all day forwards "everything" by this
  /// chance alone; a card that pays once a fortnight does not.
  std::vector<float> forward_chance;
  double log_amount_median = 0;       // of the base amounts (transfers to self left out)
  double log_amount_scale = 1;        // 1.4826 x their median absolute deviation
  double unusual_z = 0;               // as applied
  double repeat_window_seconds = 0;   // as applied (at least one step)
  double forward_window_seconds = 0;  // as applied
  TimeResolution resolution;
};

/// `base_values` from base_values(graph). Transfers to self carry no flags. Runs on every core
/// for large graphs; deterministic. Throws std::invalid_argument for options out of range.
TransactionEvidence transaction_evidence(const TransactionGraph& graph,
                                         const std::vector<double>& base_values,
                                         const TransactionEvidenceOptions& options = {});

}  // namespace moneytrail
