#!/usr/bin/env python3
"""-j 2 gives the same report as -j 1; a directory path selects the database's units under
it; `-- FLAGS` analyses files without a database."""
import os

from project import Test, brief, read, write


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp", "src/more/more.cpp"])
    write(os.path.join(project, "src", "more", "more.cpp"),
          read(os.path.join(project, "src", "clean.cpp")))

    # Byte-identical reports whatever the number of jobs (both analysed: --no-cache).
    units = ["src/alpha.cpp", "src/beta.cpp", "src/clean.cpp"]
    one = test.run(["-j", "1", "--no-cache", "--format", "json"] + units, cwd=project)
    two = test.run(["-j", "2", "--no-cache", "--format", "json"] + units, cwd=project)
    test.equal("-j 1: exit status", one[0], 1)
    test.equal("-j 1: four findings", one[1].count('"check": '), 4)
    test.equal("-j 2 stdout is -j 1's", two[1], one[1])
    test.equal("-j 2 exit status and stderr are -j 1's", (two[0], two[2]), (one[0], one[2]))

    # A directory: the database's units under it, only those.
    code, report, err = test.json_run(["src/more"], cwd=project)
    test.equal("directory src/more: exit status", code, 0)
    test.equal("directory src/more: units", report.get("units"), ["src/more/more.cpp"])
    test.equal("directory src/more: stderr", err, "async-lint: 0 findings in 1 translation unit\n")
    # A header the database does not list: analysed with its neighbours' command, its
    # findings reported as the main file's.
    code, report, err = test.json_run(["include/shared.hpp"], cwd=project)
    test.equal("a header as the path: exit status", code, 1)
    test.equal("a header as the path: units", report.get("units"), ["include/shared.hpp"])
    test.equal("a header as the path: findings", [brief(f) for f in report.get("findings", [])],
               [("async-blocking-call", "include/shared.hpp", 13, 3)])
    # A directory without units, and a path that does not exist: usage errors.
    code, out, err = test.run(["include"], cwd=project)
    test.equal("directory without units", (code, out, err),
               (2, "", "error: no translation unit under 'include'\n"))
    code, out, err = test.run(["src/absent.cpp"], cwd=project)
    test.equal("absent path", (code, out, err),
               (2, "", "error: no such file or directory: 'src/absent.cpp'\n"))

    # No database at all: the flags after `--`; the root is the current directory.
    bare = test.project([], name="bare")
    os.remove(os.path.join(bare, "compile_commands.json"))
    code, report, err = test.json_run(
        ["src/alpha.cpp", "--", "-std=c++20", "-I" + os.path.join(bare, "include"),
         "-I" + test.runtime], cwd=bare)
    test.equal("-- flags: exit status", code, 1)
    test.equal("-- flags: root", report.get("root"), bare)
    test.equal("-- flags: units", report.get("units"), ["src/alpha.cpp"])
    test.equal("-- flags: findings", [brief(f) for f in report.get("findings", [])],
               [("async-blocking-call", "include/shared.hpp", 13, 3),
                ("async-missing-co-await", "src/alpha.cpp", 10, 3)])
    test.equal("-- flags: stderr", err, "async-lint: 2 findings in 1 translation unit\n")
    # ... which cannot be combined with -p.
    code, out, err = test.run(["-p", ".", "src/alpha.cpp", "--", "-std=c++20"], cwd=bare)
    test.equal("-p with -- flags", (code, out, err),
               (2, "", "error: -p and `--` flags cannot be used together: the flags replace "
                       "the database\n"))

    # A git work tree is the root wherever the build directory is, so fingerprints and
    # SARIF paths do not change when the build moves; a symlinked working directory names
    # the same files.
    repo = test.project([], name="repo")
    os.makedirs(os.path.join(repo, ".git"))
    build = os.path.join(test.scratch, "elsewhere", "build")
    os.makedirs(build)
    test.write_database(repo, ["src/alpha.cpp"], directory=build)
    code, report, err = test.json_run(["-p", build], cwd=test.scratch)
    test.equal("git root: root", report.get("root"), repo)
    test.equal("git root: units", report.get("units"), ["src/alpha.cpp"])
    link = os.path.join(test.scratch, "link-to-repo")
    os.symlink(repo, link)
    code, report, err = test.json_run(["-p", build, "src"], cwd=link)
    test.equal("symlinked cwd: units", (code, report.get("units")), (1, ["src/alpha.cpp"]))
    test.finish()


if __name__ == "__main__":
    main()
