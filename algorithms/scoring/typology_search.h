// Internals shared by the typology detectors (typologies.cpp, typology_paths.cpp).
#pragma once

#include <vector>

#include "algorithms/scoring/typologies.h"

namespace moneytrail::typology_detail {

/// What detectors may use as a centre or intermediate: personal kinds, not hubs.
struct Eligibility {
  std::vector<std::uint8_t> ok;  // per account
  bool operator()(VertexId v) const { return ok[v] != 0; }
};
Eligibility eligible_accounts(const TransactionGraph& graph, std::uint32_t max_degree);

/// Cycles of 3..max_cycle_length hops, each later than the last, from the smallest account.
void find_cycles(const TransactionGraph& graph, const Eligibility& eligible,
                 const TypologyOptions& options, VertexId start, std::vector<TypologyHit>& hits);

/// Maximal forwarding chains of at least chain_min_hops hops (sequential over transactions).
std::vector<TypologyHit> find_forwarding_chains(const TransactionGraph& graph,
                                                const Eligibility& eligible,
                                                const std::vector<double>& base_values,
                                                const TypologyOptions& options);

/// A running-points collection account centred on `v` (running_points.cpp), if `v` is one.
void find_running_points(const TransactionGraph& graph, const std::vector<double>& base_values,
                         const TypologyOptions& options, VertexId v,
                         std::vector<TypologyHit>& hits);

}  // namespace moneytrail::typology_detail
