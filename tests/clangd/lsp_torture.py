#!/usr/bin/env python3
"""async-lint-clangd on the torture set (tests/torture/generate.py) as an editor sees it: code
that does not compile (typed halfway), call-graph cycles and a long helper chain. Each file's
async diagnostics arrive and are exactly the expected findings (line, check, message), and the
server exits on `exit`.

usage: lsp_torture.py ASYNC_LINT_CLANGD RUNTIME_INCLUDE_DIR REPOSITORY
"""
import os
import sys
import tempfile

from lsp_client import Server

clangd, runtime, repo = sys.argv[1:4]
sys.path.insert(0, os.path.join(repo, "tests", "torture"))
import generate  # noqa: E402

CASES = ["broken_1", "dense_500", "ring_500", "chain_3000"]
FIX = " (fix available)"

failures = 0
with tempfile.TemporaryDirectory() as root:
    expected = generate.generate(root, "small")
    with open(os.path.join(root, ".clangd"), "w") as config:
        config.write(f"CompileFlags:\n  Add: [-std=c++20, -ferror-limit=0, -I{runtime}]\n"
                     "Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                     "    FastCheckFilter: None\n")
    server = Server(clangd, root)
    server.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                  "capabilities": {}})
    server.send("initialized", {}, request=False)
    for case in CASES:
        path = os.path.join(root, case + ".cpp")
        with open(path) as source:
            text = source.read()
        uri = "file://" + path
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}}, request=False)
        got = sorted((d["range"]["start"]["line"] + 1, d["code"],
                      d["message"].removesuffix(FIX).split("\n\n")[0])
                     for d in server.diagnostics(uri) if d.get("source") == "clang-tidy")
        # clangd capitalises a diagnostic's first letter.
        want = sorted((f["line"], f["check"], f["message"][0].upper() + f["message"][1:])
                      for f in expected[case]["findings"])
        if got != want:
            failures += 1
            print(f"{case}:\n  expected {want}\n  got      {got}")
    server.request("shutdown", None)
    server.send("exit", None, request=False)
    server.proc.wait(timeout=30)
if failures:
    sys.exit(1)
print(f"async-lint-clangd: {', '.join(CASES)}: diagnostics as expected; exited on 'exit'")
