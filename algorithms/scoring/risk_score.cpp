#include "algorithms/scoring/risk_score.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "graph/option_error.h"

namespace moneytrail {
namespace {

constexpr std::string_view kNames[kIndicatorCount] = {
    "unusual_amounts", "repeated_transfers", "fast_forwarding", "layering",
    "victim_payers",   "victim_money",       "typologies",      "night_activity",
    "round_amounts",   "under_threshold",    "associates",      "shared_owners"};

int index(Indicator i) { return static_cast<int>(i); }

double transactions_of(const AccountFeatures& f, VertexId v) {
  return f.column(v, Feature::in_count) + f.column(v, Feature::out_count);
}

// -ln of the share of active accounts whose value is at least x, for x > 0 (0 otherwise).
class Survival {
 public:
  Survival(const AccountFeatures& f, const std::vector<std::uint8_t>& active,
           const std::vector<double>& values) {
    for (std::size_t v = 0; v < values.size(); ++v)
      if (active[v]) sorted_.push_back(values[v]);
    std::sort(sorted_.begin(), sorted_.end());
    (void)f;
  }
  double operator()(double x) const {
    if (!(x > 0) || sorted_.empty()) return 0;
    const auto at_least = sorted_.end() - std::lower_bound(sorted_.begin(), sorted_.end(), x);
    return -std::log(static_cast<double>(std::max<std::ptrdiff_t>(at_least, 1)) /
                     static_cast<double>(sorted_.size()));
  }

 private:
  std::vector<double> sorted_;
};

std::string count_text(double x) { return std::to_string(std::llround(x)); }

std::string expected_text(double x) {
  char text[32];
  std::snprintf(text, sizeof text, x < 10 ? "%.1f" : "%.0f", x);
  return text;
}

std::string duration(double seconds) {
  char text[32];
  if (seconds >= 86400 && std::fmod(seconds, 86400) == 0)
    std::snprintf(text, sizeof text, "%.0f day%s", seconds / 86400, seconds == 86400 ? "" : "s");
  else if (seconds >= 3600)
    std::snprintf(text, sizeof text, "%.0f h", seconds / 3600);
  else
    std::snprintf(text, sizeof text, "%.0f min", seconds / 60);
  return text;
}

std::string money(double value) {
  char text[32];
  std::snprintf(text, sizeof text, value >= 100 ? "%.0f" : "%.2f", value);
  return text;
}

}  // namespace

std::string_view to_string(Indicator indicator) { return kNames[index(indicator)]; }

double binomial_surprisal(double k, double n, double p, double cap) {
  if (!(k > 0) || !(n >= k) || !(k > n * p)) return 0;
  if (!(p > 0)) return cap;  // an event the population never shows
  if (p >= 1) return 0;
  // P(X >= k) = I_p(k, n - k + 1).
  const double tail = boost::math::ibeta(k, n - k + 1, p);
  if (!(tail > 0)) return cap;
  return std::min(cap, -std::log(tail));
}

RiskScores first_pass_scores(const AccountFeatures& f, const TypologyResult& typologies,
                             const TransactionEvidence& evidence, const RiskScoreOptions& options) {
  const auto n = static_cast<VertexId>(f.values.rows());
  if (typologies.per_account.size() != n)
    throw std::invalid_argument("typology counts and features cover different accounts");
  if (!(options.flag_level > 0)) throw OptionError("flag_level", "must be positive");
  RiskScores s;
  s.resolution = evidence.resolution;
  s.forward_window_seconds = evidence.forward_window_seconds;
  s.repeat_window_seconds = evidence.repeat_window_seconds;
  s.unusual_below =
      std::exp(evidence.log_amount_median - evidence.unusual_z * evidence.log_amount_scale);
  s.unusual_above =
      std::exp(evidence.log_amount_median + evidence.unusual_z * evidence.log_amount_scale);
  s.evidence.assign(n, {});
  s.score.assign(n, 0.0);
  s.surprisal.assign(n, 0.0);
  s.reasons.assign(n, {});
  s.best_typology.assign(n, 0);
  std::vector<std::uint8_t> active(n, 0);
  for (VertexId v = 0; v < n; ++v) {
    active[v] = transactions_of(f, v) > 0;
    s.active_accounts += active[v];
  }
  s.scale = std::log(std::max<double>(2, s.active_accounts));
  const double cap = s.scale;
  // Hubs: the binomial model treats each of a hub's thousands of transactions as independent,
  // so a small excess (an ATM where some people withdraw twice a day) becomes "impossible by
  // chance". Evidence counts from at most as many transactions as a busy ordinary account has
  // (the 99th percentile of active accounts, at least 20), at the account's own rate.
  {
    std::vector<double> counts;
    for (VertexId v = 0; v < n; ++v)
      if (active[v]) counts.push_back(transactions_of(f, v));
    if (!counts.empty()) {
      const auto at = counts.begin() + static_cast<std::ptrdiff_t>(0.99 * (counts.size() - 1));
      std::nth_element(counts.begin(), at, counts.end());
      s.trials_cap = std::max(20.0, *at);
    }
  }

  // Population rates of the counted events.
  auto rate = [&](auto count, auto opportunities) {
    double k = 0, m = 0;
    for (VertexId v = 0; v < n; ++v) {
      if (!active[v]) continue;
      k += count(v);
      m += opportunities(v);
    }
    return IndicatorBase{m > 0 ? k / m : 0.0};
  };
  auto col = [&](Feature x) { return [&f, x](VertexId v) { return f.column(v, x); }; };
  auto all = [&](VertexId v) { return transactions_of(f, v); };
  auto share_count = [&](Feature x) {
    return [&f, x](VertexId v) { return std::round(f.column(v, x) * transactions_of(f, v)); };
  };
  const bool night = s.resolution.seconds < options.night_needs_resolution_below;
  s.base[index(Indicator::unusual_amounts)] = rate(col(Feature::unusual_amounts), all);
  s.base[index(Indicator::repeated_transfers)] = rate(col(Feature::repeated_transfers), all);
  s.base[index(Indicator::victim_payers)] =
      rate(col(Feature::victim_payers), col(Feature::in_counterparties));
  s.base[index(Indicator::night_activity)] = rate(share_count(Feature::night_share), all);
  s.base[index(Indicator::round_amounts)] = rate(share_count(Feature::round_share), all);
  s.base[index(Indicator::under_threshold)] =
      rate(share_count(Feature::under_threshold_share), all);
  // Forwarding is measured against each account's own pace; these are for the reasons only.
  s.base[index(Indicator::fast_forwarding)] = rate(
      [&](VertexId v) {
        return f.column(v, Feature::forward_chance) * f.column(v, Feature::in_count);
      },
      col(Feature::in_count));
  s.base[index(Indicator::layering)] = rate(
      [&](VertexId v) {
        return f.column(v, Feature::debit_forward_chance) * f.column(v, Feature::out_count);
      },
      col(Feature::out_count));

  // Typology hits: the share of active accounts with at least as many hits of each kind, from
  // a histogram of the counts (a sorted copy per typology would cost 8 bytes per account each).
  std::array<std::vector<std::uint32_t>, kTypologyCount> at_least;  // [t][k]: accounts with >= k
  for (int t = 0; t < kTypologyCount; ++t) {
    std::vector<std::uint32_t>& c = at_least[t];
    for (VertexId v = 0; v < n; ++v) {
      if (!active[v]) continue;
      const std::uint32_t k = typologies.per_account[v][t];
      if (k >= c.size()) c.resize(k + 1, 0);
      ++c[k];
    }
    for (std::size_t k = c.size(); k-- > 1;) c[k - 1] += c[k];
  }
  auto hit_surprisal = [&](int t, std::uint32_t k) {
    if (k == 0 || at_least[t].empty() || s.active_accounts == 0) return 0.0;
    return -std::log(static_cast<double>(at_least[t][k]) / s.active_accounts);
  };

  auto on = [&](Indicator i) { return options.enabled[index(i)]; };
  const std::int64_t count = n;
#pragma omp parallel for schedule(dynamic, 4096) if (count > 65536)
  for (std::int64_t i = 0; i < count; ++i) {
    const VertexId v = static_cast<VertexId>(i);
    if (!active[v]) continue;
    auto& e = s.evidence[v];
    auto set = [&](Indicator x, double nats) {
      if (on(x)) e[index(x)] = static_cast<float>(std::min(nats, cap));
    };
    const double total = transactions_of(f, v);
    auto binomial = [&](Indicator x, double k, double trials, double p) {
      if (trials > s.trials_cap) {
        k *= s.trials_cap / trials;
        trials = s.trials_cap;
      }
      set(x, binomial_surprisal(k, trials, p, cap));
    };
    auto expected = [&](Indicator x, double) { return s.base[index(x)].rate; };
    binomial(Indicator::unusual_amounts, f.column(v, Feature::unusual_amounts), total,
             expected(Indicator::unusual_amounts, total));
    binomial(Indicator::repeated_transfers, f.column(v, Feature::repeated_transfers), total,
             expected(Indicator::repeated_transfers, total));
    binomial(Indicator::fast_forwarding, f.column(v, Feature::forwarded_credits),
             f.column(v, Feature::in_count), f.column(v, Feature::forward_chance));
    binomial(Indicator::layering, f.column(v, Feature::forwarded_debits),
             f.column(v, Feature::out_count), f.column(v, Feature::debit_forward_chance));
    binomial(Indicator::victim_payers, f.column(v, Feature::victim_payers),
             f.column(v, Feature::in_counterparties),
             expected(Indicator::victim_payers, f.column(v, Feature::in_counterparties)));
    if (night)
      binomial(Indicator::night_activity, std::round(f.column(v, Feature::night_share) * total),
               total, expected(Indicator::night_activity, total));
    binomial(Indicator::round_amounts, std::round(f.column(v, Feature::round_share) * total), total,
             expected(Indicator::round_amounts, total));
    binomial(Indicator::under_threshold,
             std::round(f.column(v, Feature::under_threshold_share) * total), total,
             expected(Indicator::under_threshold, total));
    double best = 0;
    for (int t = 0; t < kTypologyCount; ++t) {
      if (static_cast<Typology>(t) == Typology::scam_payment) continue;  // victims' evidence
      const double nats = hit_surprisal(t, typologies.per_account[v][t]);
      if (nats > best) {
        best = nats;
        s.best_typology[v] = static_cast<std::uint8_t>(t);
      }
    }
    set(Indicator::typologies, best);
  }
  finish_scores(s);
  return s;
}

void add_victim_money(RiskScores& s, const AccountFeatures& f, const RiskScoreOptions& options) {
  if (!options.enabled[index(Indicator::victim_money)]) return;
  const auto n = static_cast<VertexId>(f.values.rows());
  std::vector<std::uint8_t> active(n);
  std::vector<double> share(n), reached(n);
  for (VertexId v = 0; v < n; ++v) {
    active[v] = transactions_of(f, v) > 0;
    share[v] = f.column(v, Feature::victim_money_share);
    reached[v] = f.column(v, Feature::victims_reached);
  }
  // The share, not the number of victims reached: an ATM or an exchange where every group
  // cashes out is reached by every victim, yet almost all of its money is ordinary.
  const Survival by_share(f, active, share);
  for (VertexId v = 0; v < n; ++v) {
    if (!active[v]) continue;
    s.evidence[v][index(Indicator::victim_money)] =
        static_cast<float>(std::min(s.scale, by_share(share[v])));
  }
  finish_scores(s);
}

std::vector<std::uint8_t> flag_accounts(RiskScores& s, const RiskScoreOptions& options) {
  s.flagged.assign(s.score.size(), 0);
  for (std::size_t v = 0; v < s.score.size(); ++v)
    s.flagged[v] = s.surprisal[v] >= options.flag_level * s.scale;
  return s.flagged;
}

void add_association(RiskScores& s, const AccountFeatures& f, const RiskScoreOptions& options) {
  const auto n = static_cast<VertexId>(f.values.rows());
  auto rate = [&](Feature k, Feature m) {
    double a = 0, t = 0;
    for (VertexId v = 0; v < n; ++v) {
      a += f.column(v, k);
      t += f.column(v, m);
    }
    return IndicatorBase{t > 0 ? a / t : 0.0};
  };
  s.base[index(Indicator::associates)] =
      rate(Feature::flagged_counterparties, Feature::counterparties);
  s.base[index(Indicator::shared_owners)] = rate(Feature::flagged_links, Feature::linked_accounts);
  const IndicatorBase& counterparty_rate = s.base[index(Indicator::associates)];
  const IndicatorBase& link_rate = s.base[index(Indicator::shared_owners)];
  auto capped = [&](double k, double trials, double p) {
    if (trials > s.trials_cap) {
      k *= s.trials_cap / trials;
      trials = s.trials_cap;
    }
    return binomial_surprisal(k, trials, p, s.scale);
  };
  for (VertexId v = 0; v < n; ++v) {
    auto& e = s.evidence[v];
    if (options.enabled[index(Indicator::associates)])
      e[index(Indicator::associates)] =
          static_cast<float>(capped(f.column(v, Feature::flagged_counterparties),
                                    f.column(v, Feature::counterparties), counterparty_rate.rate));
    if (options.enabled[index(Indicator::shared_owners)])
      e[index(Indicator::shared_owners)] =
          static_cast<float>(capped(f.column(v, Feature::flagged_links),
                                    f.column(v, Feature::linked_accounts), link_rate.rate));
  }
}

void finish_scores(RiskScores& s) {
  for (std::size_t v = 0; v < s.score.size(); ++v) {
    double total = 0;
    std::array<ScoreReason, 3> top{};
    for (int k = 0; k < kIndicatorCount; ++k) {
      total += s.evidence[v][k];
      ScoreReason reason{static_cast<Indicator>(k), s.evidence[v][k]};
      for (auto& slot : top)
        if (reason.contribution > slot.contribution) std::swap(reason, slot);
    }
    s.surprisal[v] = total;
    s.score[v] = 1 - std::exp(-total / s.scale);
    s.reasons[v] = top;
  }
}

void clear_score(RiskScores& s, VertexId v) {
  s.evidence[v] = {};
  s.reasons[v] = {};
  s.score[v] = 0;
  s.surprisal[v] = 0;
  if (!s.flagged.empty()) s.flagged[v] = 0;
}

std::string reason_text(Indicator indicator, const AccountFeatures& f,
                        const TypologyResult& typologies, const RiskScores& s, VertexId v) {
  auto col = [&](Feature x) { return f.column(v, x); };
  const double total = col(Feature::in_count) + col(Feature::out_count);
  auto expected = [&](double trials) {
    return expected_text(trials * s.base[index(indicator)].rate);
  };
  switch (indicator) {
    case Indicator::unusual_amounts:
      return count_text(col(Feature::unusual_amounts)) + " of " + count_text(total) +
             " transactions at amounts unusual for this data (below " + money(s.unusual_below) +
             " or above " + money(s.unusual_above) + "; " + expected(total) + " expected)";
    case Indicator::repeated_transfers:
      return count_text(col(Feature::repeated_transfers)) + " of " + count_text(total) +
             " transactions repeat the same payer and payee within " +
             duration(s.repeat_window_seconds) + " (" + expected(total) + " expected)";
    case Indicator::fast_forwarding:
      return "passed on " + count_text(col(Feature::forwarded_credits)) + " of its " +
             count_text(col(Feature::in_count)) + " credits within " +
             duration(s.forward_window_seconds) + " (" +
             expected_text(col(Feature::in_count) * col(Feature::forward_chance)) +
             " expected at its own pace)";
    case Indicator::layering:
      return count_text(col(Feature::forwarded_debits)) + " of its " +
             count_text(col(Feature::out_count)) +
             " payments passed on again by the receivers within " +
             duration(s.forward_window_seconds) + " (" +
             expected_text(col(Feature::out_count) * col(Feature::debit_forward_chance)) +
             " expected)";
    case Indicator::victim_payers:
      return "paid by " + count_text(col(Feature::victim_payers)) + " reported victims (of " +
             count_text(col(Feature::in_counterparties)) + " payers; " +
             expected(col(Feature::in_counterparties)) + " expected)";
    case Indicator::victim_money:
      return std::to_string(std::lround(100 * col(Feature::victim_money_share))) +
             "% of what it received traced to reported victims (" +
             count_text(col(Feature::victims_reached)) + " victims)";
    case Indicator::typologies: {
      const int t = s.best_typology[v];
      return "in " + std::to_string(typologies.per_account[v][t]) + " " +
             std::string(to_string(static_cast<Typology>(t))) + " pattern(s)";
    }
    case Indicator::night_activity:
      return count_text(col(Feature::night_share) * total) + " of " + count_text(total) +
             " transactions at night (" + expected(total) + " expected)";
    case Indicator::round_amounts:
      return count_text(col(Feature::round_share) * total) + " of " + count_text(total) +
             " amounts round (" + expected(total) + " expected)";
    case Indicator::under_threshold:
      return count_text(col(Feature::under_threshold_share) * total) + " of " + count_text(total) +
             " amounts just under a reporting threshold (" + expected(total) + " expected)";
    case Indicator::associates:
      return count_text(col(Feature::flagged_counterparties)) + " of its " +
             count_text(col(Feature::counterparties)) + " counterparties flagged (" +
             expected(col(Feature::counterparties)) + " expected)";
    case Indicator::shared_owners:
      return "shares a holder, phone or device with " + count_text(col(Feature::flagged_links)) +
             " flagged accounts (of " + count_text(col(Feature::linked_accounts)) + " linked)";
  }
  return {};  // unreachable: every indicator is handled above
}

}  // namespace moneytrail
