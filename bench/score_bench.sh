#!/usr/bin/env bash
# Batch scoring on a generated case, each step timed, peak memory against the graph, and beside it
# igraph computing the graph features (PageRank, coreness, degree) on the same flow edges, in one
# run. Default: the 10M-transaction case made by bench/ingest_bench.sh.
#   bench/score_bench.sh [CASE.mtc]
# Needs Debian's libigraph-dev for the peer. Not run by CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case_file=${1:-/tmp/moneytrail-bench/10000000/case.mtc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/igraph_graph_features" "$root/bench/igraph_graph_features.c" $(pkg-config --cflags --libs igraph)
"$root/build/bench/score_bench" "$case_file" --edges "$work/flows.txt" | tee "$work/ours.txt"
"$work/igraph_graph_features" "$work/flows.txt" | tee "$work/peer.txt"
ours=$(grep -o "score total (flow view + pipeline): [0-9.]* s" "$work/ours.txt" | grep -o "[0-9.]* s" | cut -d" " -f1)
peer=$(grep -o '[0-9.]* s' "$work/peer.txt" | cut -d' ' -f1)
awk -v a="$ours" -v b="$peer" 'BEGIN { printf "ratio moneytrail whole score / igraph PageRank, coreness and degree: %.2f\n", a / b }'
