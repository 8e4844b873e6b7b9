// moneytrail evaluate SCORES TRUTH [--k LIST] [--format table|json|csv]
//
// Measures a `moneytrail score` ranking against ground truth (a labels file or the generator's
// truth_accounts.csv): PR-AUC, precision and recall in the top k, best F1, and the same for a
// degree-only ranking when the scores file carries degrees, so a score is judged against the
// cheapest baseline rather than in a vacuum.
#include <algorithm>
#include <charconv>
#include <iomanip>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "algorithms/scoring/ranking_evaluation.h"
#include "cli/commands.h"
#include "io/side/account_labels.h"
#include "io/csv/field_parsers.h"
#include "graph/input_error.h"
#include "io/side/score_table.h"

namespace moneytrail::cli {
namespace {

constexpr const char* kUsage =
    "moneytrail evaluate SCORES TRUTH [--k LIST] [--format table|json|csv]\n"
    "       moneytrail evaluate TRANSACTION_SCORES [TRUTH] --level transactions";

// Shortest text that reads back as the same double (0.8333333333333334, not 0.83333333333333337).
std::string number_text(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

std::vector<std::size_t> parse_ks(const std::string& text) {
  std::vector<std::size_t> ks;
  for (const std::string& item : split_ids(text)) {
    const auto k = parse_unsigned(item);
    if (!k || *k == 0) throw UsageError("--k '" + item + "' is not a positive whole number");
    ks.push_back(static_cast<std::size_t>(*k));
  }
  if (ks.empty()) throw UsageError("--k needs at least one number");
  return ks;
}

// The labelled accounts in the scores file's order, so ties keep the order `score` wrote them in.
struct Evaluated {
  std::vector<double> score;
  std::vector<double> degree;
  std::vector<std::uint8_t> positive;
  std::size_t unlabelled = 0;
  std::size_t unscored = 0;  // truth accounts missing from the scores, ranked last
  std::string noun = "accounts";
};

// F1 of flagging every item scoring at least 0.5: a model's probability read as a decision,
// the minority-class F1 the AMLworld literature reports.
double f1_at_half(const Evaluated& data) {
  std::size_t flagged = 0, right = 0, positives = 0;
  for (std::size_t i = 0; i < data.score.size(); ++i) {
    const bool flag = data.score[i] >= 0.5;
    flagged += flag;
    right += flag && data.positive[i];
    positives += data.positive[i] != 0;
  }
  return flagged + positives > 0 ? 2.0 * static_cast<double>(right) /
                                       static_cast<double>(flagged + positives)
                                 : 0.0;
}

// Transactions labelled by the scores file's own label column (score --level transactions
// writes the input's label there), or by a truth file; with the generator's
// truth_transactions.csv every scored transaction it does not list is negative.
std::vector<AccountLabelRow> transaction_truth(const ScoreTable& table, const std::string& scores_path,
                                               const std::string& truth_path) {
  std::vector<AccountLabelRow> rows;
  if (truth_path.empty()) {
    if (table.label.empty())
      throw InputError(scores_path, 0, "label",
                       "no label column to evaluate against: give a TRUTH file, or score an input "
                       "that carries labels (AMLworld's Is Laundering, the native label column)");
    for (std::size_t i = 0; i < table.accounts.size(); ++i)
      if (table.label[i] >= 0) rows.push_back({table.accounts[i], table.label[i] == 1, i + 2});
    return rows;
  }
  TransactionTruth truth = read_transaction_labels(truth_path);
  if (!truth.positives_only) return std::move(truth.rows);
  std::unordered_map<std::string_view, std::size_t> listed;
  for (std::size_t i = 0; i < truth.rows.size(); ++i) listed.emplace(truth.rows[i].account, i);
  for (std::size_t i = 0; i < table.accounts.size(); ++i)
    if (!listed.count(table.accounts[i])) rows.push_back({table.accounts[i], false, 0});
  for (AccountLabelRow& row : truth.rows) rows.push_back(std::move(row));
  return rows;
}

Evaluated join(const ScoreTable& table, const std::string& scores_path,
               const std::vector<AccountLabelRow>& truth, const std::string& truth_path,
               bool missing_as_zero) {
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(table.accounts.size());
  for (std::size_t i = 0; i < table.accounts.size(); ++i) row_of.emplace(table.accounts[i], i);
  std::vector<std::int8_t> label(table.accounts.size(), -1);  // -1: not in the truth file
  Evaluated out;
  std::vector<std::uint8_t> unscored_labels;
  for (const AccountLabelRow& row : truth) {
    const auto it = row_of.find(row.account);
    if (it == row_of.end() && missing_as_zero) {
      unscored_labels.push_back(row.positive ? 1 : 0);
      continue;
    }
    if (it == row_of.end()) {
      throw InputError(truth_path, row.line, "account",
                       "account '" + row.account + "' is not in the scores file " + scores_path +
                           " (score every account: run score without --top; or pass "
                           "--missing-as-zero when the truth lists accounts without transactions)");
    }
    label[it->second] = row.positive ? 1 : 0;
  }
  for (std::size_t i = 0; i < table.accounts.size(); ++i) {
    if (label[i] < 0) {
      ++out.unlabelled;
      continue;
    }
    out.score.push_back(table.score[i]);
    if (!table.degree.empty()) out.degree.push_back(table.degree[i]);
    out.positive.push_back(static_cast<std::uint8_t>(label[i]));
  }
  // Unscored accounts rank last, below every scored one.
  for (std::uint8_t positive : unscored_labels) {
    out.score.push_back(std::numeric_limits<double>::lowest());
    if (!table.degree.empty()) out.degree.push_back(std::numeric_limits<double>::lowest());
    out.positive.push_back(positive);
  }
  out.unscored = unscored_labels.size();
  return out;
}

nlohmann::ordered_json at_k_json(const RankingEvaluation& e) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const RankAtK& at : e.at_k)
    rows.push_back({{"k", at.k}, {"precision", at.precision}, {"recall", at.recall}});
  return rows;
}

void print_json(const std::string& scores_path, const std::string& truth_path,
                const Evaluated& data, const RankingEvaluation& model,
                const std::optional<RankingEvaluation>& baseline) {
  nlohmann::ordered_json j;
  j["scores_file"] = scores_path;
  j["truth_file"] = truth_path;
  j["level"] = data.noun;
  j["accounts"] = model.items;
  j["positives"] = model.positives;
  j["unlabelled"] = data.unlabelled;
  j["unscored"] = data.unscored;
  j["pr_auc"] = model.pr_auc;
  j["positive_rate"] = model.positive_rate;
  j["best_f1"] = model.best_f1;
  j["best_f1_threshold"] = model.best_f1_threshold;
  j["best_f1_flagged"] = model.best_f1_flagged;
  j["f1_at_half"] = f1_at_half(data);
  j["at_k"] = at_k_json(model);
  if (baseline) {
    j["baseline"] = {{"name", "degree"},
                     {"pr_auc", baseline->pr_auc},
                     {"best_f1", baseline->best_f1},
                     {"best_f1_threshold", baseline->best_f1_threshold},
                     {"best_f1_flagged", baseline->best_f1_flagged},
                     {"at_k", at_k_json(*baseline)}};
  }
  std::cout << json_text(j) << "\n";
}

// Rows of (metric, model value, baseline value), shared by the CSV and table formats.
struct MetricRow {
  std::string metric;
  std::string model;
  std::string baseline;
};

std::vector<MetricRow> metric_rows(const Evaluated& data, const RankingEvaluation& model,
                                   const std::optional<RankingEvaluation>& baseline) {
  auto both = [&](const std::string& name, auto value) {
    return MetricRow{name, value(model), baseline ? value(*baseline) : ""};
  };
  std::vector<MetricRow> rows = {
      both("accounts", [](const auto& e) { return std::to_string(e.items); }),
      both("positives", [](const auto& e) { return std::to_string(e.positives); }),
      {"unlabelled", std::to_string(data.unlabelled),
       baseline ? std::to_string(data.unlabelled) : ""},
      both("pr_auc", [](const auto& e) { return number_text(e.pr_auc); }),
      both("positive_rate", [](const auto& e) { return number_text(e.positive_rate); }),
      both("best_f1", [](const auto& e) { return number_text(e.best_f1); }),
      both("best_f1_threshold", [](const auto& e) { return number_text(e.best_f1_threshold); }),
      both("best_f1_flagged", [](const auto& e) { return std::to_string(e.best_f1_flagged); }),
  };
  for (std::size_t i = 0; i < model.at_k.size(); ++i) {
    const std::string k = std::to_string(model.at_k[i].k);
    rows.push_back(
        both("precision@" + k, [i](const auto& e) { return number_text(e.at_k[i].precision); }));
    rows.push_back(
        both("recall@" + k, [i](const auto& e) { return number_text(e.at_k[i].recall); }));
  }
  return rows;
}

void print_table(const std::string& scores_path, const std::string& truth_path,
                 const Evaluated& data, const RankingEvaluation& model,
                 const std::optional<RankingEvaluation>& baseline) {
  std::cout << "scores " << scores_path << " against " << truth_path << "\n"
            << with_thousands(model.items) << " labelled " << data.noun << ", "
            << with_thousands(model.positives) << " positive; " << with_thousands(data.unlabelled)
            << " scored " << data.noun << " without a label left out\n\n";
  std::cout << std::left << std::setw(20) << "metric" << std::setw(22) << "model"
            << (baseline ? "degree baseline" : "") << "\n";
  for (const MetricRow& row : metric_rows(data, model, baseline)) {
    if (row.metric == "accounts" || row.metric == "positives" || row.metric == "unlabelled")
      continue;  // already in the heading
    std::cout << std::setw(20) << row.metric << std::setw(22) << row.model << row.baseline << "\n";
  }
  std::cout << std::right << "\nA random ranking has PR-AUC about the positive rate ("
            << number_text(model.positive_rate) << ").\n";
  if (model.positives == 0) std::cout << "No positive account: PR-AUC and recall are 0.\n";
}

}  // namespace

int run_evaluate(const Args& args) {
  po::options_description options("evaluate options");
  options.add_options()("input", po::value<std::vector<std::string>>()->multitoken(),
                        "SCORES (CSV from moneytrail score) and TRUTH (account,label or the "
                        "generator's truth_accounts.csv)")(
      "k", po::value<std::string>(),
      "ranks to report precision and recall at, e.g. 10,100 (default 10,100,1000 and the "
      "number of positives)")("format", po::value<std::string>(),
                              "table, json or csv (default: table on a terminal, json otherwise)")(
      "missing-as-zero", po::bool_switch(),
      "TRUTH accounts missing from SCORES (no transactions) rank last instead of being an error")(
      "level", po::value<std::string>(),
      "accounts or transactions (default: as the scores file: its account or transaction "
      "column); transactions: TRUTH may be left out to use the scores file's label column");
  po::variables_map vm;
  if (!parse_arguments(args, options, kUsage, vm)) return kExitOk;
  const auto inputs =
      vm.count("input") ? vm["input"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (inputs.size() != 2 && inputs.size() != 1)
    throw UsageError("expected two files, SCORES and TRUTH\nusage: " + std::string(kUsage));
  const std::string format = vm.count("format") ? vm["format"].as<std::string>()
                                                : (stdout_is_terminal() ? "table" : "json");
  if (format != "table" && format != "json" && format != "csv")
    throw UsageError("unknown --format '" + format + "' (expected table, json or csv)");
  std::vector<std::size_t> ks =
      vm.count("k") ? parse_ks(vm["k"].as<std::string>()) : std::vector<std::size_t>{10, 100, 1000};

  const std::string& scores_path = inputs[0];
  const std::string truth_path = inputs.size() == 2 ? inputs[1] : "";
  const ScoreTable table = read_score_table(scores_path);
  const std::string level = vm.count("level") ? vm["level"].as<std::string>()
                            : table.id_column == "transaction" ? "transactions"
                                                               : "accounts";
  if (level != "accounts" && level != "transactions")
    throw UsageError("unknown --level '" + level + "' (expected accounts or transactions)");
  if (level == "accounts" && truth_path.empty())
    throw UsageError("expected two files, SCORES and TRUTH\nusage: " + std::string(kUsage));
  Evaluated data =
      join(table, scores_path,
           level == "transactions" ? transaction_truth(table, scores_path, truth_path)
                                   : read_account_labels(truth_path),
           truth_path.empty() ? scores_path : truth_path, vm["missing-as-zero"].as<bool>());
  data.noun = level;
  const std::size_t positives = static_cast<std::size_t>(
      std::count(data.positive.begin(), data.positive.end(), std::uint8_t{1}));
  if (!vm.count("k") && positives > 0) ks.push_back(positives);
  // Clamped first, so 100 and 1000 over 80 accounts are reported once, as 80.
  for (std::size_t& k : ks) k = std::min(k, data.score.size());
  std::sort(ks.begin(), ks.end());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  if (positives == 0)
    std::cerr << "warning: " << (truth_path.empty() ? scores_path : truth_path)
              << " marks no account positive: PR-AUC and recall are 0\n";

  const RankingEvaluation model = evaluate_ranking(data.score, data.positive, ks);
  std::optional<RankingEvaluation> baseline;
  if (!table.degree.empty()) baseline = evaluate_ranking(data.degree, data.positive, ks);

  if (format == "json") {
    print_json(scores_path, truth_path.empty() ? scores_path : truth_path, data, model, baseline);
  } else if (format == "csv") {
    std::cout << "metric,model,degree_baseline\n";
    for (const MetricRow& row : metric_rows(data, model, baseline))
      std::cout << row.metric << "," << row.model << "," << row.baseline << "\n";
  } else {
    print_table(scores_path, truth_path.empty() ? "its label column" : truth_path, data, model,
                baseline);
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
