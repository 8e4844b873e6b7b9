// Account features, typology detectors, the unsupervised score and the logistic model on small
// hand-built cases whose values are worked out in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "algorithms/centrality/pagerank.h"
#include "algorithms/scoring/account_features.h"
#include "algorithms/scoring/logistic_model.h"
#include "algorithms/scoring/risk_score.h"
#include "algorithms/scoring/transaction_evidence.h"
#include "algorithms/scoring/typologies.h"
#include "graph/graph_builder.h"

namespace moneytrail {
namespace {

struct Tx {
  std::string from, to;
  double amount;
  Timestamp time;
  Channel channel = Channel::bank_transfer;
};

TransactionGraph build(const std::vector<Tx>& rows) {
  GraphBuilder b;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back("t" + std::to_string(i));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    TransactionInput in;
    in.id = ids[i];
    in.timestamp = rows[i].time;
    in.from = rows[i].from;
    in.to = rows[i].to;
    in.amount = in.received_amount = rows[i].amount;
    in.currency = "CNY";
    in.channel = rows[i].channel;
    in.from_kind = in.to_kind = AccountKind::bank_card;
    b.add_transaction(in);
  }
  return std::move(b).build();
}

VertexId id(const TransactionGraph& g, const char* name) { return *g.find_account(name); }

AccountFeatures features_of(const TransactionGraph& g, AccountFeatureOptions o = {}) {
  o.graph_features = true;
  const std::vector<double> base = base_values(g);
  return compute_account_features(g, FlowView::build(g), base, transaction_evidence(g, base), o);
}

TypologyResult typologies_of(const TransactionGraph& g, TypologyOptions o = {}) {
  return detect_typologies(g, FlowView::build(g), base_values(g), o);
}

std::size_t hits_of(const TypologyResult& r, Typology t) { return r.counts[static_cast<int>(t)]; }

// m receives 1000 from a (t=0) and 500 from b (t=100); sends 900 to c (t=60) and 550 to d by
// payment platform (t=700).
TransactionGraph ledger_case() {
  return build({{"a", "m", 1000, 0},
                {"m", "c", 900, 60},
                {"b", "m", 500, 100},
                {"m", "d", 550, 700, Channel::payment_platform}});
}

TEST(AccountFeatures, LedgerValuesMatchHandComputation) {
  const TransactionGraph g = ledger_case();
  AccountFeatureOptions o;
  o.thresholds = {1000};
  o.utc_offset_seconds = 0;  // every transaction at 00:0x UTC: night
  o.victims = {id(g, "a")};
  const AccountFeatures f = features_of(g, o);
  const VertexId m = id(g, "m");
  auto at = [&](Feature x) { return f.column(m, x); };
  EXPECT_EQ(at(Feature::in_count), 2);
  EXPECT_EQ(at(Feature::out_count), 2);
  EXPECT_FLOAT_EQ(at(Feature::in_value), 1500);
  EXPECT_FLOAT_EQ(at(Feature::out_value), 1450);
  EXPECT_EQ(at(Feature::in_counterparties), 2);
  EXPECT_EQ(at(Feature::out_counterparties), 2);
  EXPECT_FLOAT_EQ(at(Feature::pass_through), 1450.0 / 1500.0);
  // Dwell: credit at 0 -> debit at 60 (60 s); credit at 100 -> debit at 700 (600 s). The lower
  // median of {60, 600} and its 10th percentile are both 60.
  EXPECT_FLOAT_EQ(at(Feature::dwell_median_seconds), 60);
  EXPECT_FLOAT_EQ(at(Feature::dwell_p10_seconds), 60);
  EXPECT_FLOAT_EQ(at(Feature::burst_1h), 1.0);  // all four within 700 s
  EXPECT_EQ(at(Feature::fan_in), 2);
  EXPECT_EQ(at(Feature::fan_out), 2);
  EXPECT_FLOAT_EQ(at(Feature::round_share), 0.75);            // 1000, 500, 900 round; 550 not
  EXPECT_FLOAT_EQ(at(Feature::under_threshold_share), 0.25);  // 900 in [900, 1000)
  EXPECT_FLOAT_EQ(at(Feature::night_share), 1.0);
  EXPECT_FLOAT_EQ(at(Feature::active_days), 700.0 / 86400);
  EXPECT_FLOAT_EQ(at(Feature::platform_share), 550.0 / 2950.0);
  EXPECT_FLOAT_EQ(at(Feature::crypto_share), 0.0);
  EXPECT_EQ(at(Feature::core_number), 1);  // a star
  EXPECT_EQ(at(Feature::victim_hops), 1);
  EXPECT_EQ(f.column(id(g, "c"), Feature::victim_hops), 2);
  EXPECT_TRUE(std::isnan(f.column(id(g, "b"), Feature::victim_hops)));
  EXPECT_TRUE(std::isnan(f.column(id(g, "c"), Feature::dwell_median_seconds)));  // never sends
  EXPECT_GT(at(Feature::victim_ppr), 0);

  const std::vector<double> pr = pagerank(FlowView::build(g)).score;
  for (VertexId v = 0; v < g.num_accounts(); ++v)
    EXPECT_FLOAT_EQ(f.column(v, Feature::pagerank), pr[v]);

  o.utc_offset_seconds = 8 * 3600;  // 08:0x in China: daytime
  EXPECT_FLOAT_EQ(features_of(g, o).column(m, Feature::night_share), 0.0);
}

TEST(AccountFeatures, TransfersToSelfAreLeftOutAndNightMayWrap) {
  // s only moves money to itself and once to t at 23:00 UTC: no pass-through, no dwell.
  TransactionGraph g = build({{"s", "s", 500, 0}, {"s", "s", 500, 60}, {"s", "t", 100, 82800}});
  AccountFeatureOptions o;
  o.utc_offset_seconds = 0;
  o.night_start_hour = 22;
  o.night_end_hour = 6;
  const AccountFeatures f = features_of(g, o);
  const VertexId s = id(g, "s");
  EXPECT_EQ(f.column(s, Feature::in_count), 0);
  EXPECT_EQ(f.column(s, Feature::out_count), 1);
  EXPECT_EQ(f.column(s, Feature::in_counterparties), 0);
  EXPECT_EQ(f.column(s, Feature::pass_through), 0);
  EXPECT_TRUE(std::isnan(f.column(s, Feature::dwell_median_seconds)));
  EXPECT_FLOAT_EQ(f.column(s, Feature::night_share), 1.0);  // 23:00 is in 22-6
  o.fan_window_seconds = std::numeric_limits<double>::infinity();
  EXPECT_THROW(features_of(g, o), std::invalid_argument);
}

TEST(AccountFeatures, FanWindowsAndCoreNumbers) {
  // x gets one credit from each of s0..s3 an hour apart, then from s4 two days later: four
  // senders within 24 h, five within three days. A star: every account is in the 1-core.
  std::vector<Tx> rows;
  for (int i = 0; i < 4; ++i) rows.push_back({"s" + std::to_string(i), "x", 10, i * 3600});
  rows.push_back({"s4", "x", 10, 2 * 86400});
  AccountFeatureOptions o;
  TransactionGraph g = build(rows);
  EXPECT_EQ(features_of(g, o).column(id(g, "x"), Feature::fan_in), 4);
  o.fan_window_seconds = 3 * 86400;
  EXPECT_EQ(features_of(g, o).column(id(g, "x"), Feature::fan_in), 5);
  EXPECT_FLOAT_EQ(features_of(g, o).column(id(g, "x"), Feature::burst_1h), 1.0 / 5);
  EXPECT_EQ(features_of(g, o).column(id(g, "x"), Feature::core_number), 1);
}

TEST(Typologies, FanInNeedsMinFanSendersInOneWindow) {
  std::vector<Tx> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"s" + std::to_string(i), "x", 10, i * 600});
  TransactionGraph g = build(rows);
  TypologyResult r = typologies_of(g);
  ASSERT_EQ(hits_of(r, Typology::fan_in), 1u);
  EXPECT_EQ(r.hits[0].accounts.front(), id(g, "x"));
  EXPECT_EQ(r.hits[0].accounts.size(), 6u);
  EXPECT_EQ(r.hits[0].transactions.size(), 5u);
  rows.pop_back();
  EXPECT_EQ(hits_of(typologies_of(build(rows)), Typology::fan_in), 0u);
}

TEST(Typologies, FanOutAndGatherScatter) {
  std::vector<Tx> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"s" + std::to_string(i), "g", 100, i * 60});
  for (int i = 0; i < 5; ++i) rows.push_back({"g", "r" + std::to_string(i), 95, 600 + i * 60});
  TransactionGraph g = build(rows);
  TypologyResult r = typologies_of(g);
  EXPECT_EQ(hits_of(r, Typology::fan_in), 1u);
  EXPECT_EQ(hits_of(r, Typology::fan_out), 1u);
  ASSERT_EQ(hits_of(r, Typology::gather_scatter), 1u);
  for (const TypologyHit& hit : r.hits) {
    if (hit.typology != Typology::gather_scatter) continue;
    EXPECT_EQ(hit.accounts.front(), id(g, "g"));
    EXPECT_EQ(hit.accounts.size(), 11u);
    EXPECT_EQ(hit.transactions.size(), 10u);
  }
  // Scattering two days later is not a gather-scatter.
  for (int i = 5; i < 10; ++i) rows[i].time += 2 * 86400;
  EXPECT_EQ(hits_of(typologies_of(build(rows)), Typology::gather_scatter), 0u);
}

TEST(Typologies, ScatterGatherThroughFiveIntermediates) {
  std::vector<Tx> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"s", "m" + std::to_string(i), 100, i * 60});
  for (int i = 0; i < 5; ++i) rows.push_back({"m" + std::to_string(i), "t", 99, 3600 + i * 60});
  TransactionGraph g = build(rows);
  TypologyResult r = typologies_of(g);
  ASSERT_EQ(hits_of(r, Typology::scatter_gather), 1u);
  for (const TypologyHit& hit : r.hits) {
    if (hit.typology != Typology::scatter_gather) continue;
    EXPECT_EQ(hit.accounts[0], id(g, "s"));
    EXPECT_EQ(hit.accounts[1], id(g, "t"));
    EXPECT_EQ(hit.accounts.size(), 7u);
    EXPECT_EQ(hit.transactions.size(), 10u);
  }
  // The gather before the scatter is not time-respecting.
  for (int i = 5; i < 10; ++i) rows[i].time = -3600;
  EXPECT_EQ(hits_of(typologies_of(build(rows)), Typology::scatter_gather), 0u);
}

TEST(Typologies, CyclesMustRespectTime) {
  TransactionGraph g = build({{"a", "b", 100, 0}, {"b", "c", 90, 60}, {"c", "a", 80, 120}});
  TypologyResult r = typologies_of(g);
  ASSERT_EQ(hits_of(r, Typology::cycle), 1u);
  EXPECT_EQ(r.hits[0].accounts, (std::vector<VertexId>{id(g, "a"), id(g, "b"), id(g, "c")}));
  EXPECT_EQ(r.hits[0].transactions.size(), 3u);
  // c pays a before b pays c: money cannot have gone round.
  EXPECT_EQ(
      hits_of(typologies_of(build({{"a", "b", 100, 0}, {"c", "a", 80, 30}, {"b", "c", 90, 60}})),
              Typology::cycle),
      0u);
  // Longer than max_cycle_length.
  TypologyOptions o;
  o.max_cycle_length = 3;
  EXPECT_EQ(
      hits_of(
          typologies_of(
              build({{"a", "b", 1, 0}, {"b", "c", 1, 1}, {"c", "d", 1, 2}, {"d", "a", 1, 3}}), o),
          Typology::cycle),
      0u);
}

TEST(Typologies, BipartiteLayers) {
  std::vector<Tx> rows;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b)
      rows.push_back({"a" + std::to_string(a), "b" + std::to_string(b), 10, a * 10 + b});
  TransactionGraph g = build(rows);
  TypologyResult r = typologies_of(g);
  ASSERT_EQ(hits_of(r, Typology::bipartite), 1u);
  for (const TypologyHit& hit : r.hits)
    if (hit.typology == Typology::bipartite) {
      EXPECT_EQ(hit.transactions.size(), 9u);
    }
  rows.pop_back();  // a2 no longer pays b2: no complete 3 x 3
  EXPECT_EQ(hits_of(typologies_of(build(rows)), Typology::bipartite), 0u);
}

TEST(Typologies, ForwardingChainWithShortDwell) {
  // v -> x1 -> x2 -> x3 -> x4 -> y, ten minutes per hop, 1 % kept at each.
  const std::vector<Tx> rows = {{"v", "x1", 1000, 0},
                                {"x1", "x2", 990, 600},
                                {"x2", "x3", 980, 1200},
                                {"x3", "x4", 970, 1800},
                                {"x4", "y", 960, 2400}};
  TransactionGraph g = build(rows);
  TypologyResult r = typologies_of(g);
  ASSERT_EQ(hits_of(r, Typology::forwarding_chain), 1u);
  EXPECT_EQ(r.hits[0].transactions.size(), 5u);
  for (const char* relay : {"x1", "x2", "x3", "x4"})
    EXPECT_EQ(r.per_account[id(g, relay)][static_cast<int>(Typology::forwarding_chain)], 1u);
  EXPECT_EQ(r.per_account[id(g, "v")][static_cast<int>(Typology::forwarding_chain)], 0u);
  // Seven hours per hop is not fast forwarding.
  std::vector<Tx> slow = rows;
  for (int i = 0; i < 5; ++i) slow[i].time = i * 7 * 3600;
  EXPECT_EQ(hits_of(typologies_of(build(slow)), Typology::forwarding_chain), 0u);
  // Forwarding more than was received is not forwarding it.
  std::vector<Tx> more = rows;
  more[2].amount = 5000;
  EXPECT_EQ(hits_of(typologies_of(build(more)), Typology::forwarding_chain), 0u);
}

TEST(Typologies, RelaysOfAChainThatRevisitsAnAccount) {
  // a -> b -> c -> b -> d: relays are b and c (b once), not a or d.
  TransactionGraph g = build(
      {{"a", "b", 1000, 0}, {"b", "c", 990, 600}, {"c", "b", 980, 1200}, {"b", "d", 970, 1800}});
  TypologyOptions o;
  o.enabled = {false, false, false, false, false, false, true};
  const TypologyResult r = typologies_of(g, o);
  ASSERT_EQ(hits_of(r, Typology::forwarding_chain), 1u);
  const int chain = static_cast<int>(Typology::forwarding_chain);
  EXPECT_EQ(r.per_account[id(g, "b")][chain], 1u);
  EXPECT_EQ(r.per_account[id(g, "c")][chain], 1u);
  EXPECT_EQ(r.per_account[id(g, "a")][chain], 0u);
  EXPECT_EQ(r.per_account[id(g, "d")][chain], 0u);
}

TEST(Typologies, FansCountForTheirCentreOnly) {
  std::vector<Tx> rows;
  for (int i = 0; i < 5; ++i) rows.push_back({"s" + std::to_string(i), "x", 10, i * 600});
  TransactionGraph g = build(rows);
  const TypologyResult r = typologies_of(g);
  const int fan_in = static_cast<int>(Typology::fan_in);
  EXPECT_EQ(r.per_account[id(g, "x")][fan_in], 1u);
  EXPECT_EQ(r.per_account[id(g, "s0")][fan_in], 0u);
}

TEST(Typologies, QuietOnRandomBackground) {
  // 2,000 accounts paying random others at random times over 60 days, 10 transactions each:
  // no fan of 5 within a day, no layers, almost no fast chains.
  std::mt19937_64 random(7);
  std::vector<Tx> rows;
  std::uniform_int_distribution<int> account(0, 1999);
  std::uniform_int_distribution<Timestamp> time(0, 60 * 86400);
  std::uniform_real_distribution<double> amount(10, 5000);
  for (int i = 0; i < 20000; ++i) {
    const int from = account(random);
    int to = account(random);
    if (to == from) to = (to + 1) % 2000;
    rows.push_back(
        {"p" + std::to_string(from), "p" + std::to_string(to), amount(random), time(random)});
  }
  std::sort(rows.begin(), rows.end(), [](const Tx& a, const Tx& b) { return a.time < b.time; });
  TypologyResult r = typologies_of(build(rows));
  EXPECT_EQ(hits_of(r, Typology::fan_in), 0u);
  EXPECT_EQ(hits_of(r, Typology::fan_out), 0u);
  EXPECT_EQ(hits_of(r, Typology::scatter_gather), 0u);
  EXPECT_EQ(hits_of(r, Typology::gather_scatter), 0u);
  EXPECT_EQ(hits_of(r, Typology::bipartite), 0u);
  EXPECT_LE(hits_of(r, Typology::forwarding_chain), 5u);
  EXPECT_LE(hits_of(r, Typology::cycle), 20u);
}

TEST(RiskScore, BinomialSurprisalMatchesHandComputation) {
  // P(X >= 2 | n = 2, p = 0.1) = 0.01; P(X >= 3 | n = 10, p = 0.1) = 1 - (0.9^10 + 10 x 0.1 x
  // 0.9^9 + 45 x 0.01 x 0.9^8) = 0.0701908.
  EXPECT_NEAR(binomial_surprisal(2, 2, 0.1, 100), -std::log(0.01), 1e-9);
  EXPECT_NEAR(binomial_surprisal(3, 10, 0.1, 100), -std::log(0.0701908264), 1e-8);
  EXPECT_EQ(binomial_surprisal(1, 10, 0.1, 100), 0);  // no more than expected
  EXPECT_EQ(binomial_surprisal(0, 10, 0.1, 100), 0);
  EXPECT_EQ(binomial_surprisal(5, 5, 0.01, 3), 3);  // capped
  EXPECT_EQ(binomial_surprisal(1, 5, 0.0, 7), 7);   // never seen in the population
}

TEST(RiskScore, ScoreIsOneMinusExpOfSurprisalOverLnActiveAccounts) {
  // Nine active accounts; m alone repeats a transfer (to c, within a day), which counts for both
  // its ends.
  TransactionGraph g = build({{"a", "m", 100, 0},
                              {"m", "c", 37, 50000},
                              {"m", "c", 41, 50600},
                              {"d", "e", 100, 0},
                              {"f", "h", 120, 10},
                              {"i", "j", 130, 20}});
  const std::vector<double> base = base_values(g);
  const TransactionEvidence e = transaction_evidence(g, base);
  const AccountFeatures f = features_of(g);
  const RiskScores s = first_pass_scores(f, typologies_of(g), e);
  EXPECT_EQ(s.active_accounts, 9u);
  EXPECT_NEAR(s.scale, std::log(9.0), 1e-12);
  for (VertexId v = 0; v < g.num_accounts(); ++v) {
    double total = 0;
    for (float x : s.evidence[v]) total += x;
    EXPECT_NEAR(s.surprisal[v], total, 1e-9);
    EXPECT_NEAR(s.score[v], 1 - std::exp(-total / std::log(9.0)), 1e-12);
  }
  // The repeat: counted on m and on c, 2 of the 12 transaction ends.
  const VertexId m = id(g, "m");
  EXPECT_EQ(f.column(m, Feature::repeated_transfers), 1);
  EXPECT_EQ(f.column(id(g, "c"), Feature::repeated_transfers), 1);
  EXPECT_NEAR(s.evidence[m][static_cast<int>(Indicator::repeated_transfers)],
              binomial_surprisal(1, 3, 2.0 / 12, s.scale), 1e-6);
  EXPECT_EQ(s.reasons[m][0].indicator, Indicator::repeated_transfers);
  EXPECT_EQ(reason_text(Indicator::repeated_transfers, f, typologies_of(g), s, m),
            "1 of 3 transactions repeat the same payer and payee within 1 day (0.5 expected)");
}

TEST(LogisticModel, SaturatedModelReproducesRates) {
  // One binary input, no penalty: the fit reproduces each group's positive rate (3/4 and 1/4).
  Eigen::MatrixXd x(8, 1);
  x << 1, 1, 1, 1, 0, 0, 0, 0;
  const std::vector<std::uint8_t> y = {1, 1, 1, 0, 1, 0, 0, 0};
  LogisticOptions o;
  o.l2 = 0;
  const LogisticModel m = fit_logistic(x, y, {}, o);
  const std::vector<double> p = predict_logistic(m, x);
  EXPECT_NEAR(p[0], 0.75, 1e-9);
  EXPECT_NEAR(p[7], 0.25, 1e-9);
}

TEST(LogisticModel, PenalisedFitIsStationaryAndCrossValidates) {
  // Two informative inputs and one noise input; at the optimum the penalised gradient vanishes:
  // X'(p - y) + l2 * beta = 0 on standardised inputs.
  std::mt19937_64 random(3);
  std::normal_distribution<double> normal;
  const int n = 2000;
  Eigen::MatrixXd x(n, 3);
  std::vector<std::uint8_t> y(n);
  for (int i = 0; i < n; ++i) {
    y[i] = i % 10 == 0;
    x(i, 0) = normal(random) + 3 * y[i];
    x(i, 1) = normal(random) - 2 * y[i];
    x(i, 2) = normal(random);
  }
  LogisticOptions o;
  o.l2 = 5;
  const LogisticModel m = fit_logistic(x, y, {}, o);
  const std::vector<double> p = predict_logistic(m, x);
  Eigen::VectorXd gradient = o.l2 * m.coefficients;
  double intercept_gradient = 0;
  for (int i = 0; i < n; ++i) {
    const Eigen::VectorXd z = (x.row(i).transpose() - m.mean).cwiseQuotient(m.scale);
    gradient += z * (p[i] - y[i]);
    intercept_gradient += p[i] - y[i];
  }
  EXPECT_LT(gradient.cwiseAbs().maxCoeff(), 1e-6);
  EXPECT_LT(std::abs(intercept_gradient), 1e-6);
  EXPECT_GT(m.coefficients(0), 0);
  EXPECT_LT(m.coefficients(1), 0);
  EXPECT_LT(std::abs(m.coefficients(2)), std::abs(m.coefficients(1)) / 5);

  const CrossValidation cv = cross_validate(x, y, 5, 1, o);
  EXPECT_EQ(cv.folds, 5u);
  EXPECT_GT(cv.pr_auc, 0.9);
  EXPECT_GT(cv.precision, 0.8);
  for (double h : cv.held_out) EXPECT_FALSE(std::isnan(h));
  EXPECT_EQ(cross_validate(x, y, 5, 1, o).pr_auc, cv.pr_auc);  // deterministic for a seed
}

TEST(LogisticModel, OneClassIsAnError) {
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, 1);
  const std::vector<std::uint8_t> y = {0, 0, 0, 0};
  EXPECT_THROW(fit_logistic(x, y, {}), std::invalid_argument);
}

}  // namespace
}  // namespace moneytrail
