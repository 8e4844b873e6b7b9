// moneytrail trace INPUT (--tx ID[,ID...] | --tx-file FILE | --from ACCOUNT [--since T] [--until T]
//   | --direction backward (--tx ID | --to ACCOUNT --at T)) [--policy P] [--max-hops N]
//   [--window DURATION] [--min-amount X] [--paths K] [--format json|table|csv] [-o FILE]
#include <omp.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "algorithms/export/subgraph_select.h"
#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "cli/commands.h"
#include "io/util/text_safety.h"
#include "io/report/trace_report.h"
#include "io/util/atomic_file.h"
#include "io/csv/field_parsers.h"
#include "graph/input_error.h"

namespace moneytrail::cli {
namespace {

struct SeedSets {
  std::vector<std::vector<TxIndex>> sets;
  std::vector<std::uint64_t> lines;
};

// One seed set per line: transaction ids separated by commas or spaces; '#' comments.
SeedSets read_tx_file(const TraceContext& context, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "", "cannot open the transaction file");
  std::vector<std::vector<std::string>> lines;
  std::vector<std::uint64_t> numbers;
  std::vector<std::string> all;
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    lines.push_back(split_ids(text));
    numbers.push_back(number);
    all.insert(all.end(), lines.back().begin(), lines.back().end());
  }
  if (lines.empty()) throw InputError(path, 0, "", "the file lists no transaction");
  const auto found = context.graph().find_transactions(all);
  SeedSets result;
  std::size_t k = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<TxIndex> set;
    for (const std::string& id : lines[i]) {
      if (!found[k]) throw InputError(path, numbers[i], "", "unknown transaction id '" + id + "'");
      set.push_back(*found[k++]);
    }
    result.sets.push_back(std::move(set));
    result.lines.push_back(numbers[i]);
  }
  return result;
}

TraceOptions trace_options(const po::variables_map& vm) {
  TraceOptions o;
  const std::string policy = vm["policy"].as<std::string>();
  const auto parsed = parse_trace_policy(policy);
  if (!parsed) {
    throw UsageError("unknown --policy '" + policy +
                     "' (expected haircut, fifo, lifo, tainted-first, tainted-last or poison)");
  }
  o.policy = *parsed;
  if (vm.count("max-hops")) o.max_hops = vm["max-hops"].as<std::uint32_t>();
  if (vm.count("window")) {
    const std::string text = vm["window"].as<std::string>();
    const auto seconds = parse_duration(text);
    if (!seconds) throw UsageError("--window '" + text + "' is not a duration (e.g. 6h, 2d, 90m)");
    o.window = *seconds;
  }
  o.min_amount = vm["min-amount"].as<double>();
  o.paths = vm["paths"].as<std::uint32_t>();
  o.max_origins = vm["max-origins"].as<std::uint32_t>();
  return o;
}

template <class Result>  // ForwardTraceResult or BackwardTraceResult
void write_result(std::ostream& out, const std::string& format, const TransactionGraph& graph,
                  const Result& result, const LoadReport& report) {
  if (format == "json") {
    nlohmann::ordered_json j = trace_to_json(graph, result);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else if (format == "csv") {
    write_trace_csv_header(out, false);
    write_trace_csv_rows(out, graph, result);
  } else {
    print_trace_table(out, graph, result);
  }
}

// Batch: JSON Lines (one object per seed set, with its line number), CSV rows with a set column,
// or one summary line per set.
void write_batch(std::ostream& out, const std::string& format, const TransactionGraph& graph,
                 const TraceContext& context, const SeedSets& sets, const TraceOptions& options,
                 int threads) {
  constexpr std::size_t kChunk = 256;  // bounds the results held in memory at once
  if (format == "csv") write_trace_csv_header(out, true);
  if (format == "table") {
    out << "line  seeds  seed_amount  held  accounts  transactions  max_hop  top endpoint\n";
  }
  for (std::size_t begin = 0; begin < sets.sets.size(); begin += kChunk) {
    const std::size_t end = std::min(sets.sets.size(), begin + kChunk);
    std::vector<std::vector<TxIndex>> chunk(sets.sets.begin() + begin, sets.sets.begin() + end);
    const std::vector<ForwardTraceResult> results = trace_forward_batch(context, chunk, options, threads);
    if (format == "csv") {
      // Formatting gigabytes of rows is the slow part of a big batch: on every core.
      std::vector<std::string> rows(results.size());
      const int count = static_cast<int>(results.size());
#pragma omp parallel for schedule(dynamic, 1) \
    num_threads(threads > 0 ? threads : omp_get_max_threads())
      for (int i = 0; i < count; ++i)
        rows[i] = trace_csv_rows(graph, results[i], sets.lines[begin + i]);
      for (const std::string& r : rows) out << r;
      continue;
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
      const std::uint64_t line = sets.lines[begin + i];
      const ForwardTraceResult& r = results[i];
      if (format == "json") {
        nlohmann::ordered_json j;
        j["line"] = line;
        const nlohmann::ordered_json body = trace_to_json(graph, r);
        for (const auto& [key, value] : body.items()) j[key] = value;
        out << json_text(j, -1) << "\n";
      } else if (format == "csv") {
        write_trace_csv_rows(out, graph, r, line);
      } else {
        out << line << "  " << r.seeds.size() << "  " << r.summary.seed_amount << "  "
            << r.summary.held << "  " << r.summary.accounts_reached << "  "
            << r.summary.transactions_traced << "  " << r.summary.max_hop << "  "
            << (r.endpoints.empty() ? "-" : terminal_text(graph.account_id(r.endpoints.front().account))) << "\n";
      }
    }
  }
}

}  // namespace

int run_trace(const Args& args) {
  po::options_description options("trace options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  auto add = options.add_options();
  add("tx", po::value<std::string>(),
      "seed transaction ids, comma-separated (backward: the target)");
  add("tx-file", po::value<std::string>(),
      "batch: one seed set per line (ids separated by commas or spaces), each traced alone");
  add("from", po::value<std::string>(), "seed every debit of this account (see --since/--until)");
  add("since", po::value<std::string>(), "with --from: debits at or after this time");
  add("until", po::value<std::string>(),
      "with --from: debits at or before this time; otherwise: follow money only up to this time");
  add("direction", po::value<std::string>()->default_value("forward"), "forward or backward");
  add("to", po::value<std::string>(), "backward: decompose what this account held --at a time");
  add("at", po::value<std::string>(), "backward with --to: the time");
  add("policy", po::value<std::string>()->default_value("fifo"),
      "haircut, fifo, lifo, tainted-first, tainted-last or poison");
  add("max-hops", po::value<std::uint32_t>(), "stop following traced money after N hops (N >= 1)");
  add("window", po::value<std::string>(),
      "forward: money that sat longer than this (e.g. 72h) before leaving is not followed on");
  add("min-amount", po::value<double>()->default_value(0),
      "leave traced transactions below this out of the listing (still counted)");
  add("paths", po::value<std::uint32_t>()->default_value(0),
      "forward: the K seed-to-endpoint paths carrying the most value");
  add("max-origins", po::value<std::uint32_t>()->default_value(64),
      "backward: origins listed (the rest summed as other)");
  add("threads", po::value<int>()->default_value(0), "batch: threads (0 = all cores)");
  add("export", po::value<std::string>(),
      "also write the trace as a graph: .graphml, .gexf, .dot, .json (Cytoscape), .csv or .html");
  add("format", po::value<std::string>(),
      "json, table or csv (default: table on a terminal, json otherwise)");
  add("output,o", po::value<std::string>(), "write to this file instead of stdout");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail trace INPUT (--tx ID[,ID] | --tx-file FILE | --from ACCOUNT) "
                       "[--direction forward|backward] [--policy P] [--format json|table|csv]",
                       vm)) {
    return kExitOk;
  }
  const std::string format = vm.count("format") ? vm["format"].as<std::string>()
                             : (stdout_is_terminal() && !vm.count("output")) ? "table"
                                                                             : "json";
  if (format != "json" && format != "table" && format != "csv") {
    throw UsageError("unknown --format '" + format + "' (expected json, table or csv)");
  }
  const std::string direction = vm["direction"].as<std::string>();
  if (direction != "forward" && direction != "backward") {
    throw UsageError("unknown --direction '" + direction + "' (expected forward or backward)");
  }
  const bool backward = direction == "backward";
  const int seed_kinds = static_cast<int>(vm.count("tx")) + static_cast<int>(vm.count("tx-file")) +
                         static_cast<int>(vm.count("from")) + static_cast<int>(vm.count("to"));
  if (seed_kinds != 1) {
    throw UsageError(backward ? "give the target: --tx ID, or --to ACCOUNT --at TIME"
                              : "give the seeds: one of --tx, --tx-file or --from");
  }
  if (vm.count("export") && vm.count("tx-file"))
    throw UsageError(
        "--export writes one trace; a --tx-file batch has many (export them one by one)");
  if (backward && (vm.count("tx-file") || vm.count("from"))) {
    throw UsageError("--direction backward takes --tx ID or --to ACCOUNT --at TIME");
  }
  if (!backward && vm.count("to")) throw UsageError("--to needs --direction backward");
  if (vm.count("to") && !vm.count("at")) throw UsageError("--to needs --at TIME");
  if (vm.count("since") && !vm.count("from")) throw UsageError("--since needs --from ACCOUNT");
  TraceOptions trace = trace_options(vm);
  validate_trace_options(trace);
  const Timestamp since = timestamp_option(vm, "since");
  const Timestamp until = timestamp_option(vm, "until");
  const Timestamp at = timestamp_option(vm, "at");
  if (!vm.count("from")) trace.until = until;

  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  LoadedCase loaded =
      load_inputs(vm, std::filesystem::path(first).filename().string() + ".rejects.csv",
                  join_command_line("trace", args));
  const TransactionGraph& graph = loaded.graph;
  const TraceContext context(graph);

  std::unique_ptr<AtomicOutputFile> file;
  if (vm.count("output")) file = std::make_unique<AtomicOutputFile>(vm["output"].as<std::string>());
  std::ostream& out = file ? file->stream() : std::cout;
  if (vm.count("tx-file")) {
    const SeedSets sets = read_tx_file(context, vm["tx-file"].as<std::string>());
    if (format == "csv") out << csv_provenance(vm, loaded.report);
    write_batch(out, format, graph, context, sets, trace, vm["threads"].as<int>());
  } else {
    const auto emit = [&](const auto& result) {
      if (format == "csv") out << csv_provenance(vm, loaded.report);
      write_result(out, format, graph, result, loaded.report);
      if (vm.count("export")) {
        Subgraph sub = subgraph_of_trace(graph, result);
        sub.provenance = provenance_text(loaded.report);
        export_subgraph_file(vm["export"].as<std::string>(), graph, std::move(sub));
      }
    };
    if (backward && vm.count("to")) {
      const std::string id = vm["to"].as<std::string>();
      const auto account = graph.find_account(id);
      if (!account) throw UsageError("unknown account '" + id + "'");
      emit(trace_backward_balance(context, *account, at, trace));
    } else if (vm.count("from")) {
      const std::string id = vm["from"].as<std::string>();
      const auto account = graph.find_account(id);
      if (!account) throw UsageError("unknown account '" + id + "'");
      const std::vector<TxIndex> seeds = context.account_debits(*account, since, until);
      if (seeds.empty()) {
        throw UsageError("account '" + id + "' has no debits" +
                         (since != kNoTime || until != kNoTime ? " in the window" : ""));
      }
      emit(trace_forward(context, seeds, trace));
    } else {
      const std::vector<TxIndex> seeds =
          resolve_ids(context, split_ids(vm["tx"].as<std::string>()));
      if (seeds.empty()) throw UsageError("--tx lists no transaction id");
      if (backward) {
        if (seeds.size() != 1) throw UsageError("a backward trace takes one target transaction");
        emit(trace_backward(context, seeds[0], trace));
      } else {
        emit(trace_forward(context, seeds, trace));
      }
    }
  }
  if (file) file->commit();
  return kExitOk;
}

}  // namespace moneytrail::cli
