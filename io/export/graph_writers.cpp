#include "io/export/graph_writers.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "io/csv/csv_reader.h"
#include "io/csv/field_parsers.h"
#include "io/util/text_safety.h"

namespace moneytrail {
namespace {

struct NodeFields {
  std::string id, label, kind, institution, labels;
};

NodeFields node_fields(const TransactionGraph& graph, const SubgraphNode& n) {
  NodeFields f;
  f.id = subgraph_node_id(graph, n);
  if (n.account == kAggregateNode) {
    f.label = n.label;
    f.kind = "aggregate";
    return f;
  }
  f.label = std::string(graph.account_id(n.account));
  f.kind = std::string(to_string(graph.accounts().kind[n.account]));
  f.institution = std::string(graph.name(graph.accounts().institution[n.account]));
  // Known labels, then the accounts file's free tags: one ';'-separated list.
  f.labels = account_labels_text(graph.accounts().labels[n.account]);
  const std::string_view tags = graph.name(graph.accounts().tags[n.account]);
  if (!tags.empty()) f.labels += (f.labels.empty() ? "" : ";") + std::string(tags);
  return f;
}

std::string number(double value) {
  std::ostringstream s;
  s << std::setprecision(15) << value;
  return s.str();
}

const char* dot_shape(std::string_view kind) {
  if (kind == "bank_card" || kind == "bank_account") return "box";
  if (kind == "payment_account" || kind == "platform") return "hexagon";
  if (kind == "crypto_address") return "diamond";
  if (kind == "exchange_account") return "doubleoctagon";
  if (kind == "cash") return "invtriangle";
  if (kind == "merchant") return "house";
  if (kind == "aggregate") return "folder";
  return "ellipse";
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "graphml") return ExportFormat::graphml;
  if (text == "gexf") return ExportFormat::gexf;
  if (text == "gexf1.3") return ExportFormat::gexf_1_3;
  if (text == "dot") return ExportFormat::dot;
  if (text == "cyjs") return ExportFormat::cyjs;
  if (text == "csv") return ExportFormat::csv;
  return std::nullopt;
}

std::string subgraph_node_id(const TransactionGraph& graph, const SubgraphNode& node) {
  // One aggregate is "(aggregate)"; a trace's, one per hop and kind, are named by their label.
  if (node.account == kAggregateNode && node.hop >= 0) return "(" + node.label + ")";
  return node.account == kAggregateNode ? "(aggregate)"
                                        : std::string(graph.account_id(node.account));
}

// An XML comment may not hold "--".
std::string xml_comment(std::string text) {
  for (std::size_t at; (at = text.find("--")) != std::string::npos;) text.replace(at, 2, "- -");
  return "<!-- " + text + " -->\n";
}

void write_graphml(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << (sub.provenance.empty() ? "" : xml_comment(xml_text(sub.provenance)))
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  const char* node_keys[][2] = {
      {"label", "string"},     {"kind", "string"}, {"institution", "string"}, {"labels", "string"},
      {"members", "long"},     {"group", "long"},  {"hop", "long"},           {"score", "double"},
      {"endpoint", "boolean"}, {"held", "double"}, {"status", "string"}};
  for (auto [name, type] : node_keys)
    out << "  <key id=\"" << name << "\" for=\"node\" attr.name=\"" << name << "\" attr.type=\""
        << type << "\"/>\n";
  const char* edge_keys[][2] = {{"value", "double"}, {"traced", "double"}, {"count", "long"},
                                {"first", "string"}, {"last", "string"},   {"hop", "long"}};
  for (auto [name, type] : edge_keys)
    out << "  <key id=\"e_" << name << "\" for=\"edge\" attr.name=\"" << name << "\" attr.type=\""
        << type << "\"/>\n";
  out << "  <graph id=\"" << xml_text(sub.title) << "\" edgedefault=\"directed\">\n";
  for (const SubgraphNode& n : sub.nodes) {
    const NodeFields f = node_fields(graph, n);
    out << "    <node id=\"" << xml_text(f.id) << "\">\n";
    auto data = [&](const char* key, const std::string& value) {
      out << "      <data key=\"" << key << "\">" << xml_text(value) << "</data>\n";
    };
    data("label", f.label);
    data("kind", f.kind);
    data("institution", f.institution);
    data("labels", f.labels);
    data("members", std::to_string(n.members));
    data("group", std::to_string(n.group));
    data("hop", std::to_string(n.hop));
    data("score", number(n.score));
    data("endpoint", n.endpoint ? "true" : "false");
    data("held", number(n.held));
    data("status", n.status);
    out << "    </node>\n";
  }
  for (std::size_t i = 0; i < sub.edges.size(); ++i) {
    const SubgraphEdge& e = sub.edges[i];
    out << "    <edge id=\"e" << i << "\" source=\""
        << xml_text(subgraph_node_id(graph, sub.nodes[e.source])) << "\" target=\""
        << xml_text(subgraph_node_id(graph, sub.nodes[e.target])) << "\">\n";
    out << "      <data key=\"e_value\">" << number(e.value) << "</data>\n"
        << "      <data key=\"e_traced\">" << number(e.traced) << "</data>\n"
        << "      <data key=\"e_count\">" << e.count << "</data>\n"
        << "      <data key=\"e_first\">" << format_timestamp(e.first) << "</data>\n"
        << "      <data key=\"e_last\">" << format_timestamp(e.last) << "</data>\n"
        << "      <data key=\"e_hop\">" << e.hop << "</data>\n"
        << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

// Per edge, the times of the transactions it stands for: known to the selection, else those
// between its two accounts within its span (one pass over each source's transactions), else
// (an aggregate's edge) its span alone.
std::vector<std::vector<std::pair<Timestamp, Timestamp>>> edge_spells(const TransactionGraph& graph,
                                                                      const Subgraph& sub) {
  std::vector<std::vector<std::pair<Timestamp, Timestamp>>> spells(sub.edges.size());
  std::map<std::pair<VertexId, VertexId>, std::size_t> lookup;  // account pair -> edge
  for (std::size_t i = 0; i < sub.edges.size(); ++i) {
    const SubgraphEdge& e = sub.edges[i];
    if (e.times.size() == e.count && !e.times.empty()) {
      for (Timestamp t : e.times) spells[i].emplace_back(t, t);
      continue;
    }
    const SubgraphNode& s = sub.nodes[e.source];
    const SubgraphNode& t = sub.nodes[e.target];
    if (s.account != kAggregateNode && t.account != kAggregateNode)
      lookup.emplace(std::pair(s.account, t.account), i);
  }
  const TransactionTable& tx = graph.transactions();
  for (auto it = lookup.begin(); it != lookup.end();) {
    const VertexId source = it->first.first;
    for (TxIndex k : graph.out_transactions(source)) {
      const auto edge = lookup.find({source, tx.to[k]});
      if (edge == lookup.end()) continue;
      const SubgraphEdge& e = sub.edges[edge->second];
      if (tx.timestamp[k] >= e.first && tx.timestamp[k] <= e.last)
        spells[edge->second].emplace_back(tx.timestamp[k], tx.timestamp[k]);
    }
    while (it != lookup.end() && it->first.first == source) ++it;
  }
  for (std::size_t i = 0; i < sub.edges.size(); ++i) {
    std::sort(spells[i].begin(), spells[i].end());
    if (spells[i].empty()) spells[i].emplace_back(sub.edges[i].first, sub.edges[i].last);
  }
  return spells;
}

void write_gexf(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub,
                GexfVersion version) {
  const bool v13 = version == GexfVersion::v1_3;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << (v13 ? "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
              : "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n")
      << "  <meta><creator>moneytrail " << MONEYTRAIL_VERSION << "</creator><description>"
      << xml_text(sub.title) << (sub.provenance.empty() ? "" : " | " + xml_text(sub.provenance))
      << "</description></meta>\n"
      << "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\""
      << (v13 ? "dateTime" : "date") << "\">\n"
      << "    <attributes class=\"node\">\n";
  const char* node_attributes[][2] = {
      {"kind", "string"}, {"institution", "string"}, {"labels", "string"}, {"members", "long"},
      {"group", "long"},  {"hop", "long"},           {"score", "double"},  {"endpoint", "boolean"},
      {"held", "double"}, {"status", "string"}};
  for (std::size_t i = 0; i < std::size(node_attributes); ++i)
    out << "      <attribute id=\"" << i << "\" title=\"" << node_attributes[i][0] << "\" type=\""
        << node_attributes[i][1] << "\"/>\n";
  out << "    </attributes>\n    <attributes class=\"edge\">\n";
  const char* edge_attributes[][2] = {
      {"value", "double"}, {"traced", "double"}, {"count", "long"}, {"hop", "long"}};
  for (std::size_t i = 0; i < std::size(edge_attributes); ++i)
    out << "      <attribute id=\"" << i << "\" title=\"" << edge_attributes[i][0] << "\" type=\""
        << edge_attributes[i][1] << "\"/>\n";
  out << "    </attributes>\n    <nodes>\n";
  for (const SubgraphNode& n : sub.nodes) {
    const NodeFields f = node_fields(graph, n);
    const std::string values[] = {f.kind,
                                  f.institution,
                                  f.labels,
                                  std::to_string(n.members),
                                  std::to_string(n.group),
                                  std::to_string(n.hop),
                                  number(n.score),
                                  n.endpoint ? "true" : "false",
                                  number(n.held),
                                  n.status};
    out << "      <node id=\"" << xml_text(f.id) << "\" label=\"" << xml_text(f.label)
        << "\">\n        <attvalues>\n";
    for (std::size_t i = 0; i < std::size(values); ++i)
      out << "          <attvalue for=\"" << i << "\" value=\"" << xml_text(values[i]) << "\"/>\n";
    out << "        </attvalues>\n      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  const auto spells = edge_spells(graph, sub);
  for (std::size_t i = 0; i < sub.edges.size(); ++i) {
    const SubgraphEdge& e = sub.edges[i];
    out << "      <edge id=\"" << i << "\" source=\""
        << xml_text(subgraph_node_id(graph, sub.nodes[e.source])) << "\" target=\""
        << xml_text(subgraph_node_id(graph, sub.nodes[e.target])) << "\" weight=\""
        << number(e.traced > 0 ? e.traced : e.value) << "\">\n"
        << "        <attvalues>\n"
        << "          <attvalue for=\"0\" value=\"" << number(e.value) << "\"/>\n"
        << "          <attvalue for=\"1\" value=\"" << number(e.traced) << "\"/>\n"
        << "          <attvalue for=\"2\" value=\"" << e.count << "\"/>\n"
        << "          <attvalue for=\"3\" value=\"" << e.hop << "\"/>\n"
        << "        </attvalues>\n        <spells>\n";
    for (const auto& [start, end] : spells[i])
      out << "          <spell start=\"" << format_timestamp(start) << "\" end=\""
          << format_timestamp(end) << "\"/>\n";
    out << "        </spells>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

void write_dot(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub) {
  double widest = 0;
  for (const SubgraphEdge& e : sub.edges)
    widest = std::max(widest, e.traced > 0 ? e.traced : e.value);
  // A comment line: line breaks and other control characters written as \xNN, so nothing in
  // a file name can end the comment.
  if (!sub.provenance.empty()) out << "// " << terminal_text(sub.provenance) << "\n";
  out << "digraph moneytrail {\n  label=\"" << dot_string(sub.title) << "\";\n"
      << "  rankdir=LR;\n  node [fontsize=10];\n  edge [fontsize=8];\n";
  for (std::size_t i = 0; i < sub.nodes.size(); ++i) {
    const SubgraphNode& n = sub.nodes[i];
    const NodeFields f = node_fields(graph, n);
    out << "  n" << i << " [label=\"" << dot_string(f.label) << "\\n"
        << dot_string(f.kind) << "\", shape=" << dot_shape(f.kind);
    if (n.endpoint) out << ", style=bold, color=red";
    if (n.account != kAggregateNode && (graph.accounts().labels[n.account] & kLabelVictim))
      out << ", style=filled, fillcolor=gold";
    if (n.account != kAggregateNode && (graph.accounts().labels[n.account] & kLabelWatchlist))
      out << ", peripheries=2, color=\"#ff00aa\"";  // on the investigator's watchlist
    out << "];\n";
  }
  // Traces: accounts at the same first hop share a rank, so hops read left to right.
  std::map<std::int64_t, std::vector<std::size_t>> by_hop;
  for (std::size_t i = 0; i < sub.nodes.size(); ++i)
    if (sub.nodes[i].hop >= 0) by_hop[sub.nodes[i].hop].push_back(i);
  if (by_hop.size() > 1) {
    for (const auto& [hop, members] : by_hop) {
      out << "  { rank=same;";
      for (std::size_t i : members) out << " n" << i << ";";
      out << " }\n";
    }
  }
  for (const SubgraphEdge& e : sub.edges) {
    const double shown = e.traced > 0 ? e.traced : e.value;
    const double width = widest > 0 ? 0.5 + 5.5 * std::sqrt(shown / widest) : 1.0;
    out << "  n" << e.source << " -> n" << e.target << " [penwidth=" << std::setprecision(3)
        << width << ", label=\"" << std::setprecision(15) << number(shown) << "\"];\n";
  }
  out << "}\n";
}

// The times of an edge's transactions, when the selection knows them all: the report's timeline.
// At most 200, so a busy flow does not swell the file.
static nlohmann::ordered_json times_json(const SubgraphEdge& e) {
  nlohmann::ordered_json times = nlohmann::ordered_json::array();
  if (e.times.size() != e.count) return times;
  std::vector<Timestamp> sorted = e.times;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size() && i < 200; ++i)
    times.push_back(format_timestamp(sorted[i]));
  return times;
}

void write_cyjs(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub) {
  nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
  for (const SubgraphNode& n : sub.nodes) {
    const NodeFields f = node_fields(graph, n);
    nodes.push_back({{"data",
                      {{"id", f.id},
                       {"value", f.id},  // networkx.cytoscape_graph reads value and name
                       {"name", f.label},
                       {"label", f.label},
                       {"kind", f.kind},
                       {"institution", f.institution},
                       {"labels", f.labels},
                       {"members", n.members},
                       {"group", n.group},
                       {"hop", n.hop},
                       {"score", n.score},
                       {"endpoint", n.endpoint},
                       {"held", n.held},
                       {"status", n.status},
                       {"seed", n.seed}}}});
  }
  nlohmann::ordered_json edges = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < sub.edges.size(); ++i) {
    const SubgraphEdge& e = sub.edges[i];
    edges.push_back({{"data",
                      {{"id", "e" + std::to_string(i)},
                       {"source", subgraph_node_id(graph, sub.nodes[e.source])},
                       {"target", subgraph_node_id(graph, sub.nodes[e.target])},
                       {"value", e.value},
                       {"traced", e.traced},
                       {"count", e.count},
                       {"first", format_timestamp(e.first)},
                       {"last", format_timestamp(e.last)},
                       {"hop", e.hop},
                       {"times", times_json(e)}}}});
  }
  nlohmann::ordered_json j;
  j["data"] = {{"title", sub.title},
               {"currency", sub.currency},
               {"folded_accounts", sub.folded_accounts},
               {"provenance", sub.provenance}};
  j["directed"] = true;  // read by networkx.cytoscape_graph
  j["multigraph"] = false;
  j["elements"] = {{"nodes", nodes}, {"edges", edges}};
  out << j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

void write_csv_nodes(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub) {
  out << "id,label,kind,institution,labels,members,group,hop,score,endpoint,held,status\n";
  for (const SubgraphNode& n : sub.nodes) {
    const NodeFields f = node_fields(graph, n);
    out << csv_escape(f.id) << "," << csv_escape(f.label) << "," << f.kind << ","
        << csv_escape(f.institution) << "," << csv_escape(f.labels) << "," << n.members << ","
        << n.group << "," << n.hop << "," << number(n.score) << "," << (n.endpoint ? 1 : 0) << ","
        << number(n.held) << "," << csv_escape(n.status) << "\n";
  }
}

void write_csv_edges(std::ostream& out, const TransactionGraph& graph, const Subgraph& sub) {
  out << "source,target,value,traced,count,first,last,hop\n";
  for (const SubgraphEdge& e : sub.edges) {
    out << csv_escape(subgraph_node_id(graph, sub.nodes[e.source])) << ","
        << csv_escape(subgraph_node_id(graph, sub.nodes[e.target])) << "," << number(e.value) << ","
        << number(e.traced) << "," << e.count << "," << format_timestamp(e.first) << ","
        << format_timestamp(e.last) << "," << e.hop << "\n";
  }
}

}  // namespace moneytrail
