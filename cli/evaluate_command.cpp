// moneytrail evaluate SCORES TRUTH: a ranking against ground truth, beside the degree baseline.
#include <algorithm>

#include "algorithms/scoring/ranking_evaluation.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/csv/field_parsers.h"
#include "io/report/evaluation_report.h"
#include "io/side/labelled_scores.h"

namespace moneytrail::cli {
namespace {

void evaluate_options(OptionGroups& groups) {
  po::options_description group("evaluate options");
  auto add = group.add_options();
  add("input", po::value<std::vector<std::string>>()->multitoken(), "SCORES and TRUTH");
  add("k", text_value("LIST"),
      "ranks to report precision and recall at, e.g. 10,100 (default 10,100,1000 and the number "
      "of positives)");
  add("missing-as-zero", po::bool_switch(),
      "TRUTH accounts missing from SCORES (no transactions) rank last instead of being an error");
  add("level", choice_value("level", {"accounts", "transactions"}, false),
      "accounts or transactions (default: as the scores file: its account or transaction "
      "column); transactions: TRUTH may be left out to use the scores file's label column");
  groups.push_back({"evaluate options", group});
  add_output_options(groups, {"table", "json", "csv"},
                     "table, json or csv (default: table on a terminal, else json)");
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

int run_evaluate(const Call& call) {
  const std::vector<std::string> inputs = call.inputs();
  const char* usage =
      "expected two files, SCORES and TRUTH (TRUTH may be left out for "
      "--level transactions when the scores carry labels)";
  if (inputs.size() != 2 && inputs.size() != 1) throw UsageError(usage);
  const OutputFormat format = output_format(call, "table, json or csv", OutputFormat::json);
  std::vector<std::size_t> ks =
      call.has("k") ? parse_ks(call.text("k")) : std::vector<std::size_t>{10, 100, 1000};
  const std::string& scores_path = inputs[0];
  const std::string truth_path = inputs.size() == 2 ? inputs[1] : "";
  const ScoreTable table = read_score_table(scores_path);
  const std::string level = call.has("level")                  ? call.text("level")
                            : table.id_column == "transaction" ? "transactions"
                                                               : "accounts";
  if (level == "accounts" && truth_path.empty()) throw UsageError(usage);
  LabelledScores data =
      join_scores(table, scores_path,
                  level == "transactions" ? transaction_truth(table, scores_path, truth_path)
                                          : read_account_labels(truth_path),
                  truth_path.empty() ? scores_path : truth_path, call.flag("missing-as-zero"));
  data.noun = level;
  const std::size_t positives = static_cast<std::size_t>(
      std::count(data.positive.begin(), data.positive.end(), std::uint8_t{1}));
  if (!call.has("k") && positives > 0) ks.push_back(positives);
  // Clamped first, so 100 and 1000 over 80 accounts are reported once, as 80.
  for (std::size_t& k : ks) k = std::min(k, data.score.size());
  std::sort(ks.begin(), ks.end());
  ks.erase(std::unique(ks.begin(), ks.end()), ks.end());
  if (positives == 0)
    call.warn((truth_path.empty() ? scores_path : truth_path) +
              " marks no account positive: PR-AUC and recall are 0");
  const RankingEvaluation model = evaluate_ranking(data.score, data.positive, ks);
  std::optional<RankingEvaluation> baseline;
  if (!table.degree.empty()) baseline = evaluate_ranking(data.degree, data.positive, ks);
  ResultOutput out(call);
  write_evaluation(out.stream(), format,
                   {scores_path, truth_path.empty() ? scores_path : truth_path,
                    truth_path.empty() ? "its label column" : truth_path, data, model, baseline,
                    f1_at_threshold(data.score, data.positive, 0.5)});
  out.commit();
  return kExitOk;
}

}  // namespace

const CommandSpec kEvaluateCommand = {
    "evaluate",
    "measure a score ranking against ground truth: PR-AUC, precision at k, best F1",
    "SCORES TRUTH [OPTIONS]",
    "Compares a ranking written by `moneytrail score` (or any CSV with an account or "
    "transaction column and a score column) with ground truth: an account,label file, the "
    "generator's truth files, AMLSim's nodes.csv labels. Reports PR-AUC (sklearn's average "
    "precision), precision and recall at k, the best F1 and the F1 at 0.5, and the same for "
    "ranking by degree when the scores carry degrees: a score is judged against the cheapest "
    "baseline, not in a vacuum. A random ranking's PR-AUC is about the positive rate.",
    {{"evaluate scores.csv truth_accounts.csv", "a table of the figures"},
     {"evaluate scores.csv labels.csv --k 10,50 --format json", "the same for a script"},
     {"evaluate tx_scores.csv --level transactions",
      "transaction scores against their own label column"}},
    evaluate_options,
    true,
    run_evaluate};

}  // namespace moneytrail::cli
