// aio::async_with: enter, body, and an exit that always runs.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace {

using namespace aio_test;

// Logs enter/exit with the virtual time.
class Resource {
public:
  explicit Resource(std::string& log, bool fail_enter = false)
      : log_(log), fail_enter_(fail_enter) {}
  aio::Task<> enter() {
    co_await aio::sleep(5ms);
    if (fail_enter_)
      throw std::runtime_error("enter failed");
    log_ += "enter@" + std::to_string(vms()) + " ";
  }
  aio::Task<> exit() {
    co_await aio::sleep(5ms);
    log_ += "exit@" + std::to_string(vms()) + " ";
  }
  int query() const { return 21; }

private:
  std::string& log_;
  bool fail_enter_;
};

TEST(AsyncWith, EnterBodyExitInOrderAndReturnsTheBodysValue) {
  std::string log;
  auto main = [&]() -> aio::Task<int> {
    Resource r(log);
    co_return co_await aio::async_with(r, [&](Resource& res) -> aio::Task<int> {
      co_await aio::sleep(10ms);
      log += "body ";
      co_return res.query() * 2;
    });
  };
  EXPECT_EQ(aio::run(main(), virtual_time()), 42);
  EXPECT_EQ(log, "enter@5 body exit@20 ");
}

TEST(AsyncWith, ExitRunsWhenTheBodyThrowsThenRethrows) {
  std::string log;
  auto main = [&]() -> aio::Task<void> {
    Resource r(log);
    co_await aio::async_with(r, [](Resource&) -> aio::Task<> {
      co_await aio::sleep(1ms);
      throw std::runtime_error("body failed");
    });
  };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::runtime_error);
  EXPECT_EQ(log, "enter@5 exit@11 ");
}

TEST(AsyncWith, ExitRunsWhenTheTaskIsCancelled) {
  std::string log;
  auto user = [&]() -> aio::Task<void> {
    Resource r(log);
    co_await aio::async_with(r, []() -> aio::Task<> { co_await aio::sleep(1s); });
    log += "not reached ";
  };
  EXPECT_EQ(aio::run(cancel_after(user(), 10ms), virtual_time()), 15);
  EXPECT_EQ(log, "enter@5 exit@15 ");
}

TEST(AsyncWith, FailedEnterSkipsBodyAndExit) {
  std::string log;
  bool body_ran = false;
  auto main = [&]() -> aio::Task<void> {
    co_await aio::async_with(Resource(log, true), [&]() -> aio::Task<> {
      body_ran = true;
      co_return;
    });
  };
  EXPECT_THROW(aio::run(main(), virtual_time()), std::runtime_error);
  EXPECT_FALSE(body_ran);
  EXPECT_EQ(log, "");
}

} // namespace
