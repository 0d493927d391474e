#!/usr/bin/env python3
"""async-lint-clangd with the SummaryIndex option: on the cross-unit project
(tests/cli/e2e/cross_unit), after an async-lint run wrote its index, the editor shows the
chains through the other files, each step as related information in its own file, and the
spawn of a coroutine that acquires a limiter first in another file is not reported.

usage: lsp_summary_index.py ASYNC_LINT_CLANGD ASYNC_LINT REPOSITORY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from lsp_client import Server

clangd, async_lint, repo = sys.argv[1:4]
sample = os.path.join(repo, "tests", "cli", "e2e", "cross_unit")
problems = []


def expect(actual, expected, what):
    if actual != expected:
        problems.append(f"{what}:\n  expected {expected!r}\n  actual   {actual!r}")


def brief(diagnostic, root):
    """(code, line, message, [(file, line, message) of each related location])."""
    related = [(info["location"]["uri"][len("file://" + root) + 1:],
                info["location"]["range"]["start"]["line"] + 1, info["message"])
               for info in diagnostic.get("relatedInformation", [])]
    return (diagnostic["code"], diagnostic["range"]["start"]["line"] + 1,
            diagnostic["message"], related)


with tempfile.TemporaryDirectory() as scratch:
    root = os.path.join(os.path.realpath(scratch), "project")
    shutil.copytree(sample, root)
    units = sorted(os.path.join(root, "src", name)
                   for name in os.listdir(os.path.join(root, "src")))
    flags = ["-std=c++20", "-I" + os.path.join(root, "include"),
             "-I" + os.path.join(repo, "fixtures", "runtime")]
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump([{"directory": root, "file": unit,
                    "arguments": ["clang++"] + flags + ["-c", unit]} for unit in units], f)
    subprocess.run([async_lint, "--quiet", "--fail-on", "never"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(root, ".clangd"), "w") as f:
        f.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n    FastCheckFilter: None\n")
    with open(os.path.join(root, ".clang-tidy"), "w") as f:
        f.write("CheckOptions:\n  SummaryIndex: async-lint/index.json\n")

    server = Server(clangd, root)
    server.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + root,
        "capabilities": {"textDocument": {"publishDiagnostics": {"relatedInformation": True}}}})
    server.send("initialized", {}, request=False)

    def open_file(name, text=None):
        uri = "file://" + os.path.join(root, name)
        with open(os.path.join(root, name)) as f:
            text = f.read() if text is None else text
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}}, request=False)
        return [brief(d, root) for d in server.diagnostics(uri) if d.get("source") == "clang-tidy"]

    expect(open_file("src/handler.cpp"), [
        ("async-blocking-call", 10, "Call to 'flush_journal' in coroutine 'commit' blocks: it "
         "reaches 'fsync', which blocks until the file reaches the disk",
         [("src/journal.cpp", 7, "'flush_journal' calls 'sync_to_disk' here"),
          ("src/disk.cpp", 7, "'sync_to_disk' calls 'fsync' here")]),
        ("async-blocking-call", 22, "Call to 'stage1' in coroutine 'transform' blocks: it "
         "reaches 'std::this_thread::sleep_for', which sleeps the thread",
         [("src/pipeline_odd.cpp", 3, "'stage1' calls 'stage2' here"),
          ("src/pipeline_even.cpp", 6, "'stage2' calls 'stage3' here"),
          ("src/pipeline_odd.cpp", 4, "'stage3' calls 'stage4' here"),
          ("src/pipeline_even.cpp", 7, "2 more calls lead from 'stage4' to 'stage6'"),
          ("src/pipeline_even.cpp", 10, "'stage6' calls 'std::this_thread::sleep_for' here")])],
        "handler.cpp")
    expect(open_file("src/server.cpp"), [
        ("async-unbounded-concurrency", 12, "'aio::spawn' starts one task per element of "
         "'connections' with nothing bounding how many run at once",
         [("src/server.cpp", 11, "Loops over 'connections', whose size is known only at run "
                                 "time")])],  # clangd capitalises the notes in the file itself
        "server.cpp")

    server.request("shutdown", None)
    server.send("exit", None, request=False)
    server.proc.wait(timeout=30)

for problem in problems:
    print(problem)
print(f"async-lint-clangd with SummaryIndex: {len(problems) or 'no'} problems")
sys.exit(1 if problems else 0)
