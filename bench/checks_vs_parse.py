#!/usr/bin/env python3
"""What the async checks cost next to parsing: for each translation unit, the wall time and
peak memory of `clang++-19 -fsyntax-only` and of stock `clang-tidy-19` with the plugin and only
the async checks (which parses the TU too), run one at a time, best of N runs each.

Prints per-TU ratios and the totals, median and 90th percentile. With --floor, also times
clang-tidy with one trivial built-in check (readability-else-after-return): the cost of
clang-tidy itself (its AST traversal), which no check can go below.

With --database BUILD_DIR (a real project's compile_commands.json, such as bench/ecosystem's
/work/ecosystem/build/NAME), the first --units C++ entries are timed with their own compile
commands: the command with -fsyntax-only for the parse, `clang-tidy -p BUILD_DIR` for the checks.

usage: bench/checks_vs_parse.py [--runs N] [--plugin build/driver/libAsyncLint.so] [--floor]
                                [TU.cpp ... | --database BUILD_DIR [--units N]]
       (default TUs: every fixture program)
"""
import argparse
import glob
import json
import math
import os
import shlex
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLAGS = ["-std=c++20", "-pthread", f"-I{ROOT}/fixtures/runtime",
         "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE"]


def measure(argv, runs):
    """Best wall time (s) and the peak resident memory (MiB) of the child over `runs` runs."""
    best = float("inf")
    peak = 0
    for _ in range(runs):
        start = time.perf_counter()
        pid = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).pid
        _, _, usage = os.wait4(pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def database_units(build_dir, count):
    """(file, directory, the parse command) of the database's first `count` C++ entries."""
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        entries = json.load(f)
    units = []
    for entry in entries:
        file = os.path.join(entry["directory"], entry["file"])
        if not file.endswith((".cpp", ".cc", ".cxx")) or len(units) == count:
            continue
        argv = entry.get("arguments") or shlex.split(entry["command"])
        parse, skip = ["clang++-19", "-fsyntax-only"], False
        for arg in argv[1:]:
            if skip or arg in ("-c", "-o") or arg.startswith("-o"):
                skip = arg == "-o"
                continue
            parse.append(arg)
        units.append((file, entry["directory"], parse))
    return units


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plugin", default=f"{ROOT}/build/driver/libAsyncLint.so")
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--database", metavar="BUILD_DIR")
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("tus", nargs="*")
    args = parser.parse_args()
    if args.database:
        units = database_units(args.database, args.units)
        where = ["-p", args.database]
    else:
        tus = args.tus or sorted(t for t in glob.glob(f"{ROOT}/fixtures/**/*.cpp", recursive=True)
                                 if "/runtime/" not in t)
        units = [(tu, ROOT, ["clang++-19", "-fsyntax-only", *FLAGS, tu]) for tu in tus]
        where = []
    rows = []
    for tu, directory, parse_command in units:
        flags = where + [tu] + ([] if where else ["--", *FLAGS])
        os.chdir(directory)
        parse = measure(parse_command, args.runs)
        tidy = measure(["clang-tidy-19", f"--load={args.plugin}", "--checks=-*,async-*",
                        "--quiet", "--config={}", *flags], args.runs)
        floor = measure(["clang-tidy-19", "--checks=-*,readability-else-after-return",
                         "--quiet", "--config={}", *flags], args.runs) if args.floor else None
        rows.append((os.path.relpath(tu, ROOT), parse, tidy, floor))
        print(f"{rows[-1][0]:60} parse {parse[0]:6.2f}s  tidy {tidy[0]:6.2f}s  "
              f"ratio {tidy[0] / parse[0]:5.2f}  memory {tidy[1] / parse[1]:5.2f}x" +
              (f"  floor ratio {floor[0] / parse[0]:5.2f}" if floor else ""), flush=True)
    ratios = sorted(t[0] / p[0] for _, p, t, _ in rows)
    total_parse = sum(p[0] for _, p, _, _ in rows)
    total_tidy = sum(t[0] for _, _, t, _ in rows)
    print(f"\n{len(rows)} TUs, best of {args.runs} runs each")
    print(f"total: -fsyntax-only {total_parse:.1f}s, clang-tidy with async-* {total_tidy:.1f}s, "
          f"ratio {total_tidy / total_parse:.2f}")
    print(f"per TU: median ratio {statistics.median(ratios):.2f}, "
          f"90th percentile {ratios[math.ceil(0.9 * len(ratios)) - 1]:.2f}, max {ratios[-1]:.2f}")
    print(f"peak memory: median ratio "
          f"{statistics.median(t[1] / p[1] for _, p, t, _ in rows):.2f}")
    if args.floor:
        total_floor = sum(f[0] for _, _, _, f in rows)
        print(f"clang-tidy floor (one trivial check): ratio {total_floor / total_parse:.2f}; "
              f"the async checks add {(total_tidy - total_floor) / total_parse:.2f} of a parse")


if __name__ == "__main__":
    main()
