// moneytrail export INPUT... --select WHAT --to FORMAT -o FILE: a subgraph for a graph tool or
// the case file.
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/export/subgraph_select.h"
#include "algorithms/scoring/account_scoring.h"
#include "algorithms/tracing/forward_trace.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/export_support.h"
#include "graph/input_error.h"
#include "io/side/score_table.h"
#include "io/util/subprocess.h"

namespace moneytrail::cli {
namespace {

void export_options(OptionGroups& groups) {
  po::options_description group("export options");
  auto add = group.add_options();
  add("select", text_value("WHAT"),
      "trace:TX[,TX] (a forward trace), cluster:RANK (a mule cluster from `clusters`), "
      "ego:ACCOUNT:K (accounts within K flows), top:N (the N highest mule-risk scores and their "
      "one-hop flows)");
  add("to", choice_value("to", {"graphml", "gexf", "gexf1.3", "dot", "cyjs", "csv", "html"}, false),
      "the format (default: from -o's extension)");
  add("output,o", text_value("FILE"),
      "the file to write (- for standard output; csv: the edges, the nodes beside them)");
  add("scores", text_value("FILE"),
      "top: scores from `moneytrail score -o FILE` (default: the unsupervised score, computed)");
  add("policy",
      choice_value("policy",
                   {"fifo", "haircut", "lifo", "tainted-first", "tainted-last", "poison"}),
      "trace: attribution policy");
  add("max-nodes", count_value("max-nodes", 1000, 2, 10000000),
      "fold the rest into one aggregate node beyond this many nodes");
  add("direction", choice_value("direction", {"both", "out", "in"}), "ego: which flows count");
  add("since", text_value("TIME"),
      "only transactions from this time (ego: only ties active from this time)");
  add("until", text_value("TIME"),
      "only transactions up to this time (ego: only ties active until this time)");
  add("render", choice_value("render", {"svg", "png"}, false),
      "dot: also render FILE.svg or FILE.png with Graphviz");
  add("csv-provenance", "csv: start both files with '#' lines naming the inputs");
  add("csv-raw", "csv: leave cells that look like spreadsheet formulas as they are");
  groups.push_back({"export options", group});
  add_input_options(groups);
}

std::uint32_t positive_number(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const unsigned long value = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value == 0 || value > 1000000 || text[0] == '-')
    throw UsageError(what + " '" + text + "' is not a positive number");
  return static_cast<std::uint32_t>(value);
}

std::vector<double> scores_from_file(const TransactionGraph& graph, const std::string& path) {
  // Scores written earlier by `moneytrail score`: accounts it does not list score 0.
  const ScoreTable table = read_score_table(path);
  std::vector<double> scores(graph.num_accounts(), 0.0);
  for (std::size_t i = 0; i < table.accounts.size(); ++i) {
    const auto v = graph.find_account(table.accounts[i]);
    if (!v)
      throw InputError(path, 0, "account",
                       "account '" + table.accounts[i] + "' is not in the input");
    scores[*v] = table.score[i];
  }
  return scores;
}

Subgraph select(const Call& call, const TransactionGraph& graph) {
  const std::string selection = call.text("select");
  const std::size_t colon = selection.find(':');
  const std::string kind = selection.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : selection.substr(colon + 1);
  if (kind == "trace") {
    TraceOptions options;
    options.policy = *parse_trace_policy(call.text("policy"));
    const std::vector<TxIndex> seeds = resolve_ids(graph, split_ids(rest));
    if (seeds.empty()) throw UsageError("--select trace: needs transaction ids (trace:TX[,TX])");
    return subgraph_of_trace(graph, trace_forward(TraceContext(graph), seeds, options));
  }
  const FlowView flows = build_flows(call, graph);
  AccountScoringOptions scoring;
  scoring.progress = call.progress();
  if (kind == "cluster") {
    const std::uint32_t rank = positive_number(rest, "cluster rank");
    const ClusterReport report =
        evidence_clusters(graph, flows, score_accounts(graph, flows, scoring));
    if (rank > report.clusters.size())
      throw UsageError("there are " + std::to_string(report.clusters.size()) +
                       " mule clusters; cluster:" + rest + " does not exist");
    return subgraph_of_cluster(flows, report.clusters[rank - 1], rank);
  }
  if (kind == "ego") {
    const std::size_t last = rest.rfind(':');
    if (last == std::string::npos)
      throw UsageError("--select ego: needs an account and a hop count (ego:ACCOUNT:K)");
    EgoOptions options;
    options.hops = positive_number(rest.substr(last + 1), "hop count");
    const std::string direction = call.text("direction");
    options.direction = direction == "out"  ? EgoDirection::out
                        : direction == "in" ? EgoDirection::in
                                            : EgoDirection::both;
    options.since = timestamp_option(call, "since");
    options.until = timestamp_option(call, "until");
    return ego_subgraph(graph, flows, resolve_account(graph, rest.substr(0, last)), options);
  }
  if (kind == "top") {
    const std::uint32_t count = positive_number(rest, "account count");
    const std::vector<double> scores = call.has("scores")
                                           ? scores_from_file(graph, call.text("scores"))
                                           : score_accounts(graph, flows, scoring).scores.score;
    return subgraph_of_top_scored(flows, scores, count);
  }
  throw UsageError("unknown --select '" + selection +
                   "' (expected trace:TX[,TX], cluster:RANK, ego:ACCOUNT:K or top:N)");
}

// dot writes into the image's own temporary file, which is then renamed into place; no shell
// sees the names.
void render_dot(const Call& call, const std::string& path, const std::string& image_format) {
  const std::string image = path + "." + image_format;
  AtomicOutputFile out(image);
  ProgramLimits limits;
  limits.output = out.temporary_path();
  limits.max_output_bytes = 1ull << 30;
  const ProgramResult r = run_program(
      {"dot", "-T" + image_format, "-o" + out.temporary_path().string(), as_operand(path)}, limits);
  if (!r.started)
    throw std::runtime_error("--render needs Graphviz's dot (apt-get install graphviz)");
  if (!r.ok())
    throw std::runtime_error("dot failed on " + path +
                             (r.timed_out   ? " (over two minutes)"
                              : r.too_large ? " (image over 1 GiB)"
                                            : ""));
  out.commit();
  report_written(call, image, "rendered by Graphviz");
}

int run_export(const Call& call) {
  if (!call.has("select"))
    throw UsageError("--select is required (trace:, cluster:, ego: or top:)");
  if (!call.has("output")) throw UsageError("-o FILE is required (- for standard output)");
  const std::string path = call.text("output");
  const auto format =
      call.has("to") ? parse_graph_file_format(call.text("to")) : graph_file_format_of(path);
  if (!format) throw UsageError("give --to: the format cannot be told from '" + path + "'");
  if (call.has("render") && (*format != GraphFileFormat::dot || path == "-"))
    throw UsageError("--render needs --to dot and a file name");
  // ego: --since/--until keep the ties active in the window; every other selection is made on the
  // window's transactions alone, as the analysing commands do.
  const bool ego = call.text("select").starts_with("ego:");
  const LoadedCase loaded = load_inputs(call, ego ? InputWindow::none : InputWindow::from_options);
  Subgraph sub = select(call, loaded.graph);
  sub.provenance = provenance_text(loaded.report);
  export_subgraph(call, path, *format, loaded.graph, std::move(sub), call.count("max-nodes"),
                  csv_provenance(call, loaded.report));
  if (call.has("render")) render_dot(call, path, call.text("render"));
  return kExitOk;
}

}  // namespace

const CommandSpec kExportCommand = {
    "export",
    "write a trace, mule cluster, ego network or top accounts as GraphML, GEXF, DOT, Cytoscape "
    "JSON, CSV or a self-contained HTML report",
    "INPUT... --select WHAT -o FILE [--to FORMAT] [OPTIONS]",
    "Selects a subgraph and writes it for a graph tool (Gephi, Cytoscape, yEd, Graphviz) or as "
    "one HTML file that opens anywhere without a network: a layout by hop, the endpoints with "
    "what each holds, a time filter. Every format carries the provenance. Beyond --max-nodes "
    "accounts, the smallest are folded into one aggregate node.",
    {{"export case.mtc --select trace:T1001 -o trace.html",
      "where one victim's payment went, as an HTML report"},
     {"export case.mtc --select cluster:1 -o cluster1.gexf", "the top mule cluster for Gephi"},
     {"export case.mtc --select ego:6222000012345678:2 --to dot -o ego.dot --render svg",
      "an account's two-hop neighbourhood, drawn by Graphviz"},
     {"export case.mtc --select top:50 --scores scores.csv -o top.graphml",
      "the 50 highest scores from an earlier `score` run and their flows"}},
    export_options,
    true,
    run_export};

}  // namespace moneytrail::cli
