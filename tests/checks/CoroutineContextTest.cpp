//===--- CoroutineContextTest.cpp - where an expression sits --------------===//

#include "AstFixture.h"
#include "utils/CoroutineContext.h"
#include <set>

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

class CoroutineContextTest : public AstTest {
protected:
  /// The call to the function named Callee inside the function named Caller.
  const CallExpr *call(const std::string &Caller, const std::string &Callee) {
    return find<CallExpr>(
        callExpr(callee(functionDecl(hasName(Callee))),
                 hasAncestor(functionDecl(hasName(Caller)))));
  }
  utils::Discard discard(const std::string &Caller) {
    const CallExpr *Call = call(Caller, "lazy");
    return Call ? utils::discardKind(*Call, context()) : utils::Discard::No;
  }
};

TEST_F(CoroutineContextTest, DiscardedPositions) {
  parse(std::string(TaskTypes) + R"cpp(
    Lazy<> lazy();
    int other();
    bool cond();
    void statement() { lazy(); }
    void voidCast() { (void)lazy(); }
    void staticVoid() { static_cast<void>(lazy()); }
    void commaLeft() { lazy(), other(); }
    void commaRight() { other(), lazy(); }
    void ifBody() { if (cond()) lazy(); }
    void forIncrement() { for (int i = 0; i < 3; lazy()) ++i; }
    void initialised() { auto t = lazy(); }
    void passed(Lazy<>);
    void argument() { passed(lazy()); }
    Lazy<> returned() { return lazy(); }
    void usedComma() { auto t = (other(), lazy()); }
  )cpp");
  EXPECT_EQ(discard("statement"), utils::Discard::Statement);
  EXPECT_EQ(discard("voidCast"), utils::Discard::VoidCast);
  EXPECT_EQ(discard("staticVoid"), utils::Discard::VoidCast);
  EXPECT_EQ(discard("commaLeft"), utils::Discard::Statement);
  EXPECT_EQ(discard("commaRight"), utils::Discard::Statement);
  EXPECT_EQ(discard("ifBody"), utils::Discard::Statement);
  EXPECT_EQ(discard("forIncrement"), utils::Discard::Statement);
  EXPECT_EQ(discard("initialised"), utils::Discard::No);
  EXPECT_EQ(discard("argument"), utils::Discard::No);
  EXPECT_EQ(discard("returned"), utils::Discard::No);
  EXPECT_EQ(discard("usedComma"), utils::Discard::No);
}

TEST_F(CoroutineContextTest, EnclosingFunctionStopsAtLambdas) {
  parse(std::string(TaskTypes) + R"cpp(
    Lazy<> lazy();
    Lazy<> outer() {
      auto f = [] { lazy(); };
      f();
      auto kept = lazy();
      try { co_await lazy(); } catch (...) { lazy(); }
    }
  )cpp");
  // The matcher reaches a lambda's body twice (through the expression and through its call
  // operator): look at each call once.
  std::set<const CallExpr *> Calls;
  for (const auto &Bound :
       match(callExpr(callee(functionDecl(hasName("lazy")))).bind("c"), context()))
    Calls.insert(Bound.getNodeAs<CallExpr>("c"));
  ASSERT_EQ(Calls.size(), 4u);
  std::vector<std::string> Where;
  for (const CallExpr *Call : Calls) {
    const FunctionDecl *F = utils::enclosingFunction(*Call, context());
    Where.push_back(utils::describeFunction(*F) + (utils::isCoroutine(F) ? " coroutine" : "") +
                    (utils::isInCatchHandler(*Call, context()) ? " handler" : ""));
  }
  std::sort(Where.begin(), Where.end());
  EXPECT_EQ(Where, (std::vector<std::string>{"'outer' coroutine", "'outer' coroutine",
                                             "'outer' coroutine handler", "the lambda"}));
}

} // namespace
} // namespace async_lint::testing
