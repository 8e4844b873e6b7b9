// moneytrail export INPUT --select trace:TX[,TX]|cluster:RANK|ego:ACCOUNT:K|top:N --to
//   graphml|gexf|dot|cyjs|csv|html -o FILE [--policy P] [--max-nodes N] [--render svg|png]
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/export/subgraph_select.h"
#include "algorithms/scoring/account_scoring.h"
#include "algorithms/tracing/forward_trace.h"
#include "cli/commands.h"
#include "io/util/whole_file.h"
#include "io/util/atomic_file.h"
#include "io/util/subprocess.h"
#include "io/export/graph_writers.h"
#include "io/export/html_report.h"
#include "graph/input_error.h"
#include "io/side/score_table.h"

namespace moneytrail::cli {
namespace {

EgoDirection parse_direction(const std::string& text) {
  if (text == "both") return EgoDirection::both;
  if (text == "out") return EgoDirection::out;
  if (text == "in") return EgoDirection::in;
  throw UsageError("unknown --direction '" + text + "' (expected both, out or in)");
}

std::uint32_t positive_number(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const unsigned long value = std::strtoul(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value == 0 || value > 1000000)
    throw UsageError(what + " '" + text + "' is not a positive number");
  return static_cast<std::uint32_t>(value);
}

Subgraph select(const TransactionGraph& graph, const std::string& selection,
                const po::variables_map& vm) {
  const std::size_t colon = selection.find(':');
  const std::string kind = selection.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : selection.substr(colon + 1);
  if (kind == "trace") {
    const TraceContext context(graph);
    const std::string policy = vm["policy"].as<std::string>();
    TraceOptions options;
    const auto parsed = parse_trace_policy(policy);
    if (!parsed) throw UsageError("unknown --policy '" + policy + "'");
    options.policy = *parsed;
    const std::vector<TxIndex> seeds = resolve_ids(context, split_ids(rest));
    if (seeds.empty()) throw UsageError("--select trace: needs transaction ids (trace:TX[,TX])");
    return subgraph_of_trace(graph, trace_forward(context, seeds, options));
  }
  const FlowView flows = FlowView::build(graph);
  if (kind == "cluster") {
    const std::uint32_t rank = positive_number(rest, "cluster rank");
    const ClusterReport report = evidence_clusters(graph, flows, score_accounts(graph, flows));
    if (rank > report.clusters.size())
      throw UsageError("there are " + std::to_string(report.clusters.size()) +
                       " mule clusters; cluster:" + rest + " does not exist");
    return subgraph_of_cluster(flows, report.clusters[rank - 1], rank);
  }
  if (kind == "ego") {
    const std::size_t last = rest.rfind(':');
    if (last == std::string::npos)
      throw UsageError("--select ego: needs an account and a hop count (ego:ACCOUNT:K)");
    const std::string account = rest.substr(0, last);
    const auto center = graph.find_account(account);
    if (!center) throw UsageError("unknown account '" + account + "'");
    EgoOptions options;
    options.hops = positive_number(rest.substr(last + 1), "hop count");
    options.direction = parse_direction(vm["direction"].as<std::string>());
    options.since = timestamp_option(vm, "since");
    options.until = timestamp_option(vm, "until");
    return ego_subgraph(graph, flows, *center, options);
  }
  if (kind == "top") {
    const std::uint32_t count = positive_number(rest, "account count");
    std::vector<double> scores;
    if (vm.count("scores")) {
      // Scores written earlier by `moneytrail score`: accounts it does not list score 0.
      const std::string path = vm["scores"].as<std::string>();
      const ScoreTable table = read_score_table(path);
      scores.assign(graph.num_accounts(), 0.0);
      for (std::size_t i = 0; i < table.accounts.size(); ++i) {
        const auto v = graph.find_account(table.accounts[i]);
        if (!v)
          throw InputError(path, 0, "account",
                           "account '" + table.accounts[i] + "' is not in the input");
        scores[*v] = table.score[i];
      }
    } else {
      scores = score_accounts(graph, flows).scores.score;
    }
    return subgraph_of_top_scored(flows, scores, count);
  }
  throw UsageError("unknown --select '" + selection +
                   "' (expected trace:TX[,TX], cluster:RANK, ego:ACCOUNT:K or top:N)");
}

// `csv_comment`: '#' lines above the CSV headers (--csv-provenance).
void write_graph_file(ExportFormat format, const std::string& path, const TransactionGraph& graph,
                      const Subgraph& sub, const std::string& csv_comment = "") {
  if (format == ExportFormat::csv) {
    // FILE gets the edges, FILE's stem + ".nodes.csv" the nodes.
    std::filesystem::path nodes_path(path);
    nodes_path.replace_extension(".nodes.csv");
    AtomicOutputFile edges(path);
    edges.stream() << csv_comment;
    write_csv_edges(edges.stream(), graph, sub);
    AtomicOutputFile nodes(nodes_path);
    nodes.stream() << csv_comment;
    write_csv_nodes(nodes.stream(), graph, sub);
    edges.commit();
    nodes.commit();
    return;
  }
  AtomicOutputFile file(path);
  switch (format) {
    case ExportFormat::graphml:
      write_graphml(file.stream(), graph, sub);
      break;
    case ExportFormat::gexf:
      write_gexf(file.stream(), graph, sub);
      break;
    case ExportFormat::dot:
      write_dot(file.stream(), graph, sub);
      break;
    case ExportFormat::cyjs:
      write_cyjs(file.stream(), graph, sub);
      break;
    case ExportFormat::csv:
      break;
  }
  file.commit();
}

std::string read_cytoscape_js() {
  const auto path = find_cytoscape_js();
  if (!path)
    throw std::runtime_error(
        "an HTML report needs cytoscape.js: run scripts/setup.sh (npm ci in web/) or set "
        "MONEYTRAIL_WEB_DIR to a directory holding node_modules/cytoscape");
  std::string text = read_whole_file(path->string());
  if (text.empty()) throw std::runtime_error("cannot read " + path->string());
  return text;
}

void write_html(const std::string& path, const TransactionGraph& graph, const Subgraph& sub) {
  const std::string cytoscape_js = read_cytoscape_js();
  AtomicOutputFile file(path);
  write_html_report(file.stream(), graph, sub, cytoscape_js);
  file.commit();
}

}  // namespace

void export_subgraph_file(const std::string& path, const TransactionGraph& graph, Subgraph sub,
                          std::size_t max_nodes) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::optional<ExportFormat> format;
  if (extension == ".json") {
    format = ExportFormat::cyjs;
  } else if (extension != ".html" && extension != ".htm" && !extension.empty()) {
    format = parse_export_format(extension.substr(1));
  }
  const bool html = extension == ".html" || extension == ".htm";
  if (!format && !html)
    throw UsageError("--export: cannot tell the format of '" + path +
                     "' (use .graphml, .gexf, .dot, .json, .csv or .html)");
  fold_subgraph(sub, max_nodes);
  if (html) {
    write_html(path, graph, sub);
  } else {
    write_graph_file(*format, path, graph, sub);
  }
  std::cerr << "exported " << sub.nodes.size() << " accounts and " << sub.edges.size()
            << " flows to " << path << "\n";
}

int run_export(const Args& args) {
  po::options_description options("export options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  auto add = options.add_options();
  add("select", po::value<std::string>(),
      "trace:TX[,TX] (a forward trace), cluster:RANK (a mule cluster from `clusters`), "
      "ego:ACCOUNT:K (accounts within K flows), top:N (the N highest mule-risk scores and their "
      "one-hop flows)");
  add("scores", po::value<std::string>(),
      "top: scores from `moneytrail score -o FILE` (default: the unsupervised score, computed)");
  add("to", po::value<std::string>(), "graphml, gexf, dot, cyjs, csv or html");
  add("output,o", po::value<std::string>(), "the file to write (csv: edges; nodes beside it)");
  add("policy", po::value<std::string>()->default_value("fifo"), "trace: attribution policy");
  add("max-nodes", po::value<std::size_t>()->default_value(1000),
      "fold the rest into one aggregate node beyond this many nodes");
  add("direction", po::value<std::string>()->default_value("both"), "ego: both, out or in");
  add("since", po::value<std::string>(), "ego: only flows active from this time");
  add("until", po::value<std::string>(), "ego: only flows active until this time");
  add("render", po::value<std::string>(), "dot: also render FILE.svg or FILE.png with Graphviz");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail export INPUT --select trace:TX|cluster:RANK|ego:ACCOUNT:K|top:N "
                       "--to graphml|gexf|dot|cyjs|csv|html -o FILE [--max-nodes N]",
                       vm)) {
    return kExitOk;
  }
  if (!vm.count("select")) throw UsageError("--select is required");
  if (!vm.count("to")) throw UsageError("--to is required");
  if (!vm.count("output")) throw UsageError("-o FILE is required");
  const std::string to = vm["to"].as<std::string>();
  const auto format = parse_export_format(to);
  const bool html = to == "html";
  if (!format && !html)
    throw UsageError("unknown --to '" + to + "' (expected graphml, gexf, dot, cyjs, csv or html)");
  const std::size_t max_nodes = vm["max-nodes"].as<std::size_t>();
  if (max_nodes < 2) throw UsageError("--max-nodes must be at least 2");
  std::string render;
  if (vm.count("render")) {
    render = vm["render"].as<std::string>();
    if (render != "svg" && render != "png") throw UsageError("--render takes svg or png");
    if (html || *format != ExportFormat::dot) throw UsageError("--render needs --to dot");
  }

  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  LoadedCase loaded =
      load_inputs(vm, std::filesystem::path(first).filename().string() + ".rejects.csv",
                  join_command_line("export", args));
  Subgraph sub = select(loaded.graph, vm["select"].as<std::string>(), vm);
  sub.provenance = provenance_text(loaded.report);
  const std::size_t selected = sub.nodes.size();
  fold_subgraph(sub, max_nodes);
  const std::string path = vm["output"].as<std::string>();
  if (html) {
    write_html(path, loaded.graph, sub);
  } else {
    write_graph_file(*format, path, loaded.graph, sub, csv_provenance(vm, loaded.report));
  }
  std::cout << "wrote " << path << ": " << sub.nodes.size() << " nodes, " << sub.edges.size()
            << " edges";
  if (sub.folded_accounts)
    std::cout << " (" << sub.folded_accounts << " of " << selected
              << " accounts folded into one aggregate node)";
  std::cout << "\n";
  if (!render.empty()) {
    // dot writes into the image's own temporary file, which is then renamed into place; no
    // shell sees the names.
    const std::string image = path + "." + render;
    AtomicOutputFile out(image);
    ProgramLimits limits;
    limits.output = out.temporary_path();
    limits.max_output_bytes = 1ull << 30;
    const ProgramResult r = run_program(
        {"dot", "-T" + render, "-o" + out.temporary_path().string(), as_operand(path)}, limits);
    if (!r.started)
      throw std::runtime_error("--render needs Graphviz's dot (apt-get install graphviz)");
    if (!r.ok())
      throw std::runtime_error("dot failed on " + path +
                               (r.timed_out ? " (over two minutes)"
                                : r.too_large ? " (image over 1 GiB)"
                                              : ""));
    out.commit();
    std::cout << "rendered " << image << "\n";
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
