// aio::Semaphore and aio::SemaphoreGuard.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace {

using namespace aio_test;

struct Counters {
  int holding = 0;
  int max_holding = 0;
  std::vector<int> order;
};

aio::Task<int> limited(aio::Semaphore& sem, int id, Counters& c) {
  auto guard = co_await sem.acquire();
  c.order.push_back(id);
  c.max_holding = std::max(c.max_holding, ++c.holding);
  co_await aio::sleep(10ms);
  --c.holding;
  co_return id;
}

TEST(Semaphore, TwoUnitsOverFiveTasksPeakAtTwo) {
  Counters c;
  auto main = [&]() -> aio::Task<long long> {
    aio::Semaphore sem(2, "pool");
    std::vector<aio::Task<int>> tasks;
    for (int i = 0; i < 5; ++i)
      tasks.push_back(limited(sem, i, c));
    auto ids = co_await aio::gather(std::move(tasks));
    EXPECT_EQ(ids, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_EQ(sem.peak(), 2u);
    EXPECT_EQ(sem.available(), 2u);
    EXPECT_EQ(sem.name(), "pool");
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 30);
  EXPECT_EQ(c.max_holding, 2);
  EXPECT_EQ(c.order, (std::vector<int>{0, 1, 2, 3, 4})); // FIFO
}

TEST(Semaphore, CancelWhileWaitingRemovesTheWaiter) {
  auto main = []() -> aio::Task<bool> {
    aio::Semaphore sem(1);
    auto held = co_await sem.acquire();
    auto waiter = aio::spawn([](aio::Semaphore& s) -> aio::Task<void> {
      auto g = co_await s.acquire();
    }(sem));
    co_await aio::sleep(1ms);
    waiter.cancel();
    bool cancelled = false;
    try {
      co_await waiter;
    } catch (const aio::CancelledError&) {
      cancelled = true;
    }
    held.release(); // must not go to the cancelled waiter
    co_return cancelled && sem.available() == 1 && !held.holds();
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Semaphore, UnitGrantedToATaskCancelledBeforeItRanIsReturned) {
  auto main = []() -> aio::Task<std::size_t> {
    aio::Semaphore sem(1);
    auto held = co_await sem.acquire();
    auto waiter = aio::spawn([](aio::Semaphore& s) -> aio::Task<void> {
      auto g = co_await s.acquire();
    }(sem));
    co_await aio::sleep(1ms);
    held.release();  // granted to the waiter, which is now runnable...
    waiter.cancel(); // ...and cancelled before it runs
    try {
      co_await waiter;
    } catch (const aio::CancelledError&) {
    }
    co_return sem.available();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 1u);
}

TEST(Semaphore, GuardIsMoveOnlyAndReleasesOnce) {
  static_assert(!std::is_copy_constructible_v<aio::SemaphoreGuard>);
  auto main = []() -> aio::Task<bool> {
    aio::Semaphore sem(1);
    aio::SemaphoreGuard outer;
    {
      auto g = co_await sem.acquire();
      outer = std::move(g);
      EXPECT_FALSE(g.holds());
    }
    bool held_after_scope = sem.locked();
    outer.release();
    outer.release();
    co_return held_after_scope && sem.available() == 1;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Semaphore, ReleaseWithoutAcquireRaisesTheCount) {
  auto main = []() -> aio::Task<std::size_t> {
    aio::Semaphore sem(0);
    sem.release();
    auto g = co_await sem.acquire();
    co_return sem.available() + 10 * sem.peak();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 10u);
}

TEST(Semaphore, UnnamedSemaphoresAreNumberedInCreationOrder) {
  auto main = []() -> aio::Task<std::string> {
    aio::Semaphore a(1, "db");
    aio::Semaphore b(1);
    co_return a.name() + "," + b.name();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), "db,semaphore#2");
}

} // namespace
