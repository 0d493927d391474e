//===--- AstFixture.h - parse a snippet and find nodes in it --------------===//

#ifndef ASYNC_LINT_TESTS_CHECKS_ASTFIXTURE_H
#define ASYNC_LINT_TESTS_CHECKS_ASTFIXTURE_H

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>

namespace async_lint::testing {

/// A minimal lazy task type, an eager one and an awaiter, for snippets to use.
inline constexpr const char *TaskTypes = R"cpp(
#include <coroutine>
#include <exception>
template <class T = void> struct Lazy {
  struct promise_type {
    Lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
struct Eager {
  struct promise_type {
    Eager get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return true; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
struct Awaiter {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
)cpp";

/// Parses Code as C++20 and keeps the AST for the test's lifetime.
class AstTest : public ::testing::Test {
protected:
  void parse(const std::string &Code) {
    Unit = clang::tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"});
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred()) << Code;
  }
  clang::ASTContext &context() { return Unit->getASTContext(); }

  /// The single node bound to "node" by a matcher over the whole AST.
  template <class Node, class Matcher> const Node *find(Matcher M) {
    auto Results = clang::ast_matchers::match(M.bind("node"), context());
    EXPECT_EQ(Results.size(), 1u);
    return Results.empty() ? nullptr : Results.front().template getNodeAs<Node>("node");
  }

  std::unique_ptr<clang::ASTUnit> Unit;
};

} // namespace async_lint::testing

#endif
