// Batch scoring timings on a case: each stage of `moneytrail score` (flow view, then the stages
// score_accounts reports), the mule clusters built from its evidence, and the peak memory
// against the graph's own size. The targets at 10M transactions / 1M accounts on 2
// cores: score at most 20 s, clusters at most 30 s, peak at most twice the graph.
// With --edges FILE it first writes the flow view as "u v value" lines for the igraph peer
// (bench/igraph_graph_features.c), which computes the graph features a graph library gives.
//   score_bench CASE.mtc [--each] [--edges FILE]   (--each: each typology detector alone)
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "algorithms/communities/evidence_clusters.h"
#include "algorithms/scoring/account_scoring.h"
#include "bench/timing.h"
#include "io/case/case_file.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  using moneytrail::bench::seconds;
  if (argc < 2) {
    std::fprintf(stderr, "usage: score_bench CASE.mtc [--each] [--edges FILE]\n");
    return 2;
  }
  bool each = false;
  const char* edges = nullptr;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--each") == 0) each = true;
    if (std::strcmp(argv[i], "--edges") == 0 && i + 1 < argc) edges = argv[++i];
  }
  const TransactionGraph graph = read_case_file(argv[1]).graph;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double loaded_mb = usage.ru_maxrss / 1e3;
  const double graph_mb = graph.memory_bytes() / 1e6;
  std::printf("case: %u accounts, %u transactions, graph %.1f MB (peak after loading %.1f MB)\n",
              graph.num_accounts(), graph.num_transactions(), graph_mb, loaded_mb);

  if (edges) {
    const FlowView flows = FlowView::build(graph);
    std::FILE* out = std::fopen(edges, "w");
    std::fprintf(out, "%u\n", flows.num_vertices());
    for (FlowEdgeIndex e = 0; e < flows.num_edges(); ++e)
      std::fprintf(out, "%u %u %.17g\n", flows.source(e), flows.target(e), flows.value(e));
    std::fclose(out);
  }
  FlowView flows;
  AccountScoring run;
  double flows_time = 0, score_time = 0, cluster_time = 0;
  std::size_t clusters = 0;
  flows_time = seconds([&] { flows = FlowView::build(graph); });
  score_time = seconds([&] { run = score_accounts(graph, flows); });
  cluster_time = seconds([&] { clusters = evidence_clusters(graph, flows, run).clusters.size(); });
  std::printf("flow view %.2f s\n", flows_time);
  for (const StageTime& s : run.stages) std::printf("  %-22s %.2f s\n", s.stage, s.seconds);
  std::printf("typology hits:");
  for (int t = 0; t < kTypologyCount; ++t)
    std::printf(" %s %llu", std::string(to_string(static_cast<Typology>(t))).c_str(),
                static_cast<unsigned long long>(run.typologies.counts[t]));
  std::printf("\nscore total (flow view + pipeline): %.2f s (target 20 s)\n",
              flows_time + score_time);
  std::printf("clusters from the evidence: %zu in %.2f s; clusters total %.2f s (target 30 s)\n",
              clusters, cluster_time, flows_time + score_time + cluster_time);
  if (each) {
    const std::vector<double> base = base_values(graph);
    for (int t = 0; t < kTypologyCount; ++t) {
      TypologyOptions only;
      only.enabled.fill(false);
      only.enabled[t] = true;
      const double time = seconds([&] { detect_typologies(graph, flows, base, only); });
      std::printf("  %s alone: %.2f s\n", std::string(to_string(static_cast<Typology>(t))).c_str(),
                  time);
    }
  }
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory: %.1f MB = %.2f x the graph (target 2)\n", usage.ru_maxrss / 1e3,
              usage.ru_maxrss / 1e3 / graph_mb);
  return 0;
}
