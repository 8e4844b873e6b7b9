// moneytrail clusters INPUT...: ranked mule clusters with reasons.
#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/communities/flow_blocks.h"
#include "algorithms/export/subgraph_select.h"
#include "algorithms/scoring/account_scoring.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/export_support.h"
#include "io/report/cluster_report.h"

namespace moneytrail::cli {
namespace {

void clusters_options(OptionGroups& groups) {
  po::options_description group("clusters options");
  auto add = group.add_options();
  add("method", choice_value("method", {"evidence", "flow-blocks"}),
      "evidence: groups of the accounts the score flags, tied by their flows; flow-blocks: "
      "FlowScope-style layering blocks partitioned by Leiden (the options marked flow-blocks)");
  add("top", count_value("top"), "only the N highest-ranked clusters");
  add("max-size", count_value("max-size", 50, 2, 1u << 31),
      "evidence: groups above this size are split with Leiden");
  add("blocks", count_value("blocks", 20, 1, 100000),
      "flow-blocks: flow blocks (source -> middle -> sink layers) to look for");
  add("alpha", number_value("alpha", 0, 1e9)->default_value(1.0),
      "flow-blocks: penalty on a middle account's imbalance of in and out");
  add("attach-share", number_value("attach-share", 0, 1, true)->default_value(0.5),
      "flow-blocks: an account joins the layering core when this share of its money came from "
      "it, or went into it while passing through");
  add("resolution", number_value("resolution", 0, 1e9, true)->default_value(0.5),
      "Leiden resolution when partitioning (larger gives smaller clusters)");
  add("seed", count_value("seed", 1, 0, UINT64_MAX), "Leiden random seed");
  add("members", text_value("FILE"), "also write account,rank,community rows here (CSV)");
  add("export", text_value("FILE"),
      "also write the listed clusters as a graph (.graphml, .gexf, .dot, .json, .csv, .html)");
  groups.push_back({"clusters options", group});
  add_window_options(groups);
  add_input_options(groups);
  add_output_options(groups, {"json", "table", "csv"},
                     "json, table or csv (default: table on a terminal, else json)");
}

int run_clusters(const Call& call) {
  const OutputFormat format = output_format(call, "json, table or csv", OutputFormat::json);
  const LoadedCase loaded = load_inputs(call, InputWindow::from_options);
  const TransactionGraph& graph = loaded.graph;
  const FlowView flows = build_flows(call, graph);
  std::vector<FlowBlock> blocks;
  ClusterReport report;
  if (call.text("method") == "evidence") {
    EvidenceClusterOptions options;
    options.max_size = static_cast<std::uint32_t>(call.count("max-size"));
    options.seed = call.count("seed");
    options.progress = call.progress();
    AccountScoringOptions scoring;
    scoring.progress = call.progress();
    report = evidence_clusters(graph, flows, score_accounts(graph, flows, scoring), options);
  } else {
    FlowBlockOptions block_options;
    block_options.blocks = static_cast<std::uint32_t>(call.count("blocks"));
    block_options.alpha = call.get<double>("alpha");
    block_options.progress = call.progress();
    ClusterReportOptions options;
    options.attach_share = call.get<double>("attach-share");
    options.resolution = call.get<double>("resolution");
    options.seed = call.count("seed");
    blocks = find_flow_blocks(flows, block_options);
    report = mule_cluster_report(graph, flows, blocks, options);
  }
  const std::size_t top = call.has("top")
                              ? std::min<std::size_t>(report.clusters.size(), call.count("top"))
                              : report.clusters.size();
  const ClusterReportContext context{graph, blocks, report, top};
  ResultOutput out(call);
  write_clusters(out.stream(), format, context, loaded.report, csv_provenance(call, loaded.report));
  out.commit(std::to_string(top) + " clusters");
  if (call.has("export")) {
    Subgraph sub = subgraph_of_clusters(flows, report, top);
    sub.provenance = provenance_text(loaded.report);
    export_subgraph(call, call.text("export"), graph, std::move(sub));
  }
  if (call.has("members")) {
    ResultOutput members(call, "members");
    members.stream() << csv_provenance(call, loaded.report);
    write_cluster_members(members.stream(), context);
    members.commit("cluster members");
  }
  return kExitOk;
}

}  // namespace

const CommandSpec kClustersCommand = {
    "clusters",
    "rank mule clusters: the accounts the evidence flags, grouped by their flows, with reasons",
    "INPUT... [OPTIONS]",
    "Groups the accounts the mule-risk score flags (and the accounts their unusual or victims' "
    "money went to) into clusters tied by their flows, splits large groups with Leiden, and "
    "ranks them by evidence, with the reasons. Each cluster lists its members, its kinds of "
    "account, the value inside it and through it. On IBM's AMLSim runs the top clusters are 98 "
    "to 100% labelled laundering accounts (docs/communities.md).",
    {{"clusters case.mtc --top 10", "the ten strongest clusters as a table"},
     {"clusters case.mtc --members members.csv -o clusters.json",
      "every cluster as JSON and one row per member"},
     {"clusters case.mtc --top 3 --export clusters.html", "the top three drawn in an HTML report"}},
    clusters_options,
    true,
    run_clusters};

}  // namespace moneytrail::cli
