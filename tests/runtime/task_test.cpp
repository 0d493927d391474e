// aio::Task: laziness, values, exceptions, symmetric transfer.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace {

using namespace aio_test;

aio::Task<int> answer() { co_return 42; }

aio::Task<int> add_children() {
  int a = co_await answer();
  int b = co_await answer();
  co_return a + b;
}

aio::Task<int> thrower() {
  co_await aio::sleep(1ms);
  throw std::runtime_error("boom");
}

aio::Task<void> set_flag(bool& flag) {
  flag = true;
  co_return;
}

aio::Task<std::unique_ptr<int>> make_unique_value() { co_return std::make_unique<int>(7); }

aio::Task<int> trivial() { co_return 1; }

TEST(Task, RunReturnsTheValue) { EXPECT_EQ(aio::run(answer(), virtual_time()), 42); }

TEST(Task, AwaitingChildrenReturnsTheirValues) {
  EXPECT_EQ(aio::run(add_children(), virtual_time()), 84);
}

TEST(Task, ExceptionPropagatesThroughAwaitAndRun) {
  auto outer = []() -> aio::Task<int> { co_return co_await thrower() + 1; };
  try {
    aio::run(outer(), virtual_time());
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "boom");
  }
}

TEST(Task, IsLazyUntilAwaited) {
  auto main = []() -> aio::Task<bool> {
    bool flag = false;
    auto t = set_flag(flag);
    bool before = flag;
    co_await t; // lvalue await
    co_return !before && flag;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Task, MoveOnlyValue) {
  auto main = []() -> aio::Task<int> { co_return *(co_await make_unique_value()); };
  EXPECT_EQ(aio::run(main(), virtual_time()), 7);
}

// The project builds its tests with clang, which turns symmetric transfer into tail calls at
// every optimisation level (gcc does so only when optimising).
TEST(Task, ManySynchronousAwaitsDoNotGrowTheStack) {
  auto main = []() -> aio::Task<int> {
    int sum = 0;
    for (int i = 0; i < 200000; ++i)
      sum += co_await trivial();
    co_return sum;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 200000);
}

TEST(Task, AwaitingAnEmptyTaskThrowsLogicError) {
  auto main = []() -> aio::Task<void> {
    aio::Task<int> t = answer();
    aio::Task<int> moved = std::move(t);
    co_await moved;
    co_await t;
  };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::logic_error);
}

TEST(Task, IsMoveOnlyAndNotNodiscard) {
  static_assert(!std::is_copy_constructible_v<aio::Task<int>>);
  static_assert(std::is_nothrow_move_constructible_v<aio::Task<int>>);
  static_assert(std::is_same_v<aio::Task<>, aio::Task<void>>);
  EXPECT_EQ(answer().name(), "answer");
}

} // namespace
