#!/usr/bin/env python3
"""Fix-its: --fix applies them in place (each header edit once), the result compiles and is
clean for the fixed checks; --export-fixes writes them as clang-apply-replacements YAML."""
import os
import subprocess

from project import SAMPLE, Test, brief, read


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp"])

    # alpha.cpp and beta.cpp both include shared.hpp: its edit is applied once. Three of
    # the four findings have a fix-it; the unbounded spawn stays, so the status is 1.
    code, out, err = test.run(["--fix", "--format", "json", "--output", "before.json"],
                              cwd=project)
    test.equal("--fix: exit status", code, 1)
    test.equal("--fix: stderr", err, "async-lint: 4 findings in 2 translation units\n"
                                     "async-lint: applied 3 fix-its\n")

    def fixed(path, old, new):
        text = read(os.path.join(SAMPLE, path))
        test.equal(f"{path}: the original has the line", old in text, True)
        test.equal(f"{path} after --fix", read(os.path.join(project, path)), text.replace(old, new))

    fixed("include/shared.hpp", "  std::this_thread::sleep_for(std::chrono::milliseconds(5));\n",
          "  co_await aio::sleep(std::chrono::milliseconds(5));\n")
    fixed("src/alpha.cpp", "  save(total);\n", "  co_await save(total);\n")
    fixed("src/beta.cpp", "  } catch (const std::exception &) {\n",
          "  } catch (const aio::CancelledError&) {\n    throw;\n  } "
          "catch (const std::exception &) {\n")

    for unit in ("src/alpha.cpp", "src/beta.cpp"):
        compiled = subprocess.run([test.llvm_tool("clang++"), "-fsyntax-only"] +
                                  test.flags(project) + [unit],
                                  cwd=project, capture_output=True, text=True)
        test.equal(f"clang++ -fsyntax-only {unit} after --fix",
                   (compiled.returncode, compiled.stderr), (0, ""))

    # Only the finding without a fix-it is left.
    code, report, err = test.json_run([], cwd=project)
    test.equal("rerun after --fix: exit status", code, 1)
    test.equal("rerun after --fix: findings", [brief(f) for f in report.get("findings", [])],
               [("async-unbounded-concurrency", "src/beta.cpp", 14, 23)])

    # --export-fixes on an untouched copy: the YAML, and the files unchanged.
    fresh = test.project(["src/alpha.cpp"])
    code, out, err = test.run(["--export-fixes", "fixes.yaml", "--quiet", "--format", "json"],
                              cwd=fresh)
    test.equal("--export-fixes: exit status", code, 1)
    test.equal("--export-fixes leaves alpha.cpp", read(os.path.join(fresh, "src", "alpha.cpp")),
               read(os.path.join(SAMPLE, "src", "alpha.cpp")))
    yaml = [line.strip() for line in read(os.path.join(fresh, "fixes.yaml")).splitlines()]
    header = os.path.join(fresh, "include", "shared.hpp")
    alpha = os.path.join(fresh, "src", "alpha.cpp")
    # Two diagnostics, each with its message, place and one replacement, in report order.
    interesting = [line for line in yaml if line.split(":")[0].lstrip("- ") in (
        "DiagnosticName", "FilePath", "FileOffset", "Offset", "Length", "ReplacementText",
        "Level")]
    test.equal("fixes.yaml", interesting, [
        "- DiagnosticName:  async-blocking-call",
        f"FilePath:        '{header}'",
        "FileOffset:      264",
        f"- FilePath:        '{header}'",
        "Offset:          264",
        "Length:          57",
        "ReplacementText: 'co_await aio::sleep(std::chrono::milliseconds(5))'",
        "Level:           Warning",
        "- DiagnosticName:  async-missing-co-await",
        f"FilePath:        '{alpha}'",
        "FileOffset:      238",
        f"- FilePath:        '{alpha}'",
        "Offset:          238",
        "Length:          0",
        "ReplacementText: 'co_await '",
        "Level:           Warning",
    ])
    test.equal("fixes.yaml has ReplacementText: 'co_await '",
               "ReplacementText: 'co_await '" in yaml, True)

    # A fixed warning does not excuse an unfixed error: with the spawn check's warnings as
    # errors and --fail-on error, the unbounded spawn (no fix-it) still fails the run,
    # although two other findings were fixed.
    gated = test.project(["src/beta.cpp"])
    with open(os.path.join(gated, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,async-*'\nWarningsAsErrors: 'async-unbounded-concurrency'\n")
    code, out, err = test.run(["--fix", "--fail-on", "error", "--quiet"], cwd=gated)
    test.equal("--fix --fail-on error with an unfixed error: exit status", code, 1)
    test.finish()


if __name__ == "__main__":
    main()
