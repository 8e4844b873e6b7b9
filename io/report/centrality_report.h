// Formatting of centrality scores for `moneytrail centrality`: CSV account,score (hits:
// account,hub,authority; degree and flow add in_degree,out_degree,in_value,out_value), JSON with
// the measure, weight, run and scores, or a table of the top accounts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "algorithms/centrality/centrality_measures.h"
#include "graph/transaction_graph.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

/// `order`: the accounts to write, best first.
void write_centrality(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                      CentralityMeasure measure, const CentralityScores& scores,
                      const std::vector<VertexId>& order, const LoadReport& report,
                      const std::string& csv_comment = "");

}  // namespace moneytrail
