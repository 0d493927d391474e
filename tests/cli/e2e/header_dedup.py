#!/usr/bin/env python3
"""Header findings: include/shared.hpp's finding is reported once although alpha.cpp and
beta.cpp both include it; --root elsewhere drops it; --header-filter and
--exclude-header-filter choose the headers instead of the root."""
import os

from project import Test, brief

HEADER = ("async-blocking-call", "include/shared.hpp", 13, 3)
ALPHA = ("async-missing-co-await", "src/alpha.cpp", 10, 3)
SPAWN = ("async-unbounded-concurrency", "src/beta.cpp", 14, 23)
HANDLER = ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)


def main():
    test = Test()
    project = test.project()
    src = os.path.join(project, "src")
    header = os.path.join(project, "include", "shared.hpp")

    def findings(args, what):
        code, report, err = test.json_run(args, cwd=project)
        test.equal(f"{what}: exit status", code, 1)
        return [brief(f) for f in report.get("findings", [])]

    # Both including units, in one run and in parallel: the header's finding once.
    test.equal("two units including the header",
               findings(["-j", "2", "src/alpha.cpp", "src/beta.cpp"], "two units"),
               [HEADER, ALPHA, SPAWN, HANDLER])

    # The root is src/: the header is outside the project, its finding is not reported; the
    # units' findings always are, relative to the new root.
    code, report, err = test.json_run(["--root", "src", "src/alpha.cpp"], cwd=project)
    test.equal("--root src: exit status", code, 1)
    test.equal("--root src: root", report.get("root"), src)
    test.equal("--root src: findings", [brief(f) for f in report.get("findings", [])],
               [("async-missing-co-await", "alpha.cpp", 10, 3)])
    test.equal("--root src: units", report.get("units"), ["alpha.cpp"])

    # A header filter overrides the root: the header's finding is back, with its absolute
    # path since it is outside the root.
    test.equal("--root src --header-filter 'shared\\.hpp$'",
               findings(["--root", "src", "--header-filter", "shared\\.hpp$",
                         "src/alpha.cpp"], "--header-filter match"),
               [("async-blocking-call", header, 13, 3), ("async-missing-co-await", "alpha.cpp", 10, 3)])
    # A header filter that does not match drops the header although it is under the root.
    test.equal("--header-filter 'nomatch'",
               findings(["--header-filter", "nomatch", "src/alpha.cpp"], "--header-filter miss"),
               [ALPHA])
    # The exclusion wins over the root.
    test.equal("--exclude-header-filter 'shared'",
               findings(["--exclude-header-filter", "shared", "src/alpha.cpp"],
                        "--exclude-header-filter"),
               [ALPHA])
    test.finish()


if __name__ == "__main__":
    main()
