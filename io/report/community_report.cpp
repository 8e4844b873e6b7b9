#include "io/report/community_report.h"

#include <sstream>

#include "io/csv/csv_reader.h"

namespace moneytrail {

std::string community_summary(const CommunityDetection& detection,
                              const CommunityDetectionOptions& options) {
  const CommunityResult& r = detection.result;
  std::ostringstream out;
  out << std::fixed;
  out.precision(6);
  if (options.method == CommunityMethod::kcore) {
    out << "max core: " << (r.count > 0 ? r.count - 1 : 0)
        << " (the community column holds core numbers)\n";
  } else {
    out << "communities: " << r.count << "\n";
  }
  if (options.method == CommunityMethod::louvain || options.method == CommunityMethod::leiden) {
    out << "modularity: " << detection.modularity << " (weighted undirected flow view, "
        << to_string(options.weight) << " weights)\n";
    if (options.objective == CommunityObjective::cpm)
      out << "cpm quality: " << r.quality << " (resolution " << options.resolution << ")\n";
    out << "levels: " << r.levels << "\n";
  }
  if (options.links) out << "ownership links added: " << detection.links_added << "\n";
  return out.str();
}

void write_communities(std::ostream& out, OutputFormat format, const TransactionGraph& graph,
                       const CommunityDetection& detection,
                       const CommunityDetectionOptions& options, const LoadReport& report,
                       const std::string& csv_comment) {
  const CommunityResult& r = detection.result;
  if (format == OutputFormat::json) {
    nlohmann::ordered_json j;
    j["method"] = to_string(options.method);
    j["communities"] = r.count;
    j["modularity"] = round_score(detection.modularity);
    j["quality"] = round_score(r.quality);
    j["levels"] = r.levels;
    j["links_added"] = detection.links_added;
    j["membership"] = nlohmann::ordered_json::array();
    for (VertexId v = 0; v < graph.num_accounts(); ++v)
      j["membership"].push_back({{"account", graph.account_id(v)}, {"community", r.membership[v]}});
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
    return;
  }
  out << csv_comment << "account,community\n";
  for (VertexId v = 0; v < graph.num_accounts(); ++v)
    out << csv_escape(graph.account_id(v)) << "," << r.membership[v] << "\n";
}

}  // namespace moneytrail
