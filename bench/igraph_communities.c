/* The peer for bench/community_bench.sh: igraph's multilevel (Louvain) and Leiden on the same
 * weighted undirected edge list ("n" on the first line, then "u v weight"), timing only the
 * community calls. Leiden optimises modularity (node weights = strengths, resolution 1/2m) with
 * igraph's default beta 0.01 and the same number of iterations as moneytrail's default (2). */
#include <igraph/igraph.h>
#include <stdio.h>
#include <time.h>

#include "igraph_edge_list.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  igraph_t graph;
  igraph_vector_t weights;
  if (read_edge_list(argv[1], IGRAPH_UNDIRECTED, &graph, &weights) != 0) return 1;
  igraph_rng_seed(igraph_rng_default(), 1);

  igraph_vector_int_t membership;
  igraph_vector_int_init(&membership, 0);
  igraph_vector_t levels;
  igraph_vector_init(&levels, 0);
  double start = now();
  igraph_community_multilevel(&graph, &weights, 1.0, &membership, NULL, &levels);
  double louvain = now() - start;
  printf("igraph multilevel: %.3f s, modularity %.6f\n", louvain,
         VECTOR(levels)[igraph_vector_size(&levels) - 1]);

  igraph_vector_t strength;
  igraph_vector_init(&strength, 0);
  igraph_strength(&graph, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &weights);
  double total = igraph_vector_sum(&weights);
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0;
  start = now();
  igraph_community_leiden(&graph, &weights, &strength, 1.0 / (2 * total), 0.01, 0, 2, &membership,
                          &clusters, &quality);
  double leiden = now() - start;
  igraph_real_t q = 0;
  igraph_modularity(&graph, &membership, &weights, 1.0, IGRAPH_UNDIRECTED, &q);
  printf("igraph leiden: %.3f s, modularity %.6f, %ld communities\n", leiden, q, (long)clusters);
  return 0;
}
