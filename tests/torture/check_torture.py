#!/usr/bin/env python3
"""ctest: every unit of the torture set (generate.py, small scale) linted by async-lint and by
clang-tidy with the plugin gives exactly the findings expected, with the exact exit status.

    check_torture.py ASYNC_LINT CLANG_TIDY PLUGIN RUNTIME_INCLUDE [CASE ...]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import generate

FLAGS = ["-std=c++20", "-pthread", "-ferror-limit=0"]
TIMEOUT = 300  # seconds per unit: far above what any unit takes, below ctest's own limit


def async_lint_findings(binary, unit, runtime):
    result = subprocess.run([binary, "--format", "json", unit, "--", *FLAGS, "-I" + runtime],
                            capture_output=True, text=True, timeout=TIMEOUT)
    report = json.loads(result.stdout) if result.stdout else {}
    findings = [{"check": f["check"], "line": f["line"], "message": f["message"],
                 "notes": [[n["line"], n["message"]] for n in f["notes"]]}
                for f in report.get("findings", [])]
    return result.returncode, findings, result.stderr


DIAGNOSTIC = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):\d+: (?P<kind>warning|note|error): "
                        r"(?P<message>.*?)(?: \[(?P<check>[a-z-]+)\])?$")


def clang_tidy_findings(clang_tidy, plugin, unit, runtime):
    result = subprocess.run([clang_tidy, "--load=" + plugin, "--checks=-*,async-*", "--quiet",
                             unit, "--", *FLAGS, "-I" + runtime],
                            capture_output=True, text=True, timeout=TIMEOUT)
    findings = []
    for line in result.stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        if not match or os.path.basename(match["file"]) != os.path.basename(unit):
            continue
        if match["kind"] == "error" or match["check"] == "clang-diagnostic-error":
            findings.append(None)  # a compiler error; its notes are dropped with it
            continue
        if match["kind"] == "note" and findings:
            if findings[-1] is not None:
                findings[-1]["notes"].append([int(match["line"]), match["message"]])
        elif match["kind"] != "note":
            findings.append({"check": match["check"], "line": int(match["line"]),
                             "message": match["message"], "notes": []})
    return result.returncode, [f for f in findings if f is not None], result.stderr


def main():
    async_lint, clang_tidy, plugin, runtime = sys.argv[1:5]
    only = set(sys.argv[5:])
    failures = 0
    with tempfile.TemporaryDirectory(prefix="async-lint-torture-") as outdir:
        expected = generate.generate(outdir, "small")
        for case, outcome in sorted(expected.items()):
            if only and case not in only:
                continue
            unit = os.path.join(outdir, case + ".cpp")
            findings = outcome["findings"]
            # async-lint: 3 for a unit that does not compile; clang-tidy: 1 for errors.
            status = (1 if findings else 0) if outcome["compiles"] else 3
            for tool, (code, got, err) in [
                    ("async-lint", async_lint_findings(async_lint, unit, runtime)),
                    ("clang-tidy", clang_tidy_findings(clang_tidy, plugin, unit, runtime))]:
                want_status = status if tool == "async-lint" else int(not outcome["compiles"])
                if code != want_status or got != findings:
                    failures += 1
                    print(f"FAIL {case} ({tool}): exit status {code}, expected {want_status}")
                    print("  expected: " + json.dumps(findings))
                    print("  got:      " + json.dumps(got))
                    print("  stderr:   " + err[-2000:])
                else:
                    print(f"ok   {case} ({tool}): {len(got)} findings")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
