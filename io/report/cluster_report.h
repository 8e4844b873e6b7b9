// Formatting of the mule-cluster report for `moneytrail clusters`: JSON (keys: core_accounts,
// core_communities, core_modularity, flow_blocks, clusters), a readable table, and CSV with one
// row per cluster.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "algorithms/communities/cluster_report.h"
#include "algorithms/communities/flow_blocks.h"
#include "graph/transaction_graph.h"
#include "io/report/report_text.h"

namespace moneytrail {

struct ClusterReportContext {
  const TransactionGraph& graph;
  const std::vector<FlowBlock>& blocks;
  const ClusterReport& report;
  std::size_t top;  // clusters shown
};

nlohmann::ordered_json cluster_report_to_json(const ClusterReportContext& c);
void print_cluster_table(std::ostream& out, const ClusterReportContext& c);
/// rank,community,size,...,score,reasons,members (members joined by ';').
void write_cluster_csv(std::ostream& out, const ClusterReportContext& c);
/// json (with the provenance), table or csv (with `csv_comment` above the header).
void write_clusters(std::ostream& out, OutputFormat format, const ClusterReportContext& c,
                    const LoadReport& report, const std::string& csv_comment = "");
/// account,rank,community for every member of the listed clusters.
void write_cluster_members(std::ostream& out, const ClusterReportContext& c);

}  // namespace moneytrail
