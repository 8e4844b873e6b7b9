#!/bin/bash
# Tracing benchmark: a generated case of N transactions (default 10M, N/1000 victims, 10,000 at
# 10M), then (1) the library timings of bench/trace_bench.cpp, (2) `moneytrail trace` end to end
# on the case file for one victim, (3) the batch of every victim on both cores, and restitution
# for all of them (target 3 minutes), and (4) side by
# side on a 200k case, moneytrail against the plain Python reference implementation of the same
# rules (tests/algorithms/tracing/trace_reference.py), with their ratio.
#   bench/trace_bench.sh [BUILD_DIR] [WORK_DIR] [N]
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/moneytrail-trace-bench}
n=${3:-10000000}
bin=$build/moneytrail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
secs() { local s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }

dir=$work/$n
if [ ! -f "$dir/case.mtc" ]; then
  "$bin" generate --transactions "$n" --accounts $((n / 10)) --groups 8 --victims $((n / 1000)) \
    --seed 1 -o "$dir" >/dev/null
  "$bin" ingest "$dir/transactions.csv" --accounts "$dir/accounts.csv" --rates "$dir/rates.csv" \
    -o "$dir/case.mtc" --quiet
fi
"$build/bench/trace_bench" "$dir/case.mtc" --victims $((n / 1000))
# One seed set per victim: all of the victim's payments.
awk -F, 'NR > 1 && $15 == "victim_payment" { ids[$3] = ids[$3] ? ids[$3] "," $1 : $1 }
         END { for (v in ids) print ids[v] }' "$dir/transactions.csv" | sort >"$dir/victims.txt"
first=$(head -1 "$dir/victims.txt")
echo "end to end, one victim (load included): $(secs "$bin" trace "$dir/case.mtc" --tx "$first" --quiet) s"
echo "batch, $(wc -l <"$dir/victims.txt") victims, both cores (load included):" \
  "$(secs "$bin" trace "$dir/case.mtc" --tx-file "$dir/victims.txt" --format csv --quiet -o "$dir/batch.csv") s"
echo "restitution, $(wc -l <"$dir/victims.txt") victims, both cores (load included):" \
  "$(secs "$bin" restitution "$dir/case.mtc" --tx-file "$dir/victims.txt" --quiet -o "$dir/restitution.json") s"

small=$work/200000
if [ ! -f "$small/transactions.csv" ]; then
  "$bin" generate --transactions 200000 --accounts 20000 --seed 1 -o "$small" >/dev/null
fi
# The reference reads epoch timestamps: write a copy with them.
python3 - "$small" <<'PY'
import csv, sys, datetime
d = sys.argv[1]
with open(f"{d}/transactions.csv") as f, open(f"{d}/epoch.csv", "w", newline="") as g:
    r = csv.DictReader(f); w = csv.DictWriter(g, r.fieldnames); w.writeheader()
    for row in r:
        row["timestamp"] = int(datetime.datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00")).timestamp())
        w.writerow(row)
PY
seed=$(awk -F, '$15 == "victim_payment" { print $1; exit }' "$small/transactions.csv")
ours=$(secs "$bin" trace "$small/epoch.csv" --accounts "$small/accounts.csv" --rates "$small/rates.csv" \
  --tx "$seed" --quiet)
peer=$(secs /usr/bin/python3 "$here/../tests/algorithms/tracing/trace_reference.py" "$small/epoch.csv" \
  --accounts "$small/accounts.csv" --tx "$seed")
echo "200k case, one victim, fifo, end to end: moneytrail $ours s, Python reference $peer s," \
  "ratio $(echo "scale=4; $ours / $peer" | bc)"
