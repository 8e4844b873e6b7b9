// Community detection timings on a case's undirected flow view (value weights): building the
// view, Louvain and Leiden with their modularity, peak memory. With --edges FILE it first writes
// the view as "u v weight" lines (self loops included) for the igraph peer
// (bench/igraph_communities.c), so both partition the very same graph.
//   community_bench CASE.mtc [--edges FILE]
#include <sys/resource.h>

#include <cstdio>
#include <string>

#include "algorithms/communities/community_graph.h"
#include "algorithms/communities/leiden.h"
#include "algorithms/communities/louvain.h"
#include "bench/timing.h"
#include "io/case/case_file.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  using moneytrail::bench::seconds;
  if (argc < 2) {
    std::fprintf(stderr, "usage: community_bench CASE.mtc [--edges FILE]\n");
    return 2;
  }
  const TransactionGraph graph = read_case_file(argv[1]).graph;
  CommunityGraph undirected;
  const double build = seconds([&] {
    const FlowView flows = FlowView::build(graph);
    undirected = CommunityGraph::from_flows(flows, {});
  });
  std::printf(
      "undirected flow view: %u accounts, %llu edges, %.1f MB, built in %.2f s "
      "(transaction graph %.1f MB)\n",
      undirected.num_nodes(), static_cast<unsigned long long>(undirected.num_edges()),
      undirected.memory_bytes() / 1e6, build, graph.memory_bytes() / 1e6);
  if (argc >= 4 && std::string(argv[2]) == "--edges") {
    std::FILE* out = std::fopen(argv[3], "w");
    std::fprintf(out, "%u\n", undirected.num_nodes());
    for (std::uint32_t v = 0; v < undirected.num_nodes(); ++v) {
      const auto nb = undirected.neighbours(v);
      const auto w = undirected.weights(v);
      for (std::size_t k = 0; k < nb.size(); ++k)
        if (v < nb[k]) std::fprintf(out, "%u %u %.17g\n", v, nb[k], w[k]);
      if (undirected.self_loop(v) > 0)
        std::fprintf(out, "%u %u %.17g\n", v, v, undirected.self_loop(v));
    }
    std::fclose(out);
  }
  CommunityResult r;
  const double louvain_time = seconds([&] { r = louvain(undirected); });
  std::printf("louvain: %.3f s, modularity %.6f, %u communities, %u levels\n", louvain_time,
              r.quality, r.count, r.levels);
  const double leiden_time = seconds([&] { r = leiden(undirected); });
  std::printf("leiden: %.3f s, modularity %.6f, %u communities, %u levels\n", leiden_time,
              r.quality, r.count, r.levels);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory: %.1f MB\n", usage.ru_maxrss / 1e3);
  return 0;
}
