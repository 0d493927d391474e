#!/usr/bin/env python3
"""The project's own runtime and its tests lint clean under every async check: the runtime's
headers get no finding, and its tests only where a NOLINT comment says why the code misbehaves
on purpose (the oracle's tests drop tasks and swallow cancellations deliberately).

usage: lint_clean.py CLANG_TIDY PLUGIN SOURCE_ROOT
"""
import glob
import subprocess
import sys

clang_tidy, plugin, root = sys.argv[1:4]
findings = []
for tu in sorted(glob.glob(f"{root}/tests/runtime/*.cpp")):
    run = subprocess.run(
        [clang_tidy, f"--load={plugin}", "--checks=-*,async-*", "--quiet", "--config={}",
         f"--header-filter={root}/fixtures/runtime/.*", tu, "--", "-std=c++20",
         f"-I{root}/fixtures/runtime"],
        capture_output=True, text=True)
    findings += [line for line in run.stdout.splitlines()
                 if ": warning: " in line or ": error: " in line]
for finding in findings:
    print(finding)
print(f"{len(findings)} findings in the runtime and its tests")
sys.exit(1 if findings else 0)
