#!/usr/bin/env python3
"""A malformed user rule pack is reported once, naming the file, the JSON path and the problem,
and every finding that does not depend on it is still reported.

usage: malformed_pack.py CLANG_TIDY PLUGIN SOURCE_ROOT
"""
import subprocess
import sys

clang_tidy, plugin, root = sys.argv[1:4]
pack = f"{root}/tests/plugin/data/misspelt-pack.json"
fixture = f"{root}/fixtures/seed/bad-forgotten-task.cpp"
run = subprocess.run(
    [clang_tidy, f"--load={plugin}", "--checks=-*,async-*", "--quiet",
     f"--config={{CheckOptions: {{RulePacks: '{pack}'}}}}", fixture, "--",
     "-std=c++20", f"-I{root}/fixtures/runtime"],
    capture_output=True, text=True)
lines = [line for line in (run.stdout + run.stderr).splitlines()
         if ": error: " in line or ": warning: " in line or line.startswith("error: ")]
expected = [
    f'error: invalid rule pack: {pack}: at /blocking/0/nmae: unknown key "nmae"; expected one '
    'of: name, kind, category, reason, alternative, replacement, filter, note [clang-tidy-config]',
    f'error: invalid rule pack: {pack}: at /blocking/0: missing required key "name" '
    '[clang-tidy-config]',
    f"{fixture}:37:3: warning: 'save_result' returns a lazy 'aio::Task<void>' that is never "
    "awaited; its body will not run [async-missing-co-await]",
]
if sorted(lines) != sorted(expected) or run.returncode != 1:
    print(f"exit status {run.returncode}, wanted 1")
    print("--- expected\n" + "\n".join(expected) + "\n--- actual\n" + "\n".join(lines))
    sys.exit(1)
print("malformed pack reported once; the other finding still reported")
