#!/usr/bin/env python3
"""A minimal LSP client (JSON-RPC over a server's stdio) for the clangd tests and benchmark."""
import json
import subprocess
import time

# A program with one missing co_await (line 4), against the bundled runtime.
MISSING_CO_AWAIT = """#include "aio/aio.hpp"
aio::Task<int> fetch() { co_return 1; }
aio::Task<int> run_all() {
  fetch();
  co_return 0;
}
int main() { return aio::run(run_all()); }
"""


class Server:
    """One language server process, started in the folder `root`."""

    def __init__(self, clangd, root, extra_args=()):
        self.proc = subprocess.Popen([clangd, "--log=error", "--background-index=false",
                                      *extra_args],
                                     cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.pending = []

    def send(self, method, params, request=True):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return message.get("id")

    def read(self):
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("async-lint-clangd exited")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def wait(self, accept, timeout=120):
        """The first message (new or already read) for which accept(message) is true."""
        deadline = time.time() + timeout
        for message in self.pending:
            if accept(message):
                self.pending.remove(message)
                return message
        while time.time() < deadline:
            message = self.read()
            if accept(message):
                return message
            self.pending.append(message)
        raise RuntimeError("timed out")

    def request(self, method, params):
        request_id = self.send(method, params)
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m)["result"]

    def diagnostics(self, uri, timeout=120):
        """The next diagnostics published for uri."""
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri, timeout)["params"]["diagnostics"]
