// Formatting of `moneytrail paths`: JSON (key `paths`, each with accounts, transactions, value,
// first and last), CSV with one row per hop, and a table of routes.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "algorithms/tracing/account_paths.h"
#include "graph/transaction_graph.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

/// What was asked, for the output's header: the source, and the target account or kind.
struct PathQuery {
  VertexId from = 0;
  std::string to;       // an account id, or empty
  std::string to_kind;  // a kind ("cash": any cash-out), or empty
  std::uint32_t max_hops = 0;
};

nlohmann::ordered_json paths_to_json(const TransactionGraph& graph, const PathQuery& query,
                                     const AccountPathResult& result);

/// Header: path,hop,transaction,from,to,timestamp,amount,currency,path_value.
void write_paths_csv(std::ostream& out, const TransactionGraph& graph,
                     const AccountPathResult& result);

void print_paths_table(std::ostream& out, const TransactionGraph& graph, const PathQuery& query,
                       const AccountPathResult& result);

void write_paths(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const PathQuery& query, const AccountPathResult& result, const LoadReport& report,
                 const std::string& csv_comment = "");

}  // namespace moneytrail
