// The one writer for rankings (`score`, `centrality`, `score --level transactions`): rows in
// rank order with an id and named columns, as CSV (id column first), JSON (the header keys, then
// "scores" with one object per row, then the provenance) or a table.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "graph/transaction_graph.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

struct RankedColumn {
  enum class Kind { score, amount, integer, text, list, flag };  // flag: number() != 0
  enum Where : std::uint8_t { csv = 1, json = 2, table = 4, everywhere = 7 };
  std::string name;
  Kind kind = Kind::score;
  std::function<double(std::uint32_t)> number = {};                  // score, amount, integer
  int decimals = 2;                                                  // amount
  std::function<std::string(std::uint32_t)> text = {};               // text
  std::function<std::vector<std::string>(std::uint32_t)> list = {};  // list: JSON array, else ';'
  std::uint8_t where = everywhere;
};

struct Ranking {
  std::string id_column = "account";  // "transaction" for transaction scores
  std::function<std::string_view(std::uint32_t)> id;
  std::vector<std::uint32_t> order;  // rows to write, best first
  std::vector<RankedColumn> columns;
  nlohmann::ordered_json header = nlohmann::ordered_json::object();  // JSON keys before "scores"
  std::string heading;                                               // the table's first line
};

/// The `watchlist` flag column (CSV true/false, JSON true/false, table "*"), added to account
/// rankings when a watchlist was loaded (some account carries the label).
void add_watchlist_column(Ranking& ranking, const TransactionGraph& graph);

void write_ranking(std::ostream& out, OutputFormat format, const Ranking& ranking,
                   const LoadReport& report, const std::string& csv_comment = "");

}  // namespace moneytrail
