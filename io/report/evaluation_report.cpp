#include "io/report/evaluation_report.h"

#include "io/report/text_table.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

json at_k_json(const RankingEvaluation& e) {
  json rows = json::array();
  for (const RankAtK& at : e.at_k)
    rows.push_back({{"k", at.k},
                    {"precision", round_score(at.precision)},
                    {"recall", round_score(at.recall)}});
  return rows;
}

void print_json(std::ostream& out, const EvaluationView& v) {
  const RankingEvaluation& model = v.model;
  json j;
  j["scores_file"] = v.scores_path;
  j["truth_file"] = v.truth_path;
  j["level"] = v.data.noun;
  j["accounts"] = model.items;
  j["positives"] = model.positives;
  j["unlabelled"] = v.data.unlabelled;
  j["unscored"] = v.data.unscored;
  j["pr_auc"] = round_score(model.pr_auc);
  j["positive_rate"] = round_score(model.positive_rate);
  j["best_f1"] = round_score(model.best_f1);
  j["best_f1_threshold"] = round_score(model.best_f1_threshold);
  j["best_f1_flagged"] = model.best_f1_flagged;
  j["f1_at_half"] = round_score(v.f1_at_half);
  j["at_k"] = at_k_json(model);
  if (v.baseline) {
    j["baseline"] = {{"name", "degree"},
                     {"pr_auc", round_score(v.baseline->pr_auc)},
                     {"best_f1", round_score(v.baseline->best_f1)},
                     {"best_f1_threshold", round_score(v.baseline->best_f1_threshold)},
                     {"best_f1_flagged", v.baseline->best_f1_flagged},
                     {"at_k", at_k_json(*v.baseline)}};
  }
  out << json_text(j) << "\n";
}

// Rows of (metric, model value, baseline value), shared by the CSV and table formats.
struct MetricRow {
  std::string metric;
  std::string model;
  std::string baseline;
};

std::vector<MetricRow> metric_rows(const EvaluationView& v) {
  const auto& baseline = v.baseline;
  auto both = [&](const std::string& name, auto value) {
    return MetricRow{name, value(v.model), baseline ? value(*baseline) : ""};
  };
  auto score = [](double x) { return score_text(x); };
  std::vector<MetricRow> rows = {
      both("accounts", [](const auto& e) { return std::to_string(e.items); }),
      both("positives", [](const auto& e) { return std::to_string(e.positives); }),
      {"unlabelled", std::to_string(v.data.unlabelled),
       baseline ? std::to_string(v.data.unlabelled) : ""},
      both("pr_auc", [&](const auto& e) { return score(e.pr_auc); }),
      both("positive_rate", [&](const auto& e) { return score(e.positive_rate); }),
      both("best_f1", [&](const auto& e) { return score(e.best_f1); }),
      both("best_f1_threshold", [&](const auto& e) { return score(e.best_f1_threshold); }),
      both("best_f1_flagged", [](const auto& e) { return std::to_string(e.best_f1_flagged); }),
  };
  for (std::size_t i = 0; i < v.model.at_k.size(); ++i) {
    const std::string k = std::to_string(v.model.at_k[i].k);
    rows.push_back(
        both("precision@" + k, [&, i](const auto& e) { return score(e.at_k[i].precision); }));
    rows.push_back(both("recall@" + k, [&, i](const auto& e) { return score(e.at_k[i].recall); }));
  }
  return rows;
}

void print_table(std::ostream& out, const EvaluationView& v) {
  out << "scores " << v.scores_path << " against " << v.truth_label << "\n"
      << with_thousands(v.model.items) << " labelled " << v.data.noun << ", "
      << with_thousands(v.model.positives) << " positive; " << with_thousands(v.data.unlabelled)
      << " scored " << v.data.noun << " without a label left out\n\n";
  TextTable table;
  table.add_column("metric");
  table.add_column("model", TextTable::Align::right);
  if (v.baseline) table.add_column("degree baseline", TextTable::Align::right);
  for (const MetricRow& row : metric_rows(v)) {
    if (row.metric == "accounts" || row.metric == "positives" || row.metric == "unlabelled")
      continue;  // already in the heading
    table.add_row({row.metric, row.model, row.baseline});
  }
  table.write(out, "");
  out << "\nA random ranking has PR-AUC about the positive rate ("
      << score_text(v.model.positive_rate) << ").\n";
  if (v.model.positives == 0) out << "No positive account: PR-AUC and recall are 0.\n";
}

}  // namespace

void write_evaluation(std::ostream& out, OutputFormat format, const EvaluationView& v) {
  if (format == OutputFormat::json) {
    print_json(out, v);
  } else if (format == OutputFormat::csv) {
    out << "metric,model,degree_baseline\n";
    for (const MetricRow& row : metric_rows(v))
      out << row.metric << "," << row.model << "," << row.baseline << "\n";
  } else {
    print_table(out, v);
  }
}

}  // namespace moneytrail
