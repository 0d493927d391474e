#!/usr/bin/env python3
"""Which checks run (docs/ci.md): every async check unless disabled by name. A project's
.clang-tidy written for clang-tidy's own checks (`-*,bugprone-*`) does not turn them off; a
glob naming an async check does, and the summary line then names the checks that ran; a
configuration or --checks that leaves none is an error. And the code is parsed as the
compiler sees it, without __clang_analyzer__."""
import os
import shutil

from project import HERE, Test, brief, write

HEADER = ("async-blocking-call", "include/shared.hpp", 13, 3)
ALPHA = ("async-missing-co-await", "src/alpha.cpp", 10, 3)
SPAWN = ("async-unbounded-concurrency", "src/beta.cpp", 14, 23)
HANDLER = ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)
CHECKS = ("async-blocking-call, async-missing-co-await, async-swallowed-cancellation, "
          "async-unbounded-concurrency")


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp"])
    clang_tidy = os.path.join(project, ".clang-tidy")

    def run(args):
        code, report, err = test.json_run(args, cwd=project)
        return code, [brief(f) for f in report.get("findings", [])], err

    # A project set up for clang-tidy long before async-lint: every async check runs.
    write(clang_tidy, "Checks: '-*,bugprone-*,performance-*'\nWarningsAsErrors: '*'\n")
    test.equal("Checks '-*,bugprone-*'", run([]),
               (1, [HEADER, ALPHA, SPAWN, HANDLER],
                "async-lint: 4 findings in 2 translation units\n"))

    # A glob that names an async check disables it; the summary says which checks ran.
    write(clang_tidy, "Checks: '-*,bugprone-*,-async-blocking-call'\n")
    test.equal("Checks '-async-blocking-call'", run([]),
               (1, [ALPHA, SPAWN, HANDLER],
                "async-lint: 3 findings in 2 translation units; 3 of 4 async checks ran: "
                "async-missing-co-await, async-swallowed-cancellation, "
                "async-unbounded-concurrency\n"))
    code, out, err = test.run(["--list-checks"], cwd=project)
    test.equal("--list-checks", (code, out, err),
               (0, "async-missing-co-await\nasync-swallowed-cancellation\n"
                   "async-unbounded-concurrency\n", ""))

    # Nothing left to run is an error naming the globs, never a clean result.
    write(clang_tidy, "Checks: '-*,bugprone-*,-async-*'\n")
    code, out, err = test.run([], cwd=project)
    test.equal("Checks '-async-*'", (code, out, err),
               (2, "", f"error: no async-* check is enabled for src/alpha.cpp by Checks "
                       f"'-async-*' in {clang_tidy}; the checks are: {CHECKS}\n"))
    # ... which --checks can re-enable, as it is appended.
    test.equal("Checks '-async-*' with --checks=async-unbounded-concurrency",
               run(["--checks=async-unbounded-concurrency"]),
               (1, [SPAWN], "async-lint: 1 finding in 2 translation units; 1 of 4 async checks "
                            "ran: async-unbounded-concurrency\n"))
    code, out, err = test.run(["--checks=async-nope"], cwd=project)
    test.equal("Checks '-async-*' with a misspelt --checks", (code, out, err),
               (2, "", f"error: no async-* check is enabled for src/alpha.cpp by Checks "
                       f"'-async-*' in {clang_tidy} and --checks 'async-nope'; the checks are: "
                       f"{CHECKS}\n"))

    write(clang_tidy, "Checks: '-*,bugprone-*'\n")
    code, out, err = test.run(["--checks=-*,async-nope"], cwd=project)
    test.equal("--checks=-*,async-nope", (code, out, err),
               (2, "", "error: no async-* check is enabled for src/alpha.cpp by --checks "
                       f"'-*,async-nope'; the checks are: {CHECKS}\n"))
    # --checks=* does not bring in clang's static analyzer or its warnings.
    test.equal("--checks=*", run(["--checks=*", "src/alpha.cpp"]),
               (1, [HEADER, ALPHA], "async-lint: 2 findings in 1 translation unit\n"))

    # Code that hides an await_transform behind #ifndef __clang_analyzer__ compiles, as it
    # does with clang++, and its findings are reported.
    shutil.copy(os.path.join(HERE, "analyzer", "analyzer.cpp"), project)
    code, out, err = test.run(["analyzer.cpp", "--", "-std=c++20"], cwd=project)
    test.equal("#ifndef __clang_analyzer__", (code, out, err),
               (1, "analyzer.cpp:33:3: warning: 'step' returns a lazy 'Task' that is never "
                   "awaited; its body will not run [async-missing-co-await]\n"
                   "   33 |   step();\n"
                   "      |   ^~~~~~\n"
                   "      |   co_await \n",
                "async-lint: 1 finding in 1 translation unit\n"))
    test.finish()


if __name__ == "__main__":
    main()
