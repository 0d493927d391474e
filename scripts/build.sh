#!/usr/bin/env bash
# Configures and builds everything against one LLVM major with the CMake preset of that major
# (CMakePresets.json: build/ for 19, build-llvm22/ for 22), two jobs: the machines have two
# cores. A new build directory gets Ninja; an existing one keeps its generator.
# usage: scripts/build.sh [19|22]   (default 19)
set -euo pipefail
cd "$(dirname "$0")/.."
major=${1:-19}
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}
cmake --preset "llvm$major" >/dev/null
cmake --build --preset "llvm$major" -j2
