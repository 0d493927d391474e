#!/usr/bin/env bash
# The README's first command: set up, build, lint the bundled example with async-lint (the
# same checks as the clang-tidy plugin), then run the example under the runtime's debug oracle and print its verdict.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p build
scripts/build.sh >build/build.log 2>&1 || { cat build/build.log; exit 1; }

example=fixtures/examples/crawler.cpp
flags=(-std=c++20 -pthread -Ifixtures/runtime)

echo "== build/driver/async-lint $example"
build/driver/async-lint "$example" -- "${flags[@]}" || true

echo
echo "== the oracle: $example built with clang++-19 and run with AIO_DEBUG=1"
clang++-19 "${flags[@]}" "$example" -o build/crawler-example
events=build/crawler-example.events.jsonl
rm -f "$events"
status=0
AIO_DEBUG=1 AIO_DEBUG_FILE="$events" build/crawler-example >/dev/null || status=$?
echo "exit status: $status"
cat "$events"
