#include "io/report/centrality_report.h"

#include "io/report/ranked_report.h"

namespace moneytrail {

void write_centrality(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                      CentralityMeasure measure, const CentralityScores& scores,
                      const std::vector<VertexId>& order, const LoadReport& report,
                      const std::string& csv_comment) {
  using Column = RankedColumn;
  const bool hits = measure == CentralityMeasure::hits;
  const bool strength = !scores.strength.in_degree.empty();
  Ranking r;
  r.id = [&](std::uint32_t v) { return graph.account_id(v); };
  r.order.assign(order.begin(), order.end());
  auto number = [](const std::vector<double>& values) {
    return [&values](std::uint32_t v) { return values[v]; };
  };
  Column kind{"kind", Column::Kind::text};
  kind.text = [&](std::uint32_t v) { return std::string(to_string(graph.accounts().kind[v])); };
  kind.where = Column::json | Column::table;
  r.columns.push_back(kind);
  Column score{"score", Column::Kind::score, number(scores.score)};
  if (measure == CentralityMeasure::degree) score.kind = Column::Kind::integer;
  if (measure == CentralityMeasure::flow && scores.weight == FlowWeight::value)
    score.kind = Column::Kind::amount;
  score.where = hits ? Column::json | Column::table : Column::everywhere;
  r.columns.push_back(score);
  if (hits) {
    r.columns.push_back({"hub", Column::Kind::score, number(scores.hub)});
    Column authority{"authority", Column::Kind::score, number(scores.score)};
    authority.where = Column::csv | Column::json;
    r.columns.push_back(authority);
  }
  if (strength) {
    const FlowStrength& s = scores.strength;
    const Column::Kind value_kind =
        scores.weight == FlowWeight::value ? Column::Kind::amount : Column::Kind::integer;
    r.columns.push_back({"in_degree", Column::Kind::integer,
                         [&s](std::uint32_t v) { return double(s.in_degree[v]); }});
    r.columns.push_back({"out_degree", Column::Kind::integer,
                         [&s](std::uint32_t v) { return double(s.out_degree[v]); }});
    r.columns.push_back({"in_value", value_kind, number(s.in_value)});
    r.columns.push_back({"out_value", value_kind, number(s.out_value)});
  }
  add_watchlist_column(r, graph);
  r.header["measure"] = to_string(measure);
  r.header["weight"] = to_string(scores.weight);
  r.header["accounts"] = graph.num_accounts();
  switch (measure) {
    case CentralityMeasure::pagerank:
    case CentralityMeasure::ppr:
      r.header["run"] = {{"iterations", scores.iterations},
                         {"converged", scores.converged},
                         {"final_change", scores.final_change}};
      break;
    case CentralityMeasure::hits:
    case CentralityMeasure::eigenvector:
      r.header["run"] = {{"iterations", scores.iterations}, {"converged", scores.converged}};
      break;
    case CentralityMeasure::betweenness:
      r.header["run"] = {{"sources", scores.sources},
                         {"sampled", scores.sources < graph.num_accounts()}};
      break;
    default: break;
  }
  r.heading = std::string(to_string(measure)) + " (" + std::string(to_string(scores.weight)) +
              " weights), top " + std::to_string(order.size()) + " of " +
              with_thousands(graph.num_accounts()) + " accounts";
  write_ranking(out, format, r, report, csv_comment);
}

}  // namespace moneytrail
