#!/usr/bin/env bash
# Ingest benchmark at 1M and 10M generated transactions (docs/performance.md has the results).
#   bench/ingest_bench.sh [SIZE ...]        default: 1000000 10000000
# For each size it generates a scenario (accounts = transactions / 10), then measures in one run:
#   - generate time (target: 10M in <= 60 s)
#   - CSV -> graph and case file -> graph throughput (Google Benchmark, wall clock)
#   - `moneytrail ingest` and `moneytrail stats CASE` end to end: wall time and peak RSS
#   - resident bytes per transaction of the loaded graph (RSS after loading a case file)
#   - the peer: python-igraph reading the same edges as an NCOL edge list (C parser), the usual
#     way an analyst gets such a file into igraph; ratio = moneytrail CSV load / igraph load.
# Needs the Release build (scripts/setup.sh) and Debian's python3-igraph. Not run by CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/moneytrail
bench=$root/build/bench/ingest_bench
work=${MONEYTRAIL_BENCH_WORK:-/tmp/moneytrail-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)

source "$root/bench/measure.sh"

printf '%-10s %-34s %12s %12s\n' size measure value unit
for n in "${sizes[@]}"; do
  dir=$work/$n
  mkdir -p "$dir"
  read -r gen_s gen_kib < <(measure "$bin" generate --transactions "$n" --accounts $((n / 10)) \
    --groups 8 --victims $((n / 5000 > 20 ? n / 5000 : 20)) --seed 1 -o "$dir")
  printf '%-10s %-34s %12s %12s\n' "$n" "generate" "$gen_s" s
  read -r ingest_s ingest_kib < <(measure "$bin" ingest "$dir/transactions.csv" -o "$dir/case.mtc" --quiet)
  printf '%-10s %-34s %12s %12s\n' "$n" "ingest CSV -> case file" "$ingest_s" s
  printf '%-10s %-34s %12.0f %12s\n' "$n" "ingest peak RSS" "$(calc "$ingest_kib / 1024")" MiB
  read -r stats_s stats_kib < <(measure "$bin" stats "$dir/case.mtc" --format json --quiet)
  printf '%-10s %-34s %12s %12s\n' "$n" "stats on the case file" "$stats_s" s
  printf '%-10s %-34s %12.1f %12s\n' "$n" "stats peak RSS per transaction" "$(calc "$stats_kib * 1024 / $n")" B
  MONEYTRAIL_BENCH_DIR=$dir "$bench" --benchmark_format=json >"$dir/bench.json" 2>/dev/null
  /usr/bin/python3 - "$dir/bench.json" "$n" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for b in data["benchmarks"]:
    name = b["name"].split("/")[0].replace("BM_", "")
    print(f"{sys.argv[2]:<10} {name + ' transactions/s':<34} {b['transactions/s']:12.0f} {'tx/s':>12}")
    print(f"{sys.argv[2]:<10} {name + ' MB/s':<34} {b['MB/s']:12.1f} {'MB/s':>12}")
PY
  # Peer: the same edges as an NCOL file read by igraph's C parser.
  awk -F, 'NR > 1 { print $3 " " $4 " " $5 }' "$dir/transactions.csv" >"$dir/edges.ncol"
  read -r peer_s peer_kib < <(measure /usr/bin/python3 -c "import igraph,sys; g=igraph.Graph.Read_Ncol('$dir/edges.ncol', names=True, weights=True, directed=True); print(g.ecount())")
  read -r ours_s ours_kib < <(measure "$bin" stats "$dir/transactions.csv" --format json --quiet)
  printf '%-10s %-34s %12s %12s\n' "$n" "peer: igraph Read_Ncol (edges only)" "$peer_s" s
  printf '%-10s %-34s %12s %12s\n' "$n" "moneytrail stats on the CSV" "$ours_s" s
  printf '%-10s %-34s %12.2f %12s\n' "$n" "ratio moneytrail / igraph" "$(calc "$ours_s / $peer_s")" x
  printf '%-10s %-34s %12.0f %12.0f\n' "$n" "peak RSS MiB moneytrail / igraph" "$(calc "$ours_kib / 1024")" "$(calc "$peer_kib / 1024")"
done
