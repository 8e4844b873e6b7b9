// The weighted undirected graph that community detection works on: the flow view with direction
// dropped (the weight of {u, v} adds up both directions' flows), optionally with ownership links
// added as extra edges, and each node's size for the constant Potts model. Louvain and Leiden
// aggregate it level by level, so the same type also holds the graph of communities.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "graph/flow_view.h"
#include "graph/transaction_graph.h"

namespace moneytrail {

enum class CommunityWeight : std::uint8_t {
  value,  // total value of the flows (base currency when rates are loaded)
  count,  // number of transactions
  log,    // log(1 + value) per direction: damps a few very large transfers
  none,   // every flow counts 1
};

struct CommunityGraphOptions {
  CommunityWeight weight = CommunityWeight::value;
  /// Ownership links (same holder, phone or device) to add as edges, e.g. from ownership_links().
  std::vector<AccountLink> links;
  /// Each link adds link_weight x the mean weight of a flow edge, so that the option means the
  /// same whatever the weight unit (a link of weight 1 ties two cards as strongly as an average
  /// flow between them). Default 1.
  double link_weight = 1.0;
};

/// Symmetric compressed adjacency. Self loops are kept apart from the neighbour lists.
class CommunityGraph {
 public:
  struct Edge {
    std::uint32_t u = 0;
    std::uint32_t v = 0;
    double weight = 1.0;
  };

  CommunityGraph() = default;
  /// Parallel edges add up; an edge (u, u) is a self loop. Throws std::invalid_argument for a
  /// node out of range or a weight that is negative or not finite.
  static CommunityGraph from_edges(std::uint32_t num_nodes, std::span<const Edge> edges);
  /// The undirected flow view; throws std::invalid_argument for a link naming an unknown account.
  static CommunityGraph from_flows(const FlowView& flows, const CommunityGraphOptions& options);

  std::uint32_t num_nodes() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  /// Undirected edges between distinct nodes (each counted once).
  std::uint64_t num_edges() const { return neighbours_.size() / 2; }

  std::span<const std::uint32_t> neighbours(std::uint32_t v) const {
    return {neighbours_.data() + offsets_[v], neighbours_.data() + offsets_[v + 1]};
  }
  std::span<const double> weights(std::uint32_t v) const {
    return {weights_.data() + offsets_[v], weights_.data() + offsets_[v + 1]};
  }
  double self_loop(std::uint32_t v) const { return self_loop_[v]; }
  /// Weighted degree: incident edge weights, a self loop counted twice (the networkx convention).
  double strength(std::uint32_t v) const { return strength_[v]; }
  /// Accounts a node stands for (1 for an account; the member count for an aggregated community).
  double size(std::uint32_t v) const { return size_[v]; }
  /// Sum of all edge weights, self loops once: m in the modularity formula.
  double total_weight() const { return total_weight_; }

  /// The graph of communities: node c stands for every v with membership[v] == c (0..count-1),
  /// edges between communities add up, edges inside one become its self loop. Uses both cores.
  CommunityGraph aggregate(std::span<const std::uint32_t> membership, std::uint32_t count) const;

  std::size_t memory_bytes() const;

 private:
  void finish();  // strengths and total weight from the adjacency

  std::vector<std::uint64_t> offsets_{0};
  std::vector<std::uint32_t> neighbours_;
  std::vector<double> weights_;
  std::vector<double> self_loop_;
  std::vector<double> strength_;
  std::vector<double> size_;
  double total_weight_ = 0;
};

}  // namespace moneytrail
