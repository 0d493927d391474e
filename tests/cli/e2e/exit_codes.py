#!/usr/bin/env python3
"""Exit statuses (docs/ci.md): 0 clean, 1 findings at the --fail-on level, 2 usage or
configuration error, 3 a unit did not compile or its analysis crashed; and what each says on
stderr."""
import os

from project import Test, brief, write

ALPHA_TEXT = """\
include/shared.hpp:13:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it sleeps the thread; use co_await aio::sleep(d) [async-blocking-call]
   13 |   std::this_thread::sleep_for(std::chrono::milliseconds(5));
      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
      |   co_await aio::sleep(std::chrono::milliseconds(5))
src/alpha.cpp:10:3: warning: 'save' returns a lazy 'aio::Task<void>' that is never awaited; its body will not run [async-missing-co-await]
   10 |   save(total);
      |   ^~~~~~~~~~~
      |   co_await 
"""
PACK = "tests/plugin/data/misspelt-pack.json"


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp", "src/broken.cpp"])

    def expect(args, status, stdout=None, stderr=None, what=None):
        what = what or "async-lint " + " ".join(args)
        code, out, err = test.run(args, cwd=project)
        test.equal(f"{what}: exit status", code, status)
        if stdout is not None:
            test.equal(f"{what}: stdout", out, stdout)
        if stderr is not None:
            test.equal(f"{what}: stderr", err, stderr)

    one_unit = "async-lint: 2 findings in 1 translation unit\n"
    cached_unit = "async-lint: 2 findings in 1 translation unit (1 from the cache)\n"
    expect(["src/clean.cpp"], 0, "", "async-lint: 0 findings in 1 translation unit\n")
    expect(["src/alpha.cpp"], 1, ALPHA_TEXT, one_unit)
    expect(["--fail-on", "error", "src/alpha.cpp"], 0, ALPHA_TEXT, cached_unit)
    expect(["--fail-on", "never", "src/alpha.cpp"], 0, ALPHA_TEXT, cached_unit)

    # Usage errors: one line, nothing analysed.
    expect(["--bogus", "src/alpha.cpp"], 2, "",
           "error: unknown option \"--bogus\"; see async-lint --help\n")
    expect(["--chekcs=-*", "src/alpha.cpp"], 2, "",
           "error: unknown option \"--chekcs\"; did you mean \"--checks\"?\n")
    expect(["--fail-on", "sometimes", "src/alpha.cpp"], 2, "",
           "error: option '--fail-on' expects one of: warning, error, never, got 'sometimes'\n")
    expect(["-p", "/nonexistent"], 2, "",
           "error: -p '/nonexistent': no such directory\n")
    expect(["--header-filter", "inc(", "src/alpha.cpp"], 2, "",
           "error: option '--header-filter': invalid regular expression 'inc(': parentheses not "
           "balanced\n")
    write(os.path.join(project, "notadb", "compile_commands.json"), "{}\n")
    expect(["-p", "notadb"], 2, "",
           "error: malformed compilation database: notadb/compile_commands.json:1:1: expected an "
           "array of compile commands, got an object\n")

    # A malformed .clang-tidy under src/odd/: named with its line, column and problem; the
    # other unit's findings are still reported.
    odd = os.path.join(project, "src", "odd")
    write(os.path.join(odd, ".clang-tidy"), "Checks: '-*,async-*'\nCheckOptions:\n  - key: [oops\n")
    with open(os.path.join(project, "src", "clean.cpp")) as f:
        write(os.path.join(odd, "odd.cpp"), f.read())
    expect(["-j", "1", "src/alpha.cpp", "src/odd/odd.cpp"], 2, ALPHA_TEXT,
           f"error: malformed configuration: {odd}/.clang-tidy:3:15: Could not find closing ]!\n"
           "async-lint: 2 findings in 2 translation units (1 from the cache)\n",
           "malformed .clang-tidy")

    # A malformed rule pack: both of its problems, once each; every finding is still
    # reported, and no unit is said not to have compiled.
    write(os.path.join(project, "pack.yaml"),
          "Checks: '-*,async-*'\nCheckOptions:\n"
          f"  RulePacks: '{os.path.join(test.repo, PACK)}'\n")
    pack = os.path.join(test.repo, PACK)
    problems = [
        f"invalid rule pack: {pack}: at /blocking/0/nmae: unknown key \"nmae\"; expected one "
        "of: name, kind, category, reason, alternative, replacement, filter, note",
        f"invalid rule pack: {pack}: at /blocking/0: missing required key \"name\""]
    code, report, err = test.json_run(["-j", "2", "--config-file", "pack.yaml", "src/alpha.cpp",
                                       "src/beta.cpp"], cwd=project)
    test.equal("malformed rule pack: exit status", code, 2)
    test.equal("malformed rule pack: configurationErrors", report.get("configurationErrors"),
               problems)
    test.equal("malformed rule pack: findings", [brief(f) for f in report.get("findings", [])],
               [("async-blocking-call", "include/shared.hpp", 13, 3),
                ("async-missing-co-await", "src/alpha.cpp", 10, 3),
                ("async-unbounded-concurrency", "src/beta.cpp", 14, 23),
                ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)])
    test.equal("malformed rule pack: failedUnits", report.get("failedUnits"), [])
    test.equal("malformed rule pack: compileErrors", report.get("compileErrors"), [])
    test.equal("malformed rule pack: stderr", err,
               "".join(f"error: {line}\n" for line in problems)
               + "async-lint: 4 findings in 2 translation units\n")

    # A unit that does not compile among good ones: its error is shown, the others'
    # findings are still reported, and the status says the analysis is incomplete.
    expect(["-j", "1", "src/alpha.cpp", "src/broken.cpp", "src/clean.cpp"], 3,
           "src/broken.cpp:5:13: error: use of undeclared identifier 'undeclared_value'\n"
           "    5 |   co_return undeclared_value;\n"
           "      |             ^~~~~~~~~~~~~~~~\n" + ALPHA_TEXT,
           "error: src/broken.cpp: analysis incomplete (did not compile, crashed or timed out); "
           "its findings are missing\n"
           "async-lint: 2 findings in 3 translation units (2 from the cache), 1 of them "
           "incomplete\n", "a unit that does not compile")
    # A unit on which clang crashes loses only itself (more in isolation.py).
    write(os.path.join(project, "src", "crash.cpp"), "#pragma clang __debug crash\nint main() {}\n")
    expect(["-j", "1", "src/crash.cpp", "src/alpha.cpp"], 3,
           "error: src/crash.cpp: analysis crashed (signal 4)\n" + ALPHA_TEXT,
           "error: src/crash.cpp: analysis incomplete (did not compile, crashed or timed out); "
           "its findings are missing\n"
           "async-lint: 2 findings in 2 translation units (1 from the cache), 1 of them "
           "incomplete\n", "a unit on which clang crashes")
    # ... even with --fail-on never: the gate must not pass on a partial analysis.
    expect(["--fail-on", "never", "src/broken.cpp"], 3, what="--fail-on never, broken unit")
    test.finish()


if __name__ == "__main__":
    main()
