#include "algorithms/centrality/spectral.h"

#include <Eigen/SparseCore>

namespace moneytrail {
namespace {

using SparseMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;

// A[u][v] = weight of the flow u -> v.
SparseMatrix adjacency(const FlowView& flows, FlowWeight weight) {
  const Eigen::Index n = flows.num_vertices();
  std::vector<Eigen::Triplet<double, std::int64_t>> entries;
  entries.reserve(flows.num_edges());
  for (FlowEdgeIndex e = 0; e < flows.num_edges(); ++e) {
    entries.emplace_back(flows.source(e), flows.target(e), flow_weight(flows, e, weight));
  }
  SparseMatrix a(n, n);
  a.setFromTriplets(entries.begin(), entries.end());
  return a;
}

}  // namespace

HitsResult hits(const FlowView& flows, const SpectralOptions& options) {
  const Eigen::Index n = flows.num_vertices();
  HitsResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const SparseMatrix a = adjacency(flows, options.weight);
  const SparseMatrix at = a.transpose();
  Eigen::VectorXd hub = Eigen::VectorXd::Constant(n, 1.0 / n);
  Eigen::VectorXd authority(n);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    const Eigen::VectorXd previous = hub;
    authority = at * hub;
    hub = a * authority;
    const double total = hub.sum();
    if (total <= 0) break;  // no flows at all
    hub /= total;
    if ((hub - previous).lpNorm<1>() < n * options.tolerance) {
      result.converged = true;
      break;
    }
  }
  if (!result.converged) result.iterations = std::min(result.iterations, options.max_iterations);
  authority = at * hub;
  if (authority.sum() > 0) authority /= authority.sum();
  if (hub.sum() > 0) hub /= hub.sum();
  result.hub.assign(hub.data(), hub.data() + n);
  result.authority.assign(authority.data(), authority.data() + n);
  return result;
}

EigenvectorResult eigenvector_centrality(const FlowView& flows, const SpectralOptions& options) {
  const Eigen::Index n = flows.num_vertices();
  EigenvectorResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const SparseMatrix at = adjacency(flows, options.weight).transpose();
  Eigen::VectorXd x = Eigen::VectorXd::Constant(n, 1.0 / n);
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    const Eigen::VectorXd previous = x;
    x = previous + at * previous;  // (A^T + I) x: the shift keeps the iteration from oscillating
    const double norm = x.norm();
    if (norm <= 0) break;
    x /= norm;
    if ((x - previous).lpNorm<1>() < n * options.tolerance) {
      result.converged = true;
      break;
    }
  }
  if (!result.converged) result.iterations = std::min(result.iterations, options.max_iterations);
  result.score.assign(x.data(), x.data() + n);
  return result;
}

}  // namespace moneytrail
