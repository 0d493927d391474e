// The debug-mode oracle: each event exactly when its condition holds, never otherwise.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdlib.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace aio_test;
using nlohmann::json;

constexpr unsigned kFreeLine = __LINE__ + 1;
aio::Task<int> dropped_free() { co_return 1; }

struct Service {
  static constexpr unsigned kMemberLine = __LINE__ + 1;
  aio::Task<int> dropped_member() { co_return 2; }
};

aio::Task<int> child(int v) {
  co_await aio::sleep(1ms);
  co_return v;
}

std::vector<std::string> names(const std::vector<json>& events) {
  std::vector<std::string> out;
  for (auto& e : events)
    out.push_back(e.at("event").get<std::string>() +
                  (e.contains("task") ? ":" + e.at("task").get<std::string>() : ""));
  return out;
}

TEST(DebugOracle, DisabledModeWritesNothing) {
  OracleCapture capture;
  auto main = []() -> aio::Task<void> {
    // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
    dropped_free();
    co_await aio::sleep(1ms);
  };
  aio::RunOptions options = capture.options();
  options.debug = false;
  aio::run(main(), options);
  EXPECT_TRUE(capture.events().empty());
}

TEST(DebugOracle, ConcurrencyPeakIsEmittedOnceEvenWithNoTasks) {
  OracleCapture capture;
  auto main = []() -> aio::Task<int> { co_return co_await child(1); };
  aio::run(main(), capture.options());
  auto events = capture.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0], json::parse(R"({"event":"concurrency-peak","tasks":0,"semaphores":[]})"));
}

TEST(DebugOracle, PeakCountsSpawnedTasksInFlightExcludingMain) {
  OracleCapture concurrent, sequential;
  auto spawn_three = []() -> aio::Task<void> {
    auto a = aio::spawn(child(1));
    auto b = aio::spawn(child(2));
    auto c = aio::spawn(child(3));
    co_await a;
    co_await b;
    co_await c;
    co_await aio::spawn(child(4)); // alone: does not raise the peak
  };
  aio::run(spawn_three(), concurrent.options());
  EXPECT_EQ(concurrent.events("concurrency-peak").at(0).at("tasks"), 3);

  auto one_at_a_time = []() -> aio::Task<void> {
    for (int i = 0; i < 3; ++i)
      co_await aio::spawn(child(i));
  };
  aio::run(one_at_a_time(), sequential.options());
  EXPECT_EQ(sequential.events("concurrency-peak").at(0).at("tasks"), 1);
}

TEST(DebugOracle, PeakCountsGatherChildrenAndListsSemaphoresInCreationOrder) {
  OracleCapture capture;
  auto main = []() -> aio::Task<void> {
    aio::Semaphore db(2, "db");
    aio::Semaphore unnamed(1);
    aio::Semaphore idle(3);
    auto use = [](aio::Semaphore& s) -> aio::Task<int> {
      auto g = co_await s.acquire();
      co_await aio::sleep(5ms);
      co_return 0;
    };
    co_await aio::gather(use(db), use(db), use(db), use(unnamed));
  };
  aio::run(main(), capture.options());
  auto events = capture.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0], json::parse(R"({"event":"concurrency-peak","tasks":4,"semaphores":[
      {"name":"db","peak":2},{"name":"semaphore#2","peak":1},{"name":"semaphore#3","peak":0}]})"));
}

TEST(DebugOracle, SemaphoreCreatedOutsideTheRunIsNotReported) {
  OracleCapture capture;
  aio::Semaphore outside(1, "outside");
  auto main = [&]() -> aio::Task<void> { auto g = co_await outside.acquire(); };
  aio::run(main(), capture.options());
  EXPECT_EQ(capture.events("concurrency-peak").at(0).at("semaphores"), json::array());
  EXPECT_EQ(outside.peak(), 1u);
}

TEST(DebugOracle, NeverAwaitedNamesFreeFunctionsMemberFunctionsAndLambdas) {
  OracleCapture capture;
  const unsigned lambda_line = __LINE__ + 1;
  auto lambda = []() -> aio::Task<int> { co_return 3; };
  auto main = [&]() -> aio::Task<void> {
    // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
    dropped_free();
    Service service;
    // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
    service.dropped_member();
    // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
    lambda();
    co_return;
  };
  aio::run(main(), capture.options());
  auto events = capture.events("never-awaited");
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0], (json{{"event", "never-awaited"}, {"task", "dropped_free"},
                             {"file", __FILE__}, {"line", kFreeLine}}));
  EXPECT_EQ(events[1], (json{{"event", "never-awaited"}, {"task", "dropped_member"},
                             {"file", __FILE__}, {"line", Service::kMemberLine}}));
  EXPECT_EQ(events[2], (json{{"event", "never-awaited"}, {"task", "operator()"},
                             {"file", __FILE__}, {"line", lambda_line}}));
}

TEST(DebugOracle, NeverAwaitedOutsideARunIsWrittenAtOnce) {
  OracleCapture capture;
  aio::set_debug_options(aio::DebugOptions{.enabled = true, .file = capture.path()});
  // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
  dropped_free();
  aio::set_debug_options(std::nullopt);
  // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
  dropped_free(); // back to the environment (debug off in the test run)
  auto events = capture.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].at("task"), "dropped_free");
}

TEST(DebugOracle, TasksThatRanAreNeverReportedAsNeverAwaited) {
  OracleCapture capture;
  auto gen = []() -> aio::Generator<int> { co_yield 1; };
  auto main = [&]() -> aio::Task<int> {
    int sum = co_await child(1);                           // awaited
    auto lvalue = child(2);
    sum += co_await lvalue;                                // awaited as an lvalue
    sum += co_await aio::spawn(child(3));                  // spawned
    aio::spawn(child(4));                                  // fire and forget
    auto h = aio::spawn(child(5));
    h.cancel();                                            // cancelled before it started
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
    }
    auto [a, b] = co_await aio::gather(child(6), child(7)); // gathered
    sum += a + b + co_await aio::wait_for(child(8), 1s);   // under a timeout
    auto g = gen();
    sum += *co_await g.next();                             // generator iterated
    co_return sum;
  };
  EXPECT_EQ(aio::run(main(), capture.options()), 1 + 2 + 3 + 6 + 7 + 8 + 1);
  EXPECT_EQ(names(capture.events()), (std::vector<std::string>{"concurrency-peak"}));
}

TEST(DebugOracle, DroppedGatherReportsItselfAndEachChild) {
  OracleCapture capture;
  auto main = []() -> aio::Task<void> {
    // NOLINTNEXTLINE(async-missing-co-await): the oracle must see this task dropped
    aio::gather(child(1), child(2)); // nothing runs
    co_return;
  };
  aio::run(main(), capture.options());
  EXPECT_EQ(names(capture.events()),
            (std::vector<std::string>{"never-awaited:gather", "never-awaited:child",
                                      "never-awaited:child", "concurrency-peak"}));
}

aio::Task<void> blocker(std::chrono::milliseconds d) {
  // NOLINTNEXTLINE(async-blocking-call): the oracle must see this slow step
  std::this_thread::sleep_for(d); // blocks the loop thread on purpose
  co_return;
}

aio::Task<void> handler(std::chrono::milliseconds d) {
  co_await aio::sleep(1ms);
  co_await blocker(d);
  co_await aio::sleep(1ms); // the step ends here, in handler
}

TEST(DebugOracle, SlowStepNamesTheCoroutineThatBlockedInWallTime) {
  OracleCapture capture;
  aio::RunOptions options = capture.options(); // virtual clock: wall time is still measured
  options.slow_step = 30ms;
  auto main = []() -> aio::Task<void> { co_await aio::spawn(handler(60ms)); };
  aio::run(main(), options);
  auto slow = capture.events("slow-step");
  ASSERT_EQ(slow.size(), 1u);
  EXPECT_EQ(slow[0].at("task"), "blocker");
  EXPECT_GE(slow[0].at("ms").get<int>(), 60);
  EXPECT_EQ(slow[0].size(), 3u);
}

TEST(DebugOracle, StepsUnderTheThresholdAreNotReported) {
  OracleCapture capture;
  aio::RunOptions options = capture.options();
  options.slow_step = 200ms;
  aio::run(handler(5ms), options);
  EXPECT_TRUE(capture.events("slow-step").empty());
}

aio::Task<int> swallower() {
  try {
    co_await aio::sleep(1s);
  // NOLINTNEXTLINE(async-swallowed-cancellation): the oracle must see this cancellation swallowed
  } catch (const aio::CancelledError&) {
  }
  co_return 1;
}

aio::Task<int> reraiser() {
  try {
    co_await aio::sleep(1s);
  } catch (const aio::CancelledError&) {
    throw;
  }
  co_return 1;
}

aio::Task<int> converter() {
  try {
    co_await aio::sleep(1s);
  // NOLINTNEXTLINE(async-swallowed-cancellation): the oracle must see this cancellation swallowed
  } catch (const aio::CancelledError&) {
    throw std::runtime_error("converted");
  }
  co_return 1;
}

TEST(DebugOracle, SwallowedCancellationOnlyForTasksThatDidNotRaiseCancelledError) {
  OracleCapture capture;
  auto main = []() -> aio::Task<void> {
    auto s = aio::spawn(swallower());
    auto r = aio::spawn(reraiser());
    auto c = aio::spawn(converter());
    auto d = aio::spawn(child(1));
    auto never_started = aio::spawn(swallower());
    never_started.cancel(); // cancelled before it ran: raises CancelledError, not swallowed
    co_await aio::sleep(5ms);
    co_await d;
    d.cancel(); // already done: not a request
    s.cancel();
    r.cancel();
    c.cancel();
    for (auto* h : {&s, &r})
      try {
        co_await *h;
      // NOLINTNEXTLINE(async-swallowed-cancellation): the oracle must see this cancellation swallowed
      } catch (const aio::CancelledError&) {
      }
    try {
      co_await c;
    } catch (const std::runtime_error&) {
    }
  };
  aio::run(main(), capture.options());
  EXPECT_EQ(names(capture.events()),
            (std::vector<std::string>{"swallowed-cancellation:swallower",
                                      "swallowed-cancellation:converter", "concurrency-peak"}));
}

TEST(DebugOracle, SwallowedCancellationUnderWaitForAndGather) {
  OracleCapture capture;
  auto main = []() -> aio::Task<void> {
    co_await aio::wait_for(swallower(), 10ms); // swallows the timeout's cancellation
    try {
      co_await aio::gather(swallower(), converter(), []() -> aio::Task<int> {
        co_await aio::sleep(5ms);
        throw std::logic_error("first failure");
      }());
    } catch (const std::logic_error&) {
    }
  };
  aio::run(main(), capture.options());
  EXPECT_EQ(names(capture.events()),
            (std::vector<std::string>{"swallowed-cancellation:swallower",
                                      "swallowed-cancellation:swallower",
                                      "swallowed-cancellation:converter", "concurrency-peak"}));
}

TEST(DebugOracle, OptionsComeFromTheEnvironment) {
  ::setenv("AIO_DEBUG", "1", 1);
  ::setenv("AIO_DEBUG_FILE", "/tmp/aio-env-test.jsonl", 1);
  ::setenv("AIO_SLOW_STEP_MS", "250", 1);
  aio::DebugOptions options = aio::DebugOptions::from_env();
  ::unsetenv("AIO_DEBUG");
  ::unsetenv("AIO_DEBUG_FILE");
  ::unsetenv("AIO_SLOW_STEP_MS");
  EXPECT_TRUE(options.enabled);
  EXPECT_EQ(options.file, "/tmp/aio-env-test.jsonl");
  EXPECT_EQ(options.slow_step, 250ms);
  EXPECT_FALSE(aio::DebugOptions::from_env().enabled);
  EXPECT_EQ(aio::DebugOptions::from_env().slow_step, 100ms);
}

} // namespace

namespace {

TEST(DebugOracle, TaskNamesArePlainOnEveryCompiler) {
  using aio::detail::plain_function_name;
  EXPECT_EQ(plain_function_name("fetch_data"), "fetch_data");
  EXPECT_EQ(plain_function_name("gather<int, int>"), "gather");                // gcc
  EXPECT_EQ(plain_function_name("to_thread<std::vector<int> >"), "to_thread"); // gcc
  EXPECT_EQ(plain_function_name("operator()<int>"), "operator()");             // gcc, generic lambda
  EXPECT_EQ(plain_function_name("operator()"), "operator()");
  EXPECT_EQ(plain_function_name("operator<=>"), "operator<=>");
  EXPECT_EQ(plain_function_name("operator>>"), "operator>>");
}

} // namespace
