#!/usr/bin/env bash
# The README's test command: set up, build, run every test with ctest. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --test-dir build -j2 --output-on-failure "$@"
