// Where reported victims' money went, for every account at once: one pass over the transactions
// in time order that follows the victims' scam payments with the haircut rule (each debit
// carries victims' money in proportion to what the account holds; a known opening balance
// counts as clean money, an unknown one as none). Haircut tracing is linear in its seeds, so this
// one pass gives, per account, the sum of every victim's own haircut trace (docs/tracing.md) at
// the cost of one.
//
// Investigators usually know the victims, not which of their payments was the scam: a victim
// also shops, pays rent and sends money to friends. The scoring pipeline weighs each victim
// debit by how much its payee looks like a collection point (scam_payment_weight); only that
// share of the payment is followed.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/transaction_graph.h"

namespace moneytrail {

struct VictimMoneyOptions {
  /// A transaction passes on its sender's victims (for victims_reached) when at least this share
  /// of it is victims' money. Default 0.05.
  double reach_share = 0.05;
};

struct VictimMoney {
  std::vector<double> received;                // per account: victims' money received, base
  std::vector<double> passed_on;               // per account: victims' money sent on, base
  std::vector<std::uint32_t> victims_reached;  // distinct victims (exact up to 16, estimated above)
  std::vector<float> tainted_share;            // per transaction: its share of victims' money
};

/// `base_values` from base_values(graph); `scam_weight` per transaction: the share of a victim's
/// debit that is followed (0 for every other transaction). Transfers to self are skipped.
/// Throws std::invalid_argument for vectors of the wrong size or weights outside [0, 1].
VictimMoney trace_victim_money(const TransactionGraph& graph,
                               const std::vector<double>& base_values,
                               const std::vector<float>& scam_weight,
                               const VictimMoneyOptions& options = {});

}  // namespace moneytrail
