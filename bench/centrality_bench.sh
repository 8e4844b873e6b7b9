#!/usr/bin/env bash
# PageRank against igraph's PRPACK on the flow view of a generated case, and sampled betweenness
# (256 pivots), in one run. Default: the 10M-transaction case made by bench/ingest_bench.sh.
#   bench/centrality_bench.sh [CASE.mtc]
# Needs Debian's libigraph-dev for the peer. Not run by CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case_file=${1:-/tmp/moneytrail-bench/10000000/case.mtc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/igraph_pagerank" "$root/bench/igraph_pagerank.c" $(pkg-config --cflags --libs igraph)
"$root/build/bench/centrality_bench" "$case_file" --edges "$work/flows.txt" | tee "$work/ours.txt"
"$work/igraph_pagerank" "$work/flows.txt" | tee "$work/peer.txt"
ours=$(grep '^pagerank at total' "$work/ours.txt" | grep -o '[0-9.]* s' | head -1 | cut -d' ' -f1)
peer=$(grep -o '[0-9.]* s' "$work/peer.txt" | cut -d' ' -f1)
awk -v a="$ours" -v b="$peer" 'BEGIN { printf "ratio moneytrail / igraph PageRank time at equal accuracy: %.2f\n", a / b }'
