#!/usr/bin/env python3
"""The torture set: valid C++ that is hard on an analysis (call-graph rings and dense cycles,
very long helper chains, thousands of coroutines or co_awaits in one file, nesting up to
clang's limits, very long expressions). Each unit carries the exact findings async-lint must
report on it, computed here from the code as it is written, line by line.

    generate.py OUTDIR [--scale small|full]

writes OUTDIR/<case>.cpp and OUTDIR/expected.json ({case: {"compiles": bool, "findings":
[finding, ...]}}, each finding {"check", "line", "message", "notes": [[line, message], ...]}). `small` is for ctest; `full`
is for bench/torture_vs_parse.py.
"""
import argparse
import json
import os

TASK = "aio::Task"
HEADER = ['#include "aio/aio.hpp"', "#include <unistd.h>", ""]


class Source:
    """Lines of a unit and the findings expected on them."""

    def __init__(self, compiles=True):
        self.lines = list(HEADER)
        self.findings = []
        self.compiles = compiles

    def add(self, text=""):
        """Appends one line; returns its line number (1-based)."""
        self.lines.append(text)
        return len(self.lines)

    def expect(self, check, line, message, notes=()):
        self.findings.append({"check": check, "line": line, "message": message,
                              "notes": [list(n) for n in notes]})

    def text(self):
        return "\n".join(self.lines) + "\n"


def ring(size):
    """Helpers that call the next one and the one after, round a ring; nothing blocks."""
    src = Source()
    for i in range(size):
        src.add(f"void r{i}(int depth);")
    for i in range(size):
        src.add(f"void r{i}(int depth) {{ if (depth > 0) {{ r{(i + 1) % size}(depth - 1); "
                f"r{(i + 2) % size}(depth - 2); }} }}")
    src.add(f"{TASK}<void> walk() {{ r0(3); co_return; }}")
    return src


def dense_cycle(size, fan=8):
    """Every helper calls the next `fan` helpers round a ring (one strongly connected
    component); d{fan} also sleeps, so every helper blocks, and d0's shortest way down is
    unique: d0 calls d{fan}, which sleeps."""
    src = Source()
    for i in range(size):
        src.add(f"void d{i}(int depth);")
    lines = {}
    for i in range(size):
        calls = " ".join(f"d{(i + k) % size}(depth - 1);" for k in range(1, fan + 1))
        sleeps = " sleep(1);" if i == fan else ""
        lines[i] = src.add(f"void d{i}(int depth) {{ if (depth > 0) {{ {calls} }}{sleeps} }}")
    call = src.add(f"{TASK}<void> walk() {{ d0(2); co_return; }}")
    notes = chain_notes([("d0", f"'d{fan}'", lines[0]), (f"d{fan}", "'sleep'", lines[fan])])
    src.expect("async-blocking-call", call,
               "call to 'd0' in coroutine 'walk' blocks: it reaches 'sleep', which sleeps the "
               "thread", notes)
    return src


def algorithm_walks(size):
    """Tree walks that hand each other to std::for_each round a ring (w0 passes w1, ..., the
    last passes w0; w0 also passes itself), as lambdas and as function names: callables of
    element-wise algorithms nested without end. Nothing starts a task."""
    src = Source()
    src.add("#include <algorithm>")
    src.add("#include <vector>")
    src.add("struct Node { std::vector<Node> kids; };")
    for i in range(size):
        src.add(f"void w{i}(const Node &n);")
    for i in range(size):
        nxt = (i + 1) % size
        src.add(f"void w{i}(const Node &n) {{ std::for_each(n.kids.begin(), n.kids.end(), w{nxt}); "
                f"std::for_each(n.kids.begin(), n.kids.end(), [](const Node &k) {{ w{nxt}(k); }}); "
                f"std::for_each(n.kids.begin(), n.kids.end(), w0); }}")
    src.add(f"{TASK}<void> walk(const Node &root) {{ w0(root); co_return; }}")
    return src


def chain_notes(steps, shown=5):
    """The notes of a helper chain as async-blocking-call prints them: all steps up to five,
    else the first three, one note for the calls between, and the blocking call."""
    notes = [(line, f"'{caller}' calls {callee} here") for caller, callee, line in steps]
    if len(steps) <= shown:
        return notes
    gap_caller, _, gap_line = steps[shown - 2]
    hidden = len(steps) - (shown - 2) - 1
    return notes[:shown - 2] + [(gap_line, f"{hidden} more calls lead from '{gap_caller}' to "
                                           f"'{steps[-1][0]}'")] + notes[-1:]


def chain(length):
    """h0 calls h1 calls ... calls h{length}, which sleeps; defined deepest first."""
    src = Source()
    lines = {}
    lines[length] = src.add(f"void h{length}() {{ sleep(1); }}")
    for i in range(length - 1, -1, -1):
        lines[i] = src.add(f"void h{i}() {{ h{i + 1}(); }}")
    call = src.add(f"{TASK}<void> deep() {{ h0(); co_return; }}")
    steps = [(f"h{i}", f"'h{i + 1}'", lines[i]) for i in range(length)]
    steps.append((f"h{length}", "'sleep'", lines[length]))
    src.expect("async-blocking-call", call,
               "call to 'h0' in coroutine 'deep' blocks: it reaches 'sleep', which sleeps the "
               "thread", chain_notes(steps))
    return src


def many_coroutines(count):
    """Coroutines that each await the one before; the last forgets one co_await."""
    src = Source()
    src.add(f"{TASK}<int> c0() {{ co_return 0; }}")
    for i in range(1, count):
        src.add(f"{TASK}<int> c{i}() {{ co_return co_await c{i - 1}() + 1; }}")
    src.add(f"{TASK}<int> last() {{")
    line = src.add(f"  c{count - 1}();")
    src.add("  co_return 0;")
    src.add("}")
    src.expect("async-missing-co-await", line,
               f"'c{count - 1}' returns a lazy 'aio::Task<int>' that is never awaited; its body "
               "will not run")
    return src


def many_awaits(count):
    """One coroutine with `count` co_awaits, one of them forgotten."""
    src = Source()
    src.add(f"{TASK}<int> step(int i) {{ co_return i; }}")
    src.add(f"{TASK}<int> long_one() {{")
    src.add("  int total = 0;")
    forgotten = None
    for i in range(count):
        if i == count // 2:
            forgotten = src.add(f"  step({i});")
        else:
            src.add(f"  total += co_await step({i});")
    src.add("  co_return total;")
    src.add("}")
    src.expect("async-missing-co-await", forgotten,
               "'step' returns a lazy 'aio::Task<int>' that is never awaited; its body will "
               "not run")
    return src


def many_locals(count):
    """One coroutine with `count` local tasks, each awaited later: one per CFG walk."""
    src = Source()
    src.add(f"{TASK}<int> step(int i) {{ co_return i; }}")
    src.add(f"{TASK}<int> locals() {{")
    src.add("  int total = 0;")
    for i in range(count):
        src.add(f"  auto t{i} = step({i});")
    for i in range(count):
        src.add(f"  total += co_await std::move(t{i});")
    src.add("  co_return total;")
    src.add("}")
    return src


def nested_blocks(depth):
    """Blocks and ifs nested `depth` deep (clang allows 256 brackets), a task forgotten at the
    bottom."""
    src = Source()
    src.add(f"{TASK}<void> work() {{ co_return; }}")
    src.add(f"{TASK}<void> nested(int x) {{")
    for i in range(depth):
        src.add("  " * (i % 8) + f"if (x > {i}) {{")
    line = src.add("  work();")
    for _ in range(depth):
        src.add("}")
    src.add("  co_return;")
    src.add("}")
    src.expect("async-missing-co-await", line,
               "'work' returns a lazy 'aio::Task<void>' that is never awaited; its body will "
               "not run")
    return src


def long_expressions(terms):
    """A sum of `terms` terms in a helper and in a coroutine, a sum of awaited tasks, and a
    chain of `terms` member calls: left-deep trees as deep as the expression is long."""
    src = Source()
    src.add(f"{TASK}<int> step(int i) {{ co_return i; }}")
    src.add("struct Builder { Builder& add(int) { return *this; } };")
    src.add("int helper(int x) { return x" + " + x" * terms + "; }")
    src.add(f"{TASK}<int> sums(int x) {{")
    src.add("  int plain = x" + " + x" * terms + ";")
    src.add("  int awaited = co_await step(0)" +
            "".join(f" + co_await step({i})" for i in range(1, terms // 20)) + ";")
    src.add("  Builder b;")
    src.add("  b" + ".add(x)" * (terms // 4) + ";")
    src.add("  co_return plain + awaited + helper(x);")
    src.add("}")
    return src


def nested_lambdas(depth):
    """Lambda coroutines nested `depth` deep, the innermost forgetting a task."""
    src = Source()
    src.add(f"{TASK}<void> work() {{ co_return; }}")
    src.add(f"{TASK}<void> outer() {{")
    for i in range(depth):
        src.add(f"  auto l{i} = [&]() -> {TASK}<void> {{")
    line = src.add("  work();")
    src.add("  co_return;")
    for i in range(depth - 1, -1, -1):
        src.add("  };" if i == depth - 1 else f"  co_await l{i + 1}(); co_return; }};")
    src.add("  co_await l0();")
    src.add("}")
    src.expect("async-missing-co-await", line,
               "'work' returns a lazy 'aio::Task<void>' that is never awaited; its body will "
               "not run")
    return src


def broken(_):
    """Code that does not compile, as an editor sees it while the user types: coroutines
    without a promise, unresolved calls, invalid declarations, half-typed statements, an
    unclosed body. The checks must neither crash nor hang, and still report what they see."""
    src = Source(compiles=False)
    src.add("#include <string>")
    src.add("#include <vector>")
    src.add("struct NoPromise {};")
    src.add("NoPromise no_promise() { co_return; }")
    line = src.add(f"{TASK}<int> unresolved() {{ co_await undefined_thing(); sleep(1); "
                   "co_return x; }")
    src.expect("async-blocking-call", line, "blocking call to 'sleep' in coroutine "
               "'unresolved': it sleeps the thread; use co_await aio::sleep(d)")
    src.add(f"{TASK}<Undeclared> bad_return() {{ co_return; }}")
    src.add(f"{TASK}<void> half() {{ co_await ; }}")
    src.add(f"{TASK}<int> fetch(std::string);")
    src.add(f"{TASK}<void> loop(std::vector<std::string> urls) {{ for (auto& u : urls) "
            "aio::spawn(fetch(u, )); co_return; }")
    src.add(f"{TASK}<void> unknown_catch() {{ try {{ co_await aio::sleep("
            "std::chrono::milliseconds(1)); } catch (const Unknown&) { } co_return; }")
    src.add("void h() { h2(); }")
    src.add(f"{TASK}<void> calls_h() {{ h(); co_return; }}")
    src.add(f"template <class T> {TASK}<T> templ(T t) {{ co_await t.nothing(); fetch(); "
            "co_return t; }")
    src.add(f"{TASK}<int> inst() {{ co_return co_await templ(3); }}")
    src.add(f"struct S {{ {TASK}<void> m() {{ co_await this->missing(); undeclared_member; "
            "co_return; } int bad = ; };")
    src.add("auto deduced() { co_return; }")
    src.add("int main() { co_await aio::sleep(std::chrono::milliseconds(1)); }")
    src.add(f"{TASK}<void> lambdas() {{ auto l = [](int) -> {TASK}<void> {{ co_await nothing; "
            "co_return; }; l(); co_return; }")
    src.add(f"{TASK}<void> yields() {{ co_yield 1; }}")
    line = src.add(f"{TASK}<void> dropped() {{ fetch(\"x\"); auto t = fetch(\"y\"); co_return; }}")
    src.expect("async-missing-co-await", line, "'fetch' returns a lazy 'aio::Task<int>' that "
               "is never awaited; its body will not run")
    src.expect("async-missing-co-await", line, "local variable 't' holds a lazy "
               "'aio::Task<int>' that is never awaited; its body will not run",
               [(line, "'t' is destroyed here without having been awaited")])
    line = src.add(f"{TASK}<void> unclosed() {{ for (;;) {{ aio::spawn(fetch(\"z\"));")
    src.expect("async-unbounded-concurrency", line, "'aio::spawn' starts one task per "
               "iteration with nothing bounding how many run at once",
               [(line, "loops until stopped")])
    return src


SCALES = {
    # ctest: each case a few seconds at most.
    "small": {"ring": [50, 500], "dense": [50, 500], "chain": [3000], "coroutines": [2000],
              "awaits": [2000], "locals": [300], "nesting": [120], "expressions": [2000],
              "lambdas": [40], "walks": [1, 300], "broken": [1]},
    # the bench: the sizes of issue 12.
    "full": {"ring": [50, 500, 5000], "dense": [50, 500, 5000], "chain": [30000],
             "coroutines": [20000], "awaits": [10000], "locals": [2000], "nesting": [250],
             "expressions": [20000], "lambdas": [100], "walks": [1, 3000], "broken": [1]},
}
BUILDERS = {"ring": ring, "dense": dense_cycle, "chain": chain, "coroutines": many_coroutines,
            "awaits": many_awaits, "locals": many_locals, "nesting": nested_blocks,
            "expressions": long_expressions, "lambdas": nested_lambdas, "walks": algorithm_walks,
            "broken": broken}


def generate(outdir, scale):
    os.makedirs(outdir, exist_ok=True)
    expected = {}
    for kind, sizes in SCALES[scale].items():
        for size in sizes:
            name = f"{kind}_{size}"
            src = BUILDERS[kind](size)
            with open(os.path.join(outdir, name + ".cpp"), "w") as f:
                f.write(src.text())
            expected[name] = {"compiles": src.compiles, "findings": src.findings}
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
    return expected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    args = parser.parse_args()
    generate(args.outdir, args.scale)


if __name__ == "__main__":
    main()
