#include "io/report/stats_report.h"

#include <iomanip>
#include <sstream>

#include "graph/currency_units.h"
#include "io/csv/field_parsers.h"
#include "io/report/report_text.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

nlohmann::ordered_json degree_json(const TransactionGraph& graph, const DegreeSummary& d) {
  nlohmann::ordered_json j;
  j["min"] = d.min;
  j["median"] = d.median;
  j["mean"] = d.mean;
  j["p90"] = d.p90;
  j["p99"] = d.p99;
  j["max"] = d.max;
  j["max_account"] = graph.num_accounts() ? std::string(graph.account_id(d.max_account)) : "";
  return j;
}

nlohmann::ordered_json time_json(Timestamp t) {
  return t == kNoTime ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(display_time(t));
}

}  // namespace

nlohmann::ordered_json stats_to_json(const TransactionGraph& graph, const GraphStats& s,
                                     const LoadReport& report) {
  nlohmann::ordered_json j;
  j["moneytrail"] = MONEYTRAIL_VERSION;
  auto& accounts = j["accounts"];
  accounts["total"] = s.accounts;
  for (int k = 0; k < kAccountKindCount; ++k) {
    accounts["by_kind"][std::string(to_string(static_cast<AccountKind>(k)))] =
        s.accounts_by_kind[k];
  }
  accounts["labelled"] = {{"victim", s.victims}, {"suspect", s.suspects}, {"mule", s.mules}};
  accounts["tags"] = nlohmann::ordered_json::object();
  for (const auto& [tag, count] : s.tags) accounts["tags"][tag] = count;

  auto& tx = j["transactions"];
  tx["total"] = s.transactions;
  for (int c = 0; c < kChannelCount; ++c) {
    tx["by_channel"][std::string(to_string(static_cast<Channel>(c)))] =
        s.transactions_by_channel[c];
  }
  tx["by_currency"] = nlohmann::ordered_json::array();
  for (const CurrencyTotals& c : s.currencies) {
    tx["by_currency"].push_back(
        {{"currency", c.currency},
         {"paid_transactions", c.transactions_paid},
         {"paid_total", round_amount(c.paid, currency_decimals(c.currency))},
         {"received_transactions", c.transactions_received},
         {"received_total", round_amount(c.received, currency_decimals(c.currency))}});
  }
  tx["conversions"] = s.conversions;
  tx["self_transfers"] = s.self_transfers;
  tx["labelled_laundering"] = s.labelled_laundering;
  tx["labelled_clean"] = s.labelled_clean;
  tx["first"] = time_json(s.first_time);
  tx["last"] = time_json(s.last_time);
  tx["span_seconds"] = s.first_time == kNoTime ? 0 : s.last_time - s.first_time;

  auto& rejected = j["rejected"];
  rejected["total"] = report.rejected;
  rejected["rows_read"] = report.rows;
  rejected["by_reason"] = nlohmann::ordered_json::object();
  for (int r = 0; r < kRejectReasonCount; ++r) {
    if (report.rejected_by_reason[r] > 0) {
      rejected["by_reason"][std::string(to_string(static_cast<RejectReason>(r)))] =
          report.rejected_by_reason[r];
    }
  }
  rejected["file"] = report.rejects_file.empty() ? nlohmann::ordered_json(nullptr)
                                                 : nlohmann::ordered_json(report.rejects_file);
  rejected["at_ingest"] = report.rejected_at_ingest;

  j["components"] = {{"count", s.components},
                     {"largest", s.largest_component},
                     {"singletons", s.singleton_components}};
  j["degrees"] = {{"out", degree_json(graph, s.out_degree)},
                  {"in", degree_json(graph, s.in_degree)},
                  {"counterparties", degree_json(graph, s.counterparties)}};
  j["inputs"] = nlohmann::ordered_json::array();
  for (const FileReadReport& f : report.files) {
    j["inputs"].push_back({{"path", f.path},
                           {"format", f.format},
                           {"rows", f.rows},
                           {"loaded", f.loaded},
                           {"rejected", f.rejected}});
  }
  return j;
}

void print_stats_table(std::ostream& out, const TransactionGraph& graph, const GraphStats& s,
                       const LoadReport& report) {
  auto row = [&](const std::string& label, const std::string& value) {
    out << "  " << std::left << std::setw(24) << label << value << "\n";
  };
  out << "Accounts        " << with_thousands(s.accounts) << "\n";
  for (int k = 0; k < kAccountKindCount; ++k) {
    if (s.accounts_by_kind[k]) {
      row(std::string(to_string(static_cast<AccountKind>(k))),
          with_thousands(s.accounts_by_kind[k]));
    }
  }
  if (s.victims + s.suspects + s.mules > 0) {
    row("labelled", with_thousands(s.victims) + " victim, " + with_thousands(s.suspects) +
                        " suspect, " + with_thousands(s.mules) + " mule");
  }
  if (!s.tags.empty()) {
    std::string text;
    for (std::size_t i = 0; i < s.tags.size() && i < 10; ++i)
      text +=
          (i ? ", " : "") + terminal_text(s.tags[i].first) + " " + with_thousands(s.tags[i].second);
    if (s.tags.size() > 10) text += ", and " + with_thousands(s.tags.size() - 10) + " more";
    row("tags", text);
  }
  out << "Transactions    " << with_thousands(s.transactions) << "\n";
  if (s.first_time != kNoTime)
    row("time span", display_time(s.first_time) + " .. " + display_time(s.last_time));
  for (int c = 0; c < kChannelCount; ++c) {
    if (s.transactions_by_channel[c]) {
      row(std::string(to_string(static_cast<Channel>(c))),
          with_thousands(s.transactions_by_channel[c]));
    }
  }
  for (const CurrencyTotals& c : s.currencies) {
    std::ostringstream value;
    value << with_thousands(c.transactions_paid) << " paid, total "
          << amount_text(c.paid, currency_decimals(c.currency)) << " " << terminal_text(c.currency);
    row("currency " + c.currency, value.str());
  }
  if (s.conversions) row("conversions", with_thousands(s.conversions));
  if (s.labelled_laundering) row("labelled laundering", with_thousands(s.labelled_laundering));
  out << "Components      " << with_thousands(s.components) << " weakly connected, largest "
      << with_thousands(s.largest_component) << " accounts, "
      << with_thousands(s.singleton_components) << " singletons\n";
  auto degree_row = [&](const std::string& label, const DegreeSummary& d) {
    std::ostringstream value;
    value << "median " << d.median << ", p90 " << d.p90 << ", p99 " << d.p99 << ", max " << d.max;
    if (graph.num_accounts())
      value << " (" << terminal_text(graph.account_id(d.max_account)) << ")";
    row(label, value.str());
  };
  out << "Degrees\n";
  degree_row("out (transactions)", s.out_degree);
  degree_row("in (transactions)", s.in_degree);
  degree_row("counterparties", s.counterparties);
  out << "Rejected rows   " << with_thousands(report.rejected) << " of "
      << with_thousands(report.rows) << " read";
  if (report.rejected_at_ingest)
    out << " (" << with_thousands(report.rejected_at_ingest) << " at ingest)";
  out << "\n";
}

void write_stats(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const GraphStats& stats, const LoadReport& report) {
  if (format == OutputFormat::table) {
    print_stats_table(out, graph, stats, report);
    return;
  }
  nlohmann::ordered_json j = stats_to_json(graph, stats, report);
  j["provenance"] = provenance_json(report);
  out << json_text(j) << "\n";
}

}  // namespace moneytrail
