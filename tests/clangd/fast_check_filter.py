#!/usr/bin/env python3
"""Which `.clangd` lets async-lint-clangd run the async checks (docs/editors.md).

clangd runs only the clang-tidy checks it knows to be fast unless `FastCheckFilter` says
otherwise, and it knows nothing of ours. For each setting, exactly which diagnostics arrive
for a file with a missing co_await: none without the line or with `Strict` (clangd's
default), the finding with `Loose` or `None`. The same in clangd 19 and 22.

usage: fast_check_filter.py ASYNC_LINT_CLANGD RUNTIME_INCLUDE_DIR
"""
import os
import sys
import tempfile

from lsp_client import MISSING_CO_AWAIT, Server

clangd, runtime = sys.argv[1:3]
BAD = MISSING_CO_AWAIT
EXPECTED = {None: [], "Strict": [], "Loose": ["async-missing-co-await"],
            "None": ["async-missing-co-await"]}


def tidy_codes(fast_check_filter):
    """The codes of the clang-tidy diagnostics published for BAD under this setting."""
    with tempfile.TemporaryDirectory() as root:
        config = (f"CompileFlags:\n  Add: [-std=c++20, -I{runtime}]\n"
                  "Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n")
        if fast_check_filter:
            config += f"    FastCheckFilter: {fast_check_filter}\n"
        with open(os.path.join(root, ".clangd"), "w") as f:
            f.write(config)
        path = os.path.join(root, "crawl.cpp")
        with open(path, "w") as f:
            f.write(BAD)
        server = Server(clangd, root)
        server.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                      "capabilities": {}})
        server.send("initialized", {}, request=False)
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": "file://" + path, "languageId": "cpp", "version": 1, "text": BAD}},
            request=False)
        codes = [d["code"] for d in server.diagnostics("file://" + path)
                 if d.get("source") == "clang-tidy"]
        server.request("shutdown", None)
        server.send("exit", None, request=False)
        server.proc.wait(timeout=60)
        return codes


failures = []
for setting, expected in EXPECTED.items():
    actual = tidy_codes(setting)
    if actual != expected:
        failures.append(f"FastCheckFilter: {setting or '(absent)'}: expected {expected}, "
                        f"actual {actual}")
print(f"fast_check_filter.py: {len(EXPECTED)} checks, {len(failures)} failed")
print("\n".join(failures))
sys.exit(1 if failures else 0)
