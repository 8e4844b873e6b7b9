// Every centrality measure behind one call, for `moneytrail centrality`: the measure's scores, and
// what the run reports about itself (iterations, convergence, pivots). Each measure has its own
// header with its paper and peer check; this only chooses among them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/centrality/flow_strength.h"
#include "algorithms/centrality/pagerank.h"

namespace moneytrail {

enum class CentralityMeasure : std::uint8_t {
  pagerank,     // pagerank.h
  ppr,          // personalized PageRank: seeds required
  hits,         // spectral.h: authority ranked, hub beside it
  eigenvector,  // spectral.h
  betweenness,  // betweenness.h
  degree,       // distinct counterparties, in plus out (flow_strength.h)
  flow,         // value through: min(in, out) (flow_strength.h)
};
std::string_view to_string(CentralityMeasure measure);
std::optional<CentralityMeasure> parse_centrality_measure(std::string_view text);
std::optional<FlowWeight> parse_flow_weight(std::string_view text);
std::string_view to_string(FlowWeight weight);

struct CentralityOptions {
  CentralityMeasure measure = CentralityMeasure::pagerank;
  /// Empty: value, except none (hop counts) for betweenness.
  std::optional<FlowWeight> weight;
  std::vector<VertexId> seeds;       // ppr
  double damping = 0.85;             // pagerank, ppr
  double tolerance = 1e-12;          // pagerank, ppr, hits, eigenvector
  std::uint32_t samples = 0;         // betweenness: 0 exact
  std::uint64_t seed = 1;            // betweenness pivots
  ProgressSink* progress = nullptr;  // reports the measure as a step (none: silent)
};

struct CentralityScores {
  FlowWeight weight = FlowWeight::value;  // the weight used
  std::vector<double> score;              // by account; hits: authority
  std::vector<double> hub;                // hits only
  FlowStrength strength;                  // degree and flow only
  std::uint32_t iterations = 0;           // pagerank, ppr, hits, eigenvector
  bool converged = true;
  double final_change = 0;    // pagerank, ppr
  std::uint32_t sources = 0;  // betweenness: sources used
};

/// Throws std::invalid_argument for ppr without seeds, or the measure's own bad options.
CentralityScores centrality(const FlowView& flows, const CentralityOptions& options);

}  // namespace moneytrail
