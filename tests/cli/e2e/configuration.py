#!/usr/bin/env python3
"""Configuration: .clang-tidy Checks, --checks, --config-file, CheckOptions,
WarningsAsErrors, NOLINT comments, and the information commands (--list-checks, --explain,
--version)."""
import os
import subprocess

from project import Test, brief, read, version, write

HEADER = ("async-blocking-call", "include/shared.hpp", 13, 3)
ALPHA = ("async-missing-co-await", "src/alpha.cpp", 10, 3)
SPAWN = ("async-unbounded-concurrency", "src/beta.cpp", 14, 23)
HANDLER = ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)
CHECKS = ["async-blocking-call", "async-missing-co-await", "async-swallowed-cancellation",
          "async-unbounded-concurrency"]

# Twenty spawns (more than MaxFanOut's default 16) and six dropped tasks, four of them
# silenced by NOLINT comments: job(5)'s NOLINT names another check, job(6) has none.
TUNED = """\
#include "aio/aio.hpp"

#include <vector>

aio::Task<int> job(int n) { co_return n; }

aio::Task<int> twenty() {
  std::vector<aio::TaskHandle<int>> handles;
  for (int i = 0; i < 20; ++i)
    handles.push_back(aio::spawn(job(i)));
  int sum = 0;
  for (auto &handle : handles)
    sum += co_await handle;
  co_return sum;
}

aio::Task<void> quiet() {
  job(1); // NOLINT(async-missing-co-await)
  // NOLINTNEXTLINE(async-missing-co-await)
  job(2);
  // NOLINTBEGIN(async-missing-co-await)
  job(3);
  job(4);
  // NOLINTEND(async-missing-co-await)
  job(5); // NOLINT(async-blocking-call)
  job(6);
  co_return;
}
"""


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/tuned.cpp"])
    write(os.path.join(project, "src", "tuned.cpp"), TUNED)
    clang_tidy = os.path.join(project, ".clang-tidy")

    def findings(args, status, what, full=False):
        code, report, err = test.json_run(args, cwd=project)
        test.equal(f"{what}: exit status", code, status)
        return report.get("findings", []) if full else [brief(f) for f in report.get("findings", [])]

    # Checks in .clang-tidy, appended to async-lint's default '-*,async-*' (only the entries
    # that name async checks count: see clang_tidy_projects.py).
    write(clang_tidy, "Checks: '-async-*,async-unbounded-concurrency'\n")
    test.equal(".clang-tidy Checks", findings(["src/beta.cpp"], 1, ".clang-tidy Checks"), [SPAWN])
    # --checks is appended to the configuration's.
    write(clang_tidy, "Checks: '-*,async-*'\n")
    test.equal("--checks", findings(["--checks=-*,async-blocking-call", "src/beta.cpp"], 1,
                                    "--checks"), [HEADER])
    # --config-file replaces the .clang-tidy files.
    write(clang_tidy, "Checks: '-async-*,async-unbounded-concurrency'\n")
    write(os.path.join(project, "only-co-await.yaml"),
          "Checks: '-async-*,async-missing-co-await'\n")
    test.equal("--config-file", findings(["--config-file", "only-co-await.yaml", "src/alpha.cpp"],
                                         1, "--config-file"), [ALPHA])

    # CheckOptions and NOLINT: by default the 20-iteration loop is too many...
    write(clang_tidy, "Checks: '-*,async-*'\n")
    dropped = "'job' returns a lazy 'aio::Task<int>' that is never awaited; its body will not run"
    tuned = findings(["src/tuned.cpp"], 1, "default MaxFanOut", full=True)
    test.equal("default MaxFanOut and NOLINT",
               [(f["check"], f["line"], f["column"], f["message"],
                 [(n["line"], n["column"], n["message"]) for n in f["notes"]]) for f in tuned],
               [("async-unbounded-concurrency", 10, 23,
                 "'aio::spawn' starts one task per iteration with nothing bounding how many run "
                 "at once", [(9, 3, "loops 20 times, more than MaxFanOut (16)")]),
                ("async-missing-co-await", 25, 3, dropped, []),
                ("async-missing-co-await", 26, 3, dropped, [])])
    # ... and with MaxFanOut 32 it is fine.
    write(clang_tidy, "Checks: '-*,async-*'\nCheckOptions:\n"
                      "  async-unbounded-concurrency.MaxFanOut: 32\n")
    test.equal("MaxFanOut 32", findings(["src/tuned.cpp"], 1, "MaxFanOut 32"),
               [("async-missing-co-await", "src/tuned.cpp", 25, 3),
                ("async-missing-co-await", "src/tuned.cpp", 26, 3)])

    # WarningsAsErrors: that check's findings are errors, which --fail-on error fails on.
    write(clang_tidy, "Checks: '-*,async-*'\nWarningsAsErrors: 'async-missing-co-await'\n")
    levels = findings(["--fail-on", "error", "src/alpha.cpp"], 1, "WarningsAsErrors", full=True)
    test.equal("WarningsAsErrors levels", [(f["check"], f["severity"]) for f in levels],
               [("async-blocking-call", "warning"), ("async-missing-co-await", "error")])
    write(clang_tidy, "Checks: '-*,async-*'\n")

    # --list-checks: the checks enabled for the current directory.
    code, out, err = test.run(["--list-checks"], cwd=project)
    test.equal("--list-checks", (code, out, err), (0, "".join(c + "\n" for c in CHECKS), ""))
    code, out, err = test.run(["--list-checks", "--checks=-*,async-blocking-call"], cwd=project)
    test.equal("--list-checks --checks", (code, out, err), (0, "async-blocking-call\n", ""))
    code, out, err = test.run(["--list-checks", "--config-file", "only-co-await.yaml"],
                              cwd=project)
    test.equal("--list-checks --config-file", (code, out, err), (0, "async-missing-co-await\n", ""))

    # --explain prints the check's page as it is in docs/checks/.
    code, out, err = test.run(["--explain", "async-blocking-call"], cwd=project)
    test.equal("--explain async-blocking-call: exit status", code, 0)
    test.equal("--explain async-blocking-call: stdout", out,
               read(os.path.join(test.repo, "docs", "checks", "blocking-call.md")))
    test.equal("--explain async-blocking-call: stderr", err, "")
    code, out, err = test.run(["--explain", "nope"], cwd=project)
    test.equal("--explain nope", (code, out, err),
               (2, "", "error: unknown check 'nope'; the checks are: " + ", ".join(CHECKS) + "\n"))

    # --version: ours from CMakeLists.txt, LLVM's from llvm-config.
    llvm = subprocess.run([test.llvm_tool("llvm-config"), "--version"], capture_output=True,
                          text=True).stdout.strip()
    code, out, err = test.run(["--version"], cwd=project)
    test.equal("--version", (code, out, err),
               (0, f"async-lint {version(test.repo)} (LLVM {llvm})\n", ""))
    test.finish()


if __name__ == "__main__":
    main()
