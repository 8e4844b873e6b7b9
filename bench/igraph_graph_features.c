/* The peer for bench/score_bench.sh: the graph features a graph library gives for scoring, on the
 * same weighted flow edge list ("n" on the first line, then "source target value"): igraph's
 * PRPACK PageRank (value weights), coreness (in and out together) and degree. Times the three
 * calls together, as moneytrail's features step computes them among its 25 features. */
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
  igraph_vector_int_t core, degree;
  igraph_vector_init(&rank, 0);
  igraph_vector_int_init(&core, 0);
  igraph_vector_int_init(&degree, 0);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  igraph_pagerank(&graph, IGRAPH_PAGERANK_ALGO_PRPACK, &rank, NULL, igraph_vss_all(), 1, 0.85,
                  &weights, NULL);
  igraph_coreness(&graph, &core, IGRAPH_ALL);
  igraph_degree(&graph, &degree, igraph_vss_all(), IGRAPH_ALL, 1);
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("igraph graph features (PageRank, coreness, degree): %.3f s\n",
         (end.tv_sec - start.tv_sec) + 1e-9 * (end.tv_nsec - start.tv_nsec));
  return 0;
}
