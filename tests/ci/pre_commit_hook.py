#!/usr/bin/env python3
"""The async-lint hook of .pre-commit-hooks.yaml, run by pre-commit itself, as a project that
lists it in its .pre-commit-config.yaml has it run on `git commit`.

A scratch hook repository holds this repository's .pre-commit-hooks.yaml; a scratch project
(the sample project with build/compile_commands.json, committed) stages changes; then
`pre-commit try-repo HOOKS async-lint` runs the hook on the staged files, with the built
async-lint on PATH. Checks, exactly: the hook's verdict and output when a source file and a
header with findings are staged (only they are linted: the header with its neighbour's
compile command), when only a clean file is, and when no C++ file is.

usage: pre_commit_hook.py PRE_COMMIT ASYNC_LINT SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

pre_commit, async_lint, source = sys.argv[1:4]
SAMPLE = os.path.join(source, "tests", "cli", "e2e", "project")
RUNTIME = os.path.join(source, "fixtures", "runtime")
UNITS = ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp"]
FINDINGS = """include/shared.hpp:13:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it sleeps the thread; use co_await aio::sleep(d) [async-blocking-call]
   13 |   std::this_thread::sleep_for(std::chrono::milliseconds(5));
      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
      |   co_await aio::sleep(std::chrono::milliseconds(5))
src/alpha.cpp:10:3: warning: 'save' returns a lazy 'aio::Task<void>' that is never awaited; its body will not run [async-missing-co-await]
   10 |   save(total);
      |   ^~~~~~~~~~~
      |   co_await 
async-lint: 2 findings in 2 translation units
"""
GIT = ["git", "-c", "user.name=async-lint tests", "-c", "user.email=tests@async-lint.invalid"]
failures = []
checked = 0


def equal(what, actual, expected):
    global checked
    checked += 1
    if actual != expected:
        failures.append(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")


def git(repo, *args):
    subprocess.run(GIT + ["-C", repo, *args], check=True, capture_output=True)


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def hook_repository(scratch):
    hooks = os.path.join(scratch, "hooks")
    os.mkdir(hooks)
    shutil.copy(os.path.join(source, ".pre-commit-hooks.yaml"), hooks)
    git(hooks, "init", "-q")
    git(hooks, "add", ".pre-commit-hooks.yaml")
    git(hooks, "commit", "-q", "-m", "hooks")
    return hooks


def project(scratch):
    root = os.path.join(scratch, "project")
    shutil.copytree(SAMPLE, root)
    os.mkdir(os.path.join(root, "build"))
    commands = [{"directory": os.path.join(root, "build"),
                 "arguments": ["clang++", "-std=c++20", "-pthread",
                               "-I" + os.path.join(root, "include"), "-I" + RUNTIME, "-c",
                               os.path.join(root, unit)],
                 "file": os.path.join(root, unit)} for unit in UNITS]
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=2)
    with open(os.path.join(root, ".gitignore"), "w") as f:
        f.write("/build/\n")
    with open(os.path.join(root, "README.md"), "w") as f:
        f.write("# sample\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "sample")
    return root


def run_hook(scratch, hooks, root):
    """(exit status, the hook's part of pre-commit's output) on what is staged in root."""
    env = dict(os.environ, PATH=os.path.join(scratch, "bin") + os.pathsep + os.environ["PATH"],
               PRE_COMMIT_HOME=os.path.join(scratch, "pre-commit-home"))
    done = subprocess.run([pre_commit, "try-repo", hooks, "async-lint"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    output = done.stdout
    start = re.search(r"^async-lint\.", output, re.M)
    hook_part = output[start.start():] if start else output
    return done.returncode, re.sub(r"^async-lint\.+", "async-lint...", hook_part)


def main():
    if not os.path.exists(pre_commit):
        sys.exit(f"no pre-commit ({pre_commit}): scripts/setup.sh installs Debian's")
    scratch = tempfile.mkdtemp(prefix="async-lint-pre-commit-")
    try:
        os.mkdir(os.path.join(scratch, "bin"))
        os.symlink(async_lint, os.path.join(scratch, "bin", "async-lint"))
        hooks = hook_repository(scratch)
        root = project(scratch)

        append(os.path.join(root, "src", "alpha.cpp"), "// edited\n")
        append(os.path.join(root, "include", "shared.hpp"), "// edited\n")
        append(os.path.join(root, "README.md"), "edited\n")
        git(root, "add", "src/alpha.cpp", "include/shared.hpp", "README.md")
        equal("a source file and a header staged", run_hook(scratch, hooks, root),
              (1, "async-lint...Failed\n- hook id: async-lint\n- exit code: 1\n\n" +
               FINDINGS + "\n"))
        git(root, "commit", "-q", "-m", "edits")

        append(os.path.join(root, "src", "clean.cpp"), "// edited\n")
        git(root, "add", "src/clean.cpp")
        equal("a clean file staged", run_hook(scratch, hooks, root),
              (0, "async-lint...Passed\n"))
        git(root, "commit", "-q", "-m", "clean")

        append(os.path.join(root, "README.md"), "again\n")
        git(root, "add", "README.md")
        equal("no C++ file staged", run_hook(scratch, hooks, root),
              (0, "async-lint...(no files to check)Skipped\n"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


main()
print(f"{os.path.basename(sys.argv[0])}: {checked} checks, {len(failures)} failed")
for failure in failures:
    print("FAIL " + failure)
sys.exit(1 if failures else 0)
