#!/usr/bin/env python3
"""SARIF output: a log the SARIF multitool (with GitHub's rules) finds no error in, and the
exact shape of one result.

usage: sarif_output.py ASYNC_LINT REPOSITORY SARIF_MULTITOOL VALIDATE_SARIF_PY
"""
import os
import re
import subprocess
import sys

from project import Test, fingerprint, load_json


def main():
    test = Test()
    multitool, validator = test.more
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp",
                            "src/broken.cpp"])

    code, out, err = test.run(["--format", "sarif", "--output", "x.sarif", "src/alpha.cpp",
                               "src/beta.cpp", "src/clean.cpp"], cwd=project)
    test.equal("exit status", code, 1)
    test.equal("stdout", out, "")
    test.equal("stderr", err, "async-lint: 4 findings in 3 translation units\n")

    sarif = os.path.join(project, "x.sarif")
    check = subprocess.run([sys.executable, validator, multitool, sarif],
                           capture_output=True, text=True)
    test.equal("validate_sarif.py exit status", check.returncode, 0)
    test.equal("validate_sarif.py verdict", check.stdout.splitlines()[-1:],
               [f"{sarif}: 0 errors, 0 warnings"])

    log = load_json(sarif)
    run = log["runs"][0]
    test.equal("version", log.get("version"), "2.1.0")
    test.equal("rules", [rule["id"] for rule in run["tool"]["driver"]["rules"]],
               ["async-blocking-call", "async-missing-co-await", "async-swallowed-cancellation",
                "async-unbounded-concurrency"])
    test.equal("originalUriBaseIds", run.get("originalUriBaseIds"),
               {"%SRCROOT%": {"uri": "file://" + project + "/"}})
    test.equal("invocations", run.get("invocations"), [{"executionSuccessful": True}])
    test.equal("results (rule, file, line)",
               [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in run["results"]],
               [("async-blocking-call", "include/shared.hpp", 13),
                ("async-missing-co-await", "src/alpha.cpp", 10),
                ("async-unbounded-concurrency", "src/beta.cpp", 14),
                ("async-swallowed-cancellation", "src/beta.cpp", 24)])

    # The unbounded-concurrency result, field by field.
    result = dict(run["results"][2])
    partial = result.pop("partialFingerprints", {})
    test.equal("partialFingerprints keys", sorted(partial), ["primaryLocationLineHash"])
    test.equal("primaryLocationLineHash format",
               bool(re.match(r"^[0-9a-f]{16}:1$", partial.get("primaryLocationLineHash", ""))),
               True)
    beta = {"uri": "src/beta.cpp", "uriBaseId": "%SRCROOT%"}
    test.equal("the unbounded-concurrency result", result, {
        "ruleId": "async-unbounded-concurrency",
        "ruleIndex": 3,
        "level": "warning",
        "message": {"text": "'aio::spawn' starts one task per element of 'items' with nothing "
                            "bounding how many run at once"},
        "locations": [{"physicalLocation": {
            "artifactLocation": beta,
            "region": {"startLine": 14, "startColumn": 23, "endLine": 14, "endColumn": 46}}}],
        "relatedLocations": [{
            "id": 1,
            "message": {"text": "loops over 'items', whose size is known only at run time"},
            "physicalLocation": {
                "artifactLocation": beta,
                "region": {"startLine": 13, "startColumn": 3, "endLine": 13, "endColumn": 6}}}],
        "fingerprints": {"asyncLint/v1": fingerprint(
            "async-unbounded-concurrency", "src/beta.cpp", "fan_out",
            "handles.push_back(aio::spawn(fetch(item)));")},
    })
    # The missing-co-await result's fix: an insertion before the call.
    test.equal("the missing-co-await fix", run["results"][1].get("fixes"), [{
        "description": {"text": "Apply the fix-it of async-missing-co-await"},
        "artifactChanges": [{
            "artifactLocation": {"uri": "src/alpha.cpp", "uriBaseId": "%SRCROOT%"},
            "replacements": [{
                "deletedRegion": {"startLine": 10, "startColumn": 3, "endLine": 10,
                                  "endColumn": 3},
                "insertedContent": {"text": "co_await "}}]}]}])

    # A unit that does not compile: an unsuccessful invocation with the error as a
    # notification, still a valid log, status 3.
    code, out, err = test.run(["--format", "sarif", "--output", "broken.sarif", "--quiet",
                               "src/broken.cpp"], cwd=project)
    test.equal("broken unit: exit status", code, 3)
    broken = os.path.join(project, "broken.sarif")
    check = subprocess.run([sys.executable, validator, multitool, broken],
                           capture_output=True, text=True)
    test.equal("broken unit: validate_sarif.py", (check.returncode, check.stdout.splitlines()[-1:]),
               (0, [f"{broken}: 0 errors, 0 warnings"]))
    run = load_json(broken)["runs"][0]
    test.equal("broken unit: results", run.get("results"), [])
    test.equal("broken unit: invocations", run.get("invocations"), [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error", "descriptor": {"id": "compile-error"},
            "message": {"text": "use of undeclared identifier 'undeclared_value'"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": "src/broken.cpp", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 5, "startColumn": 13, "endLine": 5,
                           "endColumn": 29}}}]}]}])
    test.finish()


if __name__ == "__main__":
    main()
