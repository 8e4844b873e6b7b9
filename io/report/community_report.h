// Formatting of a community partition for `moneytrail communities`: CSV account,community (the
// contract scripts read), JSON with the summary and the same rows, and the summary lines.
#pragma once

#include <ostream>
#include <string>

#include "algorithms/communities/community_methods.h"
#include "io/load_case.h"
#include "io/report/report_text.h"

namespace moneytrail {

/// What the partition came to, in words: "communities: 12", modularity, levels, links added.
std::string community_summary(const CommunityDetection& detection,
                              const CommunityDetectionOptions& options);

/// csv: account,community (kcore: the core number); json: method, communities, modularity,
/// quality, levels, links_added, membership [{account, community}], provenance.
void write_communities(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const CommunityDetection& detection,
                       const CommunityDetectionOptions& options, const LoadReport& report,
                       const std::string& csv_comment = "");

}  // namespace moneytrail
