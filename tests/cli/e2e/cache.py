#!/usr/bin/env python3
"""The result cache: a run whose units' inputs are unchanged takes their results from
.async-lint-cache beside the database without parsing them; each kind of change to what a
result depends on makes its units miss; corrupt entries are rewritten; runs can share the
directory; the size limit evicts the entries unused longest; --no-cache and an unusable
directory leave the results intact."""
import json
import os
import re
import shutil
import subprocess

from project import Test, brief, load_json, read, write

FINDINGS = [("async-blocking-call", "include/shared.hpp", 13, 3),
            ("async-missing-co-await", "src/alpha.cpp", 10, 3),
            ("async-unbounded-concurrency", "src/beta.cpp", 14, 23),
            ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)]


def summary(findings, units, cached=0):
    line = (f"async-lint: {findings} finding{'' if findings == 1 else 's'} in {units} "
            f"translation unit{'' if units == 1 else 's'}")
    return line + (f" ({cached} from the cache)" if cached else "") + "\n"


def entries(cache):
    """The cache's entries: name -> (modification time, contents)."""
    units = os.path.join(cache, "units")
    found = {}
    for name in sorted(os.listdir(units)):
        path = os.path.join(units, name)
        with open(path, "rb") as f:
            found[name] = (os.stat(path).st_mtime_ns, f.read())
    return found


class Cached:
    """Runs async-lint on one project and checks the summary of each run."""

    def __init__(self, test, project):
        self.test, self.project = test, project
        self.cache = os.path.join(project, ".async-lint-cache")

    def run(self, what, args, status, stderr, env=None):
        code, out, err = self.test.run(["-j", "1"] + args, cwd=self.project, env=env)
        self.test.equal(f"{what}: exit status and stderr", (code, err), (status, stderr))
        return out

    def findings(self, what, args, expected, stderr):
        code, report, err = self.test.json_run(["-j", "1"] + args, cwd=self.project)
        self.test.equal(f"{what}: findings", [brief(f) for f in report.get("findings", [])],
                        expected)
        self.test.equal(f"{what}: stderr", err, stderr)


def hits_and_misses(test):
    project = test.project()
    c = Cached(test, project)

    # Cold: every unit analysed and stored, beside the database, marked as a cache.
    c.run("cold run", ["--format", "json", "--output", "cold.json"], 1, summary(4, 3))
    test.equal("cold run: one entry per unit", len(entries(c.cache)), 3)
    test.equal("CACHEDIR.TAG", read(os.path.join(c.cache, "CACHEDIR.TAG")).splitlines()[0],
               "Signature: 8a477f597d28d172789f06886806bc55")
    test.equal(".gitignore", read(os.path.join(c.cache, ".gitignore")), "# Created by async-lint.\n*\n")

    # Hit: the same report, fix-its and notes included, and nothing parsed: a worker would
    # hang on the unit named by ASYNC_LINT_TEST_HANG_ON, and time out after a second.
    c.run("warm run", ["--format", "json", "--output", "warm.json"], 1, summary(4, 3, 3))
    test.equal("warm run: the cold run's report", load_json(os.path.join(project, "warm.json")),
               load_json(os.path.join(project, "cold.json")))
    reference = c.run("--no-cache", ["--no-cache"], 1, summary(4, 3))
    for unit in ["alpha.cpp", "beta.cpp", "clean.cpp"]:
        out = c.run(f"warm run, a worker would hang on {unit}", ["--unit-timeout", "1"], 1,
                    summary(4, 3, 3), env={"ASYNC_LINT_TEST_HANG_ON": unit})
        test.equal(f"warm run, a worker would hang on {unit}: stdout", out, reference)

    # A source file: its unit only, with the new finding; the hang proves it was parsed.
    alpha = os.path.join(project, "src", "alpha.cpp")
    write(alpha, read(alpha) + "\naio::Task<void> later(int total) {\n  save(total);\n  co_return;\n}\n")
    c.run("source changed, the hook bites", ["--unit-timeout", "1"], 3,
          "error: src/alpha.cpp: analysis incomplete (did not compile, crashed or timed out); "
          "its findings are missing\n"
          "async-lint: 3 findings in 3 translation units (2 from the cache), 1 of them "
          "incomplete\n", env={"ASYNC_LINT_TEST_HANG_ON": "alpha.cpp"})
    c.findings("source changed", [], FINDINGS[:2] + [("async-missing-co-await", "src/alpha.cpp", 15, 3)]
               + FINDINGS[2:], summary(5, 3, 2))
    c.run("source changed, again", [], 1, summary(5, 3, 3))

    # A header: the units that include it (alpha and beta, not clean).
    shared = os.path.join(project, "include", "shared.hpp")
    write(shared, "// moved down a line\n" + read(shared))
    moved = [("async-blocking-call", "include/shared.hpp", 14, 3)]
    c.findings("header changed", [], moved + FINDINGS[1:2]
               + [("async-missing-co-await", "src/alpha.cpp", 15, 3)] + FINDINGS[2:],
               summary(5, 3, 1))
    write(alpha, read(alpha).split("\naio::Task<void> later")[0])
    c.findings("source restored", [], moved + FINDINGS[1:], summary(4, 3, 2))

    # A compile command: beta's gains a definition.
    database = os.path.join(project, "compile_commands.json")
    commands = load_json(database)
    commands[1]["arguments"].insert(1, "-DBETA_CHANGED=1")
    write(database, json.dumps(commands, indent=2))
    c.run("compile command changed", [], 1, summary(4, 3, 2))

    # The configuration: a check option of .clang-tidy (blocking-call without the aio pack,
    # whose advice for the sleep is aio::sleep).
    clang_tidy = os.path.join(project, ".clang-tidy")
    write(clang_tidy, "Checks: '-*,async-*'\nCheckOptions:\n"
                      "  async-blocking-call.DisabledRulePacks: 'aio'\n")
    code, report, err = test.json_run(["-j", "1"], cwd=project)
    test.equal("check option changed: stderr", err, summary(4, 3))
    test.equal("check option changed: the sleep's advice",
               [f["message"] for f in report.get("findings", [])][:1],
               ["blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it sleeps "
                "the thread; use an asynchronous sleep of the coroutine's runtime"])
    c.run("check option changed, again", [], 1, summary(4, 3, 3))
    # ... and the checks on the command line.
    c.run("--checks", ["--checks=-async-missing-co-await"], 1,
          summary(3, 3)[:-1] + "; 3 of 4 async checks ran: async-blocking-call, "
          "async-swallowed-cancellation, async-unbounded-concurrency\n")

    # A rule pack's contents: the same option, the pack turned on in the file.
    pack = os.path.join(project, "pack.json")
    pack_text = ('{"name": "project", "library": "the sample", "description": "settle waits",'
                 ' "default": %s, "blocking": [{"name": "shared::settle", "kind": "function",'
                 ' "category": "wait", "reason": "waits", "alternative": "nothing"}]}\n')
    write(pack, pack_text % "false")
    write(clang_tidy, f"Checks: '-*,async-*'\nCheckOptions:\n  RulePacks: '{pack}'\n")
    c.findings("rule pack off", [], moved + FINDINGS[1:], summary(4, 3))
    write(pack, pack_text % "true")
    c.findings("rule pack on", [], moved + [("async-blocking-call", "src/alpha.cpp", 5, 12),
                                            ("async-blocking-call", "src/alpha.cpp", 9, 24),
                                            FINDINGS[1],
                                            ("async-blocking-call", "src/beta.cpp", 8, 22)]
               + FINDINGS[2:], summary(7, 3))
    c.run("rule pack on, again", [], 1, summary(7, 3, 3))

    # Another async-lint binary (a rebuild keeps the version number).
    rebuilt = os.path.join(test.scratch, "rebuilt-async-lint")
    shutil.copy(test.binary, rebuilt)
    with open(rebuilt, "ab") as f:
        f.write(b"\0")
    done = subprocess.run([rebuilt, "-j", "1"], cwd=project, capture_output=True, text=True)
    test.equal("another binary", (done.returncode, done.stderr), (1, summary(7, 3)))

    # --no-cache reads and writes nothing, even where the cache has nothing current.
    before = entries(c.cache)
    write(alpha, "// a comment\n" + read(alpha))
    c.run("--no-cache after a change", ["--no-cache"], 1, summary(7, 3))
    test.equal("--no-cache: the cache untouched", entries(c.cache), before)
    c.run("after --no-cache", [], 1, summary(7, 3, 2))


def corrupt_entries(test):
    project = test.project()
    c = Cached(test, project)
    reference = c.run("cold run", [], 1, summary(4, 3))
    names = list(entries(c.cache))
    units = os.path.join(c.cache, "units")
    damaged = {}
    for name, damage in zip(names, ["truncate", "flip", "empty"]):
        path = os.path.join(units, name)
        data = open(path, "rb").read()
        if damage == "truncate":
            data = data[:len(data) // 2]
        elif damage == "flip":  # inside the stored result: its hash no longer matches
            data = data[:-100] + bytes([data[-100] ^ 0x40]) + data[-99:]
        else:
            data = b""
        damaged[name] = data
        with open(path, "wb") as f:
            f.write(data)
    out = c.run("corrupt entries", [], 1, summary(4, 3))
    test.equal("corrupt entries: the same findings", out, reference)
    test.equal("corrupt entries: rewritten in place",
               {name: contents != damaged[name] for name, (_, contents) in entries(c.cache).items()},
               {name: True for name in names})
    c.run("after the rewrite", [], 1, summary(4, 3, 3))


def concurrent_runs(test):
    project = test.project()
    c = Cached(test, project)
    reference = c.run("reference", ["--no-cache"], 1, summary(4, 3))
    shared = os.path.join(project, "include", "shared.hpp")
    for round in ["cold", "after a header change"]:
        if round != "cold":
            write(shared, read(shared) + "// changed\n")
        runs = [subprocess.Popen([test.binary, "-j", "1"], cwd=project, text=True,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        for i, run in enumerate(runs):
            out, err = run.communicate(timeout=300)
            test.equal(f"two runs at once, {round}, run {i}: exit status and stdout",
                       (run.returncode, out), (1, reference))
            # How many units each finds stored depends on which run stores them first.
            if not re.fullmatch(r"async-lint: 4 findings in 3 translation units"
                                r"( \([123] from the cache\))?\n", err):
                test.fail(f"two runs at once, {round}, run {i}: stderr {err!r}")
        test.equal(f"two runs at once, {round}: three entries, no temporary file",
                   len(entries(c.cache)), 3)
        c.run(f"two runs at once, {round}: then", [], 1, summary(4, 3, 3))


def eviction(test):
    project = test.project()
    c = Cached(test, project)
    # Each unit alone, to know its entry.
    entry = {}
    for unit, findings in [("alpha", 2), ("beta", 3), ("clean", 0)]:
        before = set(entries(c.cache)) if os.path.isdir(c.cache) else set()
        c.run(f"{unit} alone", [f"src/{unit}.cpp"], 1 if findings else 0, summary(findings, 1))
        (entry[unit],) = set(entries(c.cache)) - before
    units = os.path.join(c.cache, "units")
    size = {unit: os.path.getsize(os.path.join(units, entry[unit])) for unit in entry}
    for age, unit in enumerate(["alpha", "beta", "clean"]):  # alpha unused longest
        os.utime(os.path.join(units, entry[unit]), ns=(10**18 + age * 10**9,) * 2)

    # Room for two entries: clean's hit renews it, and alpha's, the oldest, goes.
    limit = str(size["beta"] + size["clean"])
    c.run("a hit with room for two", ["--cache-size", limit, "src/clean.cpp"], 0,
          summary(0, 1, 1))
    test.equal("evicted: alpha's", sorted(entries(c.cache)), sorted([entry["beta"], entry["clean"]]))
    # alpha analysed again and stored; now beta's is the oldest.
    limit = str(size["alpha"] + size["clean"])
    c.run("alpha after its eviction", ["--cache-size", limit, "src/alpha.cpp"], 1,
          summary(2, 1))
    test.equal("evicted: beta's", sorted(entries(c.cache)), sorted([entry["alpha"], entry["clean"]]))
    # 0: no limit.
    c.run("no limit", ["--cache-size", "0"], 1, summary(4, 3, 2))
    test.equal("no limit: every entry", len(entries(c.cache)), 3)


def where_the_cache_is(test):
    project = test.project()
    c = Cached(test, project)
    c.run("--no-cache on a fresh project", ["--no-cache"], 1, summary(4, 3))
    test.equal("--no-cache: no cache directory", os.path.exists(c.cache), False)

    # --cache-dir, relative to the working directory.
    c.run("--cache-dir", ["--cache-dir", "elsewhere/cache"], 1, summary(4, 3))
    c.run("--cache-dir, again", ["--cache-dir", "elsewhere/cache"], 1, summary(4, 3, 3))
    test.equal("--cache-dir: its entries", len(entries(os.path.join(project, "elsewhere", "cache"))), 3)
    test.equal("--cache-dir: none beside the database", os.path.exists(c.cache), False)

    # A directory that cannot be made: one warning, and every result still reported.
    reference = c.run("reference", ["--no-cache"], 1, summary(4, 3))
    write(os.path.join(project, "a-file"), "")
    out = c.run("unusable --cache-dir", ["--cache-dir", "a-file/cache"], 1,
                "warning: cannot use the cache directory 'a-file/cache': Not a directory; "
                "analysing without it\n" + summary(4, 3))
    test.equal("unusable --cache-dir: stdout", out, reference)

    # A unit that does not compile is analysed again each time.
    test.write_database(project, ["src/broken.cpp"])
    for attempt in ["first", "second"]:
        c.run(f"a unit that does not compile, {attempt} run", [], 3,
              "error: src/broken.cpp: analysis incomplete (did not compile, crashed or timed "
              "out); its findings are missing\n" + summary(0, 1)[:-1] + ", 1 of them incomplete\n")

    # `--` flags: no database, so no cache unless --cache-dir names one.
    bare = test.project([], name="bare")
    os.remove(os.path.join(bare, "compile_commands.json"))
    flags = ["src/clean.cpp", "--", "-std=c++20", "-I" + os.path.join(bare, "include"),
             "-I" + test.runtime]
    for attempt in ["first", "second"]:
        code, out, err = test.run(flags, cwd=bare)
        test.equal(f"-- flags, {attempt} run", (code, err), (0, summary(0, 1)))
    test.equal("-- flags: no cache directory", os.path.exists(os.path.join(bare, ".async-lint-cache")),
               False)


def main():
    test = Test()
    hits_and_misses(test)
    corrupt_entries(test)
    concurrent_runs(test)
    eviction(test)
    where_the_cache_is(test)
    test.finish()


if __name__ == "__main__":
    main()
