// The running-points (跑分) detector. People rent out their payment accounts and QR codes to a
// platform; gamblers' stakes and fraud victims' payments arrive there from many unrelated payers,
// and the account holder passes what arrives on to the platform's accounts in larger sums,
// keeping a fixed commission, while the platform's controller tops the account up with
// deposits. Courts' and banks' write-ups of such cases (and the PBoC's 2019 notice on payment
// accounts used for gambling and fraud, 银发〔2019〕85号) describe these signals; each test below
// is one of them, with the threshold that separates it from ordinary traffic:
//   - many payers: at least collection_min_payers distinct senders;
//   - unrelated, occasional payers: at least half of them paid it three times or fewer (a
//     family or an employer pays regularly);
//   - in larger sums: at least three credits per debit, and the median debit at least three
//     times the median credit (aggregation, not relaying one payment at a time);
//   - a small, fixed commission: it passes on between 1 - collection_max_commission and 100 % of
//     what its payers paid (the controller's deposits left out: they are its float). The
//     controller is a payer (not a labelled victim) whose every payment is a round thousand and
//     at least five times the account's median credit (a deposit, not a stake);
//   - fast: each debit is a batch of the credits since the previous debit, and the median batch
//     leaves within chain_max_dwell_seconds of its last credit.
// The hit reports the kept share, and the batches' steadiness: the share of batches whose
// forwarded share lies within collection_steadiness of the median batch's (an account shared by
// two platforms batches each one's money apart, so its batches mix and this is lower).
#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>

#include "algorithms/scoring/typology_search.h"

namespace moneytrail::typology_detail {
namespace {

bool personal(AccountKind kind) {
  return kind == AccountKind::unknown || kind == AccountKind::bank_card ||
         kind == AccountKind::bank_account || kind == AccountKind::payment_account ||
         kind == AccountKind::crypto_address;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

void find_running_points(const TransactionGraph& graph, const std::vector<double>& base,
                         const TypologyOptions& o, VertexId v, std::vector<TypologyHit>& hits) {
  if (!personal(graph.accounts().kind[v])) return;
  const TransactionTable& tx = graph.transactions();
  const auto in = graph.in_transactions(v), out = graph.out_transactions(v);
  if (in.size() < o.collection_min_payers || out.empty() || in.size() < 3 * out.size()) return;
  tsl::robin_map<VertexId, std::uint32_t> payments;
  for (TxIndex t : in)
    if (tx.from[t] != v) ++payments[tx.from[t]];
  if (payments.size() < o.collection_min_payers) return;
  std::size_t occasional = 0;
  for (const auto& [payer, times] : payments) occasional += times <= 3;
  if (2 * occasional < payments.size()) return;

  std::vector<double> credits, debits;
  for (TxIndex t : in)
    if (tx.from[t] != v) credits.push_back(base[t]);
  for (TxIndex t : out)
    if (tx.to[t] != v) debits.push_back(base[t]);
  if (debits.empty() || median_of(debits) < 3 * median_of(credits)) return;

  const double deposit_floor = 5 * median_of(credits);
  tsl::robin_map<VertexId, bool> deposits_only;
  for (TxIndex t : in) {
    const VertexId payer = tx.from[t];
    if (payer == v) continue;
    const double thousands = base[t] / 1000;
    const bool deposit = base[t] >= deposit_floor && base[t] >= 1000 &&
                         std::abs(thousands - std::round(thousands)) < 1e-9 * thousands;
    auto [it, fresh] = deposits_only.try_emplace(payer, deposit);
    if (!fresh) it.value() = it->second && deposit;
  }
  double payers_paid = 0, forwarded = 0;
  for (TxIndex t : in)
    if (tx.from[t] != v && !deposits_only[tx.from[t]]) payers_paid += base[t];
  for (TxIndex t : out)
    if (tx.to[t] != v) forwarded += base[t];
  if (!(payers_paid > 0)) return;
  const double kept = 1 - forwarded / payers_paid;
  if (kept < 0 || kept > o.collection_max_commission) return;

  // Batches: each debit against the credits that arrived since the previous debit.
  std::vector<double> shares, waits;
  std::size_t next = 0;
  for (TxIndex d : out) {
    if (tx.to[d] == v) continue;
    double collected = 0;
    TxIndex last_credit = 0;
    bool any = false;
    while (next < in.size() && in[next] < d) {
      if (tx.from[in[next]] != v) {
        collected += base[in[next]];
        last_credit = in[next];
        any = true;
      }
      ++next;
    }
    if (!any || !(collected > 0)) continue;
    shares.push_back(base[d] / collected);
    waits.push_back(static_cast<double>(tx.timestamp[d] - tx.timestamp[last_credit]));
  }
  if (shares.empty() || median_of(waits) > o.chain_max_dwell_seconds) return;
  const double typical = median_of(shares);
  std::size_t steady = 0;
  for (double share : shares) steady += std::abs(share - typical) <= o.collection_steadiness;

  TypologyHit hit{Typology::running_points, {v}, {}};
  std::vector<VertexId> others;
  for (const auto& [payer, times] : payments) {
    const std::uint8_t labels = graph.accounts().labels[payer];
    if (deposits_only[payer] && !(labels & kLabelVictim))
      hit.controllers.push_back(payer);
    else
      others.push_back(payer);
  }
  std::sort(hit.controllers.begin(), hit.controllers.end());
  hit.accounts.insert(hit.accounts.end(), hit.controllers.begin(), hit.controllers.end());
  std::sort(others.begin(), others.end());
  std::vector<VertexId> receivers;
  for (TxIndex t : out)
    if (tx.to[t] != v) receivers.push_back(tx.to[t]);
  std::sort(receivers.begin(), receivers.end());
  receivers.erase(std::unique(receivers.begin(), receivers.end()), receivers.end());
  for (VertexId r : receivers)
    if (!std::binary_search(others.begin(), others.end(), r) &&
        !std::binary_search(hit.controllers.begin(), hit.controllers.end(), r))
      others.push_back(r);
  hit.accounts.insert(hit.accounts.end(), others.begin(), others.end());
  hit.transactions.assign(in.begin(), in.end());
  hit.transactions.insert(hit.transactions.end(), out.begin(), out.end());
  std::sort(hit.transactions.begin(), hit.transactions.end());
  hit.kept_share = kept;
  hit.steady_batches = static_cast<double>(steady) / static_cast<double>(shares.size());
  hits.push_back(std::move(hit));
}

}  // namespace moneytrail::typology_detail
