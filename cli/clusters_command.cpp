// moneytrail clusters INPUT [--top N] [--format json|table|csv] [--blocks K] [--seed S]
//   [--members FILE] [-o FILE]
#include <filesystem>
#include <iostream>
#include <memory>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/communities/flow_blocks.h"
#include "algorithms/export/subgraph_select.h"
#include "io/report/cluster_report.h"
#include "cli/commands.h"
#include "io/util/atomic_file.h"
#include "io/csv/csv_reader.h"

namespace moneytrail::cli {

int run_clusters(const Args& args) {
  po::options_description options("clusters options");
  add_input_options(options, LayoutOption::input_format);
  add_csv_provenance_option(options);
  auto add = options.add_options();
  add("top", po::value<std::size_t>(), "only the N highest-ranked clusters");
  add("format", po::value<std::string>(),
      "json, table or csv (default: table on a terminal, else json)");
  add("method", po::value<std::string>()->default_value("evidence"),
      "evidence (groups of accounts the score flags, tied by their flows) or flow-blocks "
      "(FlowScope-style layering blocks partitioned by Leiden; the options below)");
  add("max-size", po::value<std::uint32_t>()->default_value(50),
      "evidence: groups above this size are split with Leiden");
  add("blocks", po::value<std::uint32_t>()->default_value(20),
      "flow-blocks: flow blocks (source -> middle -> sink layers) to look for");
  add("alpha", po::value<double>()->default_value(1.0),
      "flow blocks: penalty on a middle account's imbalance of in and out");
  add("attach-share", po::value<double>()->default_value(0.5),
      "an account joins the layering core when this share of its money came from it, or went "
      "into it while passing through");
  add("resolution", po::value<double>()->default_value(0.5),
      "Leiden resolution when partitioning the core (> 0; larger gives smaller clusters)");
  add("seed", po::value<std::uint64_t>()->default_value(1), "Leiden random seed");
  add("members", po::value<std::string>(), "also write account,rank,community rows here (CSV)");
  add("output,o", po::value<std::string>(), "write the report here (default: standard output)");
  add("export", po::value<std::string>(),
      "also write the listed clusters as a graph (.graphml, .gexf, .dot, .json, .csv, .html)");
  po::variables_map vm;
  if (!parse_arguments(args, options,
                       "moneytrail clusters INPUT [--top N] [--format json|table|csv] "
                       "[--blocks K] [--resolution R] [--seed S] [--members FILE] [-o FILE]",
                       vm)) {
    return kExitOk;
  }
  const std::string format = vm.count("format")
                                 ? vm["format"].as<std::string>()
                                 : (stdout_is_terminal() && !vm.count("output") ? "table" : "json");
  if (format != "csv" && format != "json" && format != "table")
    throw UsageError("unknown --format '" + format + "' (expected json, table or csv)");
  FlowBlockOptions block_options;
  block_options.blocks = vm["blocks"].as<std::uint32_t>();
  block_options.alpha = vm["alpha"].as<double>();
  if (!(block_options.alpha >= 0)) throw UsageError("--alpha must be 0 or more");
  ClusterReportOptions report_options;
  report_options.attach_share = vm["attach-share"].as<double>();
  if (!(report_options.attach_share > 0 && report_options.attach_share <= 1))
    throw UsageError("--attach-share must be in (0, 1]");
  report_options.resolution = vm["resolution"].as<double>();
  if (!(report_options.resolution > 0)) throw UsageError("--resolution must be above 0");
  report_options.seed = vm["seed"].as<std::uint64_t>();

  const std::string first = vm.count("input") ? vm["input"].as<std::vector<std::string>>()[0] : "";
  LoadedCase loaded =
      load_inputs(vm, std::filesystem::path(first).filename().string() + ".rejects.csv",
                  join_command_line("clusters", args));
  const TransactionGraph& graph = loaded.graph;
  const FlowView flows = FlowView::build(graph);
  const std::string method = vm["method"].as<std::string>();
  std::vector<FlowBlock> blocks;
  ClusterReport report;
  if (method == "evidence") {
    EvidenceClusterOptions evidence_options;
    evidence_options.max_size = vm["max-size"].as<std::uint32_t>();
    if (evidence_options.max_size < 2) throw UsageError("--max-size must be at least 2");
    evidence_options.seed = report_options.seed;
    report = evidence_clusters(graph, flows, score_accounts(graph, flows), evidence_options);
  } else if (method == "flow-blocks") {
    blocks = find_flow_blocks(flows, block_options);
    report = mule_cluster_report(graph, flows, blocks, report_options);
  } else {
    throw UsageError("unknown --method '" + method + "' (expected evidence or flow-blocks)");
  }
  const std::size_t top = vm.count("top")
                              ? std::min(report.clusters.size(), vm["top"].as<std::size_t>())
                              : report.clusters.size();
  const ClusterReportContext context{graph, blocks, report, top};

  std::unique_ptr<AtomicOutputFile> file;
  if (vm.count("output")) file = std::make_unique<AtomicOutputFile>(vm["output"].as<std::string>());
  std::ostream& out = file ? file->stream() : std::cout;
  if (format == "json") {
    nlohmann::ordered_json j = cluster_report_to_json(context);
    j["provenance"] = provenance_json(loaded.report);
    out << json_text(j) << "\n";
  } else if (format == "csv") {
    out << csv_provenance(vm, loaded.report);
    write_cluster_csv(out, context);
  } else {
    print_cluster_table(out, context);
  }
  if (file) file->commit();
  if (vm.count("export")) {
    std::vector<VertexId> accounts;
    std::vector<std::int64_t> groups;
    for (std::size_t i = 0; i < top; ++i) {
      for (VertexId v : report.clusters[i].members) {
        accounts.push_back(v);
        groups.push_back(static_cast<std::int64_t>(i + 1));
      }
    }
    Subgraph sub = subgraph_of_accounts(flows, accounts, groups);
    sub.provenance = provenance_text(loaded.report);
    sub.title = std::to_string(top) + " mule clusters";
    for (std::size_t k = 0, i = 0; i < top; ++i)
      for (std::size_t m = 0; m < report.clusters[i].members.size(); ++m, ++k)
        sub.nodes[k].score = report.clusters[i].score;
    export_subgraph_file(vm["export"].as<std::string>(), graph, std::move(sub));
  }
  if (vm.count("members")) {
    AtomicOutputFile members(vm["members"].as<std::string>());
    members.stream() << csv_provenance(vm, loaded.report) << "account,rank,community\n";
    for (std::size_t i = 0; i < top; ++i)
      for (VertexId v : report.clusters[i].members)
        members.stream() << csv_escape(graph.account_id(v)) << "," << i + 1 << ","
                         << report.clusters[i].community << "\n";
    members.commit();
  }
  return kExitOk;
}

}  // namespace moneytrail::cli
