// libFuzzer target: every writer, fed ids, names and memos made of the fuzzer's bytes. Ids are
// what the readers and the case-file validator let through (valid UTF-8 without control
// characters, not blank); names, institutions, tags, typologies and titles are any bytes. Every
// output must parse: GraphML and GEXF with libxml2, the HTML report's DOM with libxml2's HTML
// parser and its data with nlohmann::json, Cytoscape JSON, the CSV lists with moneytrail's CSV
// splitter, DOT by its quoting; and the ids must come back distinct.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "algorithms/export/subgraph_select.h"
#include "graph/flow_view.h"
#include "graph/graph_builder.h"
#include "io/csv/csv_reader.h"
#include "io/export/graph_writers.h"
#include "io/export/html_report.h"
#include "io/util/text_safety.h"

namespace {

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Splits the input at 0xFF bytes into the texts the case is made of.
std::vector<std::string> pieces(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < size && out.size() < 24; ++i) {
    if (data[i] == 0xFF)
      out.emplace_back();
    else
      out.back().push_back(static_cast<char>(data[i]));
  }
  return out;
}

std::size_t count_elements(xmlNode* node, const char* name, std::set<std::string>* ids) {
  std::size_t n = 0;
  for (xmlNode* c = node; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE &&
        std::string(reinterpret_cast<const char*>(c->name)) == name) {
      ++n;
      if (ids) {
        xmlChar* id = xmlGetProp(c, reinterpret_cast<const xmlChar*>("id"));
        if (id) ids->insert(reinterpret_cast<const char*>(id));
        xmlFree(id);
      }
    }
    n += count_elements(c->children, name, ids);
  }
  return n;
}

void check_xml(const std::string& text, std::size_t nodes) {
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "out.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  check(doc != nullptr);
  std::set<std::string> ids;
  check(count_elements(xmlDocGetRootElement(doc), "node", &ids) == nodes && ids.size() == nodes);
  xmlFreeDoc(doc);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace moneytrail;
  const std::vector<std::string> text = pieces(data, size);
  auto piece = [&](std::size_t i) -> const std::string& { return text[i % text.size()]; };
  // Up to six accounts with fuzzed ids (made acceptable as the readers would: rejected ones are
  // replaced by a plain id), each with fuzzed attributes.
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < 6; ++i) {
    std::string id = repair_utf8_visibly(piece(i));
    if (id.empty() || is_blank(id) || has_control_characters(id) || !seen.insert(id).second)
      id = "acct" + std::to_string(i);
    if (!seen.count(id)) seen.insert(id);
    ids.push_back(id);
  }
  GraphBuilder b;
  std::vector<std::string> strings(text.begin(), text.end());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    AccountInput a;
    a.id = ids[i];
    a.institution = piece(i + 6);
    a.holder = piece(i + 7);
    a.tags = piece(i + 8);
    a.kind = static_cast<AccountKind>(i % kAccountKindCount);
    b.set_account(a);
  }
  std::vector<std::string> tx_ids;
  for (std::size_t i = 0; i < 8; ++i) tx_ids.push_back("t" + std::to_string(i));
  for (std::size_t i = 0; i < 8; ++i) {
    TransactionInput in;
    in.id = tx_ids[i];
    in.timestamp = 1700000000 + static_cast<Timestamp>(i) * 60;
    in.from = ids[i % ids.size()];
    in.to = ids[(i * 7 + 1) % ids.size()];
    if (in.from == in.to) in.to = ids[(i + 1) % ids.size()];
    in.amount = in.received_amount = 1.0 + static_cast<double>(i);
    in.currency = "CNY";
    in.typology = piece(i + 3);
    b.add_transaction(in);
  }
  const TransactionGraph graph = std::move(b).build();
  const FlowView flows = FlowView::build(graph);
  std::vector<VertexId> accounts(graph.num_accounts());
  for (VertexId v = 0; v < graph.num_accounts(); ++v) accounts[v] = v;
  Subgraph sub = subgraph_of_accounts(flows, accounts, {});
  sub.title = piece(1) + "</Script><!--";
  sub.provenance = piece(2);
  for (std::size_t i = 0; i < sub.nodes.size(); ++i) {
    sub.nodes[i].status = piece(i + 4);
    sub.nodes[i].endpoint = i % 2 == 0;
  }
  const std::size_t n = sub.nodes.size();

  std::ostringstream graphml, gexf, cyjs, dot, nodes_csv, edges_csv, html;
  write_graphml(graphml, graph, sub);
  check_xml(graphml.str(), n);
  write_gexf(gexf, graph, sub);
  check_xml(gexf.str(), n);

  write_cyjs(cyjs, graph, sub);
  const auto j = nlohmann::json::parse(cyjs.str(), nullptr, false);
  check(!j.is_discarded());
  std::set<std::string> json_ids;
  for (const auto& node : j["elements"]["nodes"])
    json_ids.insert(node["data"]["id"].get<std::string>());
  check(json_ids.size() == n);

  write_csv_nodes(nodes_csv, graph, sub);
  write_csv_edges(edges_csv, graph, sub);
  for (const std::string& table : {nodes_csv.str(), edges_csv.str()}) {
    std::vector<std::string> lines;
    std::string record;
    std::istringstream in(table);
    std::size_t width = 0;
    for (std::string line; std::getline(in, line);) {
      record += record.empty() ? line : "\n" + line;
      if (std::count(record.begin(), record.end(), '"') % 2) continue;  // a quoted line break
      const std::size_t fields = split_csv_line(record).size();
      if (width == 0) width = fields;
      check(fields == width);
      record.clear();
    }
    check(record.empty());
  }

  write_dot(dot, graph, sub);
  {
    bool quoted = false;
    const std::string d = dot.str();
    for (std::size_t i = 0; i < d.size(); ++i) {
      if (!quoted && d.compare(i, 2, "//") == 0) {  // a comment runs to the end of its line
        i = d.find('\n', i);
        check(i != std::string::npos);
        continue;
      }
      if (d[i] == '\\' && quoted) {
        ++i;
        continue;
      }
      if (d[i] == '"') quoted = !quoted;
      check(d[i] != '\0');
    }
    check(!quoted);
  }

  write_html_report(html, graph, sub, "/* cytoscape.js would be here */");
  const std::string page = html.str();
  htmlDocPtr doc = htmlReadMemory(page.data(), static_cast<int>(page.size()), "r.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  check(doc != nullptr);
  xmlFreeDoc(doc);
  const std::size_t start = page.find("const report=");
  const std::size_t end = page.find(";\nreport.layout=");
  check(start != std::string::npos && end != std::string::npos);
  const std::string data_text = page.substr(start + 13, end - start - 13);
  check(data_text.find('<') == std::string::npos);
  const auto report = nlohmann::json::parse(data_text, nullptr, false);
  check(!report.is_discarded() && report["elements"]["nodes"].size() == n);
  return 0;
}
