#!/usr/bin/env python3
"""The torture set (tests/torture/generate.py, full scale: rings and dense cycles of up to
5,000 helpers, a 30,000-deep helper chain, 20,000 coroutines, 10,000 co_awaits, nesting up to
clang's limits, 20,000-term expressions) against parsing: for each unit, wall time and peak
memory of `clang++-19 -fsyntax-only`, `async-lint -j1` and `clang-tidy-19` with the plugin,
best of N runs, and their ratios. Issue 12's bar: every ratio under 1.5x.

usage: bench/torture_vs_parse.py [--runs N] [--scale full|small] [--build build] [CASE ...]
"""
import argparse
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "torture"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import generate  # noqa: E402
from checks_vs_parse import measure  # noqa: E402

FLAGS = ["-std=c++20", "-pthread", f"-I{ROOT}/fixtures/runtime"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="full")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    lint = os.path.join(args.build, "driver", "async-lint")
    plugin = os.path.join(args.build, "driver", "libAsyncLint.so")
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="async-lint-torture-") as outdir:
        cases = generate.generate(outdir, args.scale)
        print(f"{'case':18} {'parse':>7} {'lint':>7} {'ratio':>6} {'memory':>7}"
              f" {'tidy':>7} {'ratio':>6} {'memory':>7}")
        for case in sorted(cases):
            if args.cases and case not in args.cases:
                continue
            unit = os.path.join(outdir, case + ".cpp")
            parse = measure(["clang++-19", "-fsyntax-only", *FLAGS, unit], args.runs)
            cli = measure([lint, "-j1", unit, "--", *FLAGS], args.runs)
            tidy = measure(["clang-tidy-19", f"--load={plugin}", "--checks=-*,async-*",
                            "--quiet", "--config={}", unit, "--", *FLAGS], args.runs)
            ratios = [cli[0] / parse[0], tidy[0] / parse[0]]
            worst = max(worst, *ratios)
            print(f"{case:18} {parse[0]:6.2f}s {cli[0]:6.2f}s {ratios[0]:5.2f}x "
                  f"{cli[1] / parse[1]:6.2f}x {tidy[0]:6.2f}s {ratios[1]:5.2f}x "
                  f"{tidy[1] / parse[1]:6.2f}x", flush=True)
    print(f"worst time ratio: {worst:.2f}x (bar: 1.5x)")


if __name__ == "__main__":
    main()
