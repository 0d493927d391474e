#!/usr/bin/env python3
"""JSON output: every field of every finding and compile error, units and failedUnits, and
--output FILE."""
import os
import re

from project import Test, fingerprint, load_json, version

BLOCKING_LINE = "  std::this_thread::sleep_for(std::chrono::milliseconds(5));"


def position(file, line, column, end_column, offset):
    return {"file": file, "line": line, "column": column, "endLine": line,
            "endColumn": end_column, "offset": offset}


def finding(check, where, function, message, line_text, notes=(), fixes=()):
    entry = dict(where)
    entry.update({"check": check, "severity": "warning", "function": function,
                  "message": message, "notes": list(notes), "fixes": list(fixes),
                  "fingerprint": fingerprint(check, where["file"], function, line_text)})
    return entry


def fix(where, length, replacement):
    entry = dict(where)
    entry.update({"length": length, "replacement": replacement})
    return entry


# Regions cover the flagged call (the handler's `catch (declaration`), the notes one token.
# Offsets are bytes from the start of the file: shared.hpp line 13 starts at byte 262,
# alpha.cpp line 10 at 236, beta.cpp lines 13, 14 and 24 at 318, 343 and 575.
HEADER = finding(
    "async-blocking-call", position("include/shared.hpp", 13, 3, 60, 264), "shared::settle",
    "blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it sleeps the "
    "thread; use co_await aio::sleep(d)", BLOCKING_LINE,
    fixes=[fix(position("include/shared.hpp", 13, 3, 60, 264), 57,
               "co_await aio::sleep(std::chrono::milliseconds(5))")])
ALPHA = finding(
    "async-missing-co-await", position("src/alpha.cpp", 10, 3, 14, 238), "alpha_main",
    "'save' returns a lazy 'aio::Task<void>' that is never awaited; its body will not run",
    "  save(total);", fixes=[fix(position("src/alpha.cpp", 10, 3, 3, 238), 0, "co_await ")])
SPAWN = finding(
    "async-unbounded-concurrency", position("src/beta.cpp", 14, 23, 46, 365), "fan_out",
    "'aio::spawn' starts one task per element of 'items' with nothing bounding how many run "
    "at once", "    handles.push_back(aio::spawn(fetch(item)));",
    notes=[dict(position("src/beta.cpp", 13, 3, 6, 320),
                message="loops over 'items', whose size is known only at run time")])
HANDLER = finding(
    "async-swallowed-cancellation", position("src/beta.cpp", 24, 5, 34, 579), "careful",
    "handler of 'const std::exception &' swallows 'aio::CancelledError': the cancellation "
    "ends as a normal return", "  } catch (const std::exception &) {",
    fixes=[fix(position("src/beta.cpp", 24, 5, 5, 579), 0,
               "catch (const aio::CancelledError&) {\n    throw;\n  } ")])
COMPILE_ERROR = {
    "check": "clang-diagnostic-error", "severity": "error", "file": "src/broken.cpp",
    "line": 5, "column": 13, "endLine": 5, "endColumn": 29, "offset": 149,
    "function": "broken", "message": "use of undeclared identifier 'undeclared_value'",
    "notes": [], "fixes": [], "fingerprint": "", "lineHash": ""}

LINE_HASH = re.compile(r"^[0-9a-f]{16}:1$")


def without_line_hashes(findings, test):
    """The findings with lineHash checked for GitHub's format and removed (its value is
    tested against codeql-action's code by cli_line_hash_matches_reference)."""
    result = []
    for entry in findings:
        entry = dict(entry)
        hash = entry.pop("lineHash", None)
        test.equal(f"lineHash of {entry.get('file')}:{entry.get('line')} is GitHub's format",
                   bool(hash and LINE_HASH.match(hash)), True)
        result.append(entry)
    return result


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/broken.cpp"])
    # The offsets above, checked against the sample's text.
    for entry in (HEADER, ALPHA, SPAWN, HANDLER, COMPILE_ERROR):
        with open(os.path.join(project, entry["file"]), "rb") as f:
            text = f.read()
        start = len(b"".join(text.splitlines(True)[:entry["line"] - 1]))
        test.equal(f"offset of {entry['file']}:{entry['line']}:{entry['column']}",
                   entry["offset"], start + entry["column"] - 1)

    code, report, err = test.json_run(["-j", "1"], cwd=project)
    test.equal("exit status with a failed unit", code, 3)
    test.equal("top-level keys", sorted(report), sorted(
        ["version", "tool", "root", "findings", "compileErrors", "configurationErrors",
         "units", "failedUnits"]))
    test.equal("version", report.get("version"), 1)
    test.equal("tool", report.get("tool"), {"name": "async-lint", "version": version(test.repo)})
    test.equal("root", report.get("root"), project)
    test.equal("findings", without_line_hashes(report.get("findings", []), test),
               [HEADER, ALPHA, SPAWN, HANDLER])
    test.equal("compileErrors", report.get("compileErrors"), [COMPILE_ERROR])
    test.equal("configurationErrors", report.get("configurationErrors"), [])
    test.equal("units", report.get("units"), ["src/alpha.cpp", "src/beta.cpp", "src/broken.cpp"])
    test.equal("failedUnits", report.get("failedUnits"), ["src/broken.cpp"])
    test.equal("stderr", err,
               "error: src/broken.cpp: analysis incomplete (did not compile, crashed or timed "
               "out); its findings are missing\n"
               "async-lint: 4 findings in 3 translation units, 1 of them incomplete\n")

    # --output: the report in the file, nothing on stdout, the summary still on stderr.
    code, out, err = test.run(["--format", "json", "--output", "report.json",
                               "src/alpha.cpp"], cwd=project)
    test.equal("exit status with --output", code, 1)
    test.equal("stdout with --output", out, "")
    test.equal("stderr with --output", err,
               "async-lint: 2 findings in 1 translation unit (1 from the cache)\n")
    written = load_json(os.path.join(project, "report.json"))
    test.equal("--output findings", without_line_hashes(written.get("findings", []), test),
               [HEADER, ALPHA])
    test.equal("--output units", written.get("units"), ["src/alpha.cpp"])
    test.equal("--output failedUnits", written.get("failedUnits"), [])
    test.equal("--output compileErrors", written.get("compileErrors"), [])
    test.finish()


if __name__ == "__main__":
    main()
