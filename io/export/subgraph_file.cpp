#include "io/export/subgraph_file.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>

#include "io/export/graph_writers.h"
#include "io/export/html_report.h"
#include "io/util/atomic_file.h"
#include "io/util/whole_file.h"

namespace moneytrail {
namespace {

std::string cytoscape_js() {
  const auto path = find_cytoscape_js();
  if (!path)
    throw std::runtime_error(
        "an HTML report needs cytoscape.js, which is installed with moneytrail (share/moneytrail/"
        "cytoscape.min.js beside the program) or by scripts/setup.sh in a source tree; "
        "MONEYTRAIL_WEB_DIR may name a directory holding it");
  std::string text = read_whole_file(path->string());
  if (text.empty()) throw std::runtime_error("cannot read " + path->string());
  return text;
}

void write_one(std::ostream& out, GraphFileFormat format, const TransactionGraph& graph,
               const Subgraph& sub) {
  switch (format) {
    case GraphFileFormat::graphml: write_graphml(out, graph, sub); break;
    case GraphFileFormat::gexf: write_gexf(out, graph, sub); break;
    case GraphFileFormat::gexf_1_3: write_gexf(out, graph, sub, GexfVersion::v1_3); break;
    case GraphFileFormat::dot: write_dot(out, graph, sub); break;
    case GraphFileFormat::cyjs: write_cyjs(out, graph, sub); break;
    case GraphFileFormat::html: write_html_report(out, graph, sub, cytoscape_js()); break;
    case GraphFileFormat::csv: break;
  }
}

}  // namespace

std::optional<GraphFileFormat> parse_graph_file_format(std::string_view name) {
  if (name == "html") return GraphFileFormat::html;
  const auto format = parse_export_format(name);
  if (!format) return std::nullopt;
  switch (*format) {
    case ExportFormat::graphml: return GraphFileFormat::graphml;
    case ExportFormat::gexf: return GraphFileFormat::gexf;
    case ExportFormat::gexf_1_3: return GraphFileFormat::gexf_1_3;
    case ExportFormat::dot: return GraphFileFormat::dot;
    case ExportFormat::cyjs: return GraphFileFormat::cyjs;
    case ExportFormat::csv: return GraphFileFormat::csv;
  }
  return std::nullopt;
}

std::optional<GraphFileFormat> graph_file_format_of(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".json") return GraphFileFormat::cyjs;
  if (extension == ".htm") return GraphFileFormat::html;
  if (extension.size() < 2) return std::nullopt;
  return parse_graph_file_format(extension.substr(1));
}

void write_subgraph_file(const std::string& path, GraphFileFormat format,
                         const TransactionGraph& graph, const Subgraph& sub,
                         std::ostream& stdout_stream, const std::string& csv_comment) {
  if (format == GraphFileFormat::csv) {
    if (path == "-") throw std::invalid_argument("csv export is two files: give a file name");
    std::filesystem::path nodes_path(path);
    nodes_path.replace_extension(".nodes.csv");
    AtomicOutputFile edges(path);
    edges.stream() << csv_comment;
    write_csv_edges(edges.stream(), graph, sub);
    AtomicOutputFile nodes(nodes_path);
    nodes.stream() << csv_comment;
    write_csv_nodes(nodes.stream(), graph, sub);
    edges.commit();
    nodes.commit();
    return;
  }
  if (path == "-") {
    write_one(stdout_stream, format, graph, sub);
    return;
  }
  AtomicOutputFile file(path);
  write_one(file.stream(), format, graph, sub);
  file.commit();
}

}  // namespace moneytrail
