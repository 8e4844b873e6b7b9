/* The peer for bench/centrality_bench.sh: igraph's PRPACK PageRank on the same weighted edge
 * list ("n" on the first line, then "source target weight"), timing only the PageRank call,
 * median of three runs. */
#include <igraph/igraph.h>
#include <stdio.h>
#include <time.h>

#include "igraph_edge_list.h"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  igraph_t graph;
  igraph_vector_t weights;
  if (read_edge_list(argv[1], IGRAPH_DIRECTED, &graph, &weights) != 0) return 1;
  igraph_vector_t rank;
  igraph_vector_init(&rank, 0);
  double runs[3];
  for (int i = 0; i < 3; ++i) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    igraph_pagerank(&graph, IGRAPH_PAGERANK_ALGO_PRPACK, &rank, NULL, igraph_vss_all(), 1, 0.85,
                    &weights, NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    runs[i] = (end.tv_sec - start.tv_sec) + 1e-9 * (end.tv_nsec - start.tv_nsec);
  }
  /* median of three */
  double lo = runs[0] < runs[1] ? runs[0] : runs[1], hi = runs[0] < runs[1] ? runs[1] : runs[0];
  double median = runs[2] < lo ? lo : (runs[2] > hi ? hi : runs[2]);
  printf("igraph PRPACK pagerank: %.3f s (median of 3: %.3f %.3f %.3f)\n", median, runs[0], runs[1],
         runs[2]);
  return 0;
}
