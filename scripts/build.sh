#!/usr/bin/env bash
# Configures (once) and builds everything into build/, two jobs: the machines have two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f build/build.ninja ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
cmake --build build -j2
