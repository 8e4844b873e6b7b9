// moneytrail score INPUT [--model F] [--train [--labels FILE]] [--top N] [--format csv|json|table]
//   [-o FILE] [--hits FILE] [--features FILE]
#include <charconv>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <span>
#include <sstream>

#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/scoring/account_scoring.h"
#include "algorithms/scoring/logistic_model.h"
#include "algorithms/scoring/transaction_scoring.h"
#include "cli/commands.h"
#include "io/util/text_safety.h"
#include "io/side/account_labels.h"
#include "io/util/atomic_file.h"
#include "io/csv/csv_reader.h"
#include "graph/input_error.h"
#include "algorithms/scoring/score_model_file.h"
#include "io/util/whole_file.h"

namespace moneytrail::cli {
namespace {

constexpr std::uint8_t kUnlabelled = 2;

void write_model_file(const std::string& path, const LogisticModel& model,
                      const ScoreModelInfo& info) {
  AtomicOutputFile file(path);
  write_score_model(file.stream(), model, info);
  file.commit();
}

LogisticModel read_model_file(const std::string& path, ScoreModelInfo* info = nullptr) {
  return read_score_model(read_whole_file(path), path, info);
}

// 0/1 per account from --labels, else from the accounts' own labels (mule or suspect: 1, clean:
// 0); kUnlabelled elsewhere.
std::vector<std::uint8_t> training_labels(const TransactionGraph& graph,
                                          const po::variables_map& vm) {
  std::vector<std::uint8_t> labels(graph.num_accounts(), kUnlabelled);
  if (vm.count("labels") && vm["labels"].as<std::string>() == "transactions") {
    labels = laundering_participants(graph);
  } else if (vm.count("labels")) {
    const std::string path = vm["labels"].as<std::string>();
    std::size_t skipped = 0;
    for (const AccountLabelRow& row : read_account_labels(path)) {
      const auto v = graph.find_account(row.account);
      if (!v && vm["skip-unknown-labels"].as<bool>()) {
        ++skipped;
        continue;
      }
      if (!v)
        throw InputError(path, row.line, "account",
                         "unknown account '" + row.account +
                             "' (not in the input; --skip-unknown-labels skips such rows)");
      labels[*v] = row.positive ? 1 : 0;
    }
    if (skipped)
      std::cerr << "skipped " << skipped
                << " labelled accounts that have no transactions in the input\n";
  } else {
    for (VertexId v = 0; v < graph.num_accounts(); ++v) {
      const std::uint8_t bits = graph.accounts().labels[v];
      if (bits & (kLabelMule | kLabelSuspect))
        labels[v] = 1;
      else if (bits & kLabelClean)
        labels[v] = 0;
    }
  }
  return labels;
}

// Scores of every account; reasons only for the rows written (texts for a million accounts
// would cost more than the scores).
struct ScoredAccounts {
  std::vector<double> score;
  std::vector<std::vector<std::string>> reasons;  // filled for the rows written
  std::string scored_by;
};

void unsupervised_reasons(const AccountScoring& run, std::span<const VertexId> rows,
                          ScoredAccounts& out) {
  for (VertexId v : rows)
    for (const ScoreReason& reason : run.scores.reasons[v])
      if (reason.contribution > 0)
        out.reasons[v].push_back(
            reason_text(reason.indicator, run.features, run.typologies, run.scores, v));
}

void model_reasons(const LogisticModel& model, const Eigen::MatrixXd& inputs,
                   std::span<const VertexId> rows, ScoredAccounts& out) {
  for (VertexId v : rows) {
    const Eigen::VectorXd c = logistic_contributions(model, inputs, v);
    std::vector<Eigen::Index> order(static_cast<std::size_t>(c.size()));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + 3, order.end(),
                      [&](Eigen::Index a, Eigen::Index b) { return c(a) > c(b); });
    for (int k = 0; k < 3 && c(order[k]) > 0; ++k) {
      std::ostringstream text;
      text << model.inputs[order[k]] << " (+" << std::fixed << std::setprecision(2) << c(order[k])
           << " log-odds)";
      out.reasons[v].push_back(text.str());
    }
  }
}

std::string joined(const std::vector<std::string>& parts, char separator) {
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : std::string(1, separator)) + part;
  return text;
}

void write_hits(const std::string& path, const std::string& comment, const TransactionGraph& graph,
                const TypologyResult& r) {
  AtomicOutputFile file(path);
  file.stream() << comment << "hit,typology,accounts,transactions,kept_share\n";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    std::vector<std::string> accounts, transactions;
    for (VertexId v : r.hits[i].accounts) accounts.emplace_back(graph.account_id(v));
    for (TxIndex t : r.hits[i].transactions) transactions.emplace_back(graph.transaction_id(t));
    file.stream() << i + 1 << "," << to_string(r.hits[i].typology) << ","
                  << csv_escape(joined(accounts, ';')) << ","
                  << csv_escape(joined(transactions, ';')) << ",";
    // running_points: the share of its payers' money the collection account keeps
    if (r.hits[i].typology == Typology::running_points) file.stream() << r.hits[i].kept_share;
    file.stream() << "\n";
  }
  file.commit();
}

void write_features(const std::string& path, const std::string& comment,
                    const TransactionGraph& graph, const AccountFeatures& features) {
  AtomicOutputFile file(path);
  std::ostream& out = file.stream();
  out << comment << "account";
  for (int f = 0; f < kFeatureCount; ++f) out << "," << feature_name(static_cast<Feature>(f));
  out << "\n" << std::setprecision(10);
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    out << csv_escape(graph.account_id(v));
    for (int f = 0; f < kFeatureCount; ++f) out << "," << features.values(v, f);
    out << "\n";
  }
  file.commit();
}

// Words for the evidence a transaction carries, strongest kinds first.
std::string transaction_reasons(const AccountScoring& run, const std::vector<std::uint8_t>& in_hit,
                                const TransactionGraph& graph, TxIndex t) {
  std::vector<std::string> parts;
  const std::uint8_t f = run.evidence.flags[t];
  if (run.victim_money.tainted_share[t] >= 0.5f)
    parts.push_back(std::to_string(std::lround(100 * run.victim_money.tainted_share[t])) +
                    "% reported victims' money");
  if (f & kUnusualAmount) parts.emplace_back("amount unusual for this data");
  if (f & kRepeatedTransfer) parts.emplace_back("repeats a transfer to the same payee");
  if (f & kForwarded) parts.emplace_back("passed on by the receiver soon after");
  if (in_hit[t]) parts.emplace_back("part of a typology hit");
  char both[96];
  std::snprintf(both, sizeof both, "sender score %.3f, receiver score %.3f",
                run.scores.score[graph.transactions().from[t]],
                run.scores.score[graph.transactions().to[t]]);
  parts.emplace_back(both);
  return joined(parts, ';');
}

// score --level transactions: one row per transaction, unsupervised or by a transaction model;
// --train fits one on the transactions' own labels (AMLworld's Is Laundering).
int score_transactions(const po::variables_map& vm, const LoadedCase& loaded,
                       const AccountScoring& run, const std::string& format,
                       const std::string& command_line) {
  const TransactionGraph& graph = loaded.graph;
  const TransactionTable& tx = graph.transactions();
  if (vm.count("labels") && vm["labels"].as<std::string>() != "transactions")
    throw UsageError("--level transactions trains on the transactions' own labels: "
                     "--labels transactions (or leave --labels out)");
  std::vector<double> score;
  std::string scored_by = "unsupervised";
  if (vm["train"].as<bool>() || vm.count("model")) {
    const Eigen::MatrixXd inputs = transaction_model_inputs(graph, run);
    if (vm["train"].as<bool>()) {
      const std::vector<std::uint8_t> labels = transaction_labels(graph);
      std::size_t labelled = 0, positives = 0;
      for (std::uint8_t l : labels) {
        labelled += l <= 1;
        positives += l == 1;
      }
      if (positives == 0 || positives == labelled)
        throw UsageError("--train --level transactions needs transactions labelled both ways (" +
                         std::to_string(positives) + " laundering of " +
                         std::to_string(labelled) + " labelled)");
      LogisticOptions fit;
      fit.l2 = vm["l2"].as<double>();
      ScoreModelInfo info;
      info.cv = cross_validate(inputs, labels, vm["folds"].as<std::uint32_t>(),
                               vm["seed"].as<std::uint64_t>(), fit);
      LogisticModel fitted = fit_logistic(inputs, labels, {}, fit);
      fitted.inputs = transaction_input_names();
      info.producer = std::string("moneytrail ") + MONEYTRAIL_VERSION;
      info.command_line = command_line;
      info.training_accounts = labelled;
      info.training_positives = positives;
      const std::string path =
          vm.count("model") ? vm["model"].as<std::string>() : "transaction-model.mtm";
      write_model_file(path, fitted, info);
      const double f1 = info.cv.precision + info.cv.recall > 0
                            ? 2 * info.cv.precision * info.cv.recall /
                                  (info.cv.precision + info.cv.recall)
                            : 0.0;
      if (format == "json") {
        nlohmann::ordered_json j = {{"model", path},
                                    {"level", "transactions"},
                                    {"training_transactions", labelled},
                                    {"training_positives", positives},
                                    {"folds", info.cv.folds},
                                    {"cv_precision", info.cv.precision},
                                    {"cv_recall", info.cv.recall},
                                    {"cv_f1", f1},
                                    {"cv_pr_auc", info.cv.pr_auc},
                                    {"provenance", provenance_json(loaded.report)}};
        std::cout << json_text(j) << "\n";
      } else {
        std::cout << "trained on " << with_thousands(labelled) << " labelled transactions ("
                  << with_thousands(positives) << " laundering), " << info.cv.folds
                  << "-fold cross-validation: precision " << std::setprecision(4)
                  << info.cv.precision << ", recall " << info.cv.recall << ", minority-class F1 "
                  << f1 << ", PR-AUC " << info.cv.pr_auc << "\nmodel written to " << path << "\n";
      }
      return kExitOk;
    }
    const LogisticModel model = read_model_file(vm["model"].as<std::string>());
    if (model.inputs != transaction_input_names())
      throw UsageError(vm["model"].as<std::string>() +
                       " is an account model; it scores --level accounts");
    score = predict_logistic(model, inputs);
    scored_by = "model " + vm["model"].as<std::string>();
  } else {
    score = transaction_scores(graph, run).score;
  }
  std::vector<TxIndex> order(graph.num_transactions());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](TxIndex a, TxIndex b) { return score[a] > score[b]; });
  if (vm.count("top")) order.resize(std::min(order.size(), vm["top"].as<std::size_t>()));
  if (format == "table" && !vm.count("top")) order.resize(std::min<std::size_t>(order.size(), 20));
  std::vector<std::uint8_t> in_hit(graph.num_transactions(), 0);
  for (const TypologyHit& hit : run.typologies.hits)
    if (hit.typology != Typology::scam_payment)
      for (TxIndex t : hit.transactions) in_hit[t] = 1;
  auto label_text = [&](TxIndex t) {
    return tx.label[t] == LaunderingLabel::laundering ? "1"
           : tx.label[t] == LaunderingLabel::clean   ? "0"
                                                     : "";
  };
  std::unique_ptr<AtomicOutputFile> file;
  if (vm.count("output")) file = std::make_unique<AtomicOutputFile>(vm["output"].as<std::string>());
  std::ostream& out = file ? file->stream() : std::cout;
  if (format == "json") {
    nlohmann::ordered_json j;
    j["scored_by"] = scored_by;
    j["level"] = "transactions";
    j["transactions"] = graph.num_transactions();
    j["scores"] = nlohmann::ordered_json::array();
    for (TxIndex t : order)
      j["scores"].push_back({{"transaction", graph.transaction_id(t)},
                             {"score", score[t]},
                             {"reasons", transaction_reasons(run, in_hit, graph, t)},
                             {"from", graph.account_id(tx.from[t])},
                             {"to", graph.account_id(tx.to[t])},
                             {"label", label_text(t)}});
    j["provenance"] = provenance_json(loaded.report);
    out << json_text(j) << "\n";
  } else if (format == "csv") {
    out << csv_provenance(vm, loaded.report) << "transaction,score,reasons,from,to,label\n"
        << std::setprecision(10);
    for (TxIndex t : order)
      out << csv_escape(graph.transaction_id(t)) << "," << score[t] << ","
          << csv_escape(transaction_reasons(run, in_hit, graph, t)) << ","
          << csv_escape(graph.account_id(tx.from[t])) << ","
          << csv_escape(graph.account_id(tx.to[t])) << "," << label_text(t) << "\n";
  } else {
    out << "transaction scores (" << scored_by << "), top " << order.size() << " of "
        << with_thousands(graph.num_transactions()) << " transactions\n";
    for (std::size_t i = 0; i < order.size(); ++i) {
      const TxIndex t = order[i];
      out << std::setw(4) << i + 1 << "  " << std::left << std::setw(14) << graph.transaction_id(t)
          << std::setw(22) << terminal_text(graph.account_id(tx.from[t])) << std::setw(22)
          << terminal_text(graph.account_id(tx.to[t])) << std::right << std::fixed << std::setprecision(3)
          << score[t] << "  " << transaction_reasons(run, in_hit, graph, t) << "\n";
    }
  }
  if (file) file->commit();
  return kExitOk;
}

}  // namespace

int run_score(const Args& args) {
  po::options_description options("score options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  auto add = options.add_options();
  add("model", po::value<std::string>(),
      "apply this model (with --train: where to save it; default mule-model.mtm)");
  add("train", po::bool_switch(), "fit a logistic regression on labelled accounts and save it");
  add("labels", po::value<std::string>(),
      "--train: account,label file, the generator's truth_accounts.csv, or 'transactions' (an "
      "account is positive when it took part in a transaction labelled laundering) (default: "
      "the accounts' mule, suspect and clean labels)");
  add("write-labels", po::value<std::string>(),
      "write account,label: 1 for accounts that took part in a transaction labelled laundering "
      "(AMLworld's Is Laundering), as TRUTH for evaluate");
  add("skip-unknown-labels", po::bool_switch(),
      "--train: skip labelled accounts that are not in the input (else an error)");
  add("folds", po::value<std::uint32_t>()->default_value(5), "--train: cross-validation folds");
  add("l2", po::value<double>()->default_value(1.0), "--train: L2 penalty");
  add("seed", po::value<std::uint64_t>()->default_value(1), "--train: seed for the folds");
  add("level", po::value<std::string>()->default_value("accounts"),
      "accounts (one row per account) or transactions (one row per transaction; --train fits on "
      "the transactions' own labels, AMLworld's Is Laundering)");
  add("top", po::value<std::size_t>(), "only the N highest scores");
  add("format", po::value<std::string>(),
      "csv, json or table (default: table on a terminal, else csv)");
  add("output,o", po::value<std::string>(), "write the scores here (default: standard output)");
  add("hits", po::value<std::string>(), "also write every typology hit here (CSV)");
  add("features", po::value<std::string>(), "also write every account's features here (CSV)");
  add("no-clusters", po::bool_switch(), "do not count the mule clusters (JSON mule_clusters)");
  add("blocks", po::value<std::uint32_t>()->default_value(3),
      "ignored: the score no longer uses the flow-block cluster report (kept for old scripts)");
  add("fan-window", po::value<double>()->default_value(24),
      "hours: window for fan-in, fan-out and scatter/gather");
  add("min-fan", po::value<std::uint32_t>()->default_value(5),
      "distinct counterparties a fan or scatter-gather needs");
  add("max-degree", po::value<std::uint32_t>()->default_value(1000),
      "accounts with more transactions are hubs, never a typology's centre");
  add("cycle-window", po::value<double>()->default_value(7),
      "days: a cycle's hops all fall within this many days of its first");
  add("max-cycle", po::value<std::uint32_t>()->default_value(6), "longest cycle searched (hops)");
  add("chain-dwell", po::value<double>()->default_value(6),
      "hours: a forwarding chain's hop leaves within this long of the credit it forwards");
  add("thresholds", po::value<std::string>(),
      "reporting thresholds in the base currency (default 10000,50000,200000)");
  add("utc-offset", po::value<double>()->default_value(8), "hours: local time for night share");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail score INPUT [--model F] [--train [--labels FILE]] [--top N] "
                       "[--format csv|json|table] [-o FILE] [--hits FILE]",
                       vm)) {
    return kExitOk;
  }
  const bool train = vm["train"].as<bool>();
  const std::string format = vm.count("format") ? vm["format"].as<std::string>()
                             : stdout_is_terminal() && !vm.count("output") ? "table"
                                                                           : "csv";
  if (format != "csv" && format != "json" && format != "table")
    throw UsageError("unknown --format '" + format + "' (expected csv, json or table)");
  if (vm.count("labels") && !train) throw UsageError("--labels goes with --train");
  const std::string level = vm["level"].as<std::string>();
  if (level != "accounts" && level != "transactions")
    throw UsageError("unknown --level '" + level + "' (expected accounts or transactions)");

  AccountScoringOptions o;
  o.features.graph_features = train || vm.count("model") || vm.count("features");
  o.features.fan_window_seconds = vm["fan-window"].as<double>() * 3600;
  o.typologies.window_seconds = o.features.fan_window_seconds;
  o.typologies.min_fan = vm["min-fan"].as<std::uint32_t>();
  o.typologies.max_degree = vm["max-degree"].as<std::uint32_t>();
  o.typologies.cycle_window_seconds = vm["cycle-window"].as<double>() * 86400;
  o.typologies.max_cycle_length = vm["max-cycle"].as<std::uint32_t>();
  o.typologies.chain_max_dwell_seconds = vm["chain-dwell"].as<double>() * 3600;
  o.features.utc_offset_seconds = static_cast<std::int64_t>(vm["utc-offset"].as<double>() * 3600);
  if (vm.count("thresholds")) {
    o.features.thresholds.clear();
    for (const std::string& t : split_ids(vm["thresholds"].as<std::string>())) {
      double value = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
      if (ec != std::errc() || end != t.data() + t.size() || !(value > 0) || !std::isfinite(value))
        throw UsageError("--thresholds: '" + t + "' is not a positive number");
      o.features.thresholds.push_back(value);
    }
  }
  std::unique_ptr<LogisticModel> model;
  ScoreModelInfo model_info;
  if (vm.count("model") && !train && level == "accounts") {
    model = std::make_unique<LogisticModel>(
        read_model_file(vm["model"].as<std::string>(), &model_info));
    if (model->inputs != model_input_names())
      throw UsageError(vm["model"].as<std::string>() +
                       " is a transaction model; it scores --level transactions");
  }

  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  const std::string command_line = join_command_line("score", args);
  LoadedCase loaded = load_inputs(
      vm, std::filesystem::path(first).filename().string() + ".rejects.csv", command_line);
  const TransactionGraph& graph = loaded.graph;
  const FlowView flows = FlowView::build(graph);
  const AccountScoring run = score_accounts(graph, flows, o);
  if (vm.count("write-labels")) {
    AtomicOutputFile file(vm["write-labels"].as<std::string>());
    file.stream() << csv_provenance(vm, loaded.report) << "account,label\n";
    const std::vector<std::uint8_t> took_part = laundering_participants(graph);
    for (VertexId v = 0; v < graph.num_accounts(); ++v)
      file.stream() << csv_escape(graph.account_id(v)) << "," << int(took_part[v]) << "\n";
    file.commit();
  }
  const std::string comment = csv_provenance(vm, loaded.report);
  if (level == "transactions") {
    if (vm.count("hits")) write_hits(vm["hits"].as<std::string>(), comment, graph, run.typologies);
    return score_transactions(vm, loaded, run, format, command_line);
  }
  if (vm.count("hits")) write_hits(vm["hits"].as<std::string>(), comment, graph, run.typologies);
  if (vm.count("features"))
    write_features(vm["features"].as<std::string>(), comment, graph, run.features);

  if (train) {
    const std::vector<std::uint8_t> labels = training_labels(graph, vm);
    const Eigen::MatrixXd inputs = model_inputs(run.features, run.typologies);
    LogisticOptions fit;
    fit.l2 = vm["l2"].as<double>();
    if (!(fit.l2 >= 0)) throw UsageError("--l2 must be 0 or more");
    std::size_t labelled = 0, positives = 0;
    for (std::uint8_t l : labels) {
      labelled += l <= 1;
      positives += l == 1;
    }
    if (positives == 0 || positives == labelled)
      throw UsageError("--train needs labelled accounts of both classes (" +
                       std::to_string(positives) + " positive of " + std::to_string(labelled) +
                       "); give --labels FILE");
    model_info.cv = cross_validate(inputs, labels, vm["folds"].as<std::uint32_t>(),
                                   vm["seed"].as<std::uint64_t>(), fit);
    const LogisticModel fitted = fit_logistic(inputs, labels, {}, fit);
    if (!fitted.converged)
      std::cerr << "warning: the logistic regression did not converge; try a larger --l2\n";
    model_info.producer = std::string("moneytrail ") + MONEYTRAIL_VERSION;
    model_info.command_line = command_line;
    model_info.training_accounts = labelled;
    model_info.training_positives = positives;
    const std::string path = vm.count("model") ? vm["model"].as<std::string>() : "mule-model.mtm";
    write_model_file(path, fitted, model_info);
    const CrossValidation& cv = model_info.cv;
    if (format == "json") {
      nlohmann::ordered_json j = {{"model", path},
                                  {"training_accounts", labelled},
                                  {"training_positives", positives},
                                  {"folds", cv.folds},
                                  {"cv_precision", cv.precision},
                                  {"cv_recall", cv.recall},
                                  {"cv_pr_auc", cv.pr_auc},
                                  {"provenance", provenance_json(loaded.report)}};
      std::cout << json_text(j) << "\n";
    } else {
      std::cout << "trained on " << with_thousands(labelled) << " labelled accounts ("
                << with_thousands(positives) << " positive), " << cv.folds
                << "-fold cross-validation: precision " << std::setprecision(4) << cv.precision
                << ", recall " << cv.recall << ", PR-AUC " << cv.pr_auc << "\nmodel written to "
                << path << "\n";
    }
    return kExitOk;
  }

  ScoredAccounts scored;
  Eigen::MatrixXd inputs;
  if (model) {
    inputs = model_inputs(run.features, run.typologies);
    scored.score = predict_logistic(*model, inputs);
    scored.scored_by = "model " + vm["model"].as<std::string>();
  } else {
    scored.score = run.scores.score;
    scored.scored_by = "unsupervised";
  }
  std::vector<VertexId> order(graph.num_accounts());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](VertexId a, VertexId b) { return scored.score[a] > scored.score[b]; });
  if (vm.count("top")) order.resize(std::min(order.size(), vm["top"].as<std::size_t>()));
  if (format == "table" && !vm.count("top")) order.resize(std::min<std::size_t>(order.size(), 20));
  scored.reasons.resize(graph.num_accounts());
  if (model)
    model_reasons(*model, inputs, order, scored);
  else
    unsupervised_reasons(run, order, scored);
  auto degree = [&](VertexId v) { return graph.in_degree(v) + graph.out_degree(v); };

  std::unique_ptr<AtomicOutputFile> file;
  if (vm.count("output")) file = std::make_unique<AtomicOutputFile>(vm["output"].as<std::string>());
  std::ostream& out = file ? file->stream() : std::cout;
  if (format == "csv") {
    out << comment << "account,score,reasons,degree,kind\n" << std::setprecision(10);
    for (VertexId v : order)
      out << csv_escape(graph.account_id(v)) << "," << scored.score[v] << ","
          << csv_escape(joined(scored.reasons[v], ';')) << "," << degree(v) << ","
          << to_string(graph.accounts().kind[v]) << "\n";
  } else if (format == "json") {
    nlohmann::ordered_json j;
    j["scored_by"] = scored.scored_by;
    j["accounts"] = graph.num_accounts();
    j["mule_clusters"] = vm["no-clusters"].as<bool>()
                             ? 0
                             : evidence_clusters(graph, flows, run).clusters.size();
    nlohmann::ordered_json hits;
    for (int t = 0; t < kTypologyCount; ++t)
      hits[std::string(to_string(static_cast<Typology>(t)))] = run.typologies.counts[t];
    j["typology_hits"] = hits;
    j["scores"] = nlohmann::ordered_json::array();
    for (VertexId v : order)
      j["scores"].push_back({{"account", graph.account_id(v)},
                             {"score", scored.score[v]},
                             {"reasons", scored.reasons[v]},
                             {"degree", degree(v)},
                             {"kind", to_string(graph.accounts().kind[v])}});
    j["provenance"] = provenance_json(loaded.report);
    out << json_text(j) << "\n";
  } else {
    const std::size_t shown =
        vm.count("top") ? order.size() : std::min<std::size_t>(order.size(), 20);
    out << "mule-risk scores (" << scored.scored_by << "), top " << shown << " of "
        << with_thousands(graph.num_accounts()) << " accounts\n";
    for (std::size_t i = 0; i < shown; ++i) {
      const VertexId v = order[i];
      out << std::setw(4) << i + 1 << "  " << std::left << std::setw(24) << terminal_text(graph.account_id(v))
          << std::setw(16) << to_string(graph.accounts().kind[v]) << std::right << std::fixed
          << std::setprecision(3) << scored.score[v] << "  " << joined(scored.reasons[v], ';')
          << "\n";
    }
  }
  if (file) file->commit();
  return kExitOk;
}

}  // namespace moneytrail::cli
