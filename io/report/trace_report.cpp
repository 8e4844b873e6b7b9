#include "io/report/trace_report.h"
#include "io/util/text_safety.h"

#include <charconv>
#include <cmath>
#include <iomanip>
#include <span>

#include "io/report/report_text.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"

namespace moneytrail {
namespace {

using json = nlohmann::ordered_json;

// NaN (a figure the policy does not define, e.g. poison's held) is null in JSON.
json number(double value) { return std::isnan(value) ? json(nullptr) : json(value); }

std::string money(double value) {
  if (std::isnan(value)) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << value;
  return out.str();
}

// What the two directions' results share for printing: the seeds (backward: the target) and the
// endpoints (backward: the origins).
struct TraceView {
  const TraceFlows& flows;
  TraceDirection direction;
  std::span<const TxIndex> seeds;
  std::span<const TraceEndpoint> endpoints;
  std::span<const TracePath> paths;
};

TraceView view(const ForwardTraceResult& r) {
  return {r, TraceDirection::forward, r.seeds, r.endpoints, r.paths};
}
TraceView view(const BackwardTraceResult& r) {
  return {r, TraceDirection::backward,
          r.target ? std::span<const TxIndex>(&*r.target, 1) : std::span<const TxIndex>(),
          r.origins, {}};
}

json to_json(const TransactionGraph& graph, const TraceView& trace) {
  const TraceFlows& result = trace.flows;
  const TransactionTable& tx = graph.transactions();
  json j;
  j["policy"] = to_string(result.policy);
  j["direction"] = to_string(trace.direction);
  j["seeds"] = json::array();
  for (TxIndex t : trace.seeds) j["seeds"].push_back(graph.transaction_id(t));
  const TraceSummary& s = result.summary;
  j["summary"] = {{"seed_amount", number(s.seed_amount)},
                  {"held", number(s.held)},
                  {"fees", number(s.fees)},
                  {"accounts_reached", s.accounts_reached},
                  {"transactions_traced", s.transactions_traced},
                  {"max_hop", s.max_hop},
                  {"currency", result.currency},
                  {"unfunded", s.unfunded}};
  if (trace.direction == TraceDirection::backward) {
    j["summary"]["origins_truncated"] = s.origins_truncated;
  }
  j["transactions"] = json::array();
  for (const TracedTransaction& t : result.transactions) {
    j["transactions"].push_back({{"id", graph.transaction_id(t.tx)},
                                 {"from", graph.account_id(tx.from[t.tx])},
                                 {"to", graph.account_id(tx.to[t.tx])},
                                 {"timestamp", format_timestamp(tx.timestamp[t.tx])},
                                 {"amount", tx.amount[t.tx]},
                                 {"traced", t.traced},
                                 {"hop", t.hop},
                                 {"currency", graph.currencies()[tx.currency[t.tx]]},
                                 {"value", number(t.value)}});
  }
  j["accounts"] = json::array();
  for (const TracedAccount& a : result.accounts) {
    j["accounts"].push_back({{"id", graph.account_id(a.account)},
                             {"kind", to_string(graph.accounts().kind[a.account])},
                             {"received", number(a.received)},
                             {"sent", number(a.sent)},
                             {"held", number(a.held)},
                             {"first_hop", a.first_hop}});
  }
  j["endpoints"] = json::array();
  for (const TraceEndpoint& e : trace.endpoints) {
    const bool other = e.status == EndpointStatus::other;
    j["endpoints"].push_back(
        {{"account", other ? json(nullptr) : json(graph.account_id(e.account))},
         {"kind", other ? json(nullptr) : json(to_string(graph.accounts().kind[e.account]))},
         {"status", to_string(e.status)},
         {"amount", number(e.amount)},
         {"hop", e.hop}});
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
      j["paths"].push_back({{"value", p.value}, {"transactions", ids}, {"accounts", accounts}});
    }
  }
  return j;
}

void print_table(std::ostream& out, const TransactionGraph& graph, const TraceView& trace,
                 std::size_t rows) {
  const TraceFlows& result = trace.flows;
  const TraceSummary& s = result.summary;
  const bool forward = trace.direction == TraceDirection::forward;
  out << to_string(trace.direction) << " trace, policy " << to_string(result.policy) << ", "
      << trace.seeds.size() << (forward ? " seed(s)" : " target") << "\n";
  out << "  " << (forward ? "seed amount   " : "target amount ") << money(s.seed_amount) << " "
      << result.currency << "\n";
  if (forward) {
    out << "  held          " << money(s.held) << "\n  fees          " << money(s.fees) << "\n";
  }
  out << "  accounts      " << with_thousands(s.accounts_reached) << "\n  transactions  "
      << with_thousands(s.transactions_traced) << "\n  max hop       " << s.max_hop << "\n";
  if (s.unfunded > 0) out << "  unfunded      " << money(s.unfunded) << "\n";
  out << "\n" << (forward ? "where the money is" : "where the money came from") << "\n";
  const std::size_t shown = std::min(rows, trace.endpoints.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const TraceEndpoint& e = trace.endpoints[i];
    const std::string id = e.status == EndpointStatus::other
                               ? "(other origins)"
                               : terminal_text(graph.account_id(e.account));
    out << "  " << std::left << std::setw(35) << id << " " << std::setw(18)
        << (e.status == EndpointStatus::other ? "" : to_string(graph.accounts().kind[e.account]))
        << std::setw(16) << to_string(e.status) << std::right << std::setw(16) << money(e.amount)
        << "  hop " << e.hop << "\n";
  }
  if (trace.endpoints.size() > shown) {
    out << "  ... " << trace.endpoints.size() - shown << " more\n";
  }
  for (std::size_t i = 0; i < trace.paths.size(); ++i) {
    const TracePath& p = trace.paths[i];
    out << (i == 0 ? "\npaths carrying the most value\n" : "") << "  " << money(p.value) << "  ";
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
  return to_json(graph, view(result));
}
json trace_to_json(const TransactionGraph& graph, const BackwardTraceResult& result) {
  return to_json(graph, view(result));
}
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const ForwardTraceResult& result, std::size_t rows) {
  print_table(out, graph, view(result), rows);
}
void print_trace_table(std::ostream& out, const TransactionGraph& graph,
                       const BackwardTraceResult& result, std::size_t rows) {
  print_table(out, graph, view(result), rows);
}

void write_trace_csv_header(std::ostream& out, bool batch) {
  out << (batch ? "set," : "") << "id,from,to,timestamp,amount,currency,traced,value,hop\n";
}

std::string trace_csv_rows(const TransactionGraph& graph, const TraceFlows& result,
                           std::uint64_t set_line) {
  // std::to_chars with 15 significant digits prints what `<< std::setprecision(15)` does, several
  // times faster; a batch of thousands of traces writes gigabytes of these rows.
  const TransactionTable& tx = graph.transactions();
  std::string out;
  out.reserve(result.transactions.size() * 128);
  char number[32];
  auto append_number = [&](double value) {
    const auto end =
        std::to_chars(number, number + sizeof number, value, std::chars_format::general, 15).ptr;
    out.append(number, end);
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
    out += format_timestamp(tx.timestamp[t.tx]);
    out += ',';
    append_number(tx.amount[t.tx]);
    out += ',';
    out += csv_escape(graph.currencies()[tx.currency[t.tx]]);
    out += ',';
    append_number(t.traced);
    out += ',';
    if (!std::isnan(t.value)) append_number(t.value);
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

}  // namespace moneytrail
