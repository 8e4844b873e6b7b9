#!/usr/bin/env bash
# Louvain and Leiden against igraph's multilevel and Leiden on the undirected flow view of a
# generated case, in one run, as time ratios. Default: the 10M-transaction case made by
# bench/ingest_bench.sh.
#   bench/community_bench.sh [CASE.mtc]
# Needs Debian's libigraph-dev for the peer. Not run by CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case_file=${1:-/tmp/moneytrail-bench/10000000/case.mtc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/igraph_communities" "$root/bench/igraph_communities.c" $(pkg-config --cflags --libs igraph)
"$root/build/bench/community_bench" "$case_file" --edges "$work/edges.txt" | tee "$work/ours.txt"
/usr/bin/time -f "igraph peak memory: %M KB" "$work/igraph_communities" "$work/edges.txt" 2>&1 | tee "$work/peer.txt"
time_of() { grep "^$1" "$2" | grep -o '[0-9.]* s' | head -1 | cut -d' ' -f1; }
awk -v a="$(time_of louvain "$work/ours.txt")" -v b="$(time_of 'igraph multilevel' "$work/peer.txt")" \
  'BEGIN { printf "ratio moneytrail Louvain / igraph multilevel time: %.2f\n", a / b }'
awk -v a="$(time_of leiden "$work/ours.txt")" -v b="$(time_of 'igraph leiden' "$work/peer.txt")" \
  'BEGIN { printf "ratio moneytrail Leiden / igraph Leiden time: %.2f\n", a / b }'
