// moneytrail centrality INPUT --measure pagerank|ppr|degree|flow [--weight value|count|none]
//   [--seeds FILE | --seed-label LABEL] [--damping D] [--top N] [--format csv|json|table]
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <numeric>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/centrality/flow_strength.h"
#include "algorithms/centrality/pagerank.h"
#include "algorithms/centrality/spectral.h"
#include "cli/commands.h"
#include "io/util/text_safety.h"
#include "io/report/stats_report.h"
#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "graph/input_error.h"

namespace moneytrail::cli {
namespace {

FlowWeight parse_weight(const std::string& text) {
  if (text == "value") return FlowWeight::value;
  if (text == "count") return FlowWeight::count;
  if (text == "none") return FlowWeight::none;
  throw UsageError("unknown --weight '" + text + "' (expected value, count or none)");
}

// Seed accounts from a file (one id per line, '#' comments) or by label.
std::vector<VertexId> read_seeds(const TransactionGraph& graph, const po::variables_map& vm) {
  std::vector<VertexId> seeds;
  if (vm.count("seeds")) {
    const std::string path = vm["seeds"].as<std::string>();
    std::ifstream in(path);
    if (!in) throw InputError(path, 0, "", "cannot open the seeds file");
    std::string line;
    for (std::uint64_t number = 1; std::getline(in, line); ++number) {
      const std::string_view id =
          trim(std::string_view(line).substr(0, line.find_last_not_of('\r') + 1));
      if (id.empty() || id.front() == '#') continue;
      auto v = graph.find_account(id);
      if (!v) throw InputError(path, number, "", "unknown account '" + std::string(id) + "'");
      seeds.push_back(*v);
    }
    if (seeds.empty()) throw InputError(path, 0, "", "the seeds file lists no account");
  } else if (vm.count("seed-label")) {
    const std::string label = vm["seed-label"].as<std::string>();
    const std::uint8_t bit = account_label_bit(label);
    if (!bit)
      throw UsageError("unknown --seed-label '" + label + "' (victim, suspect, mule or clean)");
    for (VertexId v = 0; v < graph.num_accounts(); ++v) {
      if (graph.accounts().labels[v] & bit) seeds.push_back(v);
    }
    if (seeds.empty()) throw UsageError("no account carries the label '" + label + "'");
  }
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  return seeds;
}

}  // namespace

int run_centrality(const Args& args) {
  po::options_description options("centrality options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  auto add = options.add_options();
  add("measure", po::value<std::string>()->default_value("pagerank"),
      "pagerank, ppr, hits, eigenvector, betweenness, degree or flow");
  add("weight", po::value<std::string>(),
      "flow weight: value, count or none (default value; for betweenness default none = hop "
      "count, and value or count make a flow's length 1/weight)");
  add("seeds", po::value<std::string>(), "ppr: file of seed account ids, one per line");
  add("seed-label", po::value<std::string>(),
      "ppr: seed every account with this label (victim...)");
  add("damping", po::value<double>()->default_value(0.85), "pagerank, ppr: damping factor");
  add("tolerance", po::value<double>()->default_value(1e-12),
      "pagerank, ppr: convergence tolerance");
  add("samples", po::value<std::uint32_t>()->default_value(0),
      "betweenness: K sampled source pivots, scores scaled by n/K (0 = exact)");
  add("seed", po::value<std::uint64_t>()->default_value(1), "betweenness: seed for drawing pivots");
  add("top", po::value<std::size_t>(), "only the N highest scores");
  add("format", po::value<std::string>(),
      "csv, json or table (default: table on a terminal, else csv)");
  po::variables_map vm;
  if (!parse_arguments(
          args, options,
          "moneytrail centrality INPUT --measure pagerank|ppr|betweenness|degree|flow [--weight W] "
          "[--seeds FILE | --seed-label LABEL] [--damping D] [--samples K] [--top N] [--format F]",
          vm)) {
    return kExitOk;
  }
  const std::string measure = vm["measure"].as<std::string>();
  static const std::vector<std::string> kMeasures = {"pagerank",    "ppr",    "hits", "eigenvector",
                                                     "betweenness", "degree", "flow"};
  if (std::find(kMeasures.begin(), kMeasures.end(), measure) == kMeasures.end()) {
    throw UsageError("unknown --measure '" + measure +
                     "' (expected pagerank, ppr, hits, eigenvector, betweenness, degree or flow)");
  }
  const std::string weight_name = vm.count("weight")         ? vm["weight"].as<std::string>()
                                  : measure == "betweenness" ? "none"
                                                             : "value";
  const FlowWeight weight = parse_weight(weight_name);
  const std::string format = vm.count("format") ? vm["format"].as<std::string>()
                                                : (stdout_is_terminal() ? "table" : "csv");
  if (format != "csv" && format != "json" && format != "table") {
    throw UsageError("unknown --format '" + format + "' (expected csv, json or table)");
  }
  if (measure == "ppr" && !vm.count("seeds") && !vm.count("seed-label")) {
    throw UsageError("--measure ppr needs --seeds FILE or --seed-label LABEL");
  }
  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  LoadedCase loaded =
      load_inputs(vm, std::filesystem::path(first).filename().string() + ".rejects.csv",
                  join_command_line("centrality", args));
  const TransactionGraph& graph = loaded.graph;
  const FlowView flows = FlowView::build(graph);

  std::vector<double> score;
  nlohmann::ordered_json info;
  FlowStrength strength;
  std::vector<double> hub;  // hits only
  if (measure == "pagerank" || measure == "ppr") {
    PageRankOptions o;
    o.damping = vm["damping"].as<double>();
    o.tolerance = vm["tolerance"].as<double>();
    o.weight = weight;
    if (measure == "ppr") o.seeds = read_seeds(graph, vm);
    const PageRankResult r = pagerank(flows, o);
    if (!r.converged)
      std::cerr << "warning: PageRank did not converge in " << r.iterations << " iterations\n";
    info = {
        {"iterations", r.iterations}, {"converged", r.converged}, {"final_change", r.final_change}};
    score = std::move(r.score);
  } else if (measure == "hits" || measure == "eigenvector") {
    SpectralOptions o;
    o.weight = weight;
    o.tolerance = vm["tolerance"].as<double>();
    if (measure == "hits") {
      HitsResult r = hits(flows, o);
      info = {{"iterations", r.iterations}, {"converged", r.converged}};
      score = std::move(r.authority);  // ranked by authority; hub printed beside it
      hub = std::move(r.hub);
    } else {
      EigenvectorResult r = eigenvector_centrality(flows, o);
      info = {{"iterations", r.iterations}, {"converged", r.converged}};
      score = std::move(r.score);
    }
    if (!info["converged"].get<bool>())
      std::cerr << "warning: " << measure << " did not converge\n";
  } else if (measure == "betweenness") {
    BetweennessOptions o;
    o.weight = weight;
    o.samples = vm["samples"].as<std::uint32_t>();
    o.seed = vm["seed"].as<std::uint64_t>();
    BetweennessResult r = betweenness(flows, o);
    info = {{"sources", r.sources}, {"sampled", r.sources < graph.num_accounts()}};
    score = std::move(r.score);
  } else {
    strength = flow_strength(flows, weight);
    score.resize(graph.num_accounts());
    for (VertexId v = 0; v < graph.num_accounts(); ++v) {
      score[v] = measure == "flow" ? strength.flow_through(v)
                                   : strength.in_degree[v] + strength.out_degree[v];
    }
  }

  std::vector<VertexId> order(score.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](VertexId a, VertexId b) { return score[a] > score[b]; });
  if (vm.count("top")) order.resize(std::min(order.size(), vm["top"].as<std::size_t>()));
  const bool has_strength = !strength.in_degree.empty();

  if (format == "csv") std::cout << csv_provenance(vm, loaded.report);
  if (format == "csv" && !hub.empty()) {
    std::cout << "account,hub,authority\n" << std::setprecision(17);
    for (VertexId v : order)
      std::cout << csv_escape(graph.account_id(v)) << "," << hub[v] << "," << score[v] << "\n";
  } else if (format == "csv") {
    std::cout << "account,score" << (has_strength ? ",in_degree,out_degree,in_value,out_value" : "")
              << "\n";
    std::cout << std::setprecision(17);
    for (VertexId v : order) {
      std::cout << csv_escape(graph.account_id(v)) << "," << score[v];
      if (has_strength) {
        std::cout << "," << strength.in_degree[v] << "," << strength.out_degree[v] << ","
                  << strength.in_value[v] << "," << strength.out_value[v];
      }
      std::cout << "\n";
    }
  } else if (format == "json") {
    nlohmann::ordered_json j;
    j["measure"] = measure;
    j["weight"] = weight_name;
    j["accounts"] = graph.num_accounts();
    if (!info.empty()) j["run"] = info;
    j["scores"] = nlohmann::ordered_json::array();
    for (VertexId v : order) {
      nlohmann::ordered_json row = {{"account", graph.account_id(v)},
                                    {"kind", to_string(graph.accounts().kind[v])},
                                    {"score", score[v]}};
      if (!hub.empty()) {
        row["hub"] = hub[v];
        row["authority"] = score[v];
      }
      if (has_strength) {
        row["in_degree"] = strength.in_degree[v];
        row["out_degree"] = strength.out_degree[v];
        row["in_value"] = strength.in_value[v];
        row["out_value"] = strength.out_value[v];
      }
      j["scores"].push_back(row);
    }
    j["provenance"] = provenance_json(loaded.report);
    std::cout << json_text(j) << "\n";
  } else {
    const std::size_t shown =
        vm.count("top") ? order.size() : std::min<std::size_t>(order.size(), 20);
    std::cout << measure << " (" << weight_name << " weights), top " << shown << " of "
              << with_thousands(graph.num_accounts()) << " accounts\n";
    for (std::size_t i = 0; i < shown; ++i) {
      const VertexId v = order[i];
      std::cout << std::setw(4) << i + 1 << "  " << std::left << std::setw(36)
                << terminal_text(graph.account_id(v)) << std::setw(18) << to_string(graph.accounts().kind[v])
                << std::right << std::setw(16) << std::setprecision(6) << score[v] << "\n";
    }
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
