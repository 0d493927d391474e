#!/usr/bin/env python3
"""Generates a deterministic corpus of coroutine-heavy C++20 translation units for timing the
linter on something shaped like a project: OUT_DIR/src/<area>/*.cpp, shared project headers
under OUT_DIR/include/proj/, and OUT_DIR/compile_commands.json (absolute paths).

About 3/4 of the units use the bundled runtime (aio), 1/4 standalone Asio. Each unit holds
several coroutines built from templates (function templates, lambdas, member coroutines,
gather, spawn, Semaphore, to_thread, wait_for, cancellation). One unit in ten has one real
finding (the four checks in turn), and two shared headers have one finding each, included by
one unit in eight of their kind (so a header finding is seen by many TUs). Every planted
finding's line carries a `// planted: CHECK` comment; OUT_DIR/expected.json lists them.

usage: bench/make_corpus.py OUT_DIR [--units N] [--verify]
       --verify runs `clang++-19 -fsyntax-only` over every unit, one at a time
"""
import argparse
import json
import os
import random
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, "fixtures", "runtime")
ASIO_DEFINES = ["-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE"]
AREAS = ["orders", "billing", "inventory", "accounts", "search", "metrics", "mail", "cache"]
CHECKS = ["async-blocking-call", "async-missing-co-await", "async-swallowed-cancellation",
          "async-unbounded-concurrency"]
PLANTED = re.compile(r"// planted: (async-[a-z-]+)")

# ---- Shared project headers -------------------------------------------------------------

HEADERS = {
    "proj/model.hpp": """\
// proj/model.hpp: the records every service passes around (no coroutines).
#pragma once

#include <string>
#include <vector>

namespace proj {

struct Record {
  int id = 0;
  std::string name;
  int weight = 0;
};

inline std::vector<std::string> make_keys(const std::string& prefix, int n) {
  std::vector<std::string> keys;
  for (int i = 0; i < n; ++i)
    keys.push_back(prefix + "/" + std::to_string(i));
  return keys;
}

template <class T, class F>
int sum_by(const std::vector<T>& items, F f) {
  int total = 0;
  for (const T& item : items)
    total += f(item);
  return total;
}

} // namespace proj
""",
    "proj/aio_util.hpp": """\
// proj/aio_util.hpp: small helpers over the aio runtime shared by the aio services.
#pragma once

#include <aio/aio.hpp>

#include <chrono>
#include <functional>
#include <stdexcept>

namespace proj {

/// A failure worth retrying (a dropped connection); never a cancellation.
struct TransientError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline aio::Task<void> pause(int ms) { co_await aio::sleep(std::chrono::milliseconds(ms)); }

/// Awaits make() up to `attempts` times while it fails with TransientError.
template <class T>
aio::Task<T> retry(std::function<aio::Task<T>()> make, int attempts) {
  for (int i = 1;; ++i) {
    try {
      co_return co_await make();
    } catch (const TransientError&) {
      if (i >= attempts)
        throw;
    }
    co_await pause(i);
  }
}

/// At most `limit` callers inside run() at once.
class Limiter {
public:
  explicit Limiter(std::size_t limit) : sem_(limit, "limiter") {}
  template <class T>
  aio::Task<T> run(aio::Task<T> task) {
    auto slot = co_await sem_.acquire();
    co_return co_await std::move(task);
  }

private:
  aio::Semaphore sem_;
};

} // namespace proj
""",
    "proj/legacy.hpp": """\
// proj/legacy.hpp: the old log flusher, still used by some aio services.
#pragma once

#include <aio/aio.hpp>

#include <chrono>
#include <thread>

namespace proj {

inline aio::Task<int> flush_legacy_log(int lines) {
  co_await aio::sleep(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(lines)); // planted: async-blocking-call
  co_return lines;
}

} // namespace proj
""",
    "proj/asio_util.hpp": """\
// proj/asio_util.hpp: small helpers over standalone Asio shared by the Asio services.
#pragma once

#include <asio.hpp>

#include <chrono>

namespace proj {

inline asio::awaitable<void> async_pause(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::use_awaitable);
}

template <class T>
asio::awaitable<T> after(int ms, T value) {
  co_await async_pause(ms);
  co_return value;
}

} // namespace proj
""",
    "proj/asio_legacy.hpp": """\
// proj/asio_legacy.hpp: the old heartbeat, still used by some Asio services.
#pragma once

#include <asio.hpp>

#include <chrono>
#include <cstdio>
#include <system_error>

namespace proj {

inline asio::awaitable<int> heartbeat(asio::steady_timer& timer, int beats) {
  int sent = 0;
  for (int i = 0; i < beats; ++i) {
    try {
      timer.expires_after(std::chrono::milliseconds(5));
      co_await timer.async_wait(asio::use_awaitable);
      ++sent;
    } catch (const std::system_error& e) { // planted: async-swallowed-cancellation
      std::printf("heartbeat failed: %s\\n", e.code().message().c_str());
    }
  }
  co_return sent;
}

} // namespace proj
""",
}

# ---- Blocks: each defines some coroutines and `run_@N()`, awaited by async_main ----------
# @N: block id, @D: a delay in ms, @K: a small count, @L: a limit, @S: a name.

AIO_BLOCKS = {
    "gather3": """\
aio::Task<proj::Record> load_@N(int id) {
  co_await aio::sleep(std::chrono::milliseconds(@D));
  co_return proj::Record{id, "item-" + std::to_string(id), id * @K};
}

aio::Task<int> run_@N() {
  auto [a, b, c] = co_await aio::gather(load_@N(1), load_@N(2), load_@N(3));
  co_return a.weight + b.weight + c.weight;
}
""",
    "semaphore": """\
aio::Task<int> fetch_@N(aio::Semaphore& limit, std::string key) {
  auto slot = co_await limit.acquire(); // held until the fetch ends
  co_await aio::sleep(std::chrono::milliseconds(@D));
  co_return static_cast<int>(key.size());
}

aio::Task<int> run_@N() {
  aio::Semaphore limit(@L, "@S");
  std::vector<std::string> keys = proj::make_keys("@S", @K);
  std::vector<aio::Task<int>> tasks;
  for (const auto& key : keys)
    tasks.push_back(fetch_@N(limit, key));
  std::vector<int> sizes = co_await aio::gather(std::move(tasks));
  co_return proj::sum_by(sizes, [](int s) { return s; });
}
""",
    "to_thread": """\
int checksum_@N(const std::string& text) {
  int h = @K;
  for (char c : text)
    h = h * 31 + c;
  return h;
}

aio::Task<int> run_@N() {
  std::string text = "payload-@S";
  int h = co_await aio::to_thread([text] { return checksum_@N(text); });
  co_return h & 0xff;
}
""",
    "template": """\
template <class T>
aio::Task<T> relay_@N(T value, int delay_ms) {
  co_await aio::sleep(std::chrono::milliseconds(delay_ms));
  co_return value;
}

template <class T, class F>
aio::Task<std::vector<T>> map_@N(std::vector<T> in, F f) {
  std::vector<T> out;
  for (const T& v : in)
    out.push_back(co_await relay_@N(f(v), 1));
  co_return out;
}

aio::Task<int> run_@N() {
  auto words = co_await map_@N(std::vector<std::string>{"a", "b"},
                               [](const std::string& s) { return s + s; });
  auto numbers = co_await map_@N(std::vector<int>{1, 2, 3}, [](int x) { return x * @K; });
  co_return static_cast<int>(words.size()) + proj::sum_by(numbers, [](int x) { return x; });
}
""",
    "cancel": """\
aio::Task<void> worker_@N(int& progress) {
  try {
    for (int i = 0; i < 100; ++i) {
      co_await aio::sleep(10ms);
      ++progress;
    }
  } catch (const aio::CancelledError&) {
    progress = -progress;
    throw;
  }
}

aio::Task<int> run_@N() {
  int progress = 0;
  auto handle = aio::spawn(worker_@N(progress));
  co_await aio::sleep(std::chrono::milliseconds(@D));
  handle.cancel();
  try {
    co_await handle;
  } catch (const aio::CancelledError&) {
    co_return 1;
  }
  co_return 0;
}
""",
    "timeout": """\
aio::Task<std::string> slow_@N(int ms) {
  co_await aio::sleep(std::chrono::milliseconds(ms));
  co_return "done";
}

aio::Task<int> run_@N() {
  try {
    std::string s = co_await aio::wait_for(slow_@N(@D), 50ms);
    co_return static_cast<int>(s.size());
  } catch (const aio::TimeoutError&) {
    co_return -1;
  }
}
""",
    "lambda": """\
aio::Task<int> run_@N() {
  auto scale = [](int x) -> aio::Task<int> {
    co_await aio::sleep(1ms);
    co_return x * @K;
  };
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total += co_await scale(i);
  co_return total;
}
""",
    "class": """\
class Store_@N {
public:
  aio::Task<void> put(std::string key, int value) {
    co_await aio::sleep(1ms);
    data_[std::move(key)] = value;
  }
  aio::Task<int> get(std::string key) const {
    co_await aio::sleep(1ms);
    auto it = data_.find(key);
    co_return it == data_.end() ? 0 : it->second;
  }

private:
  std::map<std::string, int> data_;
};

aio::Task<int> run_@N() {
  Store_@N store;
  co_await store.put("a", @K);
  co_await store.put("b", 2);
  int a = co_await store.get("a");
  co_return a + co_await store.get("b");
}
""",
    "fan_out": """\
constexpr int kShards_@N = 4;

aio::Task<int> scan_@N(int shard) {
  co_await aio::sleep(std::chrono::milliseconds(@D));
  co_return shard;
}

aio::Task<int> run_@N() {
  std::vector<aio::TaskHandle<int>> scans;
  for (int shard = 0; shard < kShards_@N; ++shard)
    scans.push_back(aio::spawn(scan_@N(shard)));
  int sum = 0;
  for (auto& scan : scans)
    sum += co_await scan;
  co_return sum;
}
""",
    "retry": """\
aio::Task<int> flaky_@N(int& calls) {
  co_await aio::sleep(1ms);
  if (++calls < 2)
    throw proj::TransientError("connection reset");
  co_return calls * @K;
}

aio::Task<int> run_@N() {
  int calls = 0;
  proj::Limiter limiter(@L);
  int value = co_await proj::retry<int>([&calls] { return flaky_@N(calls); }, 3);
  co_return value + co_await limiter.run(flaky_@N(calls));
}
""",
}

AIO_PLANTED = {
    "async-blocking-call": """\
aio::Task<int> poll_@N(int rounds) {
  int seen = 0;
  for (int i = 0; i < rounds; ++i) {
    co_await aio::sleep(1ms);
    std::this_thread::sleep_for(2ms); // planted: async-blocking-call
    ++seen;
  }
  co_return seen;
}

aio::Task<int> run_@N() { co_return co_await poll_@N(@K); }
""",
    "async-missing-co-await": """\
aio::Task<void> audit_@N(std::string what) {
  co_await aio::sleep(1ms);
  std::printf("audit: %s\\n", what.c_str());
}

aio::Task<int> run_@N() {
  audit_@N("start"); // planted: async-missing-co-await
  co_await aio::sleep(1ms);
  co_return 1;
}
""",
    "async-swallowed-cancellation": """\
aio::Task<int> guarded_@N(int ms) {
  try {
    co_await aio::sleep(std::chrono::milliseconds(ms));
    co_return ms;
  } catch (const std::exception& e) { // planted: async-swallowed-cancellation
    std::printf("failed: %s\\n", e.what());
    co_return -1;
  }
}

aio::Task<int> run_@N() { co_return co_await guarded_@N(@D); }
""",
    "async-unbounded-concurrency": """\
aio::Task<bool> ping_@N(std::string url) {
  co_await aio::sleep(1ms);
  co_return !url.empty();
}

aio::Task<int> run_@N() {
  std::vector<std::string> urls = proj::make_keys("https://example.org", @K);
  std::vector<aio::TaskHandle<bool>> pings;
  for (const auto& url : urls)
    pings.push_back(aio::spawn(ping_@N(url))); // planted: async-unbounded-concurrency
  int alive = 0;
  for (auto& p : pings)
    alive += co_await p ? 1 : 0;
  co_return alive;
}
""",
}

ASIO_BLOCKS = {
    "timer": """\
asio::awaitable<int> tick_@N(int rounds) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  int n = 0;
  for (int i = 0; i < rounds; ++i) {
    timer.expires_after(std::chrono::milliseconds(@D));
    co_await timer.async_wait(asio::use_awaitable);
    ++n;
  }
  co_return n;
}

asio::awaitable<int> run_@N() { co_return co_await tick_@N(@K); }
""",
    "co_spawn": """\
asio::awaitable<int> square_@N(int x) {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  co_return x * x;
}

asio::awaitable<int> run_@N() {
  auto ex = co_await asio::this_coro::executor;
  int total = 0;
  for (int i = 0; i < @K; ++i)
    total += co_await asio::co_spawn(ex, square_@N(i), asio::use_awaitable); // sequential
  co_return total;
}
""",
    "template": """\
template <class T>
asio::awaitable<T> echo_@N(T value) {
  co_await proj::async_pause(1);
  co_return value;
}

asio::awaitable<int> run_@N() {
  std::string s = co_await echo_@N(std::string("@S"));
  int v = co_await echo_@N(@K);
  proj::Record r = co_await proj::after(1, proj::Record{v, s, @D});
  co_return v + static_cast<int>(s.size()) + r.weight;
}
""",
    "lambda": """\
asio::awaitable<int> run_@N() {
  auto add = [](int a, int b) -> asio::awaitable<int> {
    co_await proj::async_pause(1);
    co_return a + b;
  };
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total = co_await add(total, i * @K);
  co_return total;
}
""",
    "pool": """\
asio::awaitable<int> run_@N() {
  asio::thread_pool pool(1);
  std::atomic<int> done{0};
  asio::post(pool, [&done] { done += @K; });
  asio::steady_timer poll(co_await asio::this_coro::executor);
  while (done.load() == 0) {
    poll.expires_after(1ms);
    co_await poll.async_wait(asio::use_awaitable);
  }
  co_return done.load();
}
""",
    "aborted": """\
asio::awaitable<int> poll_@N(asio::steady_timer& timer) {
  asio::error_code ec;
  int polls = 0;
  for (int i = 0; i < @K; ++i) {
    timer.expires_after(std::chrono::milliseconds(@D));
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted)
      co_return -1;
    ++polls;
  }
  co_return polls;
}

asio::awaitable<int> run_@N() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  co_return co_await poll_@N(timer);
}
""",
    "class": """\
class Counter_@N {
public:
  asio::awaitable<void> add(std::string key, int n) {
    co_await proj::async_pause(1);
    counts_[std::move(key)] += n;
  }
  asio::awaitable<int> total() const {
    co_await proj::async_pause(1);
    int sum = 0;
    for (const auto& [key, n] : counts_)
      sum += n;
    co_return sum;
  }

private:
  std::map<std::string, int> counts_;
};

asio::awaitable<int> run_@N() {
  Counter_@N counter;
  for (const auto& key : proj::make_keys("@S", @K))
    co_await counter.add(key, 1);
  co_return co_await counter.total();
}
""",
}

ASIO_PLANTED = {
    "async-blocking-call": """\
asio::awaitable<int> send_@N(int rounds) {
  int sent = 0;
  for (int i = 0; i < rounds; ++i) {
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    ++sent;
    std::this_thread::sleep_for(1ms); // planted: async-blocking-call
  }
  co_return sent;
}

asio::awaitable<int> run_@N() { co_return co_await send_@N(@K); }
""",
    "async-missing-co-await": """\
asio::awaitable<int> run_@N() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  int sent = 0;
  for (int i = 0; i < @K; ++i) {
    timer.expires_after(1ms);
    auto pause = timer.async_wait(asio::use_awaitable); // planted: async-missing-co-await
    ++sent;
  }
  co_return sent;
}
""",
    "async-swallowed-cancellation": """\
asio::awaitable<int> run_@N() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  int ticks = 0;
  for (int i = 0; i < @K; ++i) {
    try {
      timer.expires_after(std::chrono::milliseconds(@D));
      co_await timer.async_wait(asio::use_awaitable);
      ++ticks;
    } catch (const std::system_error& e) { // planted: async-swallowed-cancellation
      std::printf("tick %d failed: %s\\n", i, e.code().message().c_str());
    }
  }
  co_return ticks;
}
""",
    "async-unbounded-concurrency": """\
asio::awaitable<void> job_@N(int job, int& done) {
  co_await proj::async_pause(1);
  done += job >= 0 ? 1 : 0;
}

asio::awaitable<int> run_@N() {
  auto ex = co_await asio::this_coro::executor;
  std::vector<int> jobs(@K * 10);
  int done = 0;
  for (int job : jobs)
    asio::co_spawn(ex, job_@N(job, done), asio::detached); // planted: async-unbounded-concurrency
  co_await proj::async_pause(20);
  co_return done;
}
""",
}

STD_INCLUDES = ["<atomic>", "<chrono>", "<cstdio>", "<map>", "<string>", "<system_error>",
                "<thread>", "<vector>"]
AIO_PARTS = ["task", "sleep", "gather", "spawn", "semaphore", "to_thread", "wait_for",
             "errors", "run"]


def fill(block, n, rng, name):
    """The block with its placeholders replaced (values drawn from rng, deterministically)."""
    values = {"@N": str(n), "@D": str(rng.randint(1, 9)), "@K": str(rng.randint(2, 6)),
              "@L": str(rng.randint(2, 8)), "@S": name}
    for key, value in values.items():
        block = block.replace(key, value)
    return block


def make_unit(index, rng):
    """(relative path, text, is_asio) of unit `index`."""
    area = AREAS[index % len(AREAS)]
    asio = index % 4 == 3
    name = f"{area}_{index:03d}"
    good = ASIO_BLOCKS if asio else AIO_BLOCKS
    planted = ASIO_PLANTED if asio else AIO_PLANTED
    picks = [good[k] for k in rng.sample(sorted(good), rng.randint(4, 7 if asio else 9))]
    if index % 10 == 3:
        # Each check in turn, in aio units and in Asio units alike.
        check = CHECKS[(index // 10 + index // 20) % 4]
        picks.insert(rng.randint(0, len(picks)), planted[check])
    legacy = index % 8 == (7 if asio else 5)

    lines = [f"// Generated by bench/make_corpus.py: unit {index}, the {area} service "
             f"({'Asio' if asio else 'aio'}). Do not edit.", ""]
    if asio:
        lines += ["#include <asio.hpp>", "#include <asio/experimental/as_tuple.hpp>"]
    elif index % 3 == 0:
        lines += [f"#include <aio/{part}.hpp>" for part in AIO_PARTS]
    else:
        lines += ["#include <aio/aio.hpp>"]
    lines += ["", '#include "proj/model.hpp"',
              '#include "proj/asio_util.hpp"' if asio else '#include "proj/aio_util.hpp"']
    if legacy:
        lines.append('#include "proj/asio_legacy.hpp"' if asio else '#include "proj/legacy.hpp"')
    lines += [""] + [f"#include {h}" for h in STD_INCLUDES]
    lines += ["", "using namespace std::chrono_literals;", "", f"namespace {name} {{", ""]
    for n, block in enumerate(picks):
        lines.append(fill(block, n, rng, f"{name}_{n}"))
    awaitable = "asio::awaitable" if asio else "aio::Task"
    lines.append(f"{awaitable}<int> async_main() {{")
    lines.append("  int total = 0;")
    for n in range(len(picks)):
        lines.append(f"  total += co_await run_{n}();")
    if legacy and asio:
        lines.append("  asio::steady_timer beat(co_await asio::this_coro::executor);")
        lines.append("  total += co_await proj::heartbeat(beat, 2);")
    elif legacy:
        lines.append("  total += co_await proj::flush_legacy_log(2);")
    lines += ["  co_return total > 0 ? 0 : 1;", "}", "", f"}} // namespace {name}", ""]
    if asio:
        lines += ["int main() {",
                  "  asio::io_context io;",
                  "  int status = 1;",
                  f"  asio::co_spawn(io, {name}::async_main(),",
                  "                 [&status](std::exception_ptr e, int s) { status = e ? 2 : s; });",
                  "  io.run();",
                  "  return status;",
                  "}"]
    else:
        lines.append(f"int main() {{ return aio::run({name}::async_main()); }}")
    return f"src/{area}/{name}.cpp", "\n".join(lines) + "\n", asio


def compile_command(out_dir, path, asio):
    argv = ["clang++-19", "-std=c++20", "-pthread", f"-I{RUNTIME}",
            f"-I{os.path.join(out_dir, 'include')}"]
    if asio:
        argv += ASIO_DEFINES
    argv += ["-o", os.path.join("obj", os.path.splitext(path)[0] + ".o"), "-c",
             os.path.join(out_dir, path)]
    return argv


def planted_findings(out_dir, path):
    with open(os.path.join(out_dir, path)) as f:
        return [{"check": m.group(1), "file": path, "line": number}
                for number, line in enumerate(f, 1) if (m := PLANTED.search(line))]


def generate(out_dir, units):
    """Writes the corpus; returns the compilation database's entries."""
    out_dir = os.path.abspath(out_dir)
    rng = random.Random(20261126)
    for rel, text in HEADERS.items():
        os.makedirs(os.path.dirname(os.path.join(out_dir, "include", rel)), exist_ok=True)
        with open(os.path.join(out_dir, "include", rel), "w") as f:
            f.write(text)
    entries, findings = [], []
    for rel in HEADERS:
        findings += planted_findings(out_dir, os.path.join("include", rel))
    for index in range(units):
        rel, text, asio = make_unit(index, rng)
        os.makedirs(os.path.dirname(os.path.join(out_dir, rel)), exist_ok=True)
        with open(os.path.join(out_dir, rel), "w") as f:
            f.write(text)
        findings += planted_findings(out_dir, rel)
        entries.append({"directory": out_dir,
                        "command": shlex.join(compile_command(out_dir, rel, asio)),
                        "file": os.path.join(out_dir, rel)})
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump({"units": units, "findings": findings}, f, indent=2)
    return entries


def syntax_only_argv(entry):
    """The entry's command as `-fsyntax-only` (no -c, no -o)."""
    argv = shlex.split(entry["command"])
    out = [argv[0], "-fsyntax-only"]
    skip = False
    for arg in argv[1:]:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg != "-c":
            out.append(arg)
    return out


def verify(entries):
    """Parses every unit with clang++-19 -fsyntax-only, one at a time; returns the failures."""
    failures = []
    start = time.perf_counter()
    for entry in entries:
        result = subprocess.run(syntax_only_argv(entry), cwd=entry["directory"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(entry["file"])
            print(f"FAILED {entry['file']}\n{result.stderr}", file=sys.stderr)
    print(f"{len(entries) - len(failures)}/{len(entries)} units parse "
          f"({time.perf_counter() - start:.1f} s with -fsyntax-only, sequential)")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", metavar="OUT_DIR")
    parser.add_argument("--units", type=int, default=240, help="number of TUs (default 240)")
    parser.add_argument("--verify", action="store_true",
                        help="parse every TU with clang++-19 -fsyntax-only, one at a time")
    args = parser.parse_args()
    entries = generate(args.out_dir, args.units)
    with open(os.path.join(args.out_dir, "expected.json")) as f:
        planted = json.load(f)["findings"]
    print(f"{len(entries)} units, {len(planted)} planted findings, in {args.out_dir}")
    if args.verify and verify(entries):
        sys.exit(1)


if __name__ == "__main__":
    main()
