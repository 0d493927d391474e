#!/usr/bin/env python3
"""Isolation: a unit whose analysis crashes (a signal, a stack overflow) or runs past
--unit-timeout loses only itself. It is named on stdout and stderr, the run exits 3, and
every other unit's findings are reported exactly as in a run without it, with -j1 and -j2.

The hanging unit uses async-lint's test-only hook: ASYNC_LINT_TEST_HANG_ON=NAME makes the
worker hang on the unit whose file is named NAME."""
import os

from project import Test, brief, write

GOOD = ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp"]
FINDINGS = [("async-blocking-call", "include/shared.hpp", 13, 3),
            ("async-missing-co-await", "src/alpha.cpp", 10, 3),
            ("async-unbounded-concurrency", "src/beta.cpp", 14, 23),
            ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)]
# clang itself overflows its stack on 300,000 nested unary operators (clang++-19
# -fsyntax-only dies with SIGSEGV too).
DEEP = "int deep = " + "!" * 300000 + "1;\n"
HANG = {"ASYNC_LINT_TEST_HANG_ON": "hang.cpp"}
# Long enough for a good unit on a busy machine: about 1 s each when idle, but 6 s was
# once too short on CI (two tests at once, each with two workers, on two slow cores). Each
# run with the hanging unit waits this long, so the runs below that wait are few: text with
# -j2, json with -j1, and the one shard that holds the hang.
TIMEOUT = "20"


def incomplete(units):
    return "".join(f"error: {unit}: analysis incomplete (did not compile, crashed or timed "
                   "out); its findings are missing\n" for unit in units)


def main():
    test = Test()
    bad = ["src/bad/crash.cpp", "src/bad/hang.cpp", "src/bad/overflow.cpp"]
    project = test.project(GOOD + bad)
    write(os.path.join(project, "src", "bad", "crash.cpp"),
          "#pragma clang __debug crash\nint main() {}\n")
    write(os.path.join(project, "src", "bad", "overflow.cpp"), DEEP)
    with open(os.path.join(project, "src", "clean.cpp")) as f:
        write(os.path.join(project, "src", "bad", "hang.cpp"), f.read())

    # The reference: the good units alone.
    code, reference, err = test.run(["-j", "1"] + GOOD, cwd=project)
    test.equal("good units: exit status and stderr", (code, err),
               (1, "async-lint: 4 findings in 3 translation units\n"))
    code, report, err = test.json_run(["-j", "1"] + GOOD, cwd=project)
    test.equal("good units: findings", [brief(f) for f in report.get("findings", [])], FINDINGS)

    # The whole directory, with a crash, a stack overflow and a hang among the units: the
    # same findings, and one line for each unit lost (--no-cache: the good units are analysed
    # beside the bad ones, not taken from the reference's run).
    lost = ("error: src/bad/crash.cpp: analysis crashed (signal 4)\n"
            f"error: src/bad/hang.cpp: analysis timed out after {TIMEOUT} s\n"
            "error: src/bad/overflow.cpp: analysis crashed (signal 11)\n")
    code, out, err = test.run(["-j", "2", "--no-cache", "--unit-timeout", TIMEOUT, "src"],
                              cwd=project, env=HANG)
    test.equal("-j2 src: exit status", code, 3)
    test.equal("-j2 src: stdout", out, lost + reference)
    test.equal("-j2 src: stderr", err,
               incomplete(bad) + "async-lint: 4 findings in 6 translation units, 3 of them "
                                 "incomplete\n")

    code, report, err = test.json_run(["-j", "1", "--no-cache", "--unit-timeout", TIMEOUT, "src"],
                                      cwd=project, env=HANG)
    test.equal("json: exit status", code, 3)
    test.equal("json: findings", [brief(f) for f in report.get("findings", [])], FINDINGS)
    test.equal("json: units", report.get("units"), sorted(GOOD + bad))
    test.equal("json: failedUnits", report.get("failedUnits"), bad)
    test.equal("json: compileErrors",
               [(e["check"], e["severity"], e["file"], e["line"], e["message"])
                for e in report.get("compileErrors", [])],
               [("clang-diagnostic-error", "error", "", 0, line[len("error: "):])
                for line in lost.splitlines()])

    # Shards written as json merge into an incomplete run too.
    for shard in ["1", "2"]:
        test.run(["--shard", f"{shard}/2", "--unit-timeout", TIMEOUT, "--format", "json",
                  "--output", f"shard{shard}.json", "src"], cwd=project, env=HANG)
    code, out, err = test.run(["merge", "shard1.json", "shard2.json", "--format", "text"],
                              cwd=project)
    test.equal("merged shards: exit status", code, 3)
    test.equal("merged shards: stdout", out, lost + reference)

    # Debian's clang 19 turns `#pragma clang __debug overflow_stack` into an endless loop
    # rather than a stack overflow (clang++-19 -fsyntax-only hangs on it too): a real hang.
    write(os.path.join(project, "src", "loop.cpp"),
          "#pragma clang __debug overflow_stack\nint main() {}\n")
    code, out, err = test.run(["--unit-timeout", "2", "src/loop.cpp"], cwd=project)
    test.equal("overflow_stack", (code, out, err),
               (3, "error: src/loop.cpp: analysis timed out after 2 s\n",
                incomplete(["src/loop.cpp"]) + "async-lint: 0 findings in 1 translation unit, 1 "
                                                "of them incomplete\n"))
    test.finish()


if __name__ == "__main__":
    main()
