#!/usr/bin/env bash
# The README's test command: set up, build, run every test with ctest, against one LLVM major.
# .ci/run runs it for each major. usage: scripts/test.sh [19|22] [ctest arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
major=19
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
  major=$1
  shift
fi
scripts/setup.sh "$major"
scripts/build.sh "$major"
ctest --preset "llvm$major" "$@"
