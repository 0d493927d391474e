// aio::wait_for: timeouts through cancellation of the inner task.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace {

using namespace aio_test;

aio::Task<int> slow(std::chrono::milliseconds d, bool& saw_cancel) {
  try {
    co_await aio::sleep(d);
  } catch (const aio::CancelledError&) {
    saw_cancel = true;
    throw;
  }
  co_return 7;
}

static_assert(!std::is_base_of_v<aio::CancelledError, aio::TimeoutError>);
static_assert(std::is_base_of_v<std::exception, aio::TimeoutError>);

TEST(WaitFor, TimesOutAtExactlyTheTimeout) {
  bool saw_cancel = false;
  auto main = [&]() -> aio::Task<long long> {
    try {
      co_await aio::wait_for(slow(100ms, saw_cancel), 50ms);
    } catch (const aio::TimeoutError&) {
      co_return vms();
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 50);
  EXPECT_TRUE(saw_cancel);
}

TEST(WaitFor, ReturnsTheValueWhenInTime) {
  bool saw_cancel = false;
  auto main = [&]() -> aio::Task<long long> {
    int v = co_await aio::wait_for(slow(10ms, saw_cancel), 50ms);
    co_return v * 1000 + vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 7010);
  EXPECT_FALSE(saw_cancel);
}

TEST(WaitFor, DeadlineIsDisarmedOnceTheTaskFinished) {
  bool saw_cancel = false;
  auto main = [&]() -> aio::Task<long long> {
    co_await aio::wait_for(slow(10ms, saw_cancel), 50ms);
    co_await aio::sleep(100ms); // would be cancelled at 50 ms by a stale deadline
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 110);
}

TEST(WaitFor, VoidTask) {
  auto nap = []() -> aio::Task<void> { co_await aio::sleep(1s); };
  auto main = [&]() -> aio::Task<bool> {
    try {
      co_await aio::wait_for(nap(), 1ms);
    } catch (const aio::TimeoutError&) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(WaitFor, CancellingTheAwaiterRaisesCancelledErrorNotTimeout) {
  bool saw_cancel = false;
  auto waiter = [&]() -> aio::Task<int> { co_return co_await aio::wait_for(slow(1s, saw_cancel), 500ms); };
  auto main = [&]() -> aio::Task<long long> {
    auto h = aio::spawn(waiter());
    co_await aio::sleep(10ms);
    h.cancel();
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
      co_return vms();
    } catch (const aio::TimeoutError&) {
      co_return -2;
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 10);
  EXPECT_TRUE(saw_cancel);
}

TEST(WaitFor, InnerTimeoutFiresFirstWhenNested) {
  bool saw_cancel = false;
  auto inner = [&]() -> aio::Task<int> {
    try {
      co_return co_await aio::wait_for(slow(1s, saw_cancel), 20ms);
    } catch (const aio::TimeoutError&) {
      co_return -1;
    }
  };
  auto main = [&]() -> aio::Task<long long> {
    int v = co_await aio::wait_for(inner(), 100ms);
    co_await aio::sleep(200ms); // the outer deadline must not fire later
    co_return v * 1000 - vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), -1000 - 220);
  EXPECT_TRUE(saw_cancel);
}

} // namespace
