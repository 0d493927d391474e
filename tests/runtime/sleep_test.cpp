// aio::sleep: exact virtual timing, yields, cancellation of a sleeping task.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace aio_test;

TEST(Sleep, AdvancesVirtualTimeExactly) {
  auto main = []() -> aio::Task<long long> {
    co_await aio::sleep(10ms);
    co_await aio::sleep(25ms);
    co_await aio::sleep(std::chrono::microseconds(500));
    co_return std::chrono::duration_cast<std::chrono::microseconds>(
                  aio::now().time_since_epoch())
        .count();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 35500);
}

TEST(Sleep, ConcurrentSleepersWakeInDeadlineOrder) {
  auto sleeper = [](int ms, std::vector<std::pair<int, long long>>& log) -> aio::Task<void> {
    co_await aio::sleep(std::chrono::milliseconds(ms));
    log.emplace_back(ms, vms());
  };
  std::vector<std::pair<int, long long>> log;
  auto main = [&]() -> aio::Task<void> {
    co_await aio::gather(sleeper(30, log), sleeper(10, log), sleeper(20, log));
  };
  aio::run(main(), virtual_time());
  std::vector<std::pair<int, long long>> expected{{10, 10}, {20, 20}, {30, 30}};
  EXPECT_EQ(log, expected);
}

TEST(Sleep, ZeroOrNegativeDurationYieldsToOtherTasks) {
  std::string trace;
  auto ping = [](char c, std::chrono::milliseconds d, std::string& t) -> aio::Task<void> {
    for (int i = 0; i < 3; ++i) {
      t += c;
      co_await aio::sleep(d);
    }
  };
  auto main = [&]() -> aio::Task<long long> {
    co_await aio::gather(ping('a', 0ms, trace), ping('b', -5ms, trace));
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 0);
  EXPECT_EQ(trace, "ababab");
}

TEST(Sleep, CancelSleepingTaskRaisesCancelledErrorNow) {
  auto sleeper = [](long long& woke_at) -> aio::Task<void> {
    try {
      co_await aio::sleep(100ms);
    } catch (const aio::CancelledError&) {
      woke_at = vms();
      throw;
    }
  };
  long long woke_at = -1;
  auto main = [&]() -> aio::Task<long long> {
    auto h = aio::spawn(sleeper(woke_at));
    co_await aio::sleep(10ms);
    EXPECT_TRUE(h.cancel());
    EXPECT_FALSE(h.done());
    try {
      co_await h;
    } catch (const aio::CancelledError& e) {
      EXPECT_STREQ(e.what(), "task cancelled");
    }
    EXPECT_TRUE(h.done());
    EXPECT_TRUE(h.cancelled());
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 10);
  EXPECT_EQ(woke_at, 10);
}

TEST(Sleep, IsAPlainAwaitable) {
  static_assert(std::is_same_v<decltype(aio::sleep(1ms)), aio::Sleep>);
  aio::Sleep s = aio::sleep(1ms);
  EXPECT_FALSE(s.await_ready());
}

} // namespace
