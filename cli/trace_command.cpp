// moneytrail trace INPUT... (--tx ID | --tx-file FILE | --from ACCOUNT | --to ACCOUNT --at T):
// where money went, or where it came from.
#include "algorithms/export/subgraph_select.h"
#include "algorithms/tracing/backward_trace.h"
#include "algorithms/tracing/forward_trace.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/export_support.h"
#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/report/trace_report.h"

namespace moneytrail::cli {
namespace {

void trace_options(OptionGroups& groups) {
  po::options_description group("trace options");
  auto add = group.add_options();
  add("tx", text_value("ID[,ID...]"),
      "seed transaction ids, comma-separated (backward: the target)");
  add("tx-file", text_value("FILE"),
      "batch: one seed set per line (ids separated by commas or spaces), each traced alone");
  add("from", text_value("ACCOUNT"), "seed every debit of this account (see --since, --until)");
  add("since", text_value("TIME"), "with --from: debits at or after this time");
  add("until", text_value("TIME"),
      "with --from: debits at or before this time; otherwise: follow money only up to this time");
  add("direction", choice_value("direction", {"forward", "backward"}),
      "forward: where the money went; backward: where it came from");
  add("to", text_value("ACCOUNT"), "backward: decompose what this account held --at a time");
  add("at", text_value("TIME"), "backward with --to: the time");
  add("policy",
      choice_value("policy",
                   {"fifo", "haircut", "lifo", "tainted-first", "tainted-last", "poison"}),
      "which money a debit takes (docs/tracing.md)");
  add("max-hops", count_value("max-hops", 1, 1u << 31), "stop following traced money after N hops");
  add("window", text_value("DURATION"),
      "forward: money that sat longer than this (e.g. 72h, 3d) before leaving is not followed on");
  add("min-amount", number_value("min-amount", 0, 1e18)->default_value(0),
      "leave traced transactions below this out of the listing (still counted)");
  add("paths", count_value("paths", 0, 0, 10000),
      "forward: the N seed-to-endpoint paths carrying the most value");
  add("max-origins", count_value("max-origins", 64, 1, 1u << 31),
      "backward: origins listed (the rest summed as other)");
  add("dust", number_value("dust", 0, 1e18),
      "forward: endpoints holding less than this are counted as dust, not listed (default: "
      "half the trace currency's smallest unit; 0 lists every endpoint)");
  add("threads", count_value("threads", 0, 0, 4096), "batch: threads (0: all cores)");
  add("export", text_value("FILE"),
      "also write the trace as a graph: .graphml, .gexf, .dot, .json (Cytoscape), .csv or .html");
  groups.push_back({"trace options", group});
  add_input_options(groups);
  add_output_options(groups, {"json", "table", "csv"},
                     "json, table or csv (default: table on a terminal, else json)");
}

TraceOptions trace_options_of(const Call& call) {
  TraceOptions o;
  o.policy = *parse_trace_policy(call.text("policy"));
  if (call.has("max-hops")) o.max_hops = static_cast<std::uint32_t>(call.count("max-hops"));
  o.window = duration_option(call, "window");
  o.min_amount = call.get<double>("min-amount");
  o.paths = static_cast<std::uint32_t>(call.count("paths"));
  o.max_origins = static_cast<std::uint32_t>(call.count("max-origins"));
  if (call.has("dust")) o.dust_below = call.get<double>("dust");
  if (!call.has("from")) o.until = timestamp_option(call, "until");
  return o;
}

void check_seed_options(const Call& call, bool backward) {
  const int kinds = static_cast<int>(call.has("tx")) + static_cast<int>(call.has("tx-file")) +
                    static_cast<int>(call.has("from")) + static_cast<int>(call.has("to"));
  if (kinds != 1)
    throw UsageError(backward ? "give the target: --tx ID, or --to ACCOUNT --at TIME"
                              : "give the seeds: one of --tx, --tx-file or --from");
  if (call.has("export") && call.has("tx-file"))
    throw UsageError(
        "--export writes one trace; a --tx-file batch has many (export them one by one)");
  if (backward && (call.has("tx-file") || call.has("from")))
    throw UsageError("--direction backward takes --tx ID or --to ACCOUNT --at TIME");
  if (!backward && call.has("to")) throw UsageError("--to needs --direction backward");
  if (call.has("to") && !call.has("at")) throw UsageError("--to needs --at TIME");
  if (call.has("since") && !call.has("from")) throw UsageError("--since needs --from ACCOUNT");
}

void run_batch(const Call& call, OutputFormat format, const LoadedCase& loaded,
               const TraceContext& context, const TraceOptions& options) {
  const auto [sets, lines] = resolve_seed_sets(loaded.graph, call.text("tx-file"));
  const int threads = static_cast<int>(call.count("threads"));
  constexpr std::size_t kChunk = 256;  // bounds the results held in memory at once
  ResultOutput out(call);
  if (format == OutputFormat::csv) out.stream() << csv_provenance(call, loaded.report);
  write_trace_batch_header(out.stream(), format);
  ProgressStep step(call.progress(), "traces", sets.size(), "traces");
  for (std::size_t begin = 0; begin < sets.size(); begin += kChunk) {
    step.advance(begin);
    const std::size_t end = std::min(sets.size(), begin + kChunk);
    const std::vector<std::vector<TxIndex>> chunk(sets.begin() + begin, sets.begin() + end);
    write_trace_batch(out.stream(), format, loaded.graph,
                      trace_forward_batch(context, chunk, options, threads),
                      std::span(lines).subspan(begin, end - begin), threads);
  }
  out.commit(std::to_string(sets.size()) + " traces");
}

template <class Result>
void write_one(const Call& call, OutputFormat format, const LoadedCase& loaded,
               const Result& result) {
  ResultOutput out(call);
  write_trace(out.stream(), format, loaded.graph, result, loaded.report,
              csv_provenance(call, loaded.report));
  out.commit();
  if (call.has("export")) {
    Subgraph sub = subgraph_of_trace(loaded.graph, result);
    sub.provenance = provenance_text(loaded.report);
    export_subgraph(call, call.text("export"), loaded.graph, std::move(sub));
  }
}

int run_trace(const Call& call) {
  const OutputFormat format = output_format(call, "json, table or csv", OutputFormat::json);
  const bool backward = call.text("direction") == "backward";
  check_seed_options(call, backward);
  const TraceOptions options = trace_options_of(call);
  validate_trace_options(options);
  const Timestamp at = timestamp_option(call, "at");
  const Timestamp since = timestamp_option(call, "since");
  const Timestamp until = timestamp_option(call, "until");
  const LoadedCase loaded = load_inputs(call);
  const TransactionGraph& graph = loaded.graph;
  const TraceContext context(graph);
  if (call.has("tx-file")) {
    run_batch(call, format, loaded, context, options);
  } else if (call.has("to")) {
    write_one(
        call, format, loaded,
        trace_backward_balance(context, resolve_account(graph, call.text("to")), at, options));
  } else if (call.has("from")) {
    const std::string id = call.text("from");
    const std::vector<TxIndex> seeds =
        context.account_debits(resolve_account(graph, id), since, until);
    if (seeds.empty())
      throw UsageError("account '" + id + "' has no debits" +
                       (since != kNoTime || until != kNoTime ? " in the window" : ""));
    write_one(call, format, loaded, trace_forward(context, seeds, options));
  } else {
    const std::vector<TxIndex> seeds = resolve_ids(graph, split_ids(call.text("tx")));
    if (seeds.empty()) throw UsageError("--tx lists no transaction id");
    if (backward && seeds.size() != 1)
      throw UsageError("a backward trace takes one target transaction");
    if (backward)
      write_one(call, format, loaded, trace_backward(context, seeds[0], options));
    else
      write_one(call, format, loaded, trace_forward(context, seeds, options));
  }
  return kExitOk;
}

}  // namespace

const CommandSpec kTraceCommand = {
    "trace",
    "follow money forward from seed transactions, or back to where it came from",
    "INPUT... (--tx ID[,ID...] | --tx-file FILE | --from ACCOUNT | --direction backward --to "
    "ACCOUNT --at TIME) [OPTIONS]",
    "Forward: follows the money of the seed transactions through every account it reaches, "
    "under an attribution policy (fifo, haircut, lifo, tainted-first, tainted-last, poison), to "
    "where it is now: held in an account, cashed out, or gone out of the data. Backward: splits "
    "what left in a transaction, or what an account held at a time, onto its origins: opening "
    "balances and money that came in from outside. Amounts are exact under each policy; "
    "'unfunded' counts debits beyond what an account could have held (its opening balance was "
    "too small in the data). docs/tracing.md has the rules.",
    {{"trace case.mtc --tx T1001", "where one victim's payment went, under fifo"},
     {"trace case.mtc --tx T1001 --policy haircut --paths 3 --export trace.html",
      "the same under haircut, with the three widest paths, drawn in an HTML report"},
     {"trace case.mtc --direction backward --to 6222000012345678 --at 2026-02-01",
      "where the money an account held on 1 February came from"},
     {"trace case.mtc --tx-file victims.txt --format csv -o traces.csv",
      "one trace per line of victims.txt, on every core"}},
    trace_options,
    true,
    run_trace};

}  // namespace moneytrail::cli
