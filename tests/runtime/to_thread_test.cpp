// aio::to_thread / aio::run_in_executor: work on the pool, results back on the loop thread.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <thread>

namespace {

using namespace aio_test;

TEST(ToThread, RunsOnAWorkerAndResumesOnTheLoopThread) {
  auto main = []() -> aio::Task<bool> {
    auto loop_thread = std::this_thread::get_id();
    auto worker_thread = co_await aio::to_thread([] { return std::this_thread::get_id(); });
    co_return worker_thread != loop_thread && std::this_thread::get_id() == loop_thread;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(ToThread, ExceptionIsRethrownOnTheLoopThread) {
  auto main = []() -> aio::Task<bool> {
    auto loop_thread = std::this_thread::get_id();
    try {
      co_await aio::to_thread([]() -> int { throw std::runtime_error("in worker"); });
    } catch (const std::runtime_error& e) {
      co_return std::string(e.what()) == "in worker" && std::this_thread::get_id() == loop_thread;
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), virtual_time()));
}

TEST(ToThread, VoidAndMoveOnlyCallables) {
  auto main = []() -> aio::Task<int> {
    std::atomic<int> hits{0};
    co_await aio::run_in_executor([&hits] { ++hits; });
    auto p = std::make_unique<int>(41);
    // Named, not a temporary inside the co_await: gcc 12 destroys that one twice.
    auto plus_one = [p = std::move(p)] { return *p + 1; };
    int v = co_await aio::to_thread(std::move(plus_one));
    co_return v + hits;
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 43);
}

TEST(ToThread, LoopKeepsRunningWhileAWorkerBlocks) {
  auto ticker = []() -> aio::Task<int> {
    int ticks = 0;
    for (int i = 0; i < 3; ++i, ++ticks)
      co_await aio::sleep(10ms);
    co_return ticks;
  };
  auto main = [&]() -> aio::Task<bool> {
    auto blocking = [] {
      std::this_thread::sleep_for(150ms);
      return 1;
    };
    auto [v, ticks] = co_await aio::gather(aio::to_thread(blocking), ticker());
    co_return v == 1 && ticks == 3;
  };
  EXPECT_TRUE(aio::run(main(), real_time()));
}

TEST(ToThread, CancelDeliversCancelledErrorWithoutWaitingForTheWorker) {
  auto main = []() -> aio::Task<bool> {
    auto h = aio::spawn(aio::to_thread([] {
      std::this_thread::sleep_for(200ms);
      return 1;
    }));
    co_await aio::sleep(10ms);
    auto start = std::chrono::steady_clock::now();
    h.cancel();
    try {
      co_await h;
    } catch (const aio::CancelledError&) {
      co_return std::chrono::steady_clock::now() - start < 100ms;
    }
    co_return false;
  };
  EXPECT_TRUE(aio::run(main(), real_time()));
}

TEST(ToThread, UsesAFixedPoolOfFourThreadsByDefault) {
  auto main = []() -> aio::Task<int> {
    std::atomic<int> running{0}, peak{0};
    auto job = [&] {
      int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::sleep_for(50ms); // long enough for all four workers to overlap
      --running;
    };
    std::vector<aio::Task<void>> jobs;
    for (int i = 0; i < 8; ++i)
      jobs.push_back(aio::to_thread(job));
    co_await aio::gather(std::move(jobs));
    co_return peak.load();
  };
  EXPECT_EQ(aio::run(main(), real_time()), 4);
}

} // namespace
