#!/usr/bin/env python3
"""Text output: clang's diagnostic style, paths relative to the current directory, no colour
when stdout is not a terminal, the summary line on stderr, and --quiet."""
import os
import pty
import re
import subprocess

from project import Test

HEADER = """\
{header}:13:3: warning: blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it sleeps the thread; use co_await aio::sleep(d) [async-blocking-call]
   13 |   std::this_thread::sleep_for(std::chrono::milliseconds(5));
      |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
      |   co_await aio::sleep(std::chrono::milliseconds(5))
"""
ALPHA = """\
{alpha}:10:3: warning: 'save' returns a lazy 'aio::Task<void>' that is never awaited; its body will not run [async-missing-co-await]
   10 |   save(total);
      |   ^~~~~~~~~~~
      |   co_await 
"""
BETA = """\
src/beta.cpp:14:23: warning: 'aio::spawn' starts one task per element of 'items' with nothing bounding how many run at once [async-unbounded-concurrency]
   14 |     handles.push_back(aio::spawn(fetch(item)));
      |                       ^~~~~~~~~~~~~~~~~~~~~~~
src/beta.cpp:13:3: note: loops over 'items', whose size is known only at run time
   13 |   for (int item : items)
      |   ^~~
src/beta.cpp:24:5: warning: handler of 'const std::exception &' swallows 'aio::CancelledError': the cancellation ends as a normal return [async-swallowed-cancellation]
   24 |   } catch (const std::exception &) {
      |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
"""


def main():
    test = Test()
    project = test.project()

    # The whole database, from the project directory: sorted by file, then position; the
    # header's finding once; the swallowed-cancellation fix-it spans lines, so no fix-it line.
    code, out, err = test.run(["-j", "1"], cwd=project)
    test.equal("exit status with findings", code, 1)
    test.equal("stdout of the whole project",
               out, HEADER.format(header="include/shared.hpp") + ALPHA.format(alpha="src/alpha.cpp")
               + BETA)
    test.equal("no escape sequence when stdout is a pipe", "\033" in out, False)
    test.equal("stderr summary", err, "async-lint: 4 findings in 3 translation units\n")

    # From src/: the unit's path is relative to the current directory, the header (outside
    # it) is absolute.
    src = os.path.join(project, "src")
    code, out, err = test.run(["-p", "..", "alpha.cpp"], cwd=src)
    test.equal("exit status from src/", code, 1)
    test.equal("stdout from src/", out,
               HEADER.format(header=os.path.join(project, "include", "shared.hpp"))
               + ALPHA.format(alpha="alpha.cpp"))
    # alpha.cpp's result is the whole project's run's, from the cache.
    test.equal("stderr from src/", err,
               "async-lint: 2 findings in 1 translation unit (1 from the cache)\n")

    # --quiet: the same report, no summary.
    code, out, err = test.run(["--quiet", "src/alpha.cpp"], cwd=project)
    test.equal("exit status with --quiet", code, 1)
    test.equal("stdout with --quiet", out,
               HEADER.format(header="include/shared.hpp") + ALPHA.format(alpha="src/alpha.cpp"))
    test.equal("stderr with --quiet", err, "")

    # --output: the same text in the file (no colour either), nothing on stdout.
    code, out, err = test.run(["--output", "report.txt", "src/alpha.cpp"], cwd=project)
    test.equal("exit status with --output", code, 1)
    test.equal("stdout with --output", out, "")
    with open(os.path.join(project, "report.txt")) as f:
        test.equal("report.txt", f.read(),
                   HEADER.format(header="include/shared.hpp") + ALPHA.format(alpha="src/alpha.cpp"))
    test.equal("stderr with --output", err,
               "async-lint: 2 findings in 1 translation unit (1 from the cache)\n")

    # On a terminal: clang's colours (bold location, magenta warning, bold message) on stdout;
    # on stderr the progress line, rewritten in place and erased at the end (--no-cache: units
    # from the cache need no progress).
    out, err = on_a_terminal(test, project,
                             ["src/alpha.cpp", "src/clean.cpp", "-j", "1", "--no-cache"])
    test.equal("the first line on a terminal", out.split("\r\n")[0],
               "\033[1minclude/shared.hpp:13:3: \033[0m\033[1;35mwarning: \033[0m\033[1m"
               "blocking call to 'std::this_thread::sleep_for' in coroutine 'settle': it "
               "sleeps the thread; use co_await aio::sleep(d) [async-blocking-call]\033[0m")
    progress = [re.sub(r"\d+:\d\d", "M:SS", update) for update in err.split("\r\033[K")]
    test.equal("the progress line on a terminal", progress,
               ["", "[1/2] 2 findings, M:SS elapsed, about M:SS left",
                "[2/2] 2 findings, M:SS elapsed, about M:SS left",
                "async-lint: 2 findings in 2 translation units\r\n"])
    test.finish()


def read_all(controller):
    data = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        data += chunk
    os.close(controller)
    return data.decode()


def on_a_terminal(test, project, args):
    """stdout and stderr of async-lint run with each on a pseudo-terminal of its own."""
    out_controller, out_terminal = pty.openpty()
    err_controller, err_terminal = pty.openpty()
    process = subprocess.Popen([test.binary] + args, cwd=project, stdout=out_terminal,
                               stderr=err_terminal, stdin=subprocess.DEVNULL)
    os.close(out_terminal)
    os.close(err_terminal)
    # Small outputs: both fit in the terminals' buffers, so reading one after the other is safe.
    process.wait(timeout=300)
    return read_all(out_controller), read_all(err_controller)


if __name__ == "__main__":
    main()
