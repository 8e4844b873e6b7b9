#!/usr/bin/env bash
# Installs what is missing on Debian 12, then configures and builds moneytrail in Release.
# Safe to run again: apt-get skips installed packages and cmake rebuilds only what changed.
#   scripts/setup.sh            build dependencies + build
#   scripts/setup.sh --tests    also what the tests use: networkx and igraph as references, clang
#                               with its libFuzzer and sanitizer runtimes, Graphviz, Chromium
# The HTML report inlines cytoscape.js, pinned in web/package.json and installed here with npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libboost-graph-dev libboost-program-options-dev
  libeigen3-dev libprotobuf-dev protobuf-compiler libgtest-dev libgmock-dev libbenchmark-dev
  zlib1g-dev robin-map-dev nlohmann-json3-dev libssl-dev xlsx2csv)
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(python3 python3-networkx python3-numpy python3-scipy python3-igraph python3-openpyxl
    clang libclang-rt-14-dev clang-format clang-tidy graphviz chromium libxml2-dev)
fi
# Node.js and npm from Debian unless the machine already has them (e.g. from NodeSource).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f web/node_modules/cytoscape/dist/cytoscape.min.js ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error) ||
    echo "setup: npm ci in web/ failed; HTML reports stay unavailable until it succeeds" >&2
fi

jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$jobs"
