// aio::Generator: async iteration with co_yield and co_await inside.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace {

using namespace aio_test;

aio::Generator<int> one_two_three() {
  for (int i = 1; i <= 3; ++i) {
    co_await aio::sleep(10ms);
    co_yield i;
  }
}

template <class T>
concept MemberAwaitable = requires(T t) { t.operator co_await(); } || requires(T t) {
  t.await_ready();
};
static_assert(!MemberAwaitable<aio::Generator<int>>, "a Generator itself is not awaitable");

TEST(Generator, YieldsOneTwoThreeInOrder) {
  auto main = []() -> aio::Task<std::vector<long long>> {
    std::vector<long long> seen;
    auto gen = one_two_three();
    while (auto v = co_await gen.next())
      seen.push_back(*v * 1000 + vms());
    EXPECT_FALSE(co_await gen.next()); // stays finished
    co_return seen;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), (std::vector<long long>{1010, 2020, 3030}));
}

TEST(Generator, ExceptionFromTheBodyIsRethrownByNext) {
  auto failing = []() -> aio::Generator<int> {
    co_yield 1;
    throw std::runtime_error("generator failed");
  };
  auto main = [&]() -> aio::Task<int> {
    auto gen = failing();
    int got = *co_await gen.next();
    try {
      co_await gen.next();
    } catch (const std::runtime_error&) {
      co_return got;
    }
    co_return -1;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 1);
}

TEST(Generator, DroppingItMidwayRunsTheBodysDestructors) {
  struct Flag {
    bool& f;
    ~Flag() { f = true; }
  };
  bool destroyed = false;
  auto counting = [](bool& d) -> aio::Generator<int> {
    Flag flag{d};
    for (int i = 0;; ++i)
      co_yield i;
  };
  auto main = [&]() -> aio::Task<bool> {
    {
      auto gen = counting(destroyed);
      co_await gen.next();
      co_await gen.next();
    }
    co_return destroyed;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Generator, NothingRunsBeforeTheFirstNext) {
  int started = 0;
  auto gen_fn = [](int& s) -> aio::Generator<int> {
    ++s;
    co_yield s;
  };
  auto main = [&]() -> aio::Task<int> {
    auto gen = gen_fn(started);
    int before = started;
    auto v = co_await gen.next();
    co_return before * 10 + *v;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 1);
}

} // namespace
