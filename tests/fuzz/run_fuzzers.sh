#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for SECONDS
# (default 60), starting from the seed corpus in tests/fuzz/corpus/<target>. Prints each
# target's executions per second and coverage; fails on any crash, leak, timeout or OOM.
#   tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(transaction_csv side_files case_file field_parsers case_validator writers)
build=$root/build-fuzz
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DMONEYTRAIL_SANITIZER=fuzzer -DMONEYTRAIL_BUILD_BENCH=OFF \
  -DMONEYTRAIL_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null
# Each target runs in its own process, as many at once as there are cores (each keeps its full
# SECONDS); results are reported in target order.
fuzz_one() {
  local t=$1 corpus=$build/corpus/$1 log=$build/fuzz_$1.log
  rm -f "$log.result"
  mkdir -p "$corpus"
  cp -n "$root/tests/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true
  if (cd "$build" && ./tests/fuzz/fuzz_$t "$corpus" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 >"$log" 2>&1); then
    echo ok >"$log.result"
  else
    echo FAILED >"$log.result"
  fi
}
pids=()
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
  fuzz_one "$t" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
status=0
passed=0
failed=0
for t in "${targets[@]}"; do
  log=$build/fuzz_$t.log
  result=$(cat "$log.result" 2>/dev/null || echo FAILED)
  [ "$result" = ok ] || status=1
  execs=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  printf 'fuzz %-16s %-6s %8s s %10s runs %8s exec/s  coverage %6s edges\n' "$t" "$result" "$seconds" "$runs" "$execs" "$cov"
  if [ "$result" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); tail -40 "$log"; fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
