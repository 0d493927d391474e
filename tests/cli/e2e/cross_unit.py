#!/usr/bin/env python3
"""Across translation units (e2e/cross_unit/): a coroutine whose call reaches fsync through
two other files, a chain of six helpers alternating between two files (shortened as
same-file chains are), a cycle of helpers across three files, and two spawned coroutines
defined in another file, one acquiring a limiter first (no finding) and one not.

The same findings, exactly, from one run with -j1 and with -j2, from three shards merged,
and from the clang-tidy plugin reading the index the run wrote; none of them from the
coroutine's file analysed alone. With --changed-since, a new call in the one file analysed
links to the summaries the cache keeps of the files left out. A NOLINT comment and a baseline silence a cross-file
finding as they do any other.

usage: cross_unit.py ASYNC_LINT REPOSITORY CLANG_TIDY PLUGIN
"""
import json
import os
import re
import subprocess

from changed_since import git
from project import HERE, Test, fingerprint, load_json, read, write

SAMPLE = os.path.join(HERE, "cross_unit")
UNITS = sorted("src/" + name for name in os.listdir(os.path.join(SAMPLE, "src")))

FSYNC = ("src/handler.cpp", 10, 3,
         "call to 'flush_journal' in coroutine 'commit' blocks: it reaches 'fsync', which "
         "blocks until the file reaches the disk",
         [("src/journal.cpp", 7, 3, "'flush_journal' calls 'sync_to_disk' here"),
          ("src/disk.cpp", 7, 5, "'sync_to_disk' calls 'fsync' here")])
PIPELINE = ("src/handler.cpp", 22, 3,
            "call to 'stage1' in coroutine 'transform' blocks: it reaches "
            "'std::this_thread::sleep_for', which sleeps the thread",
            [("src/pipeline_odd.cpp", 3, 27, "'stage1' calls 'stage2' here"),
             ("src/pipeline_even.cpp", 6, 27, "'stage2' calls 'stage3' here"),
             ("src/pipeline_odd.cpp", 4, 27, "'stage3' calls 'stage4' here"),
             ("src/pipeline_even.cpp", 7, 27, "2 more calls lead from 'stage4' to 'stage6'"),
             ("src/pipeline_even.cpp", 10, 3,
              "'stage6' calls 'std::this_thread::sleep_for' here")])
CYCLE = ("src/indexer.cpp", 9, 3,
         "call to 'visit_dir' in coroutine 'index_tree' blocks: it reaches "
         "'std::this_thread::sleep_for', which sleeps the thread",
         [("src/tree_dir.cpp", 5, 5, "'visit_dir' calls 'visit_entry' here"),
          ("src/tree_entry.cpp", 5, 3, "'visit_entry' calls 'stat_entry' here"),
          ("src/tree_stat.cpp", 9, 3, "'stat_entry' calls 'std::this_thread::sleep_for' here")])
UNBOUNDED = ("src/server.cpp", 12, 23,
             "'aio::spawn' starts one task per element of 'connections' with nothing "
             "bounding how many run at once",
             [("src/server.cpp", 11, 3, "loops over 'connections', whose size is known only "
                                        "at run time")])
# serve_limited's spawn (server.cpp:10) is no finding: serve_limited acquires first.
UNBOUNDED_LIMITED = ("src/server.cpp", 10, 23, UNBOUNDED[3],
                     [("src/server.cpp", 9, 3, UNBOUNDED[4][0][3])])
EXPECTED = [("async-blocking-call",) + FSYNC, ("async-blocking-call",) + PIPELINE,
            ("async-blocking-call",) + CYCLE, ("async-unbounded-concurrency",) + UNBOUNDED]

HELPERS = sorted(["'flush_journal'", "'sync_to_disk'", "'stage1'", "'stage2'", "'stage3'",
                  "'stage4'", "'stage5'", "'stage6'", "'visit_dir'", "'visit_entry'",
                  "'stat_entry'"])
LIMITED = ["c:@F@serve_limited#&$@N@aio@S@Semaphore#$@S@Connection#"]


def findings(report):
    """(check, file, line, column, message, [(file, line, column, message)...]) each."""
    return [(f["check"], f["file"], f["line"], f["column"], f["message"],
             [(n["file"], n["line"], n["column"], n["message"]) for n in f["notes"]])
            for f in report.get("findings", [])]


def plugin_findings(output, project):
    """The same tuples from clang-tidy's output (each warning followed by its notes)."""
    found = []
    for match in re.finditer(r"^(\S+):(\d+):(\d+): (warning|note): (.*?)(?: \[([\w-]+)\])?$",
                             output, re.M):
        file, line, column, kind, message, check = match.groups()
        where = (os.path.relpath(file, project), int(line), int(column))
        if kind == "warning":
            found.append((check,) + where + (message, []))
        elif found:
            found[-1][5].append(where + (message,))
    return sorted(found, key=lambda f: (f[1], f[2], f[3]))


def main():
    test = Test()
    clang_tidy, plugin = test.more

    # Fail first: the coroutine's file alone cannot see what the other files define.
    project = test.project(UNITS, sample=SAMPLE)
    code, alone, err = test.json_run(["src/handler.cpp", "src/server.cpp"], cwd=project)
    test.equal("handler and server alone: findings", findings(alone),
               [("async-unbounded-concurrency",) + UNBOUNDED_LIMITED,
                ("async-unbounded-concurrency",) + UNBOUNDED])

    # One run, -j1 and -j2: the same report, the chains across files exactly.
    project = test.project(UNITS, sample=SAMPLE)
    code, full, err = test.json_run(["-j", "1"], cwd=project)
    test.equal("-j1: exit status and stderr", (code, err),
               (1, "async-lint: 4 findings in 11 translation units\n"))
    test.equal("-j1: findings", findings(full), EXPECTED)
    test.equal("-j1: the cross-file finding's function and fingerprint",
               (full["findings"][0]["function"], full["findings"][0]["fingerprint"]),
               ("commit", fingerprint("async-blocking-call", "src/handler.cpp", "commit",
                                      "  flush_journal(journal);")))
    code, parallel, err = test.json_run(["-j", "2"], cwd=project)
    test.equal("-j2: the same report as -j1", parallel, full)

    # The index beside the database: the helpers that may block, the limited coroutine.
    index_path = os.path.join(project, "async-lint", "index.json")
    index = load_json(index_path) if os.path.exists(index_path) else {}
    test.equal("index: version and keys", (index.get("version"), sorted(index)),
               (1, ["helpers", "limitedCoroutines", "version"]))
    test.equal("index: helpers", sorted(h["name"] for h in index.get("helpers", {}).values()),
               HELPERS)
    test.equal("index: limited coroutines", index.get("limitedCoroutines"), LIMITED)
    test.equal("index: sync_to_disk", index.get("helpers", {}).get("c:@F@sync_to_disk#I#"), {
        "name": "'sync_to_disk'", "qualified": "sync_to_disk", "identifier": "sync_to_disk",
        "blocks": {"function": "fsync", "reason": "blocks until the file reaches the disk",
                   "io": True, "at": os.path.join(project, "src/disk.cpp") + ":7:5",
                   "offset": 92}})

    # --index elsewhere, --no-index none.
    other = test.project(UNITS, sample=SAMPLE)
    test.run(["--index", "out/index.json", "--quiet"], cwd=other)
    with open(os.path.join(other, "out", "index.json")) as f:  # the same, in another copy
        test.equal("--index FILE", json.loads(f.read().replace(other, project)), index)
    test.equal("--index FILE: nothing beside the database",
               os.path.exists(os.path.join(other, "async-lint")), False)
    other = test.project(UNITS, sample=SAMPLE)
    test.run(["--no-index", "--quiet"], cwd=other)
    test.equal("--no-index", os.path.exists(os.path.join(other, "async-lint")), False)

    # Baselines and SARIF take the cross-file findings like any other.
    code, out, err = test.run(["--write-baseline", "baseline.json"], cwd=project)
    code, baselined, err = test.json_run(["--baseline", "baseline.json"], cwd=project)
    # (Its units come from the cache: the link step takes their summaries from there too.)
    test.equal("baseline: nothing new", (code, findings(baselined), err),
               (0, [], "async-lint: 0 findings (4 more in the baseline) in 11 translation "
                       "units (11 from the cache)\n"))
    code, out, err = test.run(["--format", "sarif", "--output", "run.sarif"], cwd=project)
    results = load_json(os.path.join(project, "run.sarif"))["runs"][0]["results"]
    test.equal("sarif: results",
               [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"],
                 len(r.get("relatedLocations", []))) for r in results],
               [(f[0], f[1], f[2], len(f[5])) for f in EXPECTED])

    # Three shards carry their summaries; merge links them into the run's report.
    shard_findings = []
    for k in (1, 2, 3):
        code, out, err = test.run(["--shard", f"{k}/3", "--format", "json", "--output",
                                   f"shard{k}.json", "--fail-on", "never", "--quiet"],
                                  cwd=project)
        shard = load_json(os.path.join(project, f"shard{k}.json"))
        test.equal(f"shard {k}/3: summaries of its units",
                   [s["unit"] for s in shard.get("summaries", [])], shard.get("units"))
        shard_findings += findings(shard)
    test.equal("the shards alone miss chains that cross shards",
               sorted(set(map(repr, shard_findings))) != sorted(map(repr, EXPECTED)), True)
    code, out, err = test.run(["merge", "--index", "merged-index.json", "shard1.json",
                               "shard2.json", "shard3.json"], cwd=project)
    test.equal("merge: exit status and stderr", (code, err), (1, ""))
    merged = json.loads(out) if code == 1 else {}
    test.equal("merge: the run's report", merged, full)
    test.equal("merge: the run's index", load_json(os.path.join(project, "merged-index.json")),
               index)

    # --changed-since: only the edited file is analysed; the units left out lend the link
    # step their summaries from the cache, so a new call into another file is a finding.
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    handler = os.path.join(project, "src", "handler.cpp")
    line = read(handler).count("\n") + 3
    write(handler, read(handler) + "\naio::Task<int> transform_again(int value) {\n"
          "  stage1(value);\n  co_return value;\n}\n")
    code, changed, err = test.json_run(["-j", "1", "--changed-since", "HEAD"], cwd=project)
    test.equal("changed since: the new chain across files", findings(changed),
               [("async-blocking-call", "src/handler.cpp", line, 3,
                 PIPELINE[3].replace("'transform'", "'transform_again'"), PIPELINE[4])])
    test.equal("changed since: exit status and stderr", (code, err),
               (1, "async-lint: 1 finding on lines changed since HEAD in 1 translation unit, "
                   "10 unchanged ones not analysed\n"))
    git(project, "checkout", "-q", "--", "src/handler.cpp")

    # The plugin, reading the index: the same findings, file by file.
    def tidy(config, files):
        done = subprocess.run([clang_tidy, f"--load={plugin}", "--checks=-*,async-*",
                               f"--config={config}", "-p", project, "--quiet"] +
                              [os.path.join(project, f) for f in files],
                              cwd=project, capture_output=True, text=True, timeout=300)
        return done.stdout, done.stderr

    coroutines = ["src/handler.cpp", "src/indexer.cpp", "src/server.cpp"]
    out, err = tidy("{CheckOptions: {SummaryIndex: async-lint/index.json}}", coroutines)
    test.equal("plugin with SummaryIndex: findings", plugin_findings(out, project), EXPECTED)
    out, err = tidy("{}", coroutines)
    test.equal("plugin without an index: only what each file shows",
               plugin_findings(out, project),
               [("async-unbounded-concurrency",) + UNBOUNDED_LIMITED,
                ("async-unbounded-concurrency",) + UNBOUNDED])
    write(os.path.join(project, "broken-index.json"), "{\"version\": 7}\n")
    out, err = tidy("{CheckOptions: {SummaryIndex: broken-index.json}}", ["src/handler.cpp"])
    test.equal("plugin with a file that is no index: one configuration error",
               re.findall(r"error: .*", out + err),
               [f"error: cannot read the summary index '{project}/broken-index.json': not an "
                "async-lint summary of version 1 [clang-tidy-config]"])
    test.finish()


if __name__ == "__main__":
    main()
