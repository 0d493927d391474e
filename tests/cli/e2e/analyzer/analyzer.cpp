// A task type that hides an await_transform from the clang static analyzer, as some
// libraries do: the code the compiler sees needs it.
#include <coroutine>

struct Ticket {};

struct Task {
  struct promise_type {
    Task get_return_object() {
      return Task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
#ifndef __clang_analyzer__
    std::suspend_never await_transform(Ticket) { return {}; }
    template <typename Awaitable> Awaitable &&await_transform(Awaitable &&A) {
      return static_cast<Awaitable &&>(A);
    }
#endif
  };
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
  std::coroutine_handle<promise_type> handle;
};

Task step() { co_return; }

Task run() {
  co_await Ticket{};
  step();
  co_await step();
}
