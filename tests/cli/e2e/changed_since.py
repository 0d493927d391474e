#!/usr/bin/env python3
"""--changed-since REF on a scratch git repository: only the units whose files changed are
analysed (the others' cached file lists show they are unaffected), only findings on the
lines changed since REF are reported, with baselines and SARIF as usual; no cache means
every unit is analysed; a revision git does not know, or no git work tree, is one line."""
import json
import os
import subprocess

from project import Test, brief, read, write

HEADER = ("async-blocking-call", "include/shared.hpp", 13, 3)
ALPHA = ("async-missing-co-await", "src/alpha.cpp", 10, 3)
LATER = "\naio::Task<void> later(int total) {\n  save(total);\n  co_return;\n}\n"


def git(project, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   cwd=project, check=True, capture_output=True)


def summary(findings, ref, units, unchanged=0, cached=0, baselined=0):
    line = (f"async-lint: {findings} finding{'' if findings == 1 else 's'} on lines changed "
            f"since {ref}")
    line += f" ({baselined} more in the baseline)" if baselined else ""
    line += f" in {units} translation unit{'' if units == 1 else 's'}"
    line += f" ({cached} from the cache)" if cached else ""
    if unchanged:
        line += f", {unchanged} unchanged one{'' if unchanged == 1 else 's'} not analysed"
    return line + "\n"


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp",
                            "src/two words.cpp"])
    spaced = os.path.join(project, "src", "two words.cpp")
    write(spaced, read(os.path.join(project, "src", "alpha.cpp")))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")

    def expect(what, args, findings, stderr, env=None):
        code, report, err = test.json_run(["-j", "1"] + args, cwd=project, env=env)
        test.equal(f"{what}: findings", [brief(f) for f in report.get("findings", [])], findings)
        test.equal(f"{what}: exit status and stderr", (code, err), (1 if findings else 0, stderr))
        return report

    # The cache learns which files each unit reads; nothing changed: nothing analysed.
    code, out, err = test.run(["--write-baseline", "baseline.json"], cwd=project)
    test.equal("the baseline: exit status and stderr", (code, err),
               (0, "async-lint: 5 findings in 4 translation units\n"))
    expect("nothing changed", ["--changed-since", "HEAD"], [], summary(0, "HEAD", 0, 4))

    # A new finding in alpha.cpp: alpha alone is analysed (a worker would hang on beta), and
    # only the new finding, on a changed line, is reported.
    alpha = os.path.join(project, "src", "alpha.cpp")
    write(alpha, read(alpha) + LATER)
    report = expect("a source changed", ["--changed-since", "HEAD", "--unit-timeout", "30"],
                    [("async-missing-co-await", "src/alpha.cpp", 15, 3)],
                    summary(1, "HEAD", 1, 3), env={"ASYNC_LINT_TEST_HANG_ON": "beta.cpp"})
    test.equal("a source changed: units", report.get("units"), ["src/alpha.cpp"])

    # The header's flagged line: its finding; the units that include it are analysed.
    shared = os.path.join(project, "include", "shared.hpp")
    write(shared, read(shared).replace("milliseconds(5)", "milliseconds(6)"))
    report = expect("a header changed", ["--changed-since", "HEAD"],
                    [HEADER, ("async-missing-co-await", "src/alpha.cpp", 15, 3)],
                    summary(2, "HEAD", 3, 1))
    test.equal("a header changed: units", report.get("units"),
               ["src/alpha.cpp", "src/beta.cpp", "src/two words.cpp"])

    # A name with a space, as git's diff spells it; the units analysed before come from the
    # cache, their findings on changed lines reported again.
    write(spaced, read(spaced) + LATER)
    expect("a file named with a space", ["--changed-since", "HEAD"],
           [HEADER, ("async-missing-co-await", "src/alpha.cpp", 15, 3),
            ("async-missing-co-await", "src/two words.cpp", 15, 3)],
           summary(3, "HEAD", 3, 1, cached=2))
    git(project, "checkout", "-q", "--", "src/two words.cpp")

    # Committed, the same changes are those since HEAD~1, none since HEAD.
    git(project, "commit", "-q", "-a", "-m", "change")
    expect("committed", ["--changed-since", "HEAD~1"],
           [HEADER, ("async-missing-co-await", "src/alpha.cpp", 15, 3)],
           summary(2, "HEAD~1", 3, 1, cached=2))
    expect("committed, since HEAD", ["--changed-since", "HEAD"], [], summary(0, "HEAD", 0, 4))

    # Without the cache no file lists are known: every unit is analysed, the same reported.
    expect("--no-cache", ["--changed-since", "HEAD~1", "--no-cache"],
           [HEADER, ("async-missing-co-await", "src/alpha.cpp", 15, 3)], summary(2, "HEAD~1", 4))

    # A unit git does not track yet is new throughout.
    write(os.path.join(project, "src", "gamma.cpp"), read(alpha))
    test.write_database(project, ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp",
                                  "src/two words.cpp", "src/gamma.cpp"])
    expect("an untracked unit", ["--changed-since", "HEAD"],
           [("async-missing-co-await", "src/gamma.cpp", 10, 3),
            ("async-missing-co-await", "src/gamma.cpp", 15, 3)],
           summary(2, "HEAD", 1, 4))
    os.remove(os.path.join(project, "src", "gamma.cpp"))
    test.write_database(project, ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp",
                                  "src/two words.cpp"])

    # The baseline, as usual: a changed line whose finding it has (only re-indented, so the
    # same fingerprint) is left out and counted.
    write(alpha, read(alpha).replace("  save(total);\n  co_return total;",
                                     "    save(total);\n  co_return total;"))
    expect("a baseline", ["--changed-since", "HEAD", "--baseline", "baseline.json"], [],
           summary(0, "HEAD", 1, 3, baselined=1))
    expect("no baseline", ["--changed-since", "HEAD"], [("async-missing-co-await", "src/alpha.cpp", 10, 5)],
           summary(1, "HEAD", 1, 3, cached=1))

    # SARIF, as usual: the changed line's finding.
    code, out, err = test.run(["--changed-since", "HEAD", "--format", "sarif"], cwd=project)
    results = json.loads(out)["runs"][0]["results"] if out else []
    test.equal("sarif: results",
               [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in results], [("async-missing-co-await", 10)])

    # A unit's cached file list counts only while its files are as they were: one from
    # another state of the tree (beta.cpp without its include of extra.hpp) does not show
    # that beta reads extra.hpp now.
    git(project, "checkout", "-q", "--", "src/alpha.cpp")
    write(os.path.join(project, "include", "extra.hpp"),
          "#pragma once\n#include \"aio/aio.hpp\"\n#include <chrono>\n#include <thread>\n"
          "inline aio::Task<int> extra_wait() {\n"
          "  std::this_thread::sleep_for(std::chrono::milliseconds(1));\n"
          "  co_return 0;\n}\n")
    beta = os.path.join(project, "src", "beta.cpp")
    write(beta, read(beta) + "#include \"extra.hpp\"\n")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "extra")
    write(beta, read(beta).replace("#include \"extra.hpp\"\n", ""))
    code, out, err = test.run(["-j", "1"], cwd=project)  # beta as it was cached before
    test.equal("beta without extra.hpp: stderr", err,
               "async-lint: 6 findings in 4 translation units (3 from the cache)\n")
    git(project, "checkout", "-q", "--", "src/beta.cpp")
    extra = os.path.join(project, "include", "extra.hpp")
    write(extra, read(extra).replace("milliseconds(1)", "milliseconds(2)"))
    expect("a list from another state", ["--changed-since", "HEAD"],
           [("async-blocking-call", "include/extra.hpp", 6, 3)], summary(1, "HEAD", 1, 3))

    # Errors: one line each, nothing analysed.
    code, out, err = test.run(["--changed-since", "no-such-ref"], cwd=project)
    test.equal("an unknown revision", (code, out, err),
               (2, "", "error: --changed-since: unknown git revision 'no-such-ref'\n"))
    bare = test.project(name="not-git")
    code, out, err = test.run(["--changed-since", "HEAD"], cwd=bare)
    test.equal("not a git work tree", (code, out, err),
               (2, "", f"error: --changed-since: '{bare}' is not in a git work tree\n"))
    test.finish()


if __name__ == "__main__":
    main()
