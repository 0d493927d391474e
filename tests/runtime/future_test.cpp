// aio::Promise / aio::Future: values from other threads, exceptions, cancellation.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>
#include <thread>

namespace {

using namespace aio_test;

TEST(Future, SetFromAnotherThreadResumesOnTheLoopThread) {
  auto main = []() -> aio::Task<bool> {
    aio::Promise<int> promise;
    aio::Future<int> future = promise.get_future();
    std::thread producer([&promise] {
      std::this_thread::sleep_for(20ms);
      promise.set_value(42);
    });
    auto loop_thread = std::this_thread::get_id();
    int v = co_await future;
    // NOLINTNEXTLINE(async-blocking-call): the producer has finished by now
    producer.join();
    co_return v == 42 && std::this_thread::get_id() == loop_thread;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Future, SetBeforeAwaitIsReadyAtOnce) {
  auto main = []() -> aio::Task<int> {
    aio::Promise<int> p;
    p.set_value(5);
    auto f = p.get_future();
    EXPECT_TRUE(f.ready());
    co_return co_await f;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 5);
}

TEST(Future, SetFromAnotherTaskOnTheLoop) {
  auto main = []() -> aio::Task<long long> {
    aio::Promise<void> p;
    auto setter = [](aio::Promise<void>& pr) -> aio::Task<void> {
      co_await aio::sleep(15ms);
      pr.set_value();
    };
    auto h = aio::spawn(setter(p));
    co_await p.get_future();
    co_await h;
    co_return vms();
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 15);
}

TEST(Future, ExceptionIsRethrown) {
  auto main = []() -> aio::Task<void> {
    aio::Promise<int> p;
    std::thread t([&p] { p.set_exception(std::make_exception_ptr(std::runtime_error("bad"))); });
    // NOLINTNEXTLINE(async-blocking-call): the producer has finished by now
    t.join();
    co_await p.get_future();
  };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::runtime_error);
}

TEST(Future, BrokenPromiseAndDoubleSet) {
  auto main = []() -> aio::Task<bool> {
    aio::Future<int> orphan;
    {
      aio::Promise<int> p;
      orphan = p.get_future();
      p.set_value(1);
      EXPECT_THROW(p.set_value(2), std::future_error);
    }
    int first = co_await orphan;
    aio::Future<int> broken;
    {
      aio::Promise<int> p;
      broken = p.get_future();
    }
    try {
      co_await broken;
    } catch (const std::future_error& e) {
      co_return first == 1 && e.code() == std::future_errc::broken_promise;
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(Future, CancelWhileWaitingUnregisters) {
  auto main = []() -> aio::Task<bool> {
    aio::Promise<int> p;
    auto waiter = [](aio::Future<int> f) -> aio::Task<int> { co_return co_await f; };
    auto h = aio::spawn(waiter(p.get_future()));
    co_await aio::sleep(1ms);
    h.cancel();
    bool cancelled = false;
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
      cancelled = true;
    }
    p.set_value(3); // nobody waits any more: no effect
    co_return cancelled;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

} // namespace
