#include "io/report/score_report.h"

#include <iomanip>

#include "io/csv/csv_reader.h"
#include "io/report/ranked_report.h"

namespace moneytrail {
namespace {

using Column = RankedColumn;

std::string joined(const std::vector<std::string>& parts, char separator) {
  std::string text;
  for (const std::string& part : parts)
    text += (text.empty() ? "" : std::string(1, separator)) + part;
  return text;
}

}  // namespace

void write_account_scores(std::ostream& out, OutputFormat format, const AccountScoresView& view,
                          const LoadReport& report, const std::string& csv_comment) {
  const TransactionGraph& graph = view.graph;
  Ranking r;
  r.id = [&](std::uint32_t v) { return graph.account_id(v); };
  r.order.assign(view.order.begin(), view.order.end());
  r.columns.push_back(
      {"score", Column::Kind::score, [&](std::uint32_t v) { return view.score[v]; }});
  Column reasons{"reasons", Column::Kind::list};
  reasons.list = [&](std::uint32_t v) { return view.reasons(v); };
  Column degree{"degree", Column::Kind::integer,
                [&](std::uint32_t v) { return double(graph.in_degree(v) + graph.out_degree(v)); }};
  degree.where = Column::csv | Column::json;
  Column kind{"kind", Column::Kind::text};
  kind.text = [&](std::uint32_t v) { return std::string(to_string(graph.accounts().kind[v])); };
  if (format == OutputFormat::table) {  // kind beside the id, reasons last
    r.columns.insert(r.columns.begin(), kind);
    r.columns.push_back(reasons);
  } else {
    r.columns.push_back(reasons);
    r.columns.push_back(degree);
    r.columns.push_back(kind);
  }
  add_watchlist_column(r, graph);
  r.header["scored_by"] = view.scored_by;
  r.header["accounts"] = graph.num_accounts();
  r.header["mule_clusters"] = view.mule_clusters.value_or(0);
  nlohmann::ordered_json hits;
  for (int t = 0; t < kTypologyCount; ++t)
    hits[std::string(to_string(static_cast<Typology>(t)))] = view.typologies.counts[t];
  r.header["typology_hits"] = hits;
  r.heading = "mule-risk scores (" + view.scored_by + "), top " +
              std::to_string(view.order.size()) + " of " + with_thousands(graph.num_accounts()) +
              " accounts; a score near 1 is strong evidence, near 0 none";
  write_ranking(out, format, r, report, csv_comment);
}

void write_transaction_scores(std::ostream& out, OutputFormat format,
                              const TransactionScoresView& view, const LoadReport& report,
                              const std::string& csv_comment) {
  const TransactionGraph& graph = view.graph;
  const TransactionTable& tx = graph.transactions();
  Ranking r;
  r.id_column = "transaction";
  r.id = [&](std::uint32_t t) { return graph.transaction_id(t); };
  r.order.assign(view.order.begin(), view.order.end());
  r.columns.push_back(
      {"score", Column::Kind::score, [&](std::uint32_t t) { return view.score[t]; }});
  Column reasons{"reasons", Column::Kind::text};
  reasons.text = [&](std::uint32_t t) { return view.reasons(t); };
  Column from{"from", Column::Kind::text};
  from.text = [&](std::uint32_t t) { return std::string(graph.account_id(tx.from[t])); };
  Column to{"to", Column::Kind::text};
  to.text = [&](std::uint32_t t) { return std::string(graph.account_id(tx.to[t])); };
  Column label{"label", Column::Kind::text};
  label.text = [&](std::uint32_t t) -> std::string {
    return tx.label[t] == LaunderingLabel::laundering ? "1"
           : tx.label[t] == LaunderingLabel::clean    ? "0"
                                                      : "";
  };
  label.where = Column::csv | Column::json;
  if (format == OutputFormat::table) {
    r.columns.insert(r.columns.begin(), {from, to});
    r.columns.push_back(reasons);
  } else {
    r.columns.push_back(reasons);
    r.columns.push_back(from);
    r.columns.push_back(to);
    r.columns.push_back(label);
  }
  r.header["scored_by"] = view.scored_by;
  r.header["level"] = "transactions";
  r.header["transactions"] = graph.num_transactions();
  r.heading = "transaction scores (" + view.scored_by + "), top " +
              std::to_string(view.order.size()) + " of " +
              with_thousands(graph.num_transactions()) + " transactions";
  write_ranking(out, format, r, report, csv_comment);
}

void write_training_summary(std::ostream& out, OutputFormat format, const std::string& model_path,
                            const TrainedModel& trained, bool transactions,
                            const LoadReport& report) {
  const CrossValidation& cv = trained.cv;
  if (format == OutputFormat::json) {
    nlohmann::ordered_json j;
    j["model"] = model_path;
    if (transactions) j["level"] = "transactions";
    j[transactions ? "training_transactions" : "training_accounts"] = trained.labelled;
    j["training_positives"] = trained.positives;
    j["folds"] = cv.folds;
    j["cv_precision"] = round_score(cv.precision);
    j["cv_recall"] = round_score(cv.recall);
    if (transactions) j["cv_f1"] = round_score(trained.cv_f1());
    j["cv_pr_auc"] = round_score(cv.pr_auc);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
    return;
  }
  out << "trained on " << with_thousands(trained.labelled) << " labelled "
      << (transactions ? "transactions (" : "accounts (") << with_thousands(trained.positives)
      << (transactions ? " laundering), " : " positive), ") << cv.folds
      << "-fold cross-validation: precision " << score_text(cv.precision) << ", recall "
      << score_text(cv.recall);
  if (transactions) out << ", minority-class F1 " << score_text(trained.cv_f1());
  out << ", PR-AUC " << score_text(cv.pr_auc) << "\nmodel written to " << model_path << "\n";
}

void write_typology_hits(std::ostream& out, const TransactionGraph& graph,
                         const TypologyResult& r) {
  out << "hit,typology,accounts,transactions,kept_share\n";
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    std::vector<std::string> accounts, transactions;
    for (VertexId v : r.hits[i].accounts) accounts.emplace_back(graph.account_id(v));
    for (TxIndex t : r.hits[i].transactions) transactions.emplace_back(graph.transaction_id(t));
    out << i + 1 << "," << to_string(r.hits[i].typology) << "," << csv_escape(joined(accounts, ';'))
        << "," << csv_escape(joined(transactions, ';')) << ",";
    // running_points: the share of its payers' money the collection account keeps
    if (r.hits[i].typology == Typology::running_points) out << score_text(r.hits[i].kept_share);
    out << "\n";
  }
}

void write_account_features(std::ostream& out, const TransactionGraph& graph,
                            const AccountFeatures& features) {
  out << "account";
  for (int f = 0; f < kFeatureCount; ++f) out << "," << feature_name(static_cast<Feature>(f));
  out << "\n";
  for (VertexId v = 0; v < graph.num_accounts(); ++v) {
    out << csv_escape(graph.account_id(v));
    // As computed: a feature file is for fitting other models on.
    for (int f = 0; f < kFeatureCount; ++f) out << "," << number_text(features.values(v, f));
    out << "\n";
  }
}

void write_participation_labels(std::ostream& out, const TransactionGraph& graph) {
  out << "account,label\n";
  const std::vector<std::uint8_t> took_part = laundering_participants(graph);
  for (VertexId v = 0; v < graph.num_accounts(); ++v)
    out << csv_escape(graph.account_id(v)) << "," << int(took_part[v]) << "\n";
}

}  // namespace moneytrail
