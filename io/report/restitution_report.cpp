#include "io/report/restitution_report.h"

#include <algorithm>
#include <sstream>

#include "graph/currency_units.h"
#include "io/report/text_table.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

std::string_view status_name(const std::optional<EndpointStatus>& status) {
  return status ? to_string(*status) : "passed_on";
}

json time_or_null(Timestamp t) { return t == kNoTime ? json(nullptr) : json(display_time(t)); }

json victim_json(const TransactionGraph& graph, const VictimRestitution& v, std::size_t index,
                 std::span<const std::uint64_t> lines, int unit) {
  json j;
  j["victim"] = index + 1;
  j["account"] = graph.account_id(v.victim);
  if (!lines.empty()) j["line"] = lines[index];
  j["seeds"] = json::array();
  for (TxIndex t : v.seeds) j["seeds"].push_back(graph.transaction_id(t));
  j["amount"] = round_amount(v.amount, unit);
  j["held"] = round_amount(v.held, unit);
  j["cashed_out"] = round_amount(v.cashed_out, unit);
  j["left_data"] = round_amount(v.left_data, unit);
  j["fees"] = round_amount(v.fees, unit);
  j["dust"] = round_score(v.dust);
  j["unfunded"] = round_amount(v.unfunded, unit);
  j["holdings"] = json::array();
  for (const VictimHolding& h : v.holdings) {
    j["holdings"].push_back({{"account", graph.account_id(h.account)},
                             {"kind", to_string(graph.accounts().kind[h.account])},
                             {"status", to_string(h.status)},
                             {"amount", round_amount(h.amount, unit)},
                             {"last_seen", time_or_null(h.last_seen)}});
    mark_watchlist(j["holdings"].back(), graph, h.account);
  }
  return j;
}

json point_json(const TransactionGraph& graph, const ConvergencePoint& p, int unit,
                bool with_shares) {
  json j = {{"account", graph.account_id(p.account)},
            {"kind", to_string(graph.accounts().kind[p.account])},
            {"status", status_name(p.status)},
            {"victims", p.victims},
            {"holding_victims", p.holding_victims},
            {"held", round_amount(p.held, unit)},
            {"received", round_amount(p.received, unit)},
            {"last_seen", time_or_null(p.last_seen)}};
  mark_watchlist(j, graph, p.account);
  if (!with_shares) return j;
  j["by_victim"] = json::array();
  for (const VictimShare& s : p.by_victim) {
    j["by_victim"].push_back({{"victim", s.victim + 1},
                              {"received", round_amount(s.received, unit)},
                              {"held", round_amount(s.held, unit)}});
  }
  return j;
}

}  // namespace

json restitution_to_json(const TransactionGraph& graph, const RestitutionResult& result,
                         std::span<const std::uint64_t> lines, std::uint32_t min_victims) {
  const int unit = currency_decimals(result.currency);
  json j;
  j["policy"] = to_string(result.policy);
  j["victims"] = json::array();
  for (std::size_t i = 0; i < result.victims.size(); ++i)
    j["victims"].push_back(victim_json(graph, result.victims[i], i, lines, unit));
  j["accounts"] = json::array();
  for (const ConvergencePoint& p : result.accounts)
    if (p.victims >= min_victims) j["accounts"].push_back(point_json(graph, p, unit, true));
  const RestitutionSummary& s = result.summary;
  json top = json::array();
  for (std::uint32_t i : s.top) top.push_back(point_json(graph, result.accounts[i], unit, false));
  j["summary"] = {{"victims", s.victims},
                  {"currency", result.currency},
                  {"amount", round_amount(s.amount, unit)},
                  {"held", round_amount(s.held, unit)},
                  {"cashed_out", round_amount(s.cashed_out, unit)},
                  {"left_data", round_amount(s.left_data, unit)},
                  {"fees", round_amount(s.fees, unit)},
                  {"accounts_reached", s.accounts_reached},
                  {"shared_accounts", s.shared_accounts},
                  {"shared_holding_accounts", s.shared_holding_accounts},
                  {"top", std::move(top)}};
  return j;
}

void write_restitution_csv(std::ostream& out, const TransactionGraph& graph,
                           const RestitutionResult& result) {
  const int unit = currency_decimals(result.currency);
  const bool watchlist = has_watchlist(graph);
  out << "victim,victim_account,account,kind,status,amount,currency,last_seen"
      << (watchlist ? ",watchlist\n" : "\n");
  for (std::size_t i = 0; i < result.victims.size(); ++i) {
    const VictimRestitution& v = result.victims[i];
    for (const VictimHolding& h : v.holdings) {
      out << i + 1 << ',' << csv_cell(graph.account_id(v.victim)) << ','
          << csv_cell(graph.account_id(h.account)) << ','
          << to_string(graph.accounts().kind[h.account]) << ',' << to_string(h.status) << ','
          << number_text(round_amount(h.amount, unit)) << ',' << csv_cell(result.currency) << ','
          << (h.last_seen == kNoTime ? "" : display_time(h.last_seen));
      if (watchlist) out << ',' << (on_watchlist(graph, h.account) ? "true" : "false");
      out << '\n';
    }
  }
}

void print_restitution_table(std::ostream& out, const TransactionGraph& graph,
                             const RestitutionResult& result, std::size_t rows) {
  const RestitutionSummary& s = result.summary;
  const int unit = currency_decimals(result.currency);
  auto money = [&](double value) { return amount_text(value, unit); };
  out << "restitution for " << with_thousands(s.victims) << " victims, policy "
      << to_string(result.policy) << ", amounts in " << terminal_text(result.currency) << "\n";
  TextTable totals;
  totals.add_column("");
  totals.add_column("", TextTable::Align::right);
  totals.add_column("");
  totals.add_row({"paid by victims", money(s.amount), "what the victims' payments carried"});
  totals.add_row({"held", money(s.held), "still in accounts that move money on: can be frozen"});
  totals.add_row({"cashed out", money(s.cashed_out), "at cash, exchange or crypto accounts"});
  totals.add_row({"left the data", money(s.left_data),
                  "at accounts with no debits in the data (ask their bank)"});
  totals.add_row({"fees", money(s.fees), "lost between payer and payee"});
  totals.add_row({"accounts", with_thousands(s.accounts_reached),
                  "reached; " + with_thousands(s.shared_accounts) + " by two or more victims, " +
                      with_thousands(s.shared_holding_accounts) + " holding money of two or more"});
  std::ostringstream lines;
  totals.write(lines, "  ");
  const std::string text = lines.str();
  out << text.substr(text.find('\n') + 1);  // an unnamed table's header row is blank

  std::vector<const ConvergencePoint*> holding;
  for (const ConvergencePoint& p : result.accounts)
    if (p.holding_victims > 0) holding.push_back(&p);
  std::stable_sort(
      holding.begin(), holding.end(),
      [](const ConvergencePoint* a, const ConvergencePoint* b) { return a->held > b->held; });
  const std::size_t shown = std::min(rows, holding.size());
  out << "\nfreeze list: where the victims' money is";
  if (shown < holding.size())
    out << " (the " << shown << " largest of " << with_thousands(holding.size()) << ")";
  out << "\n";
  TextTable table;
  table.add_column("account", TextTable::Align::left, 40);
  table.add_column("kind");
  table.add_column("status");
  table.add_column("victims", TextTable::Align::right);
  table.add_column("amount " + terminal_text(result.currency), TextTable::Align::right);
  table.add_column("last credit");
  for (std::size_t i = 0; i < shown; ++i) {
    const ConvergencePoint& p = *holding[i];
    table.add_row({terminal_text(graph.account_id(p.account)),
                   std::string(to_string(graph.accounts().kind[p.account])),
                   std::string(status_name(p.status)), with_thousands(p.holding_victims),
                   money(p.held), p.last_seen == kNoTime ? "" : display_time(p.last_seen)});
  }
  if (shown > 0) table.write(out);

  out << "\nconvergence points: accounts many victims' money reached\n";
  TextTable points;
  points.add_column("account", TextTable::Align::left, 40);
  points.add_column("kind");
  points.add_column("status");
  points.add_column("victims", TextTable::Align::right);
  points.add_column("holding", TextTable::Align::right);
  points.add_column("received", TextTable::Align::right);
  points.add_column("held", TextTable::Align::right);
  for (std::uint32_t i : s.top) {
    const ConvergencePoint& p = result.accounts[i];
    points.add_row({terminal_text(graph.account_id(p.account)),
                    std::string(to_string(graph.accounts().kind[p.account])),
                    std::string(status_name(p.status)), with_thousands(p.victims),
                    with_thousands(p.holding_victims), money(p.received), money(p.held)});
  }
  if (points.rows() > 0) points.write(out);
}

void write_restitution(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const RestitutionResult& result, std::span<const std::uint64_t> lines,
                       const LoadReport& report, std::uint32_t min_victims,
                       const std::string& csv_comment) {
  if (format == OutputFormat::json) {
    json j = restitution_to_json(graph, result, lines, min_victims);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else if (format == OutputFormat::csv) {
    out << csv_comment;
    write_restitution_csv(out, graph, result);
  } else {
    print_restitution_table(out, graph, result);
  }
}

}  // namespace moneytrail
