#include "io/report/ranked_report.h"

#include "io/csv/csv_reader.h"
#include "io/report/text_table.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : std::string(separator)) + part;
  return text;
}

// A cell for CSV (lists joined by ';', flags true/false) or for a table (lists by "; ", a flag
// as "*").
std::string cell_text(const RankedColumn& c, std::uint32_t row, bool csv) {
  const std::string_view separator = csv ? ";" : "; ";
  switch (c.kind) {
    case RankedColumn::Kind::score:
      return std::isnan(c.number(row)) ? "" : score_text(c.number(row));
    case RankedColumn::Kind::amount:
      return std::isnan(c.number(row)) ? "" : number_text(round_amount(c.number(row), c.decimals));
    case RankedColumn::Kind::integer: return number_text(c.number(row));
    case RankedColumn::Kind::text: return c.text(row);
    case RankedColumn::Kind::list: return joined(c.list(row), separator);
    case RankedColumn::Kind::flag:
      if (csv) return c.number(row) != 0 ? "true" : "false";
      return c.number(row) != 0 ? "*" : "";
  }
  return "";
}

json cell_json(const RankedColumn& c, std::uint32_t row) {
  switch (c.kind) {
    case RankedColumn::Kind::score:
      return std::isnan(c.number(row)) ? json(nullptr) : json(round_score(c.number(row)));
    case RankedColumn::Kind::amount:
      return std::isnan(c.number(row)) ? json(nullptr)
                                       : json(round_amount(c.number(row), c.decimals));
    case RankedColumn::Kind::integer: return json(static_cast<std::int64_t>(c.number(row)));
    case RankedColumn::Kind::text: return json(c.text(row));
    case RankedColumn::Kind::list: return json(c.list(row));
    case RankedColumn::Kind::flag: return json(c.number(row) != 0);
  }
  return json(nullptr);
}

}  // namespace

void add_watchlist_column(Ranking& ranking, const TransactionGraph& graph) {
  if (!has_watchlist(graph)) return;
  RankedColumn column{"watchlist", RankedColumn::Kind::flag,
                      [&graph](std::uint32_t v) { return on_watchlist(graph, v) ? 1.0 : 0.0; }};
  ranking.columns.push_back(column);
}

void write_ranking(std::ostream& out, OutputFormat format, const Ranking& ranking,
                   const LoadReport& report, const std::string& csv_comment) {
  if (format == OutputFormat::csv) {
    out << csv_comment << ranking.id_column;
    for (const RankedColumn& c : ranking.columns)
      if (c.where & RankedColumn::csv) out << "," << c.name;
    out << "\n";
    std::string line;
    for (std::uint32_t row : ranking.order) {
      line = csv_escape(ranking.id(row));
      for (const RankedColumn& c : ranking.columns)
        if (c.where & RankedColumn::csv) line += "," + csv_escape(cell_text(c, row, true));
      out << line << "\n";
    }
  } else if (format == OutputFormat::json) {
    json j = ranking.header;
    j["scores"] = json::array();
    for (std::uint32_t row : ranking.order) {
      json item;
      item[ranking.id_column] = ranking.id(row);
      for (const RankedColumn& c : ranking.columns)
        if (c.where & RankedColumn::json) item[c.name] = cell_json(c, row);
      j["scores"].push_back(std::move(item));
    }
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else {
    out << ranking.heading << "\n";
    TextTable table;
    table.add_column("rank", TextTable::Align::right);
    table.add_column(ranking.id_column, TextTable::Align::left, 40);
    for (const RankedColumn& c : ranking.columns)
      if (c.where & RankedColumn::table)
        table.add_column(c.name, c.kind == RankedColumn::Kind::score ||
                                         c.kind == RankedColumn::Kind::amount ||
                                         c.kind == RankedColumn::Kind::integer
                                     ? TextTable::Align::right
                                     : TextTable::Align::left);
    std::size_t rank = 0;
    for (std::uint32_t row : ranking.order) {
      std::vector<std::string> cells = {std::to_string(++rank), terminal_text(ranking.id(row))};
      for (const RankedColumn& c : ranking.columns)
        if (c.where & RankedColumn::table) cells.push_back(terminal_text(cell_text(c, row, false)));
      table.add_row(std::move(cells));
    }
    table.write(out);
  }
}

}  // namespace moneytrail
