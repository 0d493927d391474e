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
