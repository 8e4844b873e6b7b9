#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), and the
# tests of the parallel code (loaders' pipelines, adjacency build, betweenness workers) under
# ThreadSanitizer (build-tsan/). Each build has its own directory; any report fails the run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

cmake -S "$root" -B "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMONEYTRAIL_SANITIZER=address \
  -DMONEYTRAIL_BUILD_BENCH=OFF >/dev/null
cmake --build "$root/build-asan" -j "$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs"

cmake -S "$root" -B "$root/build-tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMONEYTRAIL_SANITIZER=thread \
  -DMONEYTRAIL_BUILD_BENCH=OFF -DMONEYTRAIL_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$root/build-tsan" -j "$jobs" --target graph_tests io_tests scenario_tests algorithm_tests >/dev/null
for t in graph_tests io_tests scenario_tests algorithm_tests; do
  echo "ThreadSanitizer: $t"
  (cd "$root" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 "$root/build-tsan/tests/$t" --gtest_brief=1)
done
