#!/usr/bin/env bash
# Bank statement benchmark (docs/performance.md has the results). Generates a scenario of SIZE
# transactions written as per-bank statement retrievals (default 1,000,000 transactions, about
# 1.08M statement rows), copies them to GB18030, and measures in one run:
#   - statement_bench on one core: reading, merging both sides, building the graph (rows/s into
#     the graph; the issue's target is 500,000 rows/s, UTF-8 or GBK), three runs each
#   - `moneytrail ingest` of the statements end to end: wall time, peak RSS, bytes per row
#   - the peer: Python's csv module, a dict-based two-sided merge and python-igraph building the
#     graph (bench/statement_peer.py); ratio = moneytrail / peer wall time
# Needs the Release build (scripts/setup.sh) and Debian's python3-igraph. Not run by CI.
#   bench/statement_bench.sh [SIZE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/moneytrail
bench=$root/build/bench/statement_bench
n=${1:-1000000}
work=${MONEYTRAIL_BENCH_WORK:-/tmp/moneytrail-bench}/statements-$n
mkdir -p "$work"

source "$root/bench/measure.sh"

if [ ! -f "$work/statements/ICBC.csv" ]; then
  "$bin" generate --transactions "$n" --accounts $((n / 10)) --groups 8 \
    --victims $((n / 5000 > 20 ? n / 5000 : 20)) --seed 1 --statements -o "$work" >/dev/null
fi
mapfile -t utf8 < <(ls "$work"/statements/*.csv | grep -v truth_)
mkdir -p "$work/gbk"
gbk=()
for f in "${utf8[@]}"; do
  g=$work/gbk/$(basename "$f")
  [ -f "$g" ] || iconv -f UTF-8 -t GB18030 "$f" >"$g"
  gbk+=("$g")
done
rows=$(cat "${utf8[@]}" | wc -l)
rows=$((rows - ${#utf8[@]}))
echo "$rows statement rows in ${#utf8[@]} files"

for run in 1 2 3; do
  echo "UTF-8 run $run: $("$bench" "${utf8[@]}" | tail -1)"
done
for run in 1 2 3; do
  echo "GB18030 run $run: $("$bench" "${gbk[@]}" | tail -1)"
done

read -r ingest_s ingest_kib < <(measure "$bin" ingest "${utf8[@]}" -o "$work/case.mtc" --quiet)
echo "moneytrail ingest (statements -> case file): $ingest_s s, peak $(calc "$ingest_kib / 1024") MiB," \
  "$(calc "$ingest_kib * 1024 / $rows") B per row"
read -r peer_s peer_kib < <(measure /usr/bin/python3 "$root/bench/statement_peer.py" utf-8 "${utf8[@]}")
echo "peer (csv + dict merge + igraph): $peer_s s, peak $(calc "$peer_kib / 1024") MiB"
echo "ratio moneytrail ingest / peer: $(calc "$ingest_s / $peer_s")"
/usr/bin/python3 "$root/bench/statement_peer.py" utf-8 "${utf8[@]}"
