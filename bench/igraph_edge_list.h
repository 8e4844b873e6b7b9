/* Reads the weighted edge lists the moneytrail benches write for their igraph peers ("n" on the
 * first line, then "source target weight" per line) into an igraph graph and its weights. */
#ifndef MONEYTRAIL_BENCH_IGRAPH_EDGE_LIST_H
#define MONEYTRAIL_BENCH_IGRAPH_EDGE_LIST_H

#include <igraph/igraph.h>
#include <stdio.h>

/* Returns 0 on success; `weights` must be uninitialised. */
static int read_edge_list(const char* path, igraph_bool_t directed, igraph_t* graph,
                          igraph_vector_t* weights) {
  FILE* in = fopen(path, "r");
  if (!in) return 1;
  long n = 0;
  if (fscanf(in, "%ld", &n) != 1) {
    fclose(in);
    return 1;
  }
  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 0);
  igraph_vector_init(weights, 0);
  long u, v;
  double w;
  while (fscanf(in, "%ld %ld %lf", &u, &v, &w) == 3) {
    igraph_vector_int_push_back(&edges, u);
    igraph_vector_int_push_back(&edges, v);
    igraph_vector_push_back(weights, w);
  }
  fclose(in);
  igraph_create(graph, &edges, n, directed);
  igraph_vector_int_destroy(&edges);
  return 0;
}

#endif
