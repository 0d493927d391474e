#!/usr/bin/env python3
"""Compile databases as real projects have them: entries that do not compile C++ (assembler,
C; decided by -x, the driver mode and the extension) are skipped and counted; a malformed,
empty or unmatched database is an error naming the file, the place and the problem. The
table of malformed inputs in docs/ci.md is this test's."""
import json
import os

from project import Test, brief, read, write

# Not C++: parsing any of these as C++ would fail the run (`new` is a C++ keyword).
NOT_CXX = "int new = 1;\n"


def main():
    test = Test()
    project = test.project(["src/alpha.cpp", "src/clean.cpp"])
    flags = test.flags(project)
    entries = json.loads(read(os.path.join(project, "compile_commands.json")))

    def entry(file, *command):
        return {"directory": project, "arguments": list(command) + ["-c", file],
                "file": os.path.join(project, file)}

    for name in ["asm/start.S", "asm/crc.s", "asm/win.asm", "c/util.c", "c/forced.cpp"]:
        write(os.path.join(project, "src", name), NOT_CXX)
    for name, copied in [("as_cxx.c", "alpha.cpp"), ("mode.c", "clean.cpp")]:
        write(os.path.join(project, "src", "c", name), read(os.path.join(project, "src", copied)))
    entries += [
        entry("src/asm/start.S", "clang-19", *flags),                 # assembler (with cpp)
        entry("src/asm/crc.s", "cc"),                                 # assembler
        entry("src/asm/win.asm", "clang-19"),                         # assembler
        entry("src/c/util.c", "cc", "-std=c11"),                      # C
        entry("src/c/forced.cpp", "clang++-19", "-x", "c", *flags),   # C, whatever its name
        entry("src/c/as_cxx.c", "gcc", "-x", "c++", *flags),          # C++, whatever its name
        entry("src/c/mode.c", "clang-19", "--driver-mode=g++", *flags),  # C++ by the driver
    ]
    write(os.path.join(project, "compile_commands.json"), json.dumps(entries, indent=2))

    code, report, err = test.json_run([], cwd=project)
    test.equal("mixed database: exit status", code, 1)
    test.equal("mixed database: units", report.get("units"),
               ["src/alpha.cpp", "src/c/as_cxx.c", "src/c/mode.c", "src/clean.cpp"])
    test.equal("mixed database: findings", [brief(f) for f in report.get("findings", [])],
               [("async-blocking-call", "include/shared.hpp", 13, 3),
                ("async-missing-co-await", "src/alpha.cpp", 10, 3),
                ("async-missing-co-await", "src/c/as_cxx.c", 10, 3)])
    test.equal("mixed database: stderr", err,
               "async-lint: 3 findings in 4 translation units, 5 non-C++ entries skipped\n")

    def expect(args, status, stderr, what, stdout=""):
        code, out, err = test.run(args, cwd=project)
        test.equal(what, (code, out, err), (status, stdout, stderr))

    # Paths count what they select.
    code, out, err = test.run(["src/c"], cwd=project)
    test.equal("src/c: exit status and stderr", (code, err),
               (1, "async-lint: 2 findings in 2 translation units (2 from the cache), 2 non-C++ "
                   "entries skipped\n"))
    expect(["src/asm"], 2,
           "error: no C++ translation unit under 'src/asm' (3 non-C++ entries skipped)\n",
           "a directory of assembler files")
    expect(["src/c/util.c"], 2,
           "error: no C++ translation unit to analyse (1 non-C++ entry skipped)\n",
           "a C file named on the command line")
    expect(["src/c/util.c", "--", "-std=c++20"], 2,
           "error: no C++ translation unit to analyse (1 non-C++ entry skipped)\n",
           "a C file with `--` flags")
    expect(["--", "-std=c++20"], 2, "error: no files to analyse: name them before `--`\n",
           "`--` flags without files")

    # Malformed databases: the file, the line and column, the json problem.
    malformed = [
        ("{}", "1:1: expected an array of compile commands, got an object"),
        ('[\n  {"directory": "/b", "file": "a.cpp",}\n]',
         "2:39: syntax error while parsing object key - unexpected '}'; expected string literal"),
        ('[\n  {"directory": "/b", "file": "a.cpp"}\n  {"file": "b.cpp"}\n]',
         "3:3: syntax error while parsing array - unexpected '{'; expected ']'"),
        ("", "1:1: syntax error while parsing value - unexpected end of input; expected '[', "
             "'{', or a literal"),
        ('[\n  "clang++ -c a.cpp"\n]', "2:3: a compile command must be an object, got a string"),
        ('[\n  {"directory": "/b", "command": "c++ -c a.cpp", "file": "a.cpp",\n'
         '   "flags": "-O2"}\n]',
         '2:3: unknown key "flags"; expected directory, file, command, arguments or output'),
        ('[{"directory": "/b", "arguments": "c++ -c a.cpp", "file": "a.cpp"}]',
         '1:2: "arguments" must be an array of strings, got a string'),
        ('[{"directory": "/b", "command": "c++ -c a.cpp"}]', '1:2: missing "file"'),
        ('[{"directory": "/b", "file": "a.cpp"}]', '1:2: missing "command" or "arguments"'),
        ('[{"command": "c++ -c a.cpp", "file": "a.cpp"}]', '1:2: missing "directory"'),
    ]
    for n, (text, problem) in enumerate(malformed):
        write(os.path.join(project, f"bad{n}", "compile_commands.json"), text)
        expect(["-p", f"bad{n}"], 2,
               f"error: malformed compilation database: bad{n}/compile_commands.json:{problem}\n",
               f"malformed database {text!r}")
    write(os.path.join(project, "empty", "compile_commands.json"), "[]\n")
    expect(["-p", "empty"], 2,
           "error: empty/compile_commands.json: the compilation database has no entries\n",
           "an empty database")
    # Found upwards rather than named: the same line, with the path found.
    expect(["bad0/x.cpp"], 2,
           f"error: malformed compilation database: {project}/bad0/compile_commands.json:1:1: "
           "expected an array of compile commands, got an object\n",
           "a malformed database found upwards")
    os.makedirs(os.path.join(project, "nodb"))
    expect(["-p", "nodb"], 2,
           "error: cannot read the compilation database nodb/compile_commands.json: Error while "
           "opening JSON database: No such file or directory\n",
           "a build directory without a database")
    nowhere = os.path.join(test.scratch, "nowhere")
    os.makedirs(nowhere)
    code, out, err = test.run([], cwd=nowhere)
    test.equal("no database upwards", (code, out, err),
               (2, "", f"error: no compile_commands.json found upwards from '{nowhere}'; give "
                       "one with -p DIR, or compiler flags after `--`\n"))
    test.finish()


if __name__ == "__main__":
    main()
