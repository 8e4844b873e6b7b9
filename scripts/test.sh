#!/usr/bin/env bash
# Every test moneytrail has, as CI runs them: set-up and Release build, the test suite, the format
# and clang-tidy checks (scripts/lint.sh), the suite again under ASan + UBSan, the parallel code
# under TSan, and a 60-second run of each fuzz target.
#   scripts/test.sh            all of it (about 19 minutes on 2 cores from a clean clone)
#   scripts/test.sh --quick    set-up, build and the Release suite only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh --tests
ctest --test-dir build --output-on-failure -j "$(nproc)"
if [[ "${1:-}" != "--quick" ]]; then
  bash scripts/lint.sh
  bash scripts/sanitize.sh
  bash tests/fuzz/run_fuzzers.sh 60
fi
