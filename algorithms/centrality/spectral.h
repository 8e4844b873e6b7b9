// Spectral rankings on the directed flow view, by power iteration on an Eigen sparse matrix:
//  - HITS (Kleinberg, "Authoritative sources in a hyperlinked environment", JACM 1999): hubs send
//    to good authorities, authorities receive from good hubs. Collectors of many mules' money are
//    authorities; accounts spraying money to them are hubs. Scores sum to 1 (as networkx.hits).
//  - Eigenvector centrality (Bonacich 1972): an account is central when central accounts send to
//    it: x_v ~ sum over flows u->v of w_uv x_u. Iterates x <- (A^T + I) x, normalised to unit
//    Euclidean length, as networkx.eigenvector_centrality does.
#pragma once

#include <vector>

#include "algorithms/centrality/pagerank.h"

namespace moneytrail {

struct SpectralOptions {
  FlowWeight weight = FlowWeight::value;
  /// Stop when the L1 change of an iteration is below num_vertices x tolerance. Default 1e-12.
  double tolerance = 1e-12;
  /// Default 10,000.
  std::uint32_t max_iterations = 10000;
};

struct HitsResult {
  std::vector<double> hub;
  std::vector<double> authority;
  std::uint32_t iterations = 0;
  bool converged = false;
};

struct EigenvectorResult {
  std::vector<double> score;
  std::uint32_t iterations = 0;
  bool converged = false;
};

HitsResult hits(const FlowView& flows, const SpectralOptions& options = {});
EigenvectorResult eigenvector_centrality(const FlowView& flows,
                                         const SpectralOptions& options = {});

}  // namespace moneytrail
