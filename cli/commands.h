// The subcommands of the moneytrail executable. Each parses its arguments, calls the library and
// formats the result; none computes anything itself.
#pragma once

#include "algorithms/communities/community_methods.h"
#include "cli/cli_support.h"
#include "graph/subgraph.h"

namespace moneytrail::cli {

int run_ingest(const Args& args);
int run_stats(const Args& args);
int run_generate(const Args& args);
int run_demo(const Args& args);
int run_centrality(const Args& args);
int run_trace(const Args& args);
int run_communities(const Args& args);
int run_clusters(const Args& args);
int run_export(const Args& args);
int run_score(const Args& args);
int run_evaluate(const Args& args);

/// `--export FILE` on trace and clusters: the format from FILE's extension (.graphml, .gexf,
/// .dot, .json for Cytoscape, .csv, .html), folded to max_nodes.
void export_subgraph_file(const std::string& path, const TransactionGraph& graph, Subgraph sub,
                          std::size_t max_nodes = 1000);

// Shared by `communities` and `clusters`: the partitioning options and the detection call.
void add_community_options(po::options_description& options);
CommunityDetectionOptions community_options_from(const po::variables_map& vm);
CommunityDetection run_community_detection(const TransactionGraph& graph, const FlowView& flows,
                                           const CommunityDetectionOptions& options);

}  // namespace moneytrail::cli
