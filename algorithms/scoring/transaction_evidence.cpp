#include "algorithms/scoring/transaction_evidence.h"

#include <tsl/robin_map.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace moneytrail {
namespace {

double median_in_place(std::vector<double>& values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

struct Scratch {
  std::vector<TxIndex> credits, debits;
  std::vector<double> passed;  // per credit: what debits in time took of it
  tsl::robin_map<VertexId, Timestamp> last_paid;
};

// First in, first out over one account's credits (after its known opening balance): the part
// of each credit that a debit within the window, to someone other than its payer, takes.
void forward_shares(const TransactionGraph& graph, const std::vector<double>& base, VertexId v,
                    Scratch& s, double window, std::vector<float>& share) {
  const TransactionTable& tx = graph.transactions();
  double opening = graph.accounts().has_opening_balance(v)
                       ? std::max(0.0, graph.accounts().opening_balance[v])
                       : 0.0;
  std::size_t head = 0;     // first credit not used up
  double head_left = 0;     // what is left of it
  std::size_t arrived = 0;  // credits before the current debit
  std::vector<double>& passed = s.passed;
  passed.assign(s.credits.size(), 0.0);
  for (TxIndex d : s.debits) {
    while (arrived < s.credits.size() && s.credits[arrived] < d) {
      if (arrived == head) head_left = base[s.credits[head]];
      ++arrived;
    }
    double need = base[d];
    const double from_opening = std::min(opening, need);
    opening -= from_opening;
    need -= from_opening;
    while (need > 0 && head < arrived) {
      const double take = std::min(need, head_left);
      const TxIndex c = s.credits[head];
      if (static_cast<double>(tx.timestamp[d] - tx.timestamp[c]) <= window &&
          tx.to[d] != tx.from[c])
        passed[head] += take;
      need -= take;
      head_left -= take;
      if (head_left <= 0) {
        ++head;
        head_left = head < arrived ? base[s.credits[head]] : 0.0;
      }
    }
  }
  for (std::size_t i = 0; i < s.credits.size(); ++i) {
    const double value = base[s.credits[i]];
    share[s.credits[i]] = value > 0 ? static_cast<float>(std::min(1.0, passed[i] / value)) : 0.0f;
  }
}

// Length of the union of [d - window, d + step) over the debits, within the account's span,
// divided by the span.
float union_of_windows(const TransactionTable& tx, const Scratch& s, Timestamp first,
                       Timestamp last, double window, Timestamp step) {
  if (s.debits.empty()) return 0.0f;
  const double span = static_cast<double>(last - first + step);
  double covered = 0, end = -1e300;
  for (TxIndex d : s.debits) {
    const double lo =
        std::max(static_cast<double>(tx.timestamp[d]) - window, static_cast<double>(first));
    const double hi = static_cast<double>(tx.timestamp[d] + step);
    if (hi <= end) continue;
    covered += hi - std::max(lo, end);
    end = hi;
  }
  return static_cast<float>(std::min(1.0, covered / span));
}

}  // namespace

TransactionEvidence transaction_evidence(const TransactionGraph& graph,
                                         const std::vector<double>& base,
                                         const TransactionEvidenceOptions& options) {
  constexpr double kTenYears = 10 * 366 * 86400.0;
  if (!(options.unusual_z > 0) || !(options.repeat_window_seconds > 0) ||
      !(options.repeat_window_seconds <= kTenYears) || !(options.forward_window_seconds > 0) ||
      !(options.forward_window_seconds <= kTenYears) ||
      !(options.forward_share > 0 && options.forward_share <= 1)) {
    throw std::invalid_argument(
        "transaction evidence: unusual_z must be positive, windows positive and at most ten "
        "years, forward_share in (0, 1]");
  }
  const std::uint32_t m = graph.num_transactions(), n = graph.num_accounts();
  if (base.size() != m)
    throw std::invalid_argument("base_values must hold one value per transaction");
  const TransactionTable& tx = graph.transactions();
  const Timestamp step = options.resolution.seconds;
  TransactionEvidence e;
  e.unusual_z = options.unusual_z;
  e.resolution = options.resolution;
  e.repeat_window_seconds = at_least_one_step(options.repeat_window_seconds, options.resolution);
  e.forward_window_seconds = at_least_one_step(options.forward_window_seconds, options.resolution);
  e.flags.assign(m, 0);
  e.forwarded_share.assign(m, 0.0f);
  e.forward_chance.assign(n, 0.0f);

  // The population of amounts: median and scale of the log base amounts.
  {
    std::vector<double> logs;
    logs.reserve(m);
    for (TxIndex t = 0; t < m; ++t)
      if (tx.from[t] != tx.to[t] && base[t] > 0) logs.push_back(std::log(base[t]));
    e.log_amount_median = median_in_place(logs);
    for (double& x : logs) x = std::abs(x - e.log_amount_median);
    e.log_amount_scale = 1.4826 * median_in_place(logs);
    if (!(e.log_amount_scale > 0))
      e.log_amount_scale = 1e-9;  // one amount only: nothing is unusual but others
  }
  const std::int64_t count = n;
#pragma omp parallel if (count > 65536)
  {
    Scratch s;
#pragma omp for schedule(dynamic, 1024)
    for (std::int64_t i = 0; i < count; ++i) {
      const VertexId v = static_cast<VertexId>(i);
      s.credits.clear();
      s.debits.clear();
      for (TxIndex t : graph.in_transactions(v))
        if (tx.from[t] != v) s.credits.push_back(t);
      for (TxIndex t : graph.out_transactions(v))
        if (tx.to[t] != v) s.debits.push_back(t);
      forward_shares(graph, base, v, s, e.forward_window_seconds, e.forwarded_share);
      Timestamp first = 0, last = 0;
      const auto in = graph.in_transactions(v), out = graph.out_transactions(v);
      if (!in.empty() || !out.empty()) {
        first = std::min(in.empty() ? tx.timestamp[out.front()] : tx.timestamp[in.front()],
                         out.empty() ? tx.timestamp[in.front()] : tx.timestamp[out.front()]);
        last = std::max(in.empty() ? tx.timestamp[out.back()] : tx.timestamp[in.back()],
                        out.empty() ? tx.timestamp[in.back()] : tx.timestamp[out.back()]);
      }
      e.forward_chance[v] = union_of_windows(tx, s, first, last, e.forward_window_seconds, step);
      // Repeats: the payer's previous transfer to the same payee (the debit list is in order).
      if (s.debits.size() > 1) {
        if (s.last_paid.bucket_count() > 4096) s.last_paid = {};
        s.last_paid.clear();
        for (TxIndex d : s.debits) {
          auto [it, fresh] = s.last_paid.try_emplace(tx.to[d], tx.timestamp[d]);
          if (!fresh) {
            if (static_cast<double>(tx.timestamp[d] - it->second) <= e.repeat_window_seconds)
              e.flags[d] |= kRepeatedTransfer;
            it.value() = tx.timestamp[d];
          }
        }
      }
    }
  }
  const std::int64_t transactions = m;
#pragma omp parallel for schedule(static) if (transactions > 65536)
  for (std::int64_t i = 0; i < transactions; ++i) {
    const TxIndex t = static_cast<TxIndex>(i);
    if (tx.from[t] == tx.to[t]) continue;
    std::uint8_t flags = e.flags[t];
    if (base[t] > 0 &&
        std::abs(std::log(base[t]) - e.log_amount_median) > options.unusual_z * e.log_amount_scale)
      flags |= kUnusualAmount;
    if (e.forwarded_share[t] >= options.forward_share) flags |= kForwarded;
    e.flags[t] = flags;
  }
  return e;
}

}  // namespace moneytrail
