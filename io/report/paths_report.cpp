#include "io/report/paths_report.h"

#include "graph/currency_units.h"
#include "io/report/text_table.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

int unit_of(const AccountPathResult& result) {
  return currency_decimals(result.currency.empty() ? "CNY" : result.currency);
}

std::string route(const TransactionGraph& graph, const AccountPath& p) {
  const TransactionTable& tx = graph.transactions();
  std::string text = terminal_text(graph.account_id(tx.from[p.transactions.front()]));
  for (TxIndex t : p.transactions) text += " -> " + terminal_text(graph.account_id(tx.to[t]));
  return text;
}

}  // namespace

json paths_to_json(const TransactionGraph& graph, const PathQuery& query,
                   const AccountPathResult& result) {
  const TransactionTable& tx = graph.transactions();
  const int unit = unit_of(result);
  json j;
  j["from"] = graph.account_id(query.from);
  if (!query.to.empty()) j["to"] = query.to;
  if (!query.to_kind.empty()) j["to_kind"] = query.to_kind;
  j["max_hops"] = query.max_hops;
  j["currency"] = result.currency.empty() ? json(nullptr) : json(result.currency);
  j["paths"] = json::array();
  for (const AccountPath& p : result.paths) {
    json accounts = json::array({graph.account_id(tx.from[p.transactions.front()])});
    json ids = json::array();
    json watched = json::array();
    if (on_watchlist(graph, tx.from[p.transactions.front()]))
      watched.push_back(graph.account_id(tx.from[p.transactions.front()]));
    for (TxIndex t : p.transactions) {
      accounts.push_back(graph.account_id(tx.to[t]));
      ids.push_back(graph.transaction_id(t));
      if (on_watchlist(graph, tx.to[t])) watched.push_back(graph.account_id(tx.to[t]));
    }
    j["paths"].push_back({{"accounts", std::move(accounts)},
                          {"transactions", std::move(ids)},
                          {"value", round_amount(p.value, unit)},
                          {"first", display_time(p.first)},
                          {"last", display_time(p.last)}});
    if (!watched.empty()) j["paths"].back()["watchlist"] = std::move(watched);
  }
  j["steps"] = result.steps;
  j["truncated"] = result.truncated;
  return j;
}

void write_paths_csv(std::ostream& out, const TransactionGraph& graph,
                     const AccountPathResult& result) {
  const TransactionTable& tx = graph.transactions();
  out << "path,hop,transaction,from,to,timestamp,amount,currency,path_value\n";
  for (std::size_t i = 0; i < result.paths.size(); ++i) {
    const AccountPath& p = result.paths[i];
    for (std::size_t k = 0; k < p.transactions.size(); ++k) {
      const TxIndex t = p.transactions[k];
      const std::string_view currency = graph.currencies()[tx.currency[t]];
      out << i + 1 << ',' << k + 1 << ',' << csv_cell(graph.transaction_id(t)) << ','
          << csv_cell(graph.account_id(tx.from[t])) << ',' << csv_cell(graph.account_id(tx.to[t]))
          << ',' << display_time(tx.timestamp[t]) << ','
          << number_text(round_amount(tx.amount[t], currency_decimals(currency))) << ','
          << csv_cell(currency) << ',' << number_text(round_amount(p.value, unit_of(result)))
          << '\n';
    }
  }
}

void print_paths_table(std::ostream& out, const TransactionGraph& graph, const PathQuery& query,
                       const AccountPathResult& result) {
  const std::string target = !query.to.empty() ? terminal_text(query.to)
                             : query.to_kind == "cash"
                                 ? "any cash-out (cash, exchange or crypto account)"
                                 : "any " + query.to_kind + " account";
  out << result.paths.size() << " time-respecting paths from "
      << terminal_text(graph.account_id(query.from)) << " to " << target << " within "
      << query.max_hops << " hops, widest first (value: the smallest hop"
      << (result.currency.empty() ? "" : ", " + terminal_text(result.currency)) << ")\n";
  if (result.truncated)
    out << "the search stopped after " << with_thousands(result.steps)
        << " steps: wider paths may exist (narrow it with --since/--until or --max-hops)\n";
  if (result.paths.empty()) return;
  TextTable table;
  table.add_column("#", TextTable::Align::right);
  table.add_column("value", TextTable::Align::right);
  table.add_column("hops", TextTable::Align::right);
  table.add_column("first");
  table.add_column("last");
  table.add_column("route", TextTable::Align::left, 120);
  for (std::size_t i = 0; i < result.paths.size(); ++i) {
    const AccountPath& p = result.paths[i];
    table.add_row({std::to_string(i + 1), amount_text(p.value, unit_of(result)),
                   std::to_string(p.transactions.size()), display_time(p.first),
                   display_time(p.last), route(graph, p)});
  }
  table.write(out);
}

void write_paths(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const PathQuery& query, const AccountPathResult& result, const LoadReport& report,
                 const std::string& csv_comment) {
  if (format == OutputFormat::json) {
    json j = paths_to_json(graph, query, result);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else if (format == OutputFormat::csv) {
    out << csv_comment;
    write_paths_csv(out, graph, result);
  } else {
    print_paths_table(out, graph, query, result);
  }
}

}  // namespace moneytrail
