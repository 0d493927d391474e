// aio::spawn / aio::create_task and aio::TaskHandle: concurrency, results, cancellation.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace {

using namespace aio_test;

aio::Task<int> after(std::chrono::milliseconds d, int value) {
  co_await aio::sleep(d);
  co_return value;
}

aio::Task<int> failing() {
  co_await aio::sleep(1ms);
  throw std::runtime_error("failed");
}

TEST(Spawn, TasksRunConcurrently) {
  auto main = []() -> aio::Task<long long> {
    auto a = aio::spawn(after(10ms, 1));
    auto b = aio::create_task(after(10ms, 2));
    int sum = co_await a + co_await b;
    co_return sum * 1000 + vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 3010);
}

TEST(Spawn, FireAndForgetRunsToCompletion) {
  int done = 0;
  auto job = [](int& d) -> aio::Task<void> {
    co_await aio::sleep(5ms);
    ++d;
  };
  auto main = [&]() -> aio::Task<void> {
    aio::spawn(job(done)); // handle dropped: the loop still owns and runs the task
    co_await aio::sleep(10ms);
  };
  aio::run(main(), virtual_time());
  EXPECT_EQ(done, 1);
}

TEST(Spawn, LvalueHandleCanBeAwaitedTwice) {
  auto main = []() -> aio::Task<std::string> {
    auto h = aio::spawn([]() -> aio::Task<std::string> { co_return "twice"; }());
    std::string first = co_await h;
    std::string second = co_await h;
    co_return first + second;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "twicetwice");
}

TEST(Spawn, AwaitingRethrowsTheTasksException) {
  auto main = []() -> aio::Task<int> { co_return co_await aio::spawn(failing()); };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::runtime_error);
}

TEST(Spawn, CancelBeforeStartNeverRunsTheBody) {
  bool ran = false;
  auto body = [](bool& r) -> aio::Task<void> {
    r = true;
    co_return;
  };
  auto main = [&]() -> aio::Task<bool> {
    auto h = aio::spawn(body(ran));
    h.cancel();
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
      co_return h.cancelled();
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
  EXPECT_FALSE(ran);
}

TEST(Spawn, CancelOfADoneTaskReturnsFalse) {
  auto main = []() -> aio::Task<bool> {
    auto h = aio::spawn(after(1ms, 1));
    co_await h;
    co_return !h.cancel() && h.done() && !h.cancelled();
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Spawn, CancellingAnAwaiterCancelsTheTaskItAwaits) {
  bool inner_cancelled = false;
  auto inner = [](bool& flag) -> aio::Task<int> {
    try {
      co_await aio::sleep(1s);
    } catch (const aio::CancelledError&) {
      flag = true;
      throw;
    }
    co_return 1;
  };
  auto outer = [&]() -> aio::Task<int> { co_return co_await aio::spawn(inner(inner_cancelled)); };
  EXPECT_EQ(aio::run(cancel_after(outer(), 5ms), virtual_time()), 5);
  EXPECT_TRUE(inner_cancelled);
}

TEST(Spawn, CancellationIsDeliveredOncePerRequest) {
  auto stubborn = []() -> aio::Task<long long> {
    try {
      co_await aio::sleep(1s);
    // NOLINTNEXTLINE(async-swallowed-cancellation): the test checks that a second cancel() is not delivered
    } catch (const aio::CancelledError&) {
    }
    co_await aio::sleep(10ms); // not cancelled again
    co_return vms();
  };
  auto main = [&]() -> aio::Task<long long> {
    auto h = aio::spawn(stubborn());
    co_await aio::sleep(5ms);
    h.cancel();
    co_return co_await h;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 15);
}

TEST(Spawn, CancelOfARunnableTaskRaisesAtItsNextSuspensionPoint) {
  bool after_yield = false;
  auto worker = [](bool& flag) -> aio::Task<void> {
    co_await aio::sleep(0ms); // queued behind main: main cancels while we are runnable
    flag = true;
  };
  auto main = [&]() -> aio::Task<bool> {
    auto h = aio::spawn(worker(after_yield));
    co_await aio::sleep(0ms); // let the worker start and yield
    h.cancel();
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
  EXPECT_FALSE(after_yield);
}

TEST(Spawn, HandleReportsTheCoroutineName) {
  auto main = []() -> aio::Task<std::string> {
    auto h = aio::spawn(after(1ms, 0));
    co_await h;
    co_return std::string(h.name());
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "after");
}

} // namespace
