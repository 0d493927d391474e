#!/usr/bin/env python3
"""Plain CMake, as a new user, an IDE or a packager runs it: configure only, in scratch
build directories, and check the compiler CMake chose.

With no compiler given (neither -DCMAKE_CXX_COMPILER nor CXX), with the default generator
and with Ninja, the project builds with the clang++ of the LLVM major it links. A compiler
given that is not clang (g++, by CXX or by -DCMAKE_CXX_COMPILER) stops the configuration
before any package is looked for, with one line saying why and what to do.

usage: default_compiler.py CMAKE SOURCE_DIR LLVM_MAJOR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

cmake, source, major = sys.argv[1:4]
failures = []
checked = 0


def equal(what, actual, expected):
    global checked
    checked += 1
    if actual != expected:
        failures.append(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")


def configure(scratch, name, args, cxx=None):
    """(exit status, stdout, stderr, build directory) of configuring afresh."""
    build = os.path.join(scratch, name)
    env = {k: v for k, v in os.environ.items() if k not in ("CXX", "CMAKE_GENERATOR")}
    if cxx:
        env["CXX"] = cxx
    done = subprocess.run([cmake, "-S", source, "-B", build, f"-DASYNC_LINT_LLVM_MAJOR={major}",
                           *args], env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr, build


def cached(build, name):
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        return re.search(rf"^{name}:\w+=(.*)$", f.read(), re.M).group(1)


def compiler_id(build):
    """CMake's identification of the compiler: (id, major version)."""
    [identified] = [os.path.join(d, "CMakeCXXCompiler.cmake")
                    for d, _, files in os.walk(os.path.join(build, "CMakeFiles"))
                    if "CMakeCXXCompiler.cmake" in files]
    with open(identified) as f:
        text = f.read()
    version = re.search(r'set\(CMAKE_CXX_COMPILER_VERSION "(\d+)', text).group(1)
    return re.search(r'set\(CMAKE_CXX_COMPILER_ID "(\w+)"\)', text).group(1), version


def main():
    clangxx = f"/usr/lib/llvm-{major}/bin/clang++"
    gxx = shutil.which("g++")
    gxx_version = subprocess.run([gxx, "-dumpfullversion"], capture_output=True,
                                 text=True).stdout.strip()
    refusal = (f"{gxx} is GNU {gxx_version}, not clang: Debian's LLVM libraries link only "
               "with clang++; configure a new build directory with no compiler given (it "
               f"builds with {clangxx})")
    with tempfile.TemporaryDirectory(prefix="async-lint-configure-") as scratch:
        for name, args in (("default-generator", []), ("ninja", ["-G", "Ninja"])):
            code, out, err, build = configure(scratch, name, args)
            equal(f"{name}: exit status and stderr", (code, err), (0, ""))
            equal(f"{name}: CMAKE_CXX_COMPILER", cached(build, "CMAKE_CXX_COMPILER"), clangxx)
            equal(f"{name}: compiler identified", compiler_id(build), ("Clang", major))

        for name, args, cxx in (("CXX=g++", [], "g++"),
                                ("-DCMAKE_CXX_COMPILER=g++", ["-DCMAKE_CXX_COMPILER=g++"], None)):
            code, out, err, _ = configure(scratch, name.replace("/", "_"), args, cxx)
            errors = re.findall(r"^CMake Error at (\S+) \(message\):\n +(.*)$", err, re.M)
            equal(f"{name}: exit status and errors", (code, errors),
                  (1, [("cmake/RequireClang.cmake:5", refusal)]))
            equal(f"{name}: packages looked for before stopping",
                  [line for line in out.splitlines() if line.startswith("-- Found")], [])


main()
print(f"{os.path.basename(sys.argv[0])}: {checked} checks, {len(failures)} failed")
for failure in failures:
    print("FAIL " + failure)
sys.exit(1 if failures else 0)
