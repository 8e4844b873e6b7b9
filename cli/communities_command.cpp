// moneytrail communities INPUT --method wcc|scc|kcore|lpa|louvain|leiden [--resolution R]
//   [--objective modularity|cpm] [--weight value|count|log|none] [--links] [--seed S] [-o FILE]
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "algorithms/communities/community_methods.h"
#include "cli/commands.h"
#include "io/util/atomic_file.h"
#include "io/csv/csv_reader.h"

namespace moneytrail::cli {

void add_community_options(po::options_description& options) {
  auto add = options.add_options();
  add("method", po::value<std::string>()->default_value("leiden"),
      "wcc, scc, kcore, lpa, louvain or leiden");
  add("resolution", po::value<double>()->default_value(1.0),
      "louvain, leiden: resolution (> 0; larger gives smaller communities)");
  add("objective", po::value<std::string>()->default_value("modularity"),
      "louvain, leiden: modularity or cpm (constant Potts model)");
  add("weight", po::value<std::string>()->default_value("value"),
      "edge weight of the undirected flow view: value, count, log (log of 1 + value) or none");
  add("links", po::bool_switch(), "add ownership links (shared holder, phone, device) as edges");
  add("link-weight", po::value<double>()->default_value(1.0),
      "with --links: a link weighs this many mean flow edges");
  add("seed", po::value<std::uint64_t>()->default_value(1), "lpa, louvain, leiden: random seed");
  add("iterations", po::value<std::uint32_t>()->default_value(2),
      "leiden: runs, each from the last result (0 = until nothing changes)");
}

CommunityDetectionOptions community_options_from(const po::variables_map& vm) {
  CommunityDetectionOptions o;
  const std::string method = vm["method"].as<std::string>();
  const auto parsed_method = parse_community_method(method);
  if (!parsed_method)
    throw UsageError("unknown --method '" + method +
                     "' (expected wcc, scc, kcore, lpa, louvain or leiden)");
  o.method = *parsed_method;
  const std::string objective = vm["objective"].as<std::string>();
  if (objective == "modularity") {
    o.objective = CommunityObjective::modularity;
  } else if (objective == "cpm") {
    o.objective = CommunityObjective::cpm;
  } else {
    throw UsageError("unknown --objective '" + objective + "' (expected modularity or cpm)");
  }
  o.resolution = vm["resolution"].as<double>();
  if (!(o.resolution > 0))
    throw UsageError("--resolution must be above 0 (got " + std::to_string(o.resolution) + ")");
  const std::string weight = vm["weight"].as<std::string>();
  const auto parsed_weight = parse_community_weight(weight);
  if (!parsed_weight)
    throw UsageError("unknown --weight '" + weight + "' (expected value, count, log or none)");
  o.weight = *parsed_weight;
  o.links = vm["links"].as<bool>();
  o.link_weight = vm["link-weight"].as<double>();
  if (!(o.link_weight >= 0)) throw UsageError("--link-weight must be 0 or more");
  o.seed = vm["seed"].as<std::uint64_t>();
  o.iterations = vm["iterations"].as<std::uint32_t>();
  return o;
}

CommunityDetection run_community_detection(const TransactionGraph& graph, const FlowView& flows,
                                           const CommunityDetectionOptions& options) {
  return detect_communities(graph, flows, options);
}

int run_communities(const Args& args) {
  po::options_description options("communities options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  add_community_options(options);
  options.add_options()("output,o", po::value<std::string>(),
                        "write the account,community CSV here (default: standard output)");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail communities INPUT --method wcc|scc|kcore|lpa|louvain|leiden "
                       "[--resolution R] [--objective modularity|cpm] [--weight "
                       "value|count|log|none] [--links] [--seed S] [-o FILE]",
                       vm)) {
    return kExitOk;
  }
  const CommunityDetectionOptions detection_options = community_options_from(vm);
  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  LoadedCase loaded =
      load_inputs(vm, std::filesystem::path(first).filename().string() + ".rejects.csv",
                  join_command_line("communities", args));
  const TransactionGraph& graph = loaded.graph;
  const FlowView flows = FlowView::build(graph);
  const CommunityDetection detection = run_community_detection(graph, flows, detection_options);
  const CommunityResult& r = detection.result;

  std::unique_ptr<AtomicOutputFile> file;
  if (vm.count("output")) file = std::make_unique<AtomicOutputFile>(vm["output"].as<std::string>());
  std::ostream& out = file ? file->stream() : std::cout;
  out << csv_provenance(vm, loaded.report) << "account,community\n";
  for (VertexId v = 0; v < graph.num_accounts(); ++v)
    out << csv_escape(graph.account_id(v)) << "," << r.membership[v] << "\n";
  if (file) file->commit();

  // The summary goes beside the CSV, never into it.
  std::ostream& summary = file ? std::cout : std::cerr;
  const CommunityMethod method = detection_options.method;
  summary << std::setprecision(6) << std::fixed;
  if (method == CommunityMethod::kcore) {
    summary << "max core: " << r.count - 1 << " (the community column holds core numbers)\n";
  } else {
    summary << "communities: " << r.count << "\n";
  }
  if (method == CommunityMethod::louvain || method == CommunityMethod::leiden) {
    summary << "modularity: " << detection.modularity << " (weighted undirected flow view, "
            << to_string(detection_options.weight) << " weights)\n";
    if (detection_options.objective == CommunityObjective::cpm)
      summary << "cpm quality: " << r.quality << " (resolution " << detection_options.resolution
              << ")\n";
    summary << "levels: " << r.levels << "\n";
  }
  if (detection_options.links)
    summary << "ownership links added: " << detection.links_added << "\n";
  return kExitOk;
}

}  // namespace moneytrail::cli
