"""Shared by the end-to-end tests: the sample project, the program, and exact comparisons.

Each test script is run by ctest as
    ASYNC_LINT_LLVM_PREFIX=/usr/lib/llvm-N python3 SCRIPT ASYNC_LINT REPOSITORY [MORE...]
and calls `Test()`: `test.project()` copies tests/cli/e2e/project into a fresh temporary
directory and writes its compile_commands.json there (absolute paths, the directory itself as
the build directory, so that it is also the default root); `test.run(...)` runs async-lint;
`test.equal(...)` records a mismatch; `test.finish()` prints them and exits 1 if any.
"""
import atexit
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "project")

# The units of the default database; src/broken.cpp (does not compile) only on request.
UNITS = ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp"]


class Test:
    def __init__(self):
        if len(sys.argv) < 3:
            sys.exit(f"usage: {sys.argv[0]} ASYNC_LINT REPOSITORY [MORE...]")
        self.binary = os.path.abspath(sys.argv[1])
        self.repo = os.path.abspath(sys.argv[2])
        self.more = sys.argv[3:]
        self.runtime = os.path.join(self.repo, "fixtures", "runtime")
        self.failures = []
        self.checked = 0
        self.scratch = os.path.realpath(tempfile.mkdtemp(prefix="async-lint-e2e-"))
        atexit.register(shutil.rmtree, self.scratch, True)

    def llvm_tool(self, name):
        """The path of NAME (clang++, llvm-config) in the LLVM async-lint was built with."""
        return os.path.join(os.environ["ASYNC_LINT_LLVM_PREFIX"], "bin", name)

    # ---- the project -------------------------------------------------------------------

    def flags(self, project):
        return ["-std=c++20", "-pthread", "-I" + os.path.join(project, "include"),
                "-I" + self.runtime]

    def project(self, units=UNITS, name="project", sample=SAMPLE):
        """A fresh copy of the sample project (or of another one under e2e/); its database
        lists `units` (relative paths)."""
        project = os.path.join(self.scratch, name)
        suffix = 1
        while os.path.exists(project):
            suffix += 1
            project = os.path.join(self.scratch, f"{name}{suffix}")
        shutil.copytree(sample, project)
        self.write_database(project, units)
        return project

    def write_database(self, project, units, directory=None):
        directory = directory or project
        commands = [{"directory": directory,
                     "arguments": ["clang++-19"] + self.flags(project) +
                                  ["-c", os.path.join(project, unit)],
                     "file": os.path.join(project, unit)} for unit in units]
        with open(os.path.join(directory, "compile_commands.json"), "w") as f:
            json.dump(commands, f, indent=2)

    # ---- running -------------------------------------------------------------------------

    def run(self, args, cwd, stdin=subprocess.DEVNULL, env=None):
        """(exit status, stdout, stderr) of async-lint ARGS run in CWD, with ENV added to
        the environment; stdout and stderr are pipes, so neither is a terminal."""
        done = subprocess.run([self.binary] + list(args), cwd=cwd, stdin=stdin,
                              env=dict(os.environ, **(env or {})),
                              capture_output=True, text=True, timeout=300)
        return done.returncode, done.stdout, done.stderr

    def json_run(self, args, cwd, env=None):
        """(exit status, parsed json report, stderr) of a run with --format json."""
        code, out, err = self.run(["--format", "json"] + list(args), cwd, env=env)
        try:
            report = json.loads(out)
        except ValueError:
            self.fail(f"async-lint {' '.join(args)}: stdout is not json:\n{out}\n{err}")
            report = {}
        return code, report, err

    # ---- comparing -------------------------------------------------------------------------

    def fail(self, text):
        self.failures.append(text)

    def equal(self, what, actual, expected):
        """Records a failure unless actual == expected, showing a diff for texts."""
        self.checked += 1
        if actual == expected:
            return True
        if isinstance(actual, str) and isinstance(expected, str):
            diff = "".join(difflib.unified_diff(expected.splitlines(True),
                                                actual.splitlines(True),
                                                "expected", "actual"))
            self.fail(f"{what}:\n{diff}")
        else:
            self.fail(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")
        return False

    def finish(self):
        for failure in self.failures:
            print("FAIL " + failure + "\n")
        print(f"{os.path.basename(sys.argv[0])}: {self.checked} checks, "
              f"{len(self.failures)} failed")
        sys.exit(1 if self.failures else 0)


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def load_json(path):
    with open(path) as f:
        return json.load(f)


def fingerprint(check, file, function, line, occurrence=1):
    """The baseline fingerprint docs/ci.md describes: FNV-1a 64 of the check, the file
    relative to the root, the enclosing function, the flagged line without whitespace and
    the occurrence count, one per line."""
    identity = "\n".join([check, file, function, "".join(line.split()), str(occurrence)])
    value = 0xcbf29ce484222325
    for byte in identity.encode():
        value = ((value ^ byte) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def version(repo):
    """async-lint's version: the VERSION of the top-level project() call."""
    match = re.search(r"^project\(async-lint VERSION (\S+)", read(os.path.join(repo, "CMakeLists.txt")),
                      re.MULTILINE)
    return match.group(1)


def brief(finding):
    """The fields of a json finding that identify it: check, file, line, column."""
    return (finding["check"], finding["file"], finding["line"], finding["column"])
