#!/usr/bin/env python3
"""Shards and merge: --shard K/3 splits the units, each into exactly one shard; merging the
shards' json gives the full run's findings (the header's once); merging their SARIF gives a
valid log with as many results; a file that is not json cannot be merged.

usage: shards_merge.py ASYNC_LINT REPOSITORY SARIF_MULTITOOL VALIDATE_SARIF_PY
"""
import os
import subprocess
import sys

from project import UNITS, Test, load_json, write


def main():
    test = Test()
    multitool, validator = test.more
    project = test.project()

    code, full, err = test.json_run(["-j", "2"], cwd=project)
    test.equal("full run: exit status", code, 1)
    test.equal("full run: units", full.get("units"), UNITS)

    shard_units = []
    for k in (1, 2, 3):
        code, out, err = test.run(["--shard", f"{k}/3", "--format", "json", "--output",
                                   f"shard{k}.json", "--fail-on", "never", "--quiet"], cwd=project)
        test.equal(f"shard {k}/3: exit status", (code, out, err), (0, "", ""))
        units = load_json(os.path.join(project, f"shard{k}.json")).get("units", [])
        test.equal(f"shard {k}/3: units", units, [UNITS[k - 1]])
        shard_units += units
    test.equal("every unit in exactly one shard", sorted(shard_units), full.get("units"))

    # The merged json: the full run's report, findings and all (alpha's and beta's shards
    # both found the header's finding).
    code, out, err = test.run(["merge", "shard1.json", "shard2.json", "shard3.json"],
                              cwd=project)
    test.equal("json merge: exit status", code, 1)
    test.equal("json merge: stderr", err, "")
    try:
        merged = __import__("json").loads(out)
    except ValueError:
        merged = {}
        test.fail(f"json merge: stdout is not json:\n{out}")
    test.equal("json merge: findings", merged.get("findings"), full.get("findings"))
    test.equal("json merge: the whole report", merged, full)

    # The same shards as SARIF, merged: valid, with the full run's four results.
    for k in (1, 2, 3):
        code, out, err = test.run(["--shard", f"{k}/3", "--format", "sarif", "--output",
                                   f"shard{k}.sarif", "--quiet"], cwd=project)
        test.equal(f"sarif shard {k}/3: exit status", code, 0 if k == 3 else 1)
    code, out, err = test.run(["merge", "--output", "merged.sarif", "shard1.sarif",
                               "shard2.sarif", "shard3.sarif"], cwd=project)
    test.equal("sarif merge", (code, out, err), (1, "", ""))
    merged_sarif = os.path.join(project, "merged.sarif")
    check = subprocess.run([sys.executable, validator, multitool, merged_sarif],
                           capture_output=True, text=True)
    test.equal("merged sarif validates", (check.returncode, check.stdout.splitlines()[-1:]),
               (0, [f"{merged_sarif}: 0 errors, 0 warnings"]))
    results = load_json(merged_sarif)["runs"][0]["results"]
    test.equal("merged sarif: number of results", len(results), len(full.get("findings", [])))
    test.equal("merged sarif: results", [(r["ruleId"], r["locations"][0]["physicalLocation"]
                                          ["artifactLocation"]["uri"]) for r in results],
               [(f["check"], f["file"]) for f in full.get("findings", [])])

    # Not json: a usage error naming the file.
    write(os.path.join(project, "notes.txt"), "findings: none\n")
    code, out, err = test.run(["merge", "shard1.json", "notes.txt"], cwd=project)
    test.equal("merge of a non-json file", (code, out, err),
               (2, "", "error: merge: 'notes.txt' is not valid json\n"))
    code, out, err = test.run(["merge", "shard1.json", "shard1.sarif"], cwd=project)
    test.equal("merge of json and sarif", (code, out, err),
               (2, "", "error: merge: 'shard1.sarif' is not in the format of 'shard1.json' "
                       "(json and sarif cannot be mixed)\n"))
    test.finish()


if __name__ == "__main__":
    main()
