#include "algorithms/communities/label_propagation.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "algorithms/communities/community_moves.h"

namespace moneytrail {

CommunityResult label_propagation(const CommunityGraph& graph,
                                  const LabelPropagationOptions& options) {
  const std::uint32_t n = graph.num_nodes();
  std::mt19937_64 rng(options.seed);
  CommunityResult result;
  std::vector<std::uint32_t>& label = result.membership;
  label.resize(n);
  std::iota(label.begin(), label.end(), 0u);
  std::vector<double> weight(n, 0.0);
  std::vector<std::uint8_t> seen(n, 0);
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> best;
  // Gathers the weight per neighbouring label and the labels of largest weight.
  auto heaviest_labels = [&](std::uint32_t v) {
    const auto nb = graph.neighbours(v);
    const auto w = graph.weights(v);
    for (std::size_t k = 0; k < nb.size(); ++k) {
      const std::uint32_t l = label[nb[k]];
      if (!seen[l]) {
        seen[l] = 1;
        touched.push_back(l);
      }
      weight[l] += w[k];
    }
    best.clear();
    double top = 0;
    for (std::uint32_t l : touched) {
      if (weight[l] > top) {
        top = weight[l];
        best.assign(1, l);
      } else if (weight[l] == top && top > 0) {
        best.push_back(l);
      }
    }
    for (std::uint32_t l : touched) {
      weight[l] = 0;
      seen[l] = 0;
    }
    touched.clear();
  };

  while (result.levels < options.max_sweeps) {
    ++result.levels;
    bool changed = false;
    for (std::uint32_t v : community_detail::random_order(n, rng)) {
      heaviest_labels(v);
      if (best.empty()) continue;  // no weighted neighbour: keeps its own label
      if (std::find(best.begin(), best.end(), label[v]) != best.end()) continue;
      label[v] = best.size() == 1 ? best[0] : best[rng() % best.size()];
      changed = true;
    }
    if (!changed) break;  // every node already holds one of its heaviest labels
  }
  result.count = renumber_communities(label);
  result.quality = modularity(graph, label);
  return result;
}

}  // namespace moneytrail
