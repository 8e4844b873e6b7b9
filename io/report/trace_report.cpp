#include "io/report/trace_report.h"

#include <omp.h>

#include <charconv>
#include <cmath>
#include <iomanip>
#include <span>

#include "graph/currency_units.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/report/report_text.h"
#include "io/report/text_table.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

// An amount to its currency's smallest unit; NaN (a figure the policy does not define, e.g.
// poison's held) is null in JSON.
json amount(double value, int decimals) {
  return std::isnan(value) ? json(nullptr) : json(round_amount(value, decimals));
}

std::string money(double value, int decimals = 2) { return amount_text(value, decimals); }

// What the two directions' results share for printing: the seeds (backward: the target), the
// endpoints (backward: the origins), and what the trace is of, in words.
struct TraceView {
  const TraceFlows& flows;
  TraceDirection direction;
  std::span<const TxIndex> seeds;
  std::span<const TraceEndpoint> endpoints;
  std::span<const TracePath> paths;
  std::string subject;
};

TraceView view(const TransactionGraph& graph, const ForwardTraceResult& r) {
  std::string subject = r.seeds.size() == 1
                            ? "seed transaction " + terminal_text(graph.transaction_id(r.seeds[0]))
                            : std::to_string(r.seeds.size()) + " seed transactions";
  return {r, TraceDirection::forward, r.seeds, r.endpoints, r.paths, subject};
}
TraceView view(const TransactionGraph& graph, const BackwardTraceResult& r) {
  std::string subject =
      r.target ? "target transaction " + terminal_text(graph.transaction_id(*r.target))
               : "the balance of " + terminal_text(graph.account_id(r.target_account)) + " at " +
                     display_time(r.at);
  return {r,
          TraceDirection::backward,
          r.target ? std::span<const TxIndex>(&*r.target, 1) : std::span<const TxIndex>(),
          r.origins,
          {},
          subject};
}

json to_json(const TransactionGraph& graph, const TraceView& trace) {
  const TraceFlows& result = trace.flows;
  const TransactionTable& tx = graph.transactions();
  const int unit = currency_decimals(result.currency);  // the trace currency's
  json j;
  j["policy"] = to_string(result.policy);
  j["direction"] = to_string(trace.direction);
  j["seeds"] = json::array();
  for (TxIndex t : trace.seeds) j["seeds"].push_back(graph.transaction_id(t));
  const TraceSummary& s = result.summary;
  j["summary"] = {{"seed_amount", amount(s.seed_amount, unit)},
                  {"held", amount(s.held, unit)},
                  {"fees", amount(s.fees, unit)},
                  {"accounts_reached", s.accounts_reached},
                  {"transactions_traced", s.transactions_traced},
                  {"max_hop", s.max_hop},
                  {"currency", result.currency},
                  {"unfunded", amount(s.unfunded, unit)}};
  if (trace.direction == TraceDirection::backward) {
    j["summary"]["origins_truncated"] = s.origins_truncated;
  } else {
    j["summary"]["dust"] = round_score(s.dust);  // below the unit by definition
    j["summary"]["dust_endpoints"] = s.dust_endpoints;
  }
  j["transactions"] = json::array();
  for (const TracedTransaction& t : result.transactions) {
    const std::string_view currency = graph.currencies()[tx.currency[t.tx]];
    const int paid_unit = currency_decimals(currency);
    j["transactions"].push_back({{"id", graph.transaction_id(t.tx)},
                                 {"from", graph.account_id(tx.from[t.tx])},
                                 {"to", graph.account_id(tx.to[t.tx])},
                                 {"timestamp", display_time(tx.timestamp[t.tx])},
                                 {"amount", amount(tx.amount[t.tx], paid_unit)},
                                 {"traced", amount(t.traced, paid_unit)},
                                 {"hop", t.hop},
                                 {"currency", currency},
                                 {"value", amount(t.value, unit)}});
  }
  j["accounts"] = json::array();
  for (const TracedAccount& a : result.accounts) {
    j["accounts"].push_back({{"id", graph.account_id(a.account)},
                             {"kind", to_string(graph.accounts().kind[a.account])},
                             {"received", amount(a.received, unit)},
                             {"sent", amount(a.sent, unit)},
                             {"held", amount(a.held, unit)},
                             {"first_hop", a.first_hop}});
    mark_watchlist(j["accounts"].back(), graph, a.account);
  }
  j["endpoints"] = json::array();
  for (const TraceEndpoint& e : trace.endpoints) {
    const bool other = e.status == EndpointStatus::other;
    j["endpoints"].push_back(
        {{"account", other ? json(nullptr) : json(graph.account_id(e.account))},
         {"kind", other ? json(nullptr) : json(to_string(graph.accounts().kind[e.account]))},
         {"status", to_string(e.status)},
         {"amount", amount(e.amount, unit)},
         {"hop", e.hop}});
    if (!other) mark_watchlist(j["endpoints"].back(), graph, e.account);
  }
  if (!trace.paths.empty()) {
    j["paths"] = json::array();
    for (const TracePath& p : trace.paths) {
      json ids = json::array();
      json accounts = json::array();
      for (TxIndex t : p.transactions) {
        ids.push_back(graph.transaction_id(t));
        if (accounts.empty()) accounts.push_back(graph.account_id(tx.from[t]));
        accounts.push_back(graph.account_id(tx.to[t]));
      }
      j["paths"].push_back(
          {{"value", amount(p.value, unit)}, {"transactions", ids}, {"accounts", accounts}});
    }
  }
  return j;
}

void print_summary(std::ostream& out, const TraceView& trace) {
  const TraceFlows& result = trace.flows;
  const TraceSummary& s = result.summary;
  const bool forward = trace.direction == TraceDirection::forward;
  const int unit = currency_decimals(result.currency);
  out << to_string(trace.direction) << " trace of " << trace.subject << ", policy "
      << to_string(result.policy) << ", amounts in " << terminal_text(result.currency) << "\n";
  TextTable table;
  table.add_column("");
  table.add_column("", TextTable::Align::right);
  table.add_column("");
  auto row = [&](std::string name, std::string value, std::string meaning) {
    table.add_row({std::move(name), std::move(value), std::move(meaning)});
  };
  row(forward ? "seed amount" : "target amount", money(s.seed_amount, unit),
      forward ? "what the seeds carried" : "what is split onto its origins");
  if (forward) {
    row("held", money(s.held, unit), "still in accounts, listed below by where it is");
    row("fees", money(s.fees, unit), "lost between payer and payee: fees, conversion spreads");
  }
  row("accounts", with_thousands(s.accounts_reached),
      forward ? "reached by the traced money" : "its money passed through");
  row("transactions", with_thousands(s.transactions_traced), "carried some of it");
  row("max hop", std::to_string(s.max_hop),
      forward ? "transfers from the seeds to the farthest account"
              : "transfers back from the target to the farthest origin");
  if (s.unfunded > 0)
    row("unfunded", money(s.unfunded, unit),
        "debits beyond what an account could have held in the data: its real opening balance "
        "was larger (untraced money)");
  if (s.dust_endpoints > 0)
    row("dust", money(s.dust, std::max(unit, 6)),
        "in " + with_thousands(s.dust_endpoints) +
            " accounts, each under half the smallest unit: not listed");
  std::ostringstream lines;
  table.write(lines, "  ");
  // The header row of an unnamed table is blank: drop it.
  const std::string text = lines.str();
  out << text.substr(text.find('\n') + 1);
}

void print_table(std::ostream& out, const TransactionGraph& graph, const TraceView& trace,
                 std::size_t rows) {
  const TraceFlows& result = trace.flows;
  const bool forward = trace.direction == TraceDirection::forward;
  const int unit = currency_decimals(result.currency);
  print_summary(out, trace);
  const std::size_t shown = std::min(rows, trace.endpoints.size());
  out << "\n" << (forward ? "where the money is" : "where the money came from");
  if (shown < trace.endpoints.size())
    out << " (the " << shown << " largest of " << with_thousands(trace.endpoints.size()) << ")";
  out << "\n";
  TextTable table;
  table.add_column("account", TextTable::Align::left, 40);
  table.add_column("kind");
  table.add_column("status");
  table.add_column("amount " + terminal_text(result.currency), TextTable::Align::right);
  table.add_column("hop", TextTable::Align::right);
  for (std::size_t i = 0; i < shown; ++i) {
    const TraceEndpoint& e = trace.endpoints[i];
    const bool other = e.status == EndpointStatus::other;
    table.add_row({other ? "(other origins)" : terminal_text(graph.account_id(e.account)),
                   other ? "" : std::string(to_string(graph.accounts().kind[e.account])),
                   std::string(to_string(e.status)), money(e.amount, unit), std::to_string(e.hop)});
  }
  if (shown > 0) table.write(out);
  for (std::size_t i = 0; i < trace.paths.size(); ++i) {
    const TracePath& p = trace.paths[i];
    out << (i == 0 ? "\npaths carrying the most value\n" : "") << "  " << money(p.value, unit)
        << "  ";
    for (std::size_t k = 0; k < p.transactions.size(); ++k) {
      const TxIndex t = p.transactions[k];
      if (k == 0) out << terminal_text(graph.account_id(graph.transactions().from[t]));
      out << " -> " << terminal_text(graph.account_id(graph.transactions().to[t]));
    }
    out << "\n";
  }
}

}  // namespace

json trace_to_json(const TransactionGraph& graph, const ForwardTraceResult& result) {
  return to_json(graph, view(graph, result));
}
json trace_to_json(const TransactionGraph& graph, const BackwardTraceResult& result) {
  return to_json(graph, view(graph, result));
}
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const ForwardTraceResult& result, std::size_t rows) {
  print_table(out, graph, view(graph, result), rows);
}
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const BackwardTraceResult& result, std::size_t rows) {
  print_table(out, graph, view(graph, result), rows);
}

void write_trace_csv_header(std::ostream& out, bool batch) {
  out << (batch ? "set," : "") << "id,from,to,timestamp,amount,currency,traced,value,hop\n";
}

std::string trace_csv_rows(const TransactionGraph& graph, const TraceFlows& result,
                           std::uint64_t set_line) {
  // std::to_chars straight into the row: a batch of thousands of traces writes gigabytes of
  // these rows. Amounts to their currency's smallest unit, trailing zeros dropped.
  const TransactionTable& tx = graph.transactions();
  const int unit = currency_decimals(result.currency);
  std::string out;
  out.reserve(result.transactions.size() * 128);
  char number[64];
  auto append_amount = [&](double value, int decimals) {
    if (full_precision()) {
      out.append(number, std::to_chars(number, number + sizeof number, value).ptr);
      return;
    }
    char* end =
        std::to_chars(number, number + sizeof number, value, std::chars_format::fixed, decimals)
            .ptr;
    if (decimals > 0) {
      while (end[-1] == '0') --end;
      if (end[-1] == '.') --end;
    }
    const std::string_view text(number, static_cast<std::size_t>(end - number));
    out += text == "-0" ? "0" : text;
  };
  auto append_integer = [&](std::uint64_t value) {
    const auto end = std::to_chars(number, number + sizeof number, value).ptr;
    out.append(number, end);
  };
  for (const TracedTransaction& t : result.transactions) {
    if (set_line) {
      append_integer(set_line);
      out += ',';
    }
    out += csv_escape(graph.transaction_id(t.tx));
    out += ',';
    out += csv_escape(graph.account_id(tx.from[t.tx]));
    out += ',';
    out += csv_escape(graph.account_id(tx.to[t.tx]));
    out += ',';
    out += display_time(tx.timestamp[t.tx]);
    out += ',';
    const std::string_view currency = graph.currencies()[tx.currency[t.tx]];
    const int paid_unit = currency_decimals(currency);
    append_amount(tx.amount[t.tx], paid_unit);
    out += ',';
    out += csv_escape(currency);
    out += ',';
    append_amount(t.traced, paid_unit);
    out += ',';
    if (!std::isnan(t.value)) append_amount(t.value, unit);
    out += ',';
    append_integer(t.hop);
    out += '\n';
  }
  return out;
}

void write_trace_csv_rows(std::ostream& out, const TransactionGraph& graph,
                          const TraceFlows& result, std::uint64_t set_line) {
  out << trace_csv_rows(graph, result, set_line);
}

namespace {

template <class Result>
void write_one(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
               const Result& result, const LoadReport& report, const std::string& csv_comment) {
  if (format == OutputFormat::json) {
    json j = trace_to_json(graph, result);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else if (format == OutputFormat::csv) {
    out << csv_comment;
    write_trace_csv_header(out, false);
    write_trace_csv_rows(out, graph, result);
  } else {
    print_trace_table(out, graph, result);
  }
}

}  // namespace

void write_trace(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const ForwardTraceResult& result, const LoadReport& report,
                 const std::string& csv_comment) {
  write_one(out, format, graph, result, report, csv_comment);
}

void write_trace(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                 const BackwardTraceResult& result, const LoadReport& report,
                 const std::string& csv_comment) {
  write_one(out, format, graph, result, report, csv_comment);
}

void write_trace_batch_header(std::ostream& out, OutputFormat format) {
  if (format == OutputFormat::csv) write_trace_csv_header(out, true);
  if (format == OutputFormat::table)
    out << "line  seeds  seed_amount  held  accounts  transactions  max_hop  top endpoint\n";
}

void write_trace_batch(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const std::vector<ForwardTraceResult>& results,
                       std::span<const std::uint64_t> lines, int threads) {
  if (format == OutputFormat::csv) {
    // Formatting gigabytes of rows is the slow part of a big batch: on every core.
    std::vector<std::string> rows(results.size());
    const int count = static_cast<int>(results.size());
#pragma omp parallel for schedule(dynamic, 1) \
    num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (int i = 0; i < count; ++i) rows[i] = trace_csv_rows(graph, results[i], lines[i]);
    for (const std::string& r : rows) out << r;
    return;
  }
  for (std::size_t i = 0; i < results.size(); ++i) {
    const ForwardTraceResult& r = results[i];
    if (format == OutputFormat::json) {
      json j;
      j["line"] = lines[i];
      const json body = trace_to_json(graph, r);  // outlives the loop over its items
      for (const auto& [key, value] : body.items()) j[key] = value;
      out << json_text(j, -1) << "\n";
    } else {
      const int unit = currency_decimals(r.currency);
      out << lines[i] << "  " << r.seeds.size() << "  " << money(r.summary.seed_amount, unit)
          << "  " << money(r.summary.held, unit) << "  " << r.summary.accounts_reached << "  "
          << r.summary.transactions_traced << "  " << r.summary.max_hop << "  "
          << (r.endpoints.empty() ? "-"
                                  : terminal_text(graph.account_id(r.endpoints.front().account)))
          << "\n";
    }
  }
}

}  // namespace moneytrail
