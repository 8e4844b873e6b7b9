// moneytrail centrality INPUT... --measure M: rank accounts by a centrality measure.
#include <algorithm>
#include <fstream>
#include <numeric>

#include "algorithms/centrality/centrality_measures.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "graph/input_error.h"
#include "io/csv/field_parsers.h"
#include "io/report/centrality_report.h"
#include "io/side/account_labels.h"

namespace moneytrail::cli {
namespace {

void centrality_options(OptionGroups& groups) {
  po::options_description group("centrality options");
  auto add = group.add_options();
  add("measure",
      choice_value("measure",
                   {"pagerank", "ppr", "hits", "eigenvector", "betweenness", "degree", "flow"}),
      "pagerank, ppr (personalized PageRank from --seeds), hits (authority, hub beside it), "
      "eigenvector, betweenness, degree (distinct counterparties) or flow (value through)");
  add("weight", choice_value("weight", {"value", "count", "none"}, false),
      "flow weight (default value; betweenness: none, hop counts, and value or count make a "
      "flow's length 1/weight)");
  add("seeds", text_value("FILE"), "ppr: file of seed account ids, one per line ('#' comments)");
  add("seed-label", choice_value("seed-label", {"victim", "suspect", "mule", "clean"}, false),
      "ppr: seed every account with this label");
  add("damping", number_value("damping", 0, 1)->default_value(0.85),
      "pagerank, ppr: probability of following a flow rather than teleporting");
  add("tolerance", number_value("tolerance", 0, 1, true)->default_value(1e-12),
      "pagerank, ppr, hits, eigenvector: convergence tolerance per account");
  add("samples", count_value("samples", 0, 0, 1u << 31),
      "betweenness: K sampled source pivots, scores scaled by n/K (0: exact)");
  add("seed", count_value("seed", 1, 0, UINT64_MAX), "betweenness: seed for drawing pivots");
  add("top", count_value("top"), "only the N highest scores");
  groups.push_back({"centrality options", group});
  add_window_options(groups);
  add_input_options(groups);
  add_output_options(groups, {"csv", "json", "table"},
                     "csv, json or table (default: table on a terminal, else csv)");
}

// Seed accounts from a file (one id per line, '#' comments) or by label.
std::vector<VertexId> read_seeds(const TransactionGraph& graph, const Call& call) {
  std::vector<VertexId> seeds;
  if (call.has("seeds")) {
    const std::string path = call.text("seeds");
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "", "cannot open the seeds file");
    std::string line;
    for (std::uint64_t number = 1; std::getline(in, line); ++number) {
      const std::string_view id =
          trim(std::string_view(line).substr(0, line.find_last_not_of('\r') + 1));
      if (id.empty() || id.front() == '#') continue;
      const auto v = graph.find_account(id);
      if (!v) throw InputError(path, number, "", "unknown account '" + std::string(id) + "'");
      seeds.push_back(*v);
    }
    if (seeds.empty()) throw InputError(path, 0, "", "the seeds file lists no account");
  } else if (call.has("seed-label")) {
    const std::string label = call.text("seed-label");
    const std::uint8_t bit = account_label_bit(label);
    for (VertexId v = 0; v < graph.num_accounts(); ++v)
      if (graph.accounts().labels[v] & bit) seeds.push_back(v);
    if (seeds.empty()) throw UsageError("no account carries the label '" + label + "'");
  }
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  return seeds;
}

int run_centrality(const Call& call) {
  const OutputFormat format = output_format(call, "csv, json or table", OutputFormat::csv);
  CentralityOptions options;
  options.measure = *parse_centrality_measure(call.text("measure"));
  if (call.has("weight")) options.weight = parse_flow_weight(call.text("weight"));
  options.damping = call.get<double>("damping");
  options.tolerance = call.get<double>("tolerance");
  options.samples = static_cast<std::uint32_t>(call.count("samples"));
  options.seed = call.count("seed");
  options.progress = call.progress();
  if (options.measure == CentralityMeasure::ppr && !call.has("seeds") && !call.has("seed-label"))
    throw UsageError("--measure ppr needs --seeds FILE or --seed-label LABEL");
  const LoadedCase loaded = load_inputs(call, InputWindow::from_options);
  const TransactionGraph& graph = loaded.graph;
  if (options.measure == CentralityMeasure::ppr) options.seeds = read_seeds(graph, call);
  const CentralityScores scores = centrality(FlowView::build(graph), options);
  if (!scores.converged)
    call.warn(std::string(to_string(options.measure)) + " did not converge in " +
              std::to_string(scores.iterations) + " iterations");
  std::vector<VertexId> order(scores.score.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](VertexId a, VertexId b) { return scores.score[a] > scores.score[b]; });
  const std::size_t shown = call.has("top")                 ? call.count("top")
                            : format == OutputFormat::table ? 20
                                                            : order.size();
  order.resize(std::min(order.size(), shown));
  ResultOutput out(call);
  write_centrality(out.stream(), format, graph, options.measure, scores, order, loaded.report,
                   csv_provenance(call, loaded.report));
  out.commit();
  return kExitOk;
}

}  // namespace

const CommandSpec kCentralityCommand = {
    "centrality",
    "rank accounts: PageRank, personalized PageRank, HITS, eigenvector, betweenness, degree, flow",
    "INPUT... [--measure M] [OPTIONS]",
    "Ranks every account of the flow view (one edge per ordered pair of accounts, weighted by "
    "value, count or neither). Personalized PageRank from the victims finds the accounts their "
    "money concentrates in; betweenness finds brokers between groups; flow-through finds the "
    "accounts that pass the most on. Each measure agrees with networkx on the same graph "
    "(docs/centrality.md).",
    {{"centrality case.mtc --top 20", "the 20 accounts of highest PageRank"},
     {"centrality case.mtc --measure ppr --seed-label victim --top 50 -o ppr.csv",
      "where the victims' money concentrates"},
     {"centrality case.mtc --measure betweenness --samples 256 --format json",
      "betweenness estimated from 256 pivots"}},
    centrality_options,
    true,
    run_centrality};

}  // namespace moneytrail::cli
