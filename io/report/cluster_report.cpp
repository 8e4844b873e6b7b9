#include "io/report/cluster_report.h"

#include <iomanip>

#include "graph/currency_units.h"
#include "io/csv/csv_reader.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

// Calls f(kind name, members of that kind) for each kind present, in the enum's order.
template <typename F>
void for_each_kind(const MuleCluster& cluster, F&& f) {
  for (std::size_t k = 0; k < cluster.kinds.size(); ++k) {
    if (cluster.kinds[k]) f(std::string(to_string(static_cast<AccountKind>(k))), cluster.kinds[k]);
  }
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : separator) + p;
  return text;
}

std::string kinds_text(const MuleCluster& cluster) {
  std::string text;
  for_each_kind(cluster, [&](const std::string& kind, std::uint32_t count) {
    text += (text.empty() ? "" : " ") + std::to_string(count) + " " + kind;
  });
  return text;
}

}  // namespace

nlohmann::ordered_json cluster_report_to_json(const ClusterReportContext& c) {
  nlohmann::ordered_json j;
  j["core_accounts"] = c.report.core_accounts;
  j["core_communities"] = c.report.core_communities;
  j["core_modularity"] = round_score(c.report.core_modularity);
  j["method"] = c.report.method;
  j["currency"] = c.report.currency;
  j["left_out_groups"] = c.report.left_out_groups;
  j["left_out_accounts"] = c.report.left_out_accounts;
  j["flow_blocks"] = nlohmann::ordered_json::array();
  for (const FlowBlock& b : c.blocks) {
    j["flow_blocks"].push_back({{"score", b.score},
                                {"through_value", b.through_value},
                                {"sources", b.sources.size()},
                                {"middle", b.middle.size()},
                                {"sinks", b.sinks.size()}});
  }
  j["clusters"] = nlohmann::ordered_json::array();
  const int unit = c.report.currency.empty() ? 2 : currency_decimals(c.report.currency);
  for (std::size_t i = 0; i < c.top; ++i) {
    const MuleCluster& m = c.report.clusters[i];
    nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
    for_each_kind(m, [&](const std::string& kind, std::uint32_t count) { kinds[kind] = count; });
    nlohmann::ordered_json members = nlohmann::ordered_json::array();
    nlohmann::ordered_json watched = nlohmann::ordered_json::array();
    for (VertexId v : m.members) {
      members.push_back(c.graph.account_id(v));
      if (on_watchlist(c.graph, v)) watched.push_back(c.graph.account_id(v));
    }
    j["clusters"].push_back({
        {"rank", i + 1},
        {"community", m.community},
        {"size", m.members.size()},
        {"kinds", kinds},
        {"internal_value", round_amount(m.internal_value, unit)},
        {"through_value", round_amount(m.through_value, unit)},
        {"in_value", round_amount(m.in_value, unit)},
        {"out_value", round_amount(m.out_value, unit)},
        {"pass_through", round_score(m.pass_through)},
        {"median_dwell_seconds", m.median_dwell_seconds
                                     ? nlohmann::ordered_json(*m.median_dwell_seconds)
                                     : nlohmann::ordered_json()},
        {"victim_sources", m.victim_sources},
        {"victim_value", round_amount(m.victim_value, unit)},
        {"cash_out_links", m.cash_out_links},
        {"cash_out_value", round_amount(m.cash_out_value, unit)},
        {"platform_share", round_score(m.platform_share)},
        {"crypto_share", round_score(m.crypto_share)},
        {"score", round_score(m.score)},
        {"reasons", m.reasons},
        {"flow_blocks", m.blocks},
        {"members", members},
    });
    if (!watched.empty()) j["clusters"].back()["watchlist"] = std::move(watched);
  }
  return j;
}

void print_cluster_table(std::ostream& out, const ClusterReportContext& c) {
  out << "mule clusters: " << c.report.clusters.size() << " found (";
  if (c.report.method == "evidence") {
    out << c.report.core_accounts << " accounts flagged by the score or tied to them by evidence";
    if (c.report.left_out_groups)
      out << "; " << c.report.left_out_groups << " group(s) of " << c.report.left_out_accounts
          << " accounts left out as too large";
  } else {
    out << "layering core of " << c.report.core_accounts << " accounts from " << c.blocks.size()
        << " flow blocks";
  }
  out << ")";
  if (c.top < c.report.clusters.size()) out << ", top " << c.top << " shown";
  out << "\n";
  for (std::size_t i = 0; i < c.top; ++i) {
    const MuleCluster& m = c.report.clusters[i];
    out << "\n#" << i + 1 << "  score " << std::fixed << std::setprecision(2) << m.score
        << "  community " << m.community << "  " << m.members.size()
        << " accounts: " << kinds_text(m) << "\n";
    const std::string unit =
        c.report.currency.empty() ? " (mixed currencies)" : " " + terminal_text(c.report.currency);
    out << "    value through " << amount_text(m.through_value, 0) << unit << ", in "
        << amount_text(m.in_value, 0) << ", out " << amount_text(m.out_value, 0)
        << ", pass-through " << std::setprecision(2) << m.pass_through << "\n";
    for (const std::string& reason : m.reasons) out << "    - " << reason << "\n";
    out << "    members:";
    const std::size_t shown = std::min<std::size_t>(m.members.size(), 6);
    for (std::size_t k = 0; k < shown; ++k)
      out << " " << terminal_text(c.graph.account_id(m.members[k]));
    if (shown < m.members.size()) out << " ... (+" << m.members.size() - shown << ")";
    out << "\n";
  }
}

void write_cluster_csv(std::ostream& out, const ClusterReportContext& c) {
  out << "rank,community,size,kinds,internal_value,through_value,in_value,out_value,pass_through,"
         "median_dwell_seconds,victim_sources,victim_value,cash_out_links,cash_out_value,"
         "platform_share,crypto_share,score,reasons,members\n";
  out << std::setprecision(15);
  for (std::size_t i = 0; i < c.top; ++i) {
    const MuleCluster& m = c.report.clusters[i];
    std::vector<std::string> members;
    for (VertexId v : m.members) members.emplace_back(c.graph.account_id(v));
    out << i + 1 << "," << m.community << "," << m.members.size() << ","
        << csv_escape(kinds_text(m)) << "," << m.internal_value << "," << m.through_value << ","
        << m.in_value << "," << m.out_value << "," << m.pass_through << ",";
    if (m.median_dwell_seconds) out << *m.median_dwell_seconds;
    out << "," << m.victim_sources << "," << m.victim_value << "," << m.cash_out_links << ","
        << m.cash_out_value << "," << m.platform_share << "," << m.crypto_share << "," << m.score
        << "," << csv_escape(joined(m.reasons, "; ")) << "," << csv_escape(joined(members, ";"))
        << "\n";
  }
}

void write_clusters(std::ostream& out, OutputFormat format, const ClusterReportContext& c,
                    const LoadReport& report, const std::string& csv_comment) {
  if (format == OutputFormat::json) {
    nlohmann::ordered_json j = cluster_report_to_json(c);
    j["provenance"] = provenance_json(report);
    out << json_text(j) << "\n";
  } else if (format == OutputFormat::csv) {
    out << csv_comment;
    write_cluster_csv(out, c);
  } else {
    print_cluster_table(out, c);
  }
}

void write_cluster_members(std::ostream& out, const ClusterReportContext& c) {
  const bool watchlist = has_watchlist(c.graph);
  out << "account,rank,community" << (watchlist ? ",watchlist\n" : "\n");
  for (std::size_t i = 0; i < c.top; ++i) {
    for (VertexId v : c.report.clusters[i].members) {
      out << csv_escape(c.graph.account_id(v)) << "," << i + 1 << ","
          << c.report.clusters[i].community;
      if (watchlist) out << "," << (on_watchlist(c.graph, v) ? "true" : "false");
      out << "\n";
    }
  }
}

}  // namespace moneytrail
