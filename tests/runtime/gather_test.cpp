// aio::gather / aio::when_all: concurrency, argument order, first exception, cancellation.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace {

using namespace aio_test;

aio::Task<std::string> fetch_data(int id, std::chrono::milliseconds delay) {
  co_await aio::sleep(delay);
  co_return "data " + std::to_string(id);
}

// Sleeps; records whether it was cancelled, cleans up for `cleanup` and re-raises.
aio::Task<int> sibling(std::chrono::milliseconds d, bool& cancelled,
                       std::chrono::milliseconds cleanup = 0ms) {
  bool caught = false;
  try {
    co_await aio::sleep(d);
  // NOLINTNEXTLINE(async-swallowed-cancellation): the sibling records its cancellation for the test
  } catch (const aio::CancelledError&) {
    cancelled = true;
    caught = true;
  }
  if (caught) {
    co_await aio::sleep(cleanup);
    throw aio::CancelledError();
  }
  co_return 1;
}

aio::Task<int> fail_after(std::chrono::milliseconds d) {
  co_await aio::sleep(d);
  throw std::runtime_error("first failure");
}

TEST(Gather, ThreeSleepsCompleteAtTheLongestDelayWithResultsInArgumentOrder) {
  auto main = []() -> aio::Task<long long> {
    auto [first, second, third] = co_await aio::gather(fetch_data(1, 20ms), fetch_data(2, 10ms),
                                                       fetch_data(3, 30ms));
    EXPECT_EQ(first, "data 1");
    EXPECT_EQ(second, "data 2");
    EXPECT_EQ(third, "data 3");
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 30);
}

TEST(Gather, VectorResultsInVectorOrder) {
  auto main = []() -> aio::Task<long long> {
    std::vector<aio::Task<std::string>> tasks;
    for (int i = 0; i < 5; ++i)
      tasks.push_back(fetch_data(i, std::chrono::milliseconds(50 - 10 * i)));
    std::vector<std::string> results = co_await aio::gather(std::move(tasks));
    EXPECT_EQ(results, (std::vector<std::string>{"data 0", "data 1", "data 2", "data 3", "data 4"}));
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 50);
}

TEST(Gather, EmptyVectorCompletesAtOnce) {
  auto main = []() -> aio::Task<std::size_t> {
    auto results = co_await aio::gather(std::vector<aio::Task<int>>{});
    co_return results.size();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 0u);
}

TEST(Gather, VoidTasksGiveMonostate) {
  auto nothing = []() -> aio::Task<void> { co_await aio::sleep(1ms); };
  auto main = [&]() -> aio::Task<int> {
    auto result = co_await aio::when_all(nothing(), fetch_data(7, 2ms));
    static_assert(std::is_same_v<decltype(result), std::tuple<std::monostate, std::string>>);
    std::vector<aio::Task<void>> voids;
    voids.push_back(nothing());
    auto many = co_await aio::when_all(std::move(voids));
    static_assert(std::is_same_v<decltype(many), std::vector<std::monostate>>);
    co_return std::get<1>(result) == "data 7" && many.size() == 1 ? 0 : 1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 0);
}

TEST(Gather, FirstExceptionPropagatesAndCancelsTheSiblings) {
  bool a = false, b = false;
  auto main = [&]() -> aio::Task<long long> {
    try {
      co_await aio::gather(sibling(100ms, a), fail_after(10ms), sibling(200ms, b));
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "first failure");
      co_return vms();
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 10);
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
}

TEST(Gather, WaitsForTheSiblingsToFinishBeforeRethrowing) {
  bool a = false;
  auto main = [&]() -> aio::Task<long long> {
    try {
      co_await aio::gather(sibling(100ms, a, 5ms), fail_after(10ms));
    } catch (const std::runtime_error&) {
      co_return vms();
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 15);
  EXPECT_TRUE(a);
}

TEST(Gather, CancellingTheAwaiterCancelsEveryChild) {
  bool a = false, b = false;
  auto both = [&]() -> aio::Task<void> { co_await aio::gather(sibling(1s, a), sibling(2s, b)); };
  EXPECT_EQ(aio::run(cancel_after(both(), 5ms), virtual_time()), 5);
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
}

TEST(Gather, ChildrenStartOnlyWhenTheGatherIsAwaited) {
  int started = 0;
  auto child = [](int& s) -> aio::Task<int> {
    ++s;
    co_return s;
  };
  auto main = [&]() -> aio::Task<int> {
    auto g = aio::gather(child(started), child(started));
    co_await aio::sleep(1ms);
    int before = started;
    auto [x, y] = co_await g;
    co_return before * 100 + x * 10 + y;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 12);
}

} // namespace
