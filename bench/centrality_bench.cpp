// Centrality timings on a case's flow view: PageRank (value weights; stopping at an L1 change
// below n x 1e-10, then below 1e-10 in total, PRPACK's default accuracy, median of three runs)
// and betweenness
// estimated from 256 pivots. With --edges FILE it
// first writes the flow view as "source target weight" lines for the igraph peer
// (bench/igraph_pagerank.c), so both rank the very same graph.
//   centrality_bench CASE.mtc [--edges FILE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/centrality/pagerank.h"
#include "bench/timing.h"
#include "io/case/case_file.h"

namespace {

using moneytrail::bench::seconds;

}  // namespace

int main(int argc, char** argv) {
  using namespace moneytrail;
  if (argc < 2) {
    std::fprintf(stderr, "usage: centrality_bench CASE.mtc [--edges FILE]\n");
    return 2;
  }
  const TransactionGraph graph = read_case_file(argv[1]).graph;
  FlowView flows;
  const double build = seconds([&] { flows = FlowView::build(graph); });
  std::printf("flow view: %u accounts, %u flows, built in %.2f s\n", flows.num_vertices(),
              flows.num_edges(), build);
  if (argc >= 4 && std::string(argv[2]) == "--edges") {
    std::FILE* out = std::fopen(argv[3], "w");
    std::fprintf(out, "%u\n", flows.num_vertices());
    for (FlowEdgeIndex e = 0; e < flows.num_edges(); ++e) {
      std::fprintf(out, "%u %u %.17g\n", flows.source(e), flows.target(e), flows.value(e));
    }
    std::fclose(out);
  }
  PageRankOptions options;
  options.tolerance = 1e-10;
  PageRankResult rank;
  const double pr = seconds([&] { rank = pagerank(flows, options); });
  std::printf("pagerank: %.3f s, %u iterations, converged %d\n", pr, rank.iterations,
              rank.converged);
  // The same total accuracy as PRPACK's default (L1 residual 1e-10 over all accounts); the
  // median of three runs, as for the peer.
  options.tolerance = 1e-10 / flows.num_vertices();
  std::vector<double> runs;
  for (int i = 0; i < 3; ++i) runs.push_back(seconds([&] { rank = pagerank(flows, options); }));
  std::sort(runs.begin(), runs.end());
  std::printf(
      "pagerank at total L1 change < 1e-10: %.3f s (median of 3: %.3f %.3f %.3f), %u "
      "iterations\n",
      runs[1], runs[0], runs[1], runs[2], rank.iterations);
  BetweennessOptions sampled;
  sampled.samples = 256;
  BetweennessResult between;
  const double bc = seconds([&] { between = betweenness(flows, sampled); });
  std::printf("betweenness, 256 pivots: %.3f s\n", bc);
  return 0;
}
