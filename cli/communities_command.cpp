// moneytrail communities INPUT... --method M: partition the accounts.
#include <iostream>

#include "algorithms/communities/community_methods.h"
#include "cli/call.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "io/report/community_report.h"

namespace moneytrail::cli {
namespace {

void communities_options(OptionGroups& groups) {
  po::options_description group("communities options");
  auto add = group.add_options();
  add("method", choice_value("method", {"leiden", "louvain", "lpa", "wcc", "scc", "kcore"}),
      "leiden or louvain (modularity or CPM), lpa (label propagation), wcc or scc (weakly or "
      "strongly connected components), kcore (core numbers)");
  add("resolution", number_value("resolution", 0, 1e9, true)->default_value(1.0),
      "louvain, leiden: resolution (larger gives smaller communities)");
  add("objective", choice_value("objective", {"modularity", "cpm"}),
      "louvain, leiden: modularity, or cpm (the constant Potts model)");
  add("weight", choice_value("weight", {"value", "count", "log", "none"}),
      "edge weight of the undirected flow view (log: log of 1 + value)");
  add("links", "add ownership links (shared holder, phone, device) as edges");
  add("link-weight", number_value("link-weight", 0, 1e12)->default_value(1.0),
      "with --links: a link weighs this many mean flow edges");
  add("seed", count_value("seed", 1, 0, UINT64_MAX), "lpa, louvain, leiden: random seed");
  add("iterations", count_value("iterations", 2, 0, 1000),
      "leiden: runs, each from the last result (0: until nothing changes)");
  groups.push_back({"communities options", group});
  add_window_options(groups);
  add_input_options(groups);
  add_output_options(groups, {"csv", "json"}, "csv (account,community) or json (the summary too)");
}

CommunityDetectionOptions detection_options(const Call& call) {
  CommunityDetectionOptions o;
  o.method = *parse_community_method(call.text("method"));
  o.objective =
      call.text("objective") == "cpm" ? CommunityObjective::cpm : CommunityObjective::modularity;
  o.resolution = call.get<double>("resolution");
  o.weight = *parse_community_weight(call.text("weight"));
  o.links = call.has("links");
  o.link_weight = call.get<double>("link-weight");
  o.seed = call.count("seed");
  o.iterations = static_cast<std::uint32_t>(call.count("iterations"));
  o.progress = call.progress();
  return o;
}

int run_communities(const Call& call) {
  const OutputFormat format = call.has("format")
                                  ? parse_output_format(call.text("format"), "csv or json")
                                  : OutputFormat::csv;
  const CommunityDetectionOptions options = detection_options(call);
  const LoadedCase loaded = load_inputs(call, InputWindow::from_options);
  const FlowView flows = build_flows(call, loaded.graph);
  const CommunityDetection detection = detect_communities(loaded.graph, flows, options);
  ResultOutput out(call);
  write_communities(out.stream(), format, loaded.graph, detection, options, loaded.report,
                    csv_provenance(call, loaded.report));
  // The summary is a result too: on standard output when the rows went to a file, else beside
  // them on standard error, never into the CSV.
  (out.to_stdout() ? std::cerr : std::cout) << community_summary(detection, options);
  out.commit();
  return kExitOk;
}

}  // namespace

const CommandSpec kCommunitiesCommand = {
    "communities",
    "partition accounts: Leiden, Louvain, label propagation, components, k-core",
    "INPUT... [--method M] [OPTIONS]",
    "Partitions the accounts of the undirected flow view (one edge per pair of accounts that "
    "dealt with each other, weighted by value, count or neither) and writes each account's "
    "community. Leiden and Louvain optimise modularity (or CPM) as leidenalg and igraph do and "
    "run several times faster (docs/communities.md). For ranked mule clusters with reasons, use "
    "`moneytrail clusters`.",
    {{"communities case.mtc -o communities.csv", "Leiden communities, one row per account"},
     {"communities case.mtc --method louvain --resolution 2 --format json",
      "smaller Louvain communities, with the modularity"},
     {"communities case.mtc --method kcore", "every account's core number"}},
    communities_options,
    true,
    run_communities};

}  // namespace moneytrail::cli
