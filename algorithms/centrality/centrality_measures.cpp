#include "algorithms/centrality/centrality_measures.h"

#include <stdexcept>

#include "algorithms/centrality/spectral.h"
#include "graph/option_error.h"

namespace moneytrail {

std::string_view to_string(CentralityMeasure measure) {
  switch (measure) {
    case CentralityMeasure::pagerank: return "pagerank";
    case CentralityMeasure::ppr: return "ppr";
    case CentralityMeasure::hits: return "hits";
    case CentralityMeasure::eigenvector: return "eigenvector";
    case CentralityMeasure::betweenness: return "betweenness";
    case CentralityMeasure::degree: return "degree";
    case CentralityMeasure::flow: return "flow";
  }
  return "";
}

std::optional<CentralityMeasure> parse_centrality_measure(std::string_view text) {
  for (auto m : {CentralityMeasure::pagerank, CentralityMeasure::ppr, CentralityMeasure::hits,
                 CentralityMeasure::eigenvector, CentralityMeasure::betweenness,
                 CentralityMeasure::degree, CentralityMeasure::flow})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

std::string_view to_string(FlowWeight weight) {
  return weight == FlowWeight::value ? "value" : weight == FlowWeight::count ? "count" : "none";
}

std::optional<FlowWeight> parse_flow_weight(std::string_view text) {
  for (auto w : {FlowWeight::value, FlowWeight::count, FlowWeight::none})
    if (to_string(w) == text) return w;
  return std::nullopt;
}

CentralityScores centrality(const FlowView& flows, const CentralityOptions& options) {
  CentralityScores out;
  const CentralityMeasure measure = options.measure;
  ProgressStep step(measure == CentralityMeasure::betweenness ? nullptr : options.progress,
                    to_string(measure));
  out.weight = options.weight.value_or(
      measure == CentralityMeasure::betweenness ? FlowWeight::none : FlowWeight::value);
  switch (measure) {
    case CentralityMeasure::pagerank:
    case CentralityMeasure::ppr: {
      if (measure == CentralityMeasure::ppr && options.seeds.empty())
        throw OptionError("seeds", "are needed for personalized PageRank");
      PageRankOptions o;
      o.damping = options.damping;
      o.tolerance = options.tolerance;
      o.weight = out.weight;
      if (measure == CentralityMeasure::ppr) o.seeds = options.seeds;
      PageRankResult r = pagerank(flows, o);
      out.score = std::move(r.score);
      out.iterations = r.iterations;
      out.converged = r.converged;
      out.final_change = r.final_change;
      break;
    }
    case CentralityMeasure::hits:
    case CentralityMeasure::eigenvector: {
      SpectralOptions o;
      o.weight = out.weight;
      o.tolerance = options.tolerance;
      if (measure == CentralityMeasure::hits) {
        HitsResult r = hits(flows, o);
        out.score = std::move(r.authority);
        out.hub = std::move(r.hub);
        out.iterations = r.iterations;
        out.converged = r.converged;
      } else {
        EigenvectorResult r = eigenvector_centrality(flows, o);
        out.score = std::move(r.score);
        out.iterations = r.iterations;
        out.converged = r.converged;
      }
      break;
    }
    case CentralityMeasure::betweenness: {
      BetweennessOptions o;
      o.weight = out.weight;
      o.samples = options.samples;
      o.seed = options.seed;
      o.progress = options.progress;
      BetweennessResult r = betweenness(flows, o);
      out.score = std::move(r.score);
      out.sources = r.sources;
      break;
    }
    case CentralityMeasure::degree:
    case CentralityMeasure::flow: {
      out.strength = flow_strength(flows, out.weight);
      out.score.resize(flows.num_vertices());
      for (VertexId v = 0; v < flows.num_vertices(); ++v)
        out.score[v] = measure == CentralityMeasure::flow
                           ? out.strength.flow_through(v)
                           : out.strength.in_degree[v] + out.strength.out_degree[v];
      break;
    }
  }
  return out;
}

}  // namespace moneytrail
