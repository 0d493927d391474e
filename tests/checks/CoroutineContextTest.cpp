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
    const auto *F = find<FunctionDecl>(functionDecl(hasName(Caller), isDefinition()));
    if (!Call || !F)
      return utils::Discard::No;
    return utils::discardKind(*Call, utils::FunctionBody(*F).parents());
  }
  /// The calls to `lazy` among a function's own statements, each as "handler" when it sits in
  /// a catch handler, else "".
  std::vector<std::string> lazyCalls(const FunctionDecl &F) {
    utils::FunctionBody Body(F);
    std::vector<std::string> Calls;
    utils::forEachStatement(*Body.body(), [&](const Stmt &S) {
      const auto *Call = dyn_cast<CallExpr>(&S);
      if (Call && Call->getDirectCallee() && Call->getDirectCallee()->getName() == "lazy")
        Calls.push_back(utils::isInCatchHandler(*Call, Body.parents()) ? "handler" : "");
    });
    return Calls;
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

// A function's walk covers its own statements (a co_await's operand, a lambda's captures),
// not a lambda's body, which is walked as the lambda's own function.
TEST_F(CoroutineContextTest, FunctionBodyWalksOnlyItsOwnStatements) {
  parse(std::string(TaskTypes) + R"cpp(
    Lazy<> lazy();
    Lazy<> outer() {
      auto f = [t = lazy()] { lazy(); };
      f();
      try { co_await lazy(); } catch (...) { lazy(); }
    }
  )cpp");
  const auto *Outer = find<FunctionDecl>(functionDecl(hasName("outer"), isDefinition()));
  EXPECT_EQ(lazyCalls(*Outer), (std::vector<std::string>{"", "", "handler"}));
  EXPECT_TRUE(utils::isCoroutine(Outer));
  const auto *Lambda = dyn_cast<LambdaExpr>(
      find<VarDecl>(varDecl(hasName("f")))->getInit()->IgnoreImplicit());
  ASSERT_NE(Lambda, nullptr);
  EXPECT_EQ(lazyCalls(*Lambda->getCallOperator()), (std::vector<std::string>{""}));
  EXPECT_EQ(utils::describeFunction(*Lambda->getCallOperator()), "the lambda");
}

} // namespace
} // namespace async_lint::testing
