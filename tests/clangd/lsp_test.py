#!/usr/bin/env python3
"""async-lint-clangd over LSP (JSON-RPC on stdio), as an editor drives it.

Opens a file with a missing co_await and checks, exactly: the diagnostic's range, code and
source; the quick fix (inserting `co_await `); that the diagnostic goes away once the fixed
text is sent; that a file with a compile error does not stop the server; that check options
in a .clang-tidy apply; that code sees no `__clang_analyzer__` (as the compiler sees it); and
that hover still answers (it is a real clangd).

usage: lsp_test.py ASYNC_LINT_CLANGD RUNTIME_INCLUDE_DIR
"""
import os
import sys
import tempfile

from lsp_client import MISSING_CO_AWAIT, Server

clangd, runtime = sys.argv[1:3]
BAD = MISSING_CO_AWAIT
FIXED = BAD.replace("  fetch();", "  co_await fetch();")
BROKEN = "int broken( {\n"
ANALYZER = "#ifdef __clang_analyzer__\n#error __clang_analyzer__ is defined\n#endif\n" + BAD


def expect(actual, expected, what):
    if actual != expected:
        print(f"{what}:\n  expected {expected!r}\n  actual   {actual!r}")
        sys.exit(1)


with tempfile.TemporaryDirectory() as root:
    with open(os.path.join(root, ".clangd"), "w") as config:
        config.write(f"CompileFlags:\n  Add: [-std=c++20, -I{runtime}]\n"
                     "Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                     "    FastCheckFilter: None\n")
    path = os.path.join(root, "crawl.cpp")
    with open(path, "w") as source:
        source.write(BAD)
    uri = "file://" + path
    server = Server(clangd, root)
    server.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                                  "capabilities": {"textDocument": {"codeAction": {
                                      "codeActionLiteralSupport": {"codeActionKind": {
                                          "valueSet": ["quickfix"]}}}}}})
    server.send("initialized", {}, request=False)
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "cpp", "version": 1, "text": BAD}}, request=False)

    async_diags = [d for d in server.diagnostics(uri) if d.get("source") == "clang-tidy"]
    expect([(d["code"], d["range"], d["message"]) for d in async_diags],
           [("async-missing-co-await",
             {"start": {"line": 3, "character": 2}, "end": {"line": 3, "character": 9}},
             "'fetch' returns a lazy 'aio::Task<int>' that is never awaited; its body will "
             "not run (fix available)")],
           "diagnostics of the bad file")

    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": async_diags[0]["range"],
        "context": {"diagnostics": async_diags}})
    edits = [(a["title"], a["edit"]["changes"][uri]) for a in actions if "edit" in a]
    expect(edits, [("insert 'co_await '",
                    [{"range": {"start": {"line": 3, "character": 2},
                                "end": {"line": 3, "character": 2}},
                      "newText": "co_await "}])],
           "quick fixes")

    server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": FIXED}]}, request=False)
    expect([d for d in server.diagnostics(uri) if d.get("source") == "clang-tidy"], [],
           "diagnostics after the fix")

    broken_uri = "file://" + os.path.join(root, "broken.cpp")
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": broken_uri, "languageId": "cpp", "version": 1, "text": BROKEN}},
        request=False)
    expect([(d["severity"], d["message"]) for d in server.diagnostics(broken_uri)],
           [(1, "Expected expression"),
            (1, "Expected '}'\n\nbroken.cpp:1:13: note: to match this '{'"),
            (3, "To match this '{'\n\nbroken.cpp:2:1: error: expected '}'"),
            (1, "Expected ';' after top level declarator (fix available)")],
           "diagnostics of the file that does not compile")

    # Check options come from .clang-tidy as in the plugin: here the dropped call is ignored.
    quiet_dir = os.path.join(root, "ignored")
    os.mkdir(quiet_dir)
    with open(os.path.join(quiet_dir, ".clang-tidy"), "w") as config:
        config.write("CheckOptions:\n  async-missing-co-await.IgnoredFunctions: '^fetch$'\n")
    quiet_uri = "file://" + os.path.join(quiet_dir, "crawl.cpp")
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": quiet_uri, "languageId": "cpp", "version": 1, "text": BAD}}, request=False)
    expect([d for d in server.diagnostics(quiet_uri) if d.get("source") == "clang-tidy"], [],
           "diagnostics where .clang-tidy ignores 'fetch'")

    # Like clangd and the compiler, and unlike clang-tidy: no __clang_analyzer__.
    analyzer_uri = "file://" + os.path.join(root, "analyzer.cpp")
    server.send("textDocument/didOpen", {"textDocument": {
        "uri": analyzer_uri, "languageId": "cpp", "version": 1, "text": ANALYZER}},
        request=False)
    expect([(d.get("source"), d.get("code"), d["range"]["start"]["line"])
            for d in server.diagnostics(analyzer_uri) if d.get("source") != "clangd"],
           [("clang-tidy", "async-missing-co-await", 6)],
           "diagnostics of a file that fails if __clang_analyzer__ is defined")

    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 3, "character": 12}})
    expect("fetch" in hover["contents"]["value"], True, "hover on fetch names it")

    server.request("shutdown", None)
    server.send("exit", None, request=False)
    server.proc.wait(timeout=30)
print("async-lint-clangd: diagnostic, quick fix, fix applied, broken file, .clang-tidy options, "
      "no __clang_analyzer__, hover: all as expected")
