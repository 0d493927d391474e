#!/usr/bin/env python3
"""The Debian package, installed into a scratch root with `dpkg-deb -x` and run from there.

Checks, exactly: the package's file name, fields and files; that apt can install it; that no
installed program or plugin names the source or build tree; that the man page documents every option of
--help; then, on a small coroutine program in a scratch directory: the installed async-lint's
findings and the include search path it parses with (clang's built-in headers from the
installed LLVM), the installed plugin in the matching stock clang-tidy, and the installed
async-lint-clangd's --version and the resource directory it parses with.

usage: installed_package.py PACKAGE_DIR LLVM_MAJOR LLVM_VERSION VERSION SOURCE_DIR BUILD_DIR
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

package_dir, major, llvm_version, version, source_dir, build_dir = sys.argv[1:7]
failures = []
checked = 0

PROGRAM = """#include <coroutine>
#include <stddef.h>
template <typename T> struct Task {
  struct promise_type {
    Task get_return_object() { return {Handle::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(T) {}
    void unhandled_exception() {}
  };
  using Handle = std::coroutine_handle<promise_type>;
  Handle handle;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  T await_resume() { return T{}; }
};
Task<int> fetch() { co_return 1; }
Task<int> run_all() {
  fetch();
  co_return 0;
}
"""
FINDING = ("lint.cpp:19:3: warning: 'fetch' returns a lazy 'Task<int>' that is never awaited; "
           "its body will not run [async-missing-co-await]\n"
           "   19 |   fetch();\n"
           "      |   ^~~~~~~\n"
           "      |   co_await \n")
PLUGIN = f"libAsyncLint-llvm{major}.so"
FILES = ["usr/bin/async-lint", "usr/bin/async-lint-clangd", f"usr/lib/async-lint/{PLUGIN}",
         "usr/share/async-lint/pack.schema.json", "usr/share/doc/async-lint/README.md",
         "usr/share/doc/async-lint/docs/checks/blocking-call.md",
         "usr/share/doc/async-lint/docs/checks/missing-co-await.md",
         "usr/share/doc/async-lint/docs/checks/swallowed-cancellation.md",
         "usr/share/doc/async-lint/docs/checks/unbounded-concurrency.md",
         "usr/share/doc/async-lint/docs/ci.md", "usr/share/doc/async-lint/docs/ecosystem.md",
         "usr/share/doc/async-lint/docs/editors.md",
         "usr/share/doc/async-lint/docs/performance.md",
         "usr/share/doc/async-lint/docs/rule-packs.md", "usr/share/man/man1/async-lint.1"]
# What dpkg-shlibdeps finds the programs linked against, and clang's built-in headers.
DEPENDS = sorted([f"libclang-common-{major}-dev", f"libclang-cpp{major}", f"libllvm{major}",
                  "libabsl20220623", "libc6", "libgcc-s1", "libgrpc++1.51", "libgrpc29",
                  "libprotobuf32", "libstdc++6"])
RESOURCE_DIR = f"/usr/lib/llvm-{major}/lib/clang/{major}"


def equal(what, actual, expected):
    global checked
    checked += 1
    if actual != expected:
        failures.append(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")


def run(argv, cwd):
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def field(control, name):
    return re.search(rf"^{name}: (.*)$", control, re.M).group(1)


def main():
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                          text=True).stdout.strip()
    debs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(package_dir, "*.deb")))
    expected_name = f"async-lint_{version}+llvm{major}_{arch}.deb"
    equal("the package built", debs, [expected_name])
    if debs != [expected_name]:
        return
    deb = os.path.join(package_dir, expected_name)

    control = subprocess.run(["dpkg-deb", "--field", deb], capture_output=True,
                             text=True).stdout
    equal("Package", field(control, "Package"), "async-lint")
    equal("Version", field(control, "Version"), f"{version}+llvm{major}")
    equal("Depends (names)",
          sorted(d.split()[0] for d in field(control, "Depends").split(", ")), DEPENDS)
    equal("Recommends", field(control, "Recommends"), f"clang-tidy-{major}")

    # What `apt install ./async-lint_*.deb` would do: resolve it, install only it.
    code, out, _ = run(["apt-get", "install", "--simulate", "--no-install-recommends",
                        "./" + expected_name], cwd=package_dir)
    installs = re.findall(r"^Inst (\S+)", out, re.M)
    equal("apt-get install --simulate: status and packages", (code, installs),
          (0, ["async-lint"]))

    scratch = tempfile.mkdtemp(prefix="async-lint-package-")
    try:
        check_installed(deb, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def check_installed(deb, scratch):
    root = os.path.join(scratch, "root")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    files = sorted(os.path.relpath(os.path.join(d, f), root)
                   for d, _, names in os.walk(root) for f in names)
    equal("installed files", files, sorted(FILES))

    for path in (p for p in files if p.startswith(("usr/bin/", "usr/lib/"))):
        with open(os.path.join(root, path), "rb") as f:
            data = f.read()
        for tree in (source_dir, build_dir):
            equal(f"{path} names {tree}", data.find(tree.encode()), -1)

    cli = os.path.join(root, "usr/bin/async-lint")
    clangd = os.path.join(root, "usr/bin/async-lint-clangd")
    plugin = os.path.join(root, "usr/lib/async-lint", PLUGIN)
    project = os.path.join(scratch, "project")
    os.mkdir(project)
    with open(os.path.join(project, "lint.cpp"), "w") as f:
        f.write(PROGRAM)
    with open(os.path.join(project, "compile_flags.txt"), "w") as f:
        f.write("-std=c++20\n")  # for clangd

    # The man page: from the same text as --help, every option of which it documents.
    _, help_text, _ = run([cli, "--help"], cwd=project)
    with open(os.path.join(root, "usr/share/man/man1/async-lint.1")) as f:
        man = f.read().replace("\\-", "-")
    equal("man page title", re.search(r"^\.TH .*$", man, re.M).group(0).split('" "')[2],
          f"async-lint {version} (LLVM {llvm_version})")
    options = sorted(set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", help_text)))
    equal("options of --help missing from the man page",
          [o for o in options if o not in man], [])

    code, out, err = run([cli, "lint.cpp", "--", "-std=c++20"], cwd=project)
    equal("async-lint lint.cpp", (code, out, err),
          (1, FINDING, "async-lint: 1 finding in 1 translation unit\n"))
    code, out, err = run([cli, "--version"], cwd=project)
    equal("async-lint --version", (code, out, err),
          (0, f"async-lint {version} (LLVM {llvm_version})\n", ""))
    # clang -v prints the include search path: built-in headers from the installed LLVM.
    code, _, err = run([cli, "lint.cpp", "--", "-std=c++20", "-v"], cwd=project)
    search = err.split("#include <...> search starts here:\n")[1].split("End of search list.")[0]
    equal("async-lint: built-in headers searched",
          [d.strip() for d in search.splitlines() if "clang" in d], [RESOURCE_DIR + "/include"])

    code, out, err = run([f"clang-tidy-{major}", f"--load={plugin}", "--checks=-*,async-*",
                          "lint.cpp", "--", "-std=c++20"], cwd=project)
    equal(f"clang-tidy-{major} --load={PLUGIN} lint.cpp", (code, out),
          (0, os.path.join(project, FINDING)))

    # Debian's version of the LLVM, 1:19.1.7-3~deb12u1: clangd names its revision.
    debian = subprocess.run(["dpkg-query", "-W", "-f=${Version}", f"libclang-cpp{major}"],
                            capture_output=True, text=True).stdout
    code, out, err = run([clangd, "--version"], cwd=project)
    equal("async-lint-clangd --version: status and first two lines",
          (code, out.splitlines()[:2]),
          (0, [f"async-lint-clangd {version} (LLVM {llvm_version}): clangd with the async-* "
               "clang-tidy checks",
               f"Debian clangd version {llvm_version} ({debian.rsplit('-', 1)[1]})"]))
    code, out, err = run([clangd, "--check=lint.cpp", "--log=verbose"], cwd=project)
    cc1 = next((line for line in err.splitlines() if "internal (cc1) args are:" in line), "")
    equal("async-lint-clangd --check: resource directory",
          re.findall(r"-resource-dir (\S+)", cc1), [RESOURCE_DIR])
    equal("async-lint-clangd --check: built-in headers searched",
          [d for d in re.findall(r"-internal-isystem (\S+)", cc1) if "clang" in d],
          [RESOURCE_DIR + "/include"])
    equal("async-lint-clangd --check: status and verdict",
          (code, err.strip().splitlines()[-1].split("] ")[-1]),
          (0, "All checks completed, 0 errors"))


main()
print(f"{os.path.basename(sys.argv[0])}: {checked} checks, {len(failures)} failed")
for failure in failures:
    print("FAIL " + failure)
sys.exit(1 if failures else 0)
