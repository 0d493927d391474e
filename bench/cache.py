#!/usr/bin/env python3
"""What async-lint's result cache saves: on a compile database, the wall time of
  - a cold run (an empty cache),
  - a warm run with nothing changed,
  - a warm run after editing one widely included project header,
  - a warm run after editing one .cpp,
each as a ratio to the cold run, and the last against that .cpp's own parse
(`clang++-19 -fsyntax-only`). The cold run and the header's are run once, the others best
of --runs (the .cpp edited again before each). "Editing" appends a comment: the cache
recognises files by their contents, so a bare `touch` changes nothing.

The database is a generated corpus (bench/make_corpus.py, --units TUs) or a copy of a real
project (--source DIR --build-dir DIR, or --ecosystem NAME for bench/ecosystem's configured
/work/ecosystem/{src,build}/NAME): the edits go to a scratch copy, never to the original,
and the cache is a scratch directory (--cache-dir), never beside the original database.

Targets: warm unchanged at most 5% of the cold run; one .cpp edited at most that TU's parse
time plus 10%.

usage: bench/cache.py [--build DIR] [--units N | --source DIR --build-dir DIR |
                      --ecosystem NAME] [--header FILE] [--cpp FILE] [-j N] [--runs N]
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import make_corpus

ROOT = make_corpus.ROOT
TARGET_WARM = 0.05  # warm unchanged at most this fraction of the cold run
TARGET_ONE_CPP = 1.10  # one .cpp edited at most this multiple of its parse
FROM_CACHE = re.compile(r" in (\d+) translation units?(?: \((\d+) from the cache\))?")


def timed(argv, cwd=None):
    """(wall seconds, stderr) of one run."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    return time.perf_counter() - start, done.stderr


def copy_project(source, build, scratch):
    """Copies a configured project and rewrites its database's paths; returns (src, build)."""
    source, build = os.path.realpath(source), os.path.realpath(build)
    new_source, new_build = os.path.join(scratch, "src"), os.path.join(scratch, "build")
    shutil.copytree(source, new_source, symlinks=True)
    shutil.copytree(build, new_build, symlinks=True,
                    ignore=shutil.ignore_patterns(".async-lint-cache", "*.o", "*.a"))
    database = os.path.join(new_build, "compile_commands.json")
    with open(database) as f:
        text = f.read()
    # The longer path first: a build directory inside the source tree.
    for old, new in sorted([(source, new_source), (build, new_build)], key=lambda p: -len(p[0])):
        text = text.replace(old, new)
    with open(database, "w") as f:
        f.write(text)
    return new_source, new_build


def entries_of(build):
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    for entry in entries:  # make_corpus.syntax_only_argv reads "command"
        if "command" not in entry:
            entry["command"] = shlex.join(entry["arguments"])
    return [e for e in entries if e["file"].endswith((".cpp", ".cc", ".cxx"))]


def widest_header(entries, source, jobs):
    """The header under source that the most units include (clang's -MM), and how many."""
    def headers(entry):
        argv = [a if a != "-fsyntax-only" else "-MM" for a in make_corpus.syntax_only_argv(entry)]
        done = subprocess.run(argv, cwd=entry["directory"], capture_output=True, text=True)
        names = done.stdout.replace("\\\n", " ").split()[2:]  # after "x.o: x.cpp"
        return {os.path.realpath(os.path.join(entry["directory"], n)) for n in names}

    counts = collections.Counter()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        for found in pool.map(headers, entries):
            counts.update(h for h in found if h.startswith(source + os.sep))
    (header, count), = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:1]
    return header, count


def append_comment(path):
    with open(path, "a") as f:
        f.write("// edited by bench/cache.py\n")


def parse_time(entry, runs):
    argv = make_corpus.syntax_only_argv(entry)
    return min(timed(argv, entry["directory"])[0] for _ in range(runs))


def from_cache(stderr):
    """"K/N from the cache" as the summary line says."""
    match = FROM_CACHE.search(stderr)
    if not match:
        return "no summary: " + stderr.strip().splitlines()[-1] if stderr.strip() else "no summary"
    return f"{match.group(2) or 0}/{match.group(1)} from the cache"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"),
                        help="async-lint's build directory (default build/)")
    parser.add_argument("--units", type=int, default=240, help="corpus TUs (default 240)")
    parser.add_argument("--source", help="a configured project's source tree")
    parser.add_argument("--build-dir", help="its build directory (compile_commands.json)")
    parser.add_argument("--ecosystem", metavar="NAME",
                        help="bench/ecosystem's project NAME under /work/ecosystem")
    parser.add_argument("--header", help="the header to edit (default: the most included)")
    parser.add_argument("--cpp", help="the .cpp to edit (default: the database's first)")
    parser.add_argument("-j", type=int, default=2, help="async-lint -j (default 2)")
    parser.add_argument("--runs", type=int, default=3,
                        help="runs of the warm runs but the header's, and of the parse (best of)")
    args = parser.parse_args()
    binary = os.path.join(args.build, "driver", "async-lint")
    if args.ecosystem:
        cache = os.environ.get("ASYNC_LINT_ECOSYSTEM", "/work/ecosystem")
        args.source = os.path.join(cache, "src", args.ecosystem)
        args.build_dir = os.path.join(cache, "build", args.ecosystem)

    scratch = tempfile.mkdtemp(prefix="async-lint-cache-bench-")
    try:
        if args.source:
            source, build = copy_project(args.source, args.build_dir, scratch)
            name = os.path.basename(os.path.normpath(args.source))
        else:
            source = build = os.path.join(scratch, "corpus")
            make_corpus.generate(source, args.units)
            name = f"corpus ({args.units} TUs)"
        entries = entries_of(build)
        lint = [binary, "-p", build, "--root", source, f"-j{args.j}", "--cache-dir",
                os.path.join(scratch, "cache"), "--fail-on", "never"]

        print(f"{name}: {len(entries)} TUs, async-lint -j{args.j}", file=sys.stderr)
        if args.header:
            header = os.path.realpath(os.path.join(source, args.header))
            including = "?"
        elif not args.source:  # every unit of the corpus includes it
            header = os.path.join(source, "include", "proj", "model.hpp")
            including = len(entries)
        else:
            header, including = widest_header(entries, source, args.j)
        cpp = os.path.realpath(os.path.join(source, args.cpp)) if args.cpp else \
            os.path.realpath(sorted(e["file"] for e in entries)[0])
        entry = next(e for e in entries if os.path.realpath(e["file"]) == cpp)

        rows = []
        print("  cold ...", file=sys.stderr, flush=True)
        cold, err = timed(lint)
        rows.append(("cold", cold, from_cache(err)))
        print("  warm, nothing changed ...", file=sys.stderr, flush=True)
        warm = [timed(lint) for _ in range(args.runs)]
        rows.append(("warm, nothing changed", min(w[0] for w in warm), from_cache(warm[0][1])))
        print("  warm, a header edited ...", file=sys.stderr, flush=True)
        append_comment(header)
        wall, err = timed(lint)
        rows.append((f"warm, {os.path.relpath(header, source)} edited ({including} TUs "
                     "include it)", wall, from_cache(err)))
        print("  warm, a .cpp edited ...", file=sys.stderr, flush=True)
        edits = []
        for _ in range(args.runs):  # each run after another edit: each a miss of that TU
            append_comment(cpp)
            edits.append(timed(lint))
        one_cpp = min(e[0] for e in edits)
        rows.append((f"warm, {os.path.relpath(cpp, source)} edited", one_cpp,
                     from_cache(edits[0][1])))
        parse = parse_time(entry, args.runs)

        width = max(len(r[0]) for r in rows)
        print(f"{name}, async-lint -j{args.j}, {time.strftime('%Y-%m-%d')}")
        for label, wall, note in rows:
            print(f"  {label:<{width}}  {wall:8.2f} s  {wall / cold:6.3f}x cold  ({note})")
        print(f"  {os.path.relpath(cpp, source)}: clang++-19 -fsyntax-only {parse:.2f} s; "
              f"the warm run after editing it is {one_cpp / parse:.2f}x that")
        warm_ratio = rows[1][1] / cold
        print(f"targets: warm unchanged <= {TARGET_WARM:.0%} of cold: "
              f"{'met' if warm_ratio <= TARGET_WARM else 'MISSED'} ({warm_ratio:.1%}); "
              f"one .cpp <= {TARGET_ONE_CPP:.2f}x its parse: "
              f"{'met' if one_cpp / parse <= TARGET_ONE_CPP else 'MISSED'} "
              f"({one_cpp / parse:.2f}x)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
