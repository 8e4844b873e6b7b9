#!/usr/bin/env bash
# Code-shape checks: every C++ file formatted as .clang-format says, and clang-tidy with the checks
# in .clang-tidy on the data path's core (graph/, io/csv, io/util, algorithms/tracing,
# algorithms/components: about two minutes on 2 cores), or on every source with --all (about
# half an hour; run it before a large change lands). Needs build/compile_commands.json.
#   scripts/lint.sh [--all]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v '^tests/fuzz/corpus/')
unformatted=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "lint: not formatted (run clang-format -i on them):" "${unformatted[@]}"
  exit 1
fi
echo "lint: ${#files[@]} files formatted"
if [[ "${1:-}" == "--all" ]]; then
  sources=$(git ls-files '*.cpp' | grep -v -e '^tests/fuzz/' -e '^bench/' -e '^examples/installed/')
else
  sources=$(git ls-files 'graph/*.cpp' 'io/csv/*.cpp' 'io/util/*.cpp' 'algorithms/tracing/*.cpp' \
    'algorithms/components/*.cpp')
fi
count=$(echo "$sources" | wc -l)
if ! echo "$sources" | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet >/tmp/lint-tidy.$$ 2>&1; then
  grep -E 'warning:|error:' /tmp/lint-tidy.$$ | sort -u
  rm -f /tmp/lint-tidy.$$
  echo "lint: clang-tidy found problems"
  exit 1
fi
rm -f /tmp/lint-tidy.$$
echo "lint: clang-tidy clean on $count files"
