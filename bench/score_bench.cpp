// Batch scoring timings on a case: each stage of `moneytrail score` (flow view, mule-cluster
// report, features, typology detectors, unsupervised scores) and the peak memory against the
// graph's own size. The target: features and scores of 1M accounts / 10M transactions in
// at most 60 s on 2 cores, peak at most twice the graph.
// With --edges FILE it first writes the flow view as "u v value" lines for the igraph peer
// (bench/igraph_graph_features.c), which computes the graph features a graph library gives.
//   score_bench CASE.mtc [--no-clusters] [--each] [--edges FILE]   (--each: each detector alone)
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "algorithms/scoring/account_scoring.h"
#include "bench/timing.h"
#include "io/case_file.h"

int main(int argc, char** argv) {
  using namespace moneytrail;
  using moneytrail::bench::seconds;
  if (argc < 2) {
    std::fprintf(stderr, "usage: score_bench CASE.mtc [--no-clusters]\n");
    return 2;
  }
  bool clusters = true, each = false;
  const char* edges = nullptr;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-clusters") == 0) clusters = false;
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
  AccountScoringOptions options;
  options.cluster_suspicion = clusters;
  std::vector<double> suspicion;
  double flows_time = 0, cluster_time = 0, base_time = 0, feature_time = 0, typology_time = 0,
         score_time = 0;
  const double total = seconds([&] {
    FlowView flows;
    flows_time = seconds([&] { flows = FlowView::build(graph); });
    if (clusters) {
      cluster_time = seconds([&] {
        suspicion = mule_cluster_suspicion(graph, flows, options.blocks, options.clusters);
      });
    }
    options.features.cluster_suspicion = suspicion;
    std::vector<double> base;
    base_time = seconds([&] { base = base_values(graph); });
    AccountFeatures features;
    feature_time =
        seconds([&] { features = compute_account_features(graph, flows, base, options.features); });
    TypologyResult typologies;
    typology_time =
        seconds([&] { typologies = detect_typologies(graph, flows, base, options.typologies); });
    RiskScores scores;
    score_time = seconds([&] {
      scores = unsupervised_scores(features, typologies, options.risk);
      add_payer_risk(scores, flows, options.risk);
    });
    std::printf("typology hits:");
    for (int t = 0; t < kTypologyCount; ++t)
      std::printf(" %s %llu", std::string(to_string(static_cast<Typology>(t))).c_str(),
                  static_cast<unsigned long long>(typologies.counts[t]));
    std::printf("\n");
  });
  std::printf(
      "flow view %.2f s, cluster report %.2f s, base values %.2f s, features %.2f s, "
      "typologies %.2f s, scores %.2f s\n",
      flows_time, cluster_time, base_time, feature_time, typology_time, score_time);
  std::printf("scoring total: %.2f s (target 60 s)\n", total);
  if (each) {
    const FlowView flows = FlowView::build(graph);
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
