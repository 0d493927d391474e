#!/usr/bin/env python3
"""Time from didOpen to the first diagnostics that include clang-tidy's, in async-lint-clangd
with the async checks against clangd-19 with no tidy checks, on the same files (best of N).

usage: bench/clangd_first_diagnostics.py [--runs N] [FILE.cpp ...]
       (default: the bundled example and an Asio-heavy fixture)
"""
import argparse
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "clangd"))
from lsp_client import Server  # noqa: E402

FLAGS = ("[-std=c++20, -I{root}/fixtures/runtime, -DASIO_HAS_CO_AWAIT, "
         "-DASIO_HAS_STD_COROUTINE]")


def first_diagnostics(clangd, source, tidy):
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, ".clangd"), "w") as config:
            config.write(f"CompileFlags:\n  Add: {FLAGS.format(root=ROOT)}\n")
            if tidy:
                config.write("Diagnostics:\n  ClangTidy:\n    Add: [async-*]\n"
                             "    FastCheckFilter: None\n")
        path = os.path.join(root, os.path.basename(source))
        text = open(source).read()
        open(path, "w").write(text)
        server = Server(clangd, root)
        server.request("initialize", {"processId": os.getpid(),
                                      "rootUri": "file://" + root, "capabilities": {}})
        server.send("initialized", {}, request=False)
        start = time.perf_counter()
        server.send("textDocument/didOpen", {"textDocument": {
            "uri": "file://" + path, "languageId": "cpp", "version": 1, "text": text}},
            request=False)
        server.diagnostics("file://" + path, timeout=300)
        elapsed = time.perf_counter() - start
        server.proc.kill()
        return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clangd", default=f"{ROOT}/build/driver/async-lint-clangd")
    parser.add_argument("files", nargs="*", default=[
        f"{ROOT}/fixtures/examples/crawler.cpp",
        f"{ROOT}/fixtures/blocking-call/bad-asio-sync-read.cpp"])
    args = parser.parse_args()
    for source in args.files:
        ours = min(first_diagnostics(args.clangd, source, True) for _ in range(args.runs))
        stock = min(first_diagnostics("clangd-19", source, False) for _ in range(args.runs))
        print(f"{os.path.relpath(source, ROOT):55} clangd-19 {stock:5.2f}s  "
              f"async-lint-clangd with async-* {ours:5.2f}s  ratio {ours / stock:4.2f}")


if __name__ == "__main__":
    main()
