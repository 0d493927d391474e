// aio::run and the event loop: nesting, the virtual clock, shutdown, deadlocks.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace {

using namespace aio_test;

aio::Task<int> one() { co_return 1; }

TEST(Run, FromARunningLoopThrowsLogicError) {
  auto main = []() -> aio::Task<std::string> {
    try {
      // NOLINTNEXTLINE(async-blocking-call): the test checks that a nested run() is refused
      aio::run(one());
    } catch (const std::logic_error& e) {
      co_return e.what();
    }
    co_return "no exception";
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "aio::run called from a running event loop");
}

TEST(Run, VirtualClockStartsAtZeroAndJumpsToTimers) {
  auto main = []() -> aio::Task<long long> {
    long long start = vms();
    co_await aio::sleep(std::chrono::hours(1));
    co_return vms() - start + start * 1000000;
  };
  auto real_start = std::chrono::steady_clock::now();
  EXPECT_EQ(aio::run(main(), virtual_time()), 3600000);
  EXPECT_LT(std::chrono::steady_clock::now() - real_start, 1s);
}

TEST(Run, BorrowedVirtualClockCanBeReadAfterwards) {
  aio::VirtualClock clock;
  auto main = []() -> aio::Task<void> { co_await aio::sleep(250ms); };
  aio::run(main(), {.clock = clock, .debug = false});
  EXPECT_EQ(clock.now().time_since_epoch(), 250ms);
}

TEST(Run, RealClockSleepTakesRealTime) {
  auto main = []() -> aio::Task<void> { co_await aio::sleep(20ms); };
  auto start = std::chrono::steady_clock::now();
  aio::run(main(), real_time());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
}

TEST(Run, TasksLeftRunningAreCancelledAtExit) {
  bool saw_cancel = false;
  auto forever = [](bool& flag) -> aio::Task<void> {
    try {
      co_await aio::sleep(std::chrono::hours(24));
    } catch (const aio::CancelledError&) {
      flag = true;
      throw;
    }
  };
  auto main = [&]() -> aio::Task<void> {
    aio::spawn(forever(saw_cancel)); // fire and forget
    co_await aio::sleep(1ms);
  };
  aio::run(main(), virtual_time());
  EXPECT_TRUE(saw_cancel);
}

TEST(Run, DeadlockIsReportedAfterCancellingEveryTask) {
  bool main_cancelled = false;
  auto main = [&]() -> aio::Task<void> {
    aio::Semaphore never(0);
    try {
      auto guard = co_await never.acquire();
    } catch (const aio::CancelledError&) {
      main_cancelled = true;
      throw;
    }
  };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::logic_error);
  EXPECT_TRUE(main_cancelled);
}

TEST(Run, SpawnOutsideALoopThrowsLogicError) {
  EXPECT_THROW(aio::spawn(one()), std::logic_error);
}

TEST(Run, CurrentTaskCancelledReflectsRequests) {
  auto worker = []() -> aio::Task<bool> {
    try {
      co_await aio::sleep(1s);
    // NOLINTNEXTLINE(async-swallowed-cancellation): the test observes how run() ends a swallowed cancellation
    } catch (const aio::CancelledError&) {
      co_return aio::current_task_cancelled();
    }
    co_return false;
  };
  auto main = [&]() -> aio::Task<bool> {
    bool before = aio::current_task_cancelled();
    auto h = aio::spawn(worker());
    co_await aio::sleep(1ms);
    h.cancel();
    co_return !before && co_await h;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Run, SuccessiveRunsAreIndependent) {
  auto main = []() -> aio::Task<long long> {
    co_await aio::sleep(5ms);
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 5);
  EXPECT_EQ(aio::run(main(), virtual_time()), 5);
}

} // namespace
