#!/usr/bin/env python3
"""Baselines: --write-baseline records the findings; --baseline then reports only new ones,
also after the file has moved lines; a malformed baseline is a usage error."""
import os

from project import Test, brief, fingerprint, load_json, read, write


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp"])
    alpha = os.path.join(project, "src", "alpha.cpp")

    # Recording: the findings are still printed, and the run passes (it accepted them).
    code, out, err = test.run(["--format", "json", "--write-baseline", "baseline.json"],
                              cwd=project)
    test.equal("--write-baseline: exit status", code, 0)
    test.equal("--write-baseline: stderr", err, "async-lint: 4 findings in 2 translation units\n")
    def entry(check, file, function, message, line):
        return {"fingerprint": fingerprint(check, file, function, line), "check": check,
                "file": file, "function": function, "message": message}
    test.equal("the baseline file", load_json(os.path.join(project, "baseline.json")), {
        "version": 1, "tool": "async-lint", "findings": [
            entry("async-blocking-call", "include/shared.hpp", "shared::settle",
                  "blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it "
                  "sleeps the thread; use co_await aio::sleep(d)",
                  "std::this_thread::sleep_for(std::chrono::milliseconds(5));"),
            entry("async-missing-co-await", "src/alpha.cpp", "alpha_main",
                  "'save' returns a lazy 'aio::Task<void>' that is never awaited; its body will "
                  "not run", "save(total);"),
            entry("async-unbounded-concurrency", "src/beta.cpp", "fan_out",
                  "'aio::spawn' starts one task per element of 'items' with nothing bounding "
                  "how many run at once", "handles.push_back(aio::spawn(fetch(item)));"),
            entry("async-swallowed-cancellation", "src/beta.cpp", "careful",
                  "handler of 'const std::exception &' swallows 'aio::CancelledError': the "
                  "cancellation ends as a normal return", "} catch (const std::exception &) {"),
        ]})

    # Everything is in the baseline.
    code, out, err = test.run(["--baseline", "baseline.json"], cwd=project)
    test.equal("--baseline", (code, out, err),
               (0, "", "async-lint: 0 findings (4 more in the baseline) in 2 translation units "
                       "(2 from the cache)\n"))

    # Five lines inserted at the top move alpha.cpp's finding: still the same finding.
    write(alpha, "// one\n// two\n// three\n// four\n// five\n" + read(alpha))
    code, out, err = test.run(["--baseline", "baseline.json", "src/alpha.cpp"], cwd=project)
    test.equal("--baseline after moving lines", (code, out, err),
               (0, "", "async-lint: 0 findings (2 more in the baseline) in 1 translation unit\n"))

    # A new dropped task: reported alone. The same statement in another function is new.
    write(alpha, read(alpha) + "\naio::Task<void> later(int total) {\n  save(total);\n  co_return;\n}\n")
    code, report, err = test.json_run(["--baseline", "baseline.json", "src/alpha.cpp"],
                                      cwd=project)
    test.equal("--baseline with a new finding: exit status", code, 1)
    test.equal("--baseline with a new finding: findings",
               [(brief(f), f["function"]) for f in report.get("findings", [])],
               [(("async-missing-co-await", "src/alpha.cpp", 20, 3), "later")])
    test.equal("--baseline with a new finding: stderr", err,
               "async-lint: 1 finding (2 more in the baseline) in 1 translation unit\n")

    # Malformed baselines: status 2 before any analysis, the file and the problem named.
    for name, text, problem in [
            ("garbage.json", "{not json", "not valid json"),
            ("old.json", '{"version": 2, "findings": []}',
             "expected version 1 and a findings array"),
            ("nofingerprint.json", '{"version": 1, "findings": [{"check": "x"}]}',
             "a finding without a fingerprint")]:
        write(os.path.join(project, name), text)
        code, out, err = test.run(["--baseline", name], cwd=project)
        test.equal(f"malformed baseline {name}", (code, out, err),
                   (2, "", f"error: malformed baseline '{name}': {problem}\n"))
    code, out, err = test.run(["--baseline", "absent.json"], cwd=project)
    test.equal("absent baseline", (code, out, err),
               (2, "", "error: cannot read baseline 'absent.json'\n"))
    test.finish()


if __name__ == "__main__":
    main()
