//===--- AwaitableTypesTest.cpp - classification of task types ------------===//

#include "AstFixture.h"
#include "utils/AwaitableTypes.h"

using namespace clang;
using namespace clang::ast_matchers;
using clang::tidy::async::utils::AwaitableClassifier;
using clang::tidy::async::utils::AwaitableKind;

namespace async_lint::testing {
namespace {

class AwaitableTypesTest : public AstTest {
protected:
  /// The kind of the return type of the function named Name.
  AwaitableKind kindOf(const std::string &Name) {
    const auto *F = find<FunctionDecl>(functionDecl(hasName(Name)));
    return F ? Classifier.classify(F->getReturnType(), context())
             : AwaitableKind::NotAwaitable;
  }
  AwaitableClassifier Classifier;
};

TEST_F(AwaitableTypesTest, NestedPromiseDecidesLazyOrEager) {
  parse(std::string(TaskTypes) + R"cpp(
    Lazy<int> lazy();
    Eager eager();
    Awaiter awaiter();
    int plain();
    void use() { lazy(); }  // instantiates Lazy<int> without defining its promise_type
  )cpp");
  EXPECT_EQ(kindOf("lazy"), AwaitableKind::LazyTask);
  EXPECT_EQ(kindOf("eager"), AwaitableKind::EagerTask);
  EXPECT_EQ(kindOf("awaiter"), AwaitableKind::Awaiter);
  EXPECT_EQ(kindOf("plain"), AwaitableKind::NotAwaitable);
}

TEST_F(AwaitableTypesTest, LazyButNotAwaitableIsNotAwaitable) {
  parse(std::string(TaskTypes) + R"cpp(
    struct Generator {
      struct promise_type {
        Generator get_return_object() { return {}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        std::suspend_always yield_value(int) { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
    };
    Generator numbers();
  )cpp");
  EXPECT_EQ(kindOf("numbers"), AwaitableKind::NotAwaitable);
}

TEST_F(AwaitableTypesTest, FreeOperatorCoAwaitMakesAwaitable) {
  parse(std::string(TaskTypes) + R"cpp(
    namespace lib {
    struct Duration { int ms; };
    Awaiter operator co_await(Duration);
    }
    lib::Duration after();
  )cpp");
  EXPECT_EQ(kindOf("after"), AwaitableKind::Awaiter);
}

// async_simple's shape: a generic operator co_await that only futures satisfy. The
// constraint decides, as overload resolution would; one the AST cannot decide counts as not
// holding.
TEST_F(AwaitableTypesTest, GenericFreeCoAwaitFollowsItsConstraints) {
  parse(std::string(TaskTypes) + R"cpp(
    #include <type_traits>
    namespace lib {
    template <class T> struct Future { T value; };
    template <class T> struct Try { T value; };
    struct Executor { void schedule(); };
    template <class T> struct IsFuture : std::false_type {};
    template <class T> struct IsFuture<Future<T>> : std::true_type {};
    template <class T> Awaiter operator co_await(Future<T>&&);
    template <class T>
    Awaiter operator co_await(T&&) requires IsFuture<std::decay_t<T>>::value;
    }
    namespace timers {
    struct Timer {};
    struct Clock {};
    template <class T> struct IsTimer { static constexpr bool value = false; };
    template <> struct IsTimer<Timer> { static constexpr bool value = true; };
    template <class T> concept TimerLike = IsTimer<T>::value && !std::is_same<T, Clock>::value;
    template <TimerLike T> Awaiter operator co_await(T&&);
    }
    namespace polled {
    struct Pollable { void poll(); };
    template <class T> requires requires(T t) { t.poll(); } Awaiter operator co_await(T&&);
    }
    namespace anything {
    struct Value {};
    template <class T> Awaiter operator co_await(T&&);
    }
    template <class T> struct Wrapped {};
    template <class T> Awaiter operator co_await(Wrapped<T>&&);
    lib::Future<int> future();
    lib::Try<int> result();
    lib::Executor executor();
    timers::Timer timer();
    timers::Clock clock();
    polled::Pollable pollable();
    anything::Value value();
    Wrapped<int> wrapped();
  )cpp");
  EXPECT_EQ(kindOf("future"), AwaitableKind::Awaiter);
  EXPECT_EQ(kindOf("result"), AwaitableKind::NotAwaitable);
  EXPECT_EQ(kindOf("executor"), AwaitableKind::NotAwaitable);
  EXPECT_EQ(kindOf("timer"), AwaitableKind::Awaiter);
  EXPECT_EQ(kindOf("clock"), AwaitableKind::NotAwaitable);
  EXPECT_EQ(kindOf("pollable"), AwaitableKind::NotAwaitable);
  EXPECT_EQ(kindOf("value"), AwaitableKind::Awaiter);
  EXPECT_EQ(kindOf("wrapped"), AwaitableKind::Awaiter);
}

TEST_F(AwaitableTypesTest, PromiseFromCoroutineTraitsSpecialization) {
  parse(std::string(TaskTypes) + R"cpp(
    template <class T> struct Op {
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<>) {}
      T await_resume() { return {}; }
    };
    template <class T> struct OpPromise {
      Op<T> get_return_object() { return {}; }
      auto initial_suspend() noexcept { return std::suspend_always(); }
      std::suspend_always final_suspend() noexcept { return {}; }
      void return_value(T) {}
      void unhandled_exception() {}
    };
    template <class T, class... Args> struct std::coroutine_traits<Op<T>, Args...> {
      using promise_type = OpPromise<T>;
    };
    struct Plain {
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<>) {}
      void await_resume() {}
    };
    struct PlainPromise {
      Plain get_return_object() { return {}; }
      std::suspend_never initial_suspend() noexcept { return {}; }
      std::suspend_never final_suspend() noexcept { return {}; }
      void return_void() {}
      void unhandled_exception() {}
    };
    template <class... Args> struct std::coroutine_traits<Plain, Args...> {
      using promise_type = PlainPromise;
    };
    Op<int> op();
    Plain plain();
    void use() { op(); plain(); }
  )cpp");
  EXPECT_EQ(kindOf("op"), AwaitableKind::LazyTask);
  EXPECT_EQ(kindOf("plain"), AwaitableKind::EagerTask);
}

// concurrencpp's shape: the initial awaiter suspends (it derives from suspend_always) but
// its await_suspend posts the coroutine to an executor, so the body runs without an await.
// One that only looks at the handle's promise does not hand the coroutine on.
TEST_F(AwaitableTypesTest, InitialAwaiterThatPostsTheCoroutineIsEager) {
  parse(std::string(TaskTypes) + R"cpp(
    struct Executor { void post(std::coroutine_handle<>); };
    template <class P> struct Resumer { std::coroutine_handle<P> handle; };
    struct Posting {
      struct promise_type {
        Executor *executor;
        struct schedule : std::suspend_always {
          template <class P> void await_suspend(std::coroutine_handle<P> h) {
            h.promise().executor->post(Resumer<P>{h}.handle);
          }
        };
        Posting get_return_object() { return {}; }
        schedule initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<>) {}
      void await_resume() {}
    };
    struct Counting {
      struct promise_type {
        int suspensions = 0;
        struct count : std::suspend_always {
          void await_suspend(std::coroutine_handle<promise_type> h) { ++h.promise().suspensions; }
        };
        Counting get_return_object() { return {}; }
        count initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<>) {}
      void await_resume() {}
    };
    Posting posting();
    Counting counting();
  )cpp");
  EXPECT_EQ(kindOf("posting"), AwaitableKind::EagerTask);
  EXPECT_EQ(kindOf("counting"), AwaitableKind::LazyTask);
}

TEST_F(AwaitableTypesTest, UnknownInitialSuspendCountsAsLazy) {
  parse(std::string(TaskTypes) + R"cpp(
    bool decide();
    struct Maybe {
      bool await_ready() { return decide(); }
      void await_suspend(std::coroutine_handle<>) {}
      void await_resume() {}
    };
    struct Task {
      struct promise_type {
        Task get_return_object() { return {}; }
        Maybe initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() {}
        void unhandled_exception() {}
      };
      bool await_ready() { return false; }
      void await_suspend(std::coroutine_handle<>) {}
      void await_resume() {}
    };
    Task task();
  )cpp");
  EXPECT_EQ(kindOf("task"), AwaitableKind::LazyTask);
}

TEST_F(AwaitableTypesTest, DependentAndReferenceTypesAreNotClassified) {
  parse(std::string(TaskTypes) + R"cpp(
    template <class T> T make();
    Lazy<int> &ref();
  )cpp");
  EXPECT_EQ(kindOf("make"), AwaitableKind::NotAwaitable);
  EXPECT_EQ(kindOf("ref"), AwaitableKind::NotAwaitable);
}

} // namespace
} // namespace async_lint::testing
