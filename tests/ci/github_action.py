#!/usr/bin/env python3
"""action.yml's lint step run here as GitHub would run it, against a sample project.

Reads the step from action.yml (its command, and the INPUT_* variables it sets from the
inputs, with their defaults or the values a workflow gives), and runs it in a scratch
workspace (a git clone with build/compile_commands.json) with a fake GitHub environment
(GITHUB_WORKSPACE, GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP).
Checks, exactly: the step's status, its outputs, its summary, the SARIF it would upload (the
findings; valid for GitHub by the SARIF multitool), and what the gate step then exits with;
for the whole database, for one clean file, for paths given one a line, with the cache input
(a directory, run twice; false), and with the package input (a fake apt-get that records what it is asked and
installs async-lint).

usage: github_action.py ASYNC_LINT SOURCE_DIR MULTITOOL VALIDATE_SARIF
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

async_lint, source, multitool, validate_sarif = sys.argv[1:5]
SAMPLE = os.path.join(source, "tests", "cli", "e2e", "project")
RUNTIME = os.path.join(source, "fixtures", "runtime")
UNITS = ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp"]
ALL_FINDINGS = [("async-blocking-call", "include/shared.hpp", 13, 3),
                ("async-missing-co-await", "src/alpha.cpp", 10, 3),
                ("async-unbounded-concurrency", "src/beta.cpp", 14, 23),
                ("async-swallowed-cancellation", "src/beta.cpp", 24, 5)]
FAKE_APT_GET = """#!/bin/sh
# Records its arguments; `install` puts async-lint where the Debian package would.
echo "$*" >>"{log}"
if [ "$1" = install ]; then ln -s "{async_lint}" "{installed}/async-lint"; fi
"""
failures = []
checked = 0


def equal(what, actual, expected):
    global checked
    checked += 1
    if actual != expected:
        failures.append(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")


def read(path):
    with open(path) as f:
        return f.read()


class Workspace:
    """A fresh checkout of the sample project, configured: build/compile_commands.json."""

    def __init__(self, scratch, name):
        self.root = os.path.join(scratch, name)
        shutil.copytree(SAMPLE, self.root)
        os.mkdir(os.path.join(self.root, "build"))
        commands = [{"directory": os.path.join(self.root, "build"),
                     "arguments": ["clang++", "-std=c++20", "-pthread",
                                   "-I" + os.path.join(self.root, "include"), "-I" + RUNTIME,
                                   "-c", os.path.join(self.root, unit)],
                     "file": os.path.join(self.root, unit)} for unit in UNITS]
        with open(os.path.join(self.root, "build", "compile_commands.json"), "w") as f:
            json.dump(commands, f, indent=2)
        subprocess.run(["git", "init", "-q", self.root], check=True)
        self.temp = os.path.join(scratch, name + "-runner-temp")
        os.mkdir(self.temp)
        self.output = os.path.join(self.temp, "output")
        self.summary = os.path.join(self.temp, "summary")
        for path in (self.output, self.summary):
            open(path, "w").close()


def run_step(step, workspace, inputs, path):
    """(exit status, stdout) of a `run` step with the environment GitHub gives it."""
    action = yaml.safe_load(read(os.path.join(source, "action.yml")))
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    for name, expression in step.get("env", {}).items():
        env[name] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)],
                           expression)
    env.update(PATH=path + os.pathsep + env["PATH"], GITHUB_ACTIONS="true",
               GITHUB_WORKSPACE=workspace.root, GITHUB_ACTION_PATH=source,
               GITHUB_OUTPUT=workspace.output, GITHUB_STEP_SUMMARY=workspace.summary,
               RUNNER_TEMP=workspace.temp)
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workspace.root, env=env,
                          capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout


def steps():
    action = yaml.safe_load(read(os.path.join(source, "action.yml")))
    lint = next(s for s in action["runs"]["steps"] if s.get("id") == "lint")
    gate = action["runs"]["steps"][-1]
    return lint, gate


def findings(sarif):
    if not os.path.exists(sarif):
        return None
    log = json.loads(read(sarif))
    return [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["startColumn"])
            for r in log["runs"][0]["results"]]


def outputs(workspace):
    return dict(line.split("=", 1) for line in read(workspace.output).splitlines())


def check(name, workspace, inputs, path, stdout, status, summary, expected_findings):
    lint, gate = steps()
    code, out = run_step(lint, workspace, inputs, path)
    equal(f"{name}: lint step status and stdout", (code, out), (0, stdout))
    sarif = inputs.get("sarif", "async-lint.sarif")
    equal(f"{name}: outputs", outputs(workspace), {"sarif": sarif, "status": str(status)})
    equal(f"{name}: step summary", read(workspace.summary), summary)
    equal(f"{name}: findings in the SARIF to upload",
          findings(os.path.join(workspace.root, sarif)), expected_findings)
    gate_run = gate["run"].replace("${{ steps.lint.outputs.status }}", outputs(workspace)["status"])
    equal(f"{name}: gate step status", run_step({"run": gate_run}, workspace, {}, path)[0],
          status)
    return os.path.join(workspace.root, sarif)


def main():
    scratch = tempfile.mkdtemp(prefix="async-lint-action-")
    try:
        on_path = os.path.join(scratch, "bin")
        os.mkdir(on_path)
        os.symlink(async_lint, os.path.join(on_path, "async-lint"))

        whole = check("whole database", Workspace(scratch, "whole"), {}, on_path, "", 1,
                      "async-lint: 4 findings in 3 translation units\n", ALL_FINDINGS)
        check("one clean file", Workspace(scratch, "clean"),
              {"paths": "src/clean.cpp", "sarif": "out/clean.sarif", "upload": "false"},
              on_path, "", 0, "async-lint: 0 findings in 1 translation unit\n", [])
        check("paths on two lines", Workspace(scratch, "two-paths"),
              {"paths": "src/alpha.cpp\nsrc/clean.cpp\n"}, on_path, "", 1,
              "async-lint: 2 findings in 2 translation units\n", ALL_FINDINGS[:2])
        equal("whole database: the cache beside the database",
              len(os.listdir(os.path.join(scratch, "whole", "build", ".async-lint-cache", "units"))), 3)

        # The cache input names the directory: the second run takes every unit from it.
        cached = Workspace(scratch, "cache")
        first = "async-lint: 4 findings in 3 translation units\n"
        check("cache input", cached, {"cache": "ci-cache"}, on_path, "", 1, first, ALL_FINDINGS)
        check("cache input, again", cached, {"cache": "ci-cache"}, on_path, "", 1,
              first + "async-lint: 4 findings in 3 translation units (3 from the cache)\n",
              ALL_FINDINGS)
        equal("cache input: its directory", len(os.listdir(os.path.join(cached.root, "ci-cache", "units"))), 3)
        no_cache = Workspace(scratch, "no-cache")
        check("cache input false", no_cache, {"cache": "false"}, on_path, "", 1, first, ALL_FINDINGS)
        equal("cache input false: no cache", os.path.exists(
            os.path.join(no_cache.root, "build", ".async-lint-cache")), False)

        # The package input: apt-get installs the .deb, named as a path.
        fake = os.path.join(scratch, "fake-apt")
        installed = os.path.join(scratch, "installed")
        os.mkdir(fake)
        os.mkdir(installed)
        log = os.path.join(scratch, "apt-get.log")
        with open(os.path.join(fake, "apt-get"), "w") as f:
            f.write(FAKE_APT_GET.format(log=log, async_lint=async_lint, installed=installed))
        os.chmod(os.path.join(fake, "apt-get"), 0o755)
        check("package input", Workspace(scratch, "package"),
              {"package": "dist/async-lint_0.1.0+llvm19_amd64.deb"},
              fake + os.pathsep + installed, "", 1,
              "async-lint: 4 findings in 3 translation units\n", ALL_FINDINGS)
        equal("package input: apt-get calls", read(log).splitlines(),
              ["update -qq", "install -y -qq --no-install-recommends "
                             "./dist/async-lint_0.1.0+llvm19_amd64.deb"])

        validated = subprocess.run([sys.executable, validate_sarif, multitool, whole],
                                   capture_output=True, text=True)
        equal("the SARIF is valid for GitHub (validate_sarif.py)", validated.returncode, 0)
        if validated.returncode:
            print(validated.stdout + validated.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


main()
print(f"{os.path.basename(sys.argv[0])}: {checked} checks, {len(failures)} failed")
for failure in failures:
    print("FAIL " + failure)
sys.exit(1 if failures else 0)
