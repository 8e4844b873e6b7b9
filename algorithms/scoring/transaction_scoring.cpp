#include "algorithms/scoring/transaction_scoring.h"

#include <tsl/robin_set.h>

#include <algorithm>
#include <cmath>

namespace moneytrail {
namespace {

constexpr float kTaintedShare = 0.5f;  // a transaction carrying at least half victims' money

// The flags a transaction's own surprisal counts, and their population shares.
struct OwnFlags {
  std::array<double, 5> share{};  // unusual, repeated, forwarded, victims' money, in a hit
  static std::array<bool, 5> of(const AccountScoring& run, const std::vector<std::uint8_t>& in_hit,
                                TxIndex t) {
    const std::uint8_t f = run.evidence.flags[t];
    return {(f & kUnusualAmount) != 0, (f & kRepeatedTransfer) != 0, (f & kForwarded) != 0,
            run.victim_money.tainted_share[t] >= kTaintedShare, in_hit[t] != 0};
  }
};

std::vector<std::uint8_t> in_any_hit(const TransactionGraph& graph, const TypologyResult& r) {
  std::vector<std::uint8_t> in(graph.num_transactions(), 0);
  for (const TypologyHit& hit : r.hits)
    if (hit.typology != Typology::scam_payment)
      for (TxIndex t : hit.transactions) in[t] = 1;
  return in;
}

}  // namespace

TransactionScores transaction_scores(const TransactionGraph& graph, const AccountScoring& run) {
  const std::uint32_t m = graph.num_transactions();
  const TransactionTable& tx = graph.transactions();
  const std::vector<std::uint8_t> in_hit = in_any_hit(graph, run.typologies);
  OwnFlags own;
  std::uint64_t counted = 0;
  for (TxIndex t = 0; t < m; ++t) {
    if (tx.from[t] == tx.to[t]) continue;
    ++counted;
    const auto flags = OwnFlags::of(run, in_hit, t);
    for (std::size_t k = 0; k < flags.size(); ++k) own.share[k] += flags[k];
  }
  for (double& s : own.share) s = counted ? s / static_cast<double>(counted) : 0.0;
  const double scale = run.scores.scale;
  TransactionScores out;
  out.surprisal.assign(m, 0.0);
  out.score.assign(m, 0.0);
  for (TxIndex t = 0; t < m; ++t) {
    if (tx.from[t] == tx.to[t]) continue;
    double nats = std::min(run.scores.surprisal[tx.from[t]], run.scores.surprisal[tx.to[t]]);
    const auto flags = OwnFlags::of(run, in_hit, t);
    for (std::size_t k = 0; k < flags.size(); ++k)
      if (flags[k] && own.share[k] > 0) nats += std::min(scale, -std::log(own.share[k]));
    out.surprisal[t] = nats;
    out.score[t] = 1 - std::exp(-nats / scale);
  }
  return out;
}

std::vector<std::string> transaction_input_names() {
  std::vector<std::string> names = {"unusual_amount",  "repeated_transfer",  "forwarded",
                                    "forwarded_share", "victim_money_share", "amount_z",
                                    "first_of_pair"};
  for (int t = 0; t < kTypologyCount; ++t)
    names.push_back("hits_" + std::string(to_string(static_cast<Typology>(t))));
  for (const char* side : {"sender_", "receiver_"})
    for (int k = 0; k < kIndicatorCount; ++k)
      names.push_back(side + std::string(to_string(static_cast<Indicator>(k))));
  return names;
}

Eigen::MatrixXd transaction_model_inputs(const TransactionGraph& graph, const AccountScoring& run) {
  const std::uint32_t m = graph.num_transactions();
  const TransactionTable& tx = graph.transactions();
  const Eigen::Index columns = static_cast<Eigen::Index>(transaction_input_names().size());
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(m, columns);
  constexpr int kHits = 7;
  const int kSides = kHits + kTypologyCount;
  for (const TypologyHit& hit : run.typologies.hits)
    for (TxIndex t : hit.transactions) x(t, kHits + static_cast<int>(hit.typology)) += 1;
  // First transaction of each (payer, payee) pair: per payer, in processing order.
  tsl::robin_set<VertexId> paid;
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    paid.clear();
    for (TxIndex t : graph.out_transactions(v)) x(t, 6) = paid.insert(tx.to[t]).second ? 1.0 : 0.0;
  }
  const std::vector<double> base = base_values(graph);
  const double median = run.evidence.log_amount_median, scale = run.evidence.log_amount_scale;
  const std::int64_t count = m;
#pragma omp parallel for schedule(static) if (count > 65536)
  for (std::int64_t i = 0; i < count; ++i) {
    const TxIndex t = static_cast<TxIndex>(i);
    const std::uint8_t f = run.evidence.flags[t];
    x(t, 0) = (f & kUnusualAmount) != 0;
    x(t, 1) = (f & kRepeatedTransfer) != 0;
    x(t, 2) = (f & kForwarded) != 0;
    x(t, 3) = run.evidence.forwarded_share[t];
    x(t, 4) = run.victim_money.tainted_share[t];
    x(t, 5) = base[t] > 0 ? (std::log(base[t]) - median) / scale : 0.0;
    for (int h = 0; h < kTypologyCount; ++h) x(t, kHits + h) = std::log1p(x(t, kHits + h));
    for (int k = 0; k < kIndicatorCount; ++k) {
      x(t, kSides + k) = run.scores.evidence[tx.from[t]][k];
      x(t, kSides + kIndicatorCount + k) = run.scores.evidence[tx.to[t]][k];
    }
  }
  return x;
}

std::vector<std::uint8_t> transaction_labels(const TransactionGraph& graph) {
  std::vector<std::uint8_t> labels(graph.num_transactions(), 2);
  const TransactionTable& tx = graph.transactions();
  for (TxIndex t = 0; t < graph.num_transactions(); ++t) {
    if (tx.label[t] == LaunderingLabel::laundering) labels[t] = 1;
    if (tx.label[t] == LaunderingLabel::clean) labels[t] = 0;
  }
  return labels;
}

}  // namespace moneytrail
