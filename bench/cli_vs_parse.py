#!/usr/bin/env python3
"""What a whole-project lint costs next to parsing the project: for a generated corpus
(bench/make_corpus.py, 240 TUs by default) and for the fixture programs, the wall time and
peak memory of
  - `clang++-19 -fsyntax-only`, one process per TU, one at a time;
  - stock `clang-tidy-19` with the plugin and `--checks=-*,async-*`, one process per TU, one
    at a time (as `run-clang-tidy -j1` runs it);
  - `async-lint -j1` and `async-lint -j2`, one process over the compilation database.
Wall times are totals (for one-process-per-TU tools, the sum over the TUs of each TU's best
of --runs runs; for async-lint, its best of --runs runs); peak memory is the maximum over
the processes. Prints each as a ratio to -fsyntax-only and whether the targets are met:
async-lint -j1 at most 1.15x -fsyntax-only, -j2 at least 1.8x faster than -j1.

usage: bench/cli_vs_parse.py [--build DIR] [--corpus DIR] [--units N] [--skip-fixtures]
                             [--runs N]
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import checks_vs_parse
import make_corpus

ROOT = checks_vs_parse.ROOT
COMPILE_FLAGS = re.compile(r"//\s*compile-flags:(.*)$", re.MULTILINE)
TARGET_J1 = 1.15  # async-lint -j1 at most this multiple of -fsyntax-only
TARGET_SPEEDUP = 1.8  # async-lint -j2 at least this much faster than -j1


def run_child(argv, cwd=None):
    """(wall seconds, peak RSS in MiB, exit status) of one child process."""
    start = time.perf_counter()
    pid = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL).pid
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best_of(argv, runs, cwd=None):
    results = [run_child(argv, cwd) for _ in range(runs)]
    return (min(r[0] for r in results), max(r[1] for r in results), results[-1][2])


def per_unit(label, argvs, runs):
    """Runs each argv in turn: (total of the best walls, peak RSS, units that failed)."""
    total, peak, failed = 0.0, 0.0, 0
    for n, argv in enumerate(argvs, 1):
        wall, rss, status = best_of(argv, runs)
        total, peak, failed = total + wall, max(peak, rss), failed + (status != 0)
        print(f"\r  {label}: {n}/{len(argvs)} TUs, {total:.1f} s", end="", file=sys.stderr,
              flush=True)
    print(file=sys.stderr)
    return {"wall": total, "rss": peak, "note": f"{failed} TUs failed" if failed else ""}


def fixture_database(out_dir):
    """compile_commands.json for the fixture programs, with the harness's flags."""
    entries = []
    for tu in sorted(glob.glob(f"{ROOT}/fixtures/**/*.cpp", recursive=True)):
        if "/runtime/" in tu:
            continue
        with open(tu) as f:
            extra = [flag for m in COMPILE_FLAGS.finditer(f.read()) for flag in m.group(1).split()]
        argv = ["clang++-19", *checks_vs_parse.FLAGS, *extra, "-c", tu]
        entries.append({"directory": out_dir, "command": shlex.join(argv), "file": tu})
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)
    return entries


def async_lint(binary, database, root, jobs, runs, report):
    """One async-lint run over the database; reads its json report for a sanity line."""
    if not os.path.exists(binary):
        return {"wall": None, "rss": None, "note": "missing"}
    # --no-cache: every run analyses every TU (bench/cache.py measures the cache).
    argv = [binary, "-p", database, f"-j{jobs}", "--root", root, "--format", "json",
            "--output", report, "--quiet", "--no-cache"]
    print(f"  async-lint -j{jobs} ...", file=sys.stderr, flush=True)
    wall, rss, status = best_of(argv, runs)
    note = f"exit {status}"
    try:
        with open(report) as f:
            result = json.load(f)
        units = result.get("units")
        units = len(units) if isinstance(units, list) else units
        note += (f", {units} TUs, {len(result.get('findings', []))} findings"
                 f"{planted_count(database)}, {len(result.get('failedUnits', []))} failed")
    except (OSError, ValueError) as error:
        note += f", no json report ({error.__class__.__name__})"
    return {"wall": wall, "rss": rss, "note": note}


def planted_count(database):
    """" (N planted)" for a corpus whose expected.json lists its planted findings."""
    try:
        with open(os.path.join(database, "expected.json")) as f:
            return f" ({len(json.load(f)['findings'])} planted)"
    except (OSError, ValueError, KeyError):
        return ""


def measure_set(name, entries, database, root, args, scratch):
    print(f"{name}: {len(entries)} TUs", file=sys.stderr)
    plugin = os.path.join(args.build, "driver", "libAsyncLint.so")
    binary = os.path.join(args.build, "driver", "async-lint")
    rows = {}
    rows["parse"] = per_unit("clang++-19 -fsyntax-only",
                             [make_corpus.syntax_only_argv(e) for e in entries], args.runs)
    rows["tidy"] = per_unit("clang-tidy-19 + plugin",
                            [["clang-tidy-19", f"--load={plugin}", "--checks=-*,async-*",
                              f"--header-filter={re.escape(root)}/.*", "--quiet",
                              "-p", database, e["file"]] for e in entries], args.runs)
    report = os.path.join(scratch, f"{name}-report.json")
    rows["j1"] = async_lint(binary, database, root, 1, args.runs, report)
    rows["j2"] = async_lint(binary, database, root, 2, args.runs, report)
    return {"name": name, "units": len(entries), "rows": rows}


LABELS = {"parse": "clang++-19 -fsyntax-only (1 process/TU)",
          "tidy": "clang-tidy-19 --load plugin (1 process/TU)",
          "j1": "async-lint -j1 (1 process)",
          "j2": "async-lint -j2 (1 process)"}


def cell(row, parse):
    if row["wall"] is None:
        return f"{row['note']:>28}"
    return f"{row['wall']:8.1f} s {row['wall'] / parse['wall']:5.2f}x {row['rss']:6.0f} MiB"


def verdict(ok):
    return "met" if ok else "NOT met"


def print_report(sets, args):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), "unknown CPU")
    llvm = subprocess.run(["clang++-19", "--version"], capture_output=True,
                          text=True).stdout.splitlines()[0]
    print(f"machine: {len(os.sched_getaffinity(0))} cores (nproc), {cpu}, {llvm}; "
          f"best of {args.runs} run(s)")
    print(f"{'':44}" + "".join(f"{s['name'] + ' (' + str(s['units']) + ' TUs)':>30}"
                               for s in sets))
    print(f"{'':44}" + f"{'wall   ratio    peak RSS':>30}" * len(sets))
    for key, label in LABELS.items():
        print(f"{label:44}" + "".join(f"  {cell(s['rows'][key], s['rows']['parse'])}"
                                      for s in sets))
    for s in sets:
        rows = s["rows"]
        notes = "; ".join(f"{k}: {rows[k]['note']}" for k in LABELS if rows[k]["note"])
        if notes:
            print(f"{s['name']}: {notes}")
        if rows["j1"]["wall"] is None or rows["j2"]["wall"] is None:
            print(f"{s['name']}: targets not measured (async-lint missing)")
            continue
        ratio = rows["j1"]["wall"] / rows["parse"]["wall"]
        speedup = rows["j1"]["wall"] / rows["j2"]["wall"]
        print(f"{s['name']}: async-lint -j1 / -fsyntax-only {ratio:.2f} (target <= "
              f"{TARGET_J1}: {verdict(ratio <= TARGET_J1)}); -j1 / -j2 speed-up "
              f"{speedup:.2f}x (target >= {TARGET_SPEEDUP}: {verdict(speedup >= TARGET_SPEEDUP)})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="build directory holding driver/async-lint and the plugin")
    parser.add_argument("--corpus", help="a corpus made by bench/make_corpus.py "
                                         "(default: generate one in a temporary directory)")
    parser.add_argument("--units", type=int, default=240,
                        help="TUs of the generated corpus (default 240)")
    parser.add_argument("--skip-fixtures", action="store_true")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    scratch = tempfile.mkdtemp(prefix="async-lint-bench-")
    try:
        corpus = os.path.abspath(args.corpus) if args.corpus else os.path.join(scratch, "corpus")
        if args.corpus:
            with open(os.path.join(corpus, "compile_commands.json")) as f:
                entries = json.load(f)
        else:
            entries = make_corpus.generate(corpus, args.units)
        sets = [measure_set("corpus", entries, corpus, corpus, args, scratch)]
        if not args.skip_fixtures:
            database = os.path.join(scratch, "fixtures")
            os.makedirs(database)
            sets.append(measure_set("fixtures", fixture_database(database), database,
                                    os.path.join(ROOT, "fixtures"), args, scratch))
        print_report(sets, args)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
