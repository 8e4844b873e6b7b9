#include "algorithms/communities/community_methods.h"

#include <stdexcept>

#include "algorithms/communities/label_propagation.h"
#include "algorithms/communities/leiden.h"
#include "algorithms/communities/louvain.h"
#include "algorithms/components/core_decomposition.h"
#include "algorithms/components/strong_components.h"
#include "graph/option_error.h"
#include "graph/ownership_links.h"

namespace moneytrail {
namespace {

constexpr std::string_view kMethodNames[] = {"wcc", "scc", "kcore", "lpa", "louvain", "leiden"};
constexpr std::string_view kWeightNames[] = {"value", "count", "log", "none"};

}  // namespace

std::optional<CommunityMethod> parse_community_method(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kMethodNames); ++i)
    if (text == kMethodNames[i]) return static_cast<CommunityMethod>(i);
  return std::nullopt;
}

std::string_view to_string(CommunityMethod method) {
  return kMethodNames[static_cast<std::size_t>(method)];
}

std::optional<CommunityWeight> parse_community_weight(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kWeightNames); ++i)
    if (text == kWeightNames[i]) return static_cast<CommunityWeight>(i);
  return std::nullopt;
}

std::string_view to_string(CommunityWeight weight) {
  return kWeightNames[static_cast<std::size_t>(weight)];
}

CommunityDetection detect_communities(const TransactionGraph& graph, const FlowView& flows,
                                      const CommunityDetectionOptions& options) {
  if (!(options.resolution > 0)) throw OptionError("resolution", "must be above 0");
  if (!(options.link_weight >= 0)) throw OptionError("link_weight", "must be at least 0");
  ProgressStep step(options.progress, to_string(options.method));
  CommunityGraphOptions graph_options;
  graph_options.weight = options.weight;
  graph_options.link_weight = options.link_weight;
  if (options.links) {
    graph_options.links = ownership_links(graph);
    if (graph_options.links.empty())
      throw std::invalid_argument(
          "links were asked for but the data have none: no two accounts share a holder, phone or "
          "device, and the input states no links");
  }
  const CommunityGraph undirected = CommunityGraph::from_flows(flows, graph_options);

  CommunityDetection detection;
  detection.links_added = graph_options.links.size();
  CommunityResult& r = detection.result;
  switch (options.method) {
    case CommunityMethod::wcc: {
      // Components of the flow view, with the links (when asked for) as extra ties.
      r.membership.assign(undirected.num_nodes(), 0);
      r.count = split_disconnected_communities(undirected, r.membership);
      break;
    }
    case CommunityMethod::scc: {
      StrongComponentsResult scc = strongly_connected_components(flows);
      r.membership = std::move(scc.component);
      r.count = scc.count;
      break;
    }
    case CommunityMethod::kcore: {
      CoreDecompositionResult cores = core_decomposition(undirected);
      r.membership = std::move(cores.core);
      r.count = cores.max_core + 1;
      break;
    }
    case CommunityMethod::lpa: {
      LabelPropagationOptions o;
      o.seed = options.seed;
      r = label_propagation(undirected, o);
      break;
    }
    case CommunityMethod::louvain: {
      LouvainOptions o;
      o.objective = options.objective;
      o.resolution = options.resolution;
      o.seed = options.seed;
      r = louvain(undirected, o);
      break;
    }
    case CommunityMethod::leiden: {
      LeidenOptions o;
      o.objective = options.objective;
      o.resolution = options.resolution;
      o.seed = options.seed;
      o.iterations = options.iterations;
      r = leiden(undirected, o);
      break;
    }
  }
  detection.modularity = modularity(undirected, r.membership);
  return detection;
}

}  // namespace moneytrail
