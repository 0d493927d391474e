//===--- CancellationSourcesTest.cpp - which code can raise a cancellation -===//
//
// Tests for checks/utils/CancellationSources.h on a miniature library whose cancellation is
// raised only through a token or one named function.
//
//===----------------------------------------------------------------------===//

#include "AstFixture.h"
#include "RulePack.h"
#include "utils/CancellationSources.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

/// The rules of one user pack for a library `lib` with these cancellation kinds.
rules::RuleSet loadKinds(const std::string &Kinds) {
  std::vector<rules::LoadError> Errors;
  rules::LoadOptions Options;
  Options.UserPackTexts = {{"lib.json", R"j({"name": "lib", "library": "l", "description": "d",
      "coroutine_types": [{"type": "lib::Task"}], "cancellation": )j" + Kinds + "}"}};
  rules::RuleSet Rules = rules::loadRuleSet(Options, Errors);
  EXPECT_TRUE(Errors.empty());
  return Rules;
}

class CancellationSourcesTest : public AstTest {
protected:
  void SetUp() override {
    Rules = loadKinds(R"j([
        {"name": "lib-raised", "delivery": "exception", "exception_types": ["lib::Cancelled"],
         "raised_by": ["lib::Token", "lib::abortable_wait"], "normal_end_ok": true},
        {"name": "lib-anywhere", "delivery": "exception", "exception_types": ["lib::Stopped"],
         "normal_end_ok": true}])j");
    parse(R"cpp(
      namespace lib {
      struct Task {};
      struct Token {};
      struct Cancelled {};
      void plain_wait();
      void abortable_wait();
      void wait_with(Token &);
      }
      void elsewhere();
      void helper_plain() { lib::plain_wait(); }
      void helper_token(lib::Token &t) { lib::wait_with(t); }
      void ping();
      void pong() { ping(); }
      void ping() { pong(); }
      struct Base { virtual void run(); };
      void f_plain() { lib::plain_wait(); helper_plain(); }
      void f_named() { lib::abortable_wait(); }
      void f_token(lib::Token &t) { helper_token(t); }
      void f_elsewhere() { elsewhere(); }
      void f_virtual(Base &b) { b.run(); }
      void f_cycle() { ping(); }
      void f_lambda() { auto l = [] { lib::abortable_wait(); }; }
      void f_thrown() { throw lib::Cancelled(); }
    )cpp");
  }
  bool mayRaise(const std::string &Function, const std::string &Kind) {
    const auto *F = find<FunctionDecl>(functionDecl(hasName(Function), isDefinition()));
    const rules::CancellationKind *K = nullptr;
    for (const rules::CancellationKind &C : Rules.cancellation())
      if (C.Name == Kind)
        K = &C;
    utils::CancellationSources Sources(Rules);
    return F && K && Sources.mayRaise(*F->getBody(), *K);
  }
  rules::RuleSet Rules;
};

TEST_F(CancellationSourcesTest, OnlyCodeThatInvolvesTheSourcesRaisesTheKind) {
  EXPECT_EQ(Rules.cancellation().back().Name, "lib-anywhere");
  EXPECT_FALSE(mayRaise("f_plain", "lib-raised"));
  EXPECT_TRUE(mayRaise("f_named", "lib-raised"));
  EXPECT_TRUE(mayRaise("f_token", "lib-raised"));
  EXPECT_TRUE(mayRaise("f_lambda", "lib-raised"));
  EXPECT_TRUE(mayRaise("f_thrown", "lib-raised"));
}

TEST_F(CancellationSourcesTest, WhatTheUnitDoesNotShowMayRaiseIt) {
  EXPECT_TRUE(mayRaise("f_elsewhere", "lib-raised"));
  EXPECT_TRUE(mayRaise("f_virtual", "lib-raised"));
  // A call cycle is not followed round: assumed to raise.
  EXPECT_TRUE(mayRaise("f_cycle", "lib-raised"));
}

TEST_F(CancellationSourcesTest, AKindWithoutSourcesMayComeFromAnywhere) {
  EXPECT_TRUE(mayRaise("f_plain", "lib-anywhere"));
}

/// A kind the library raises only once the code sets up a cancellation (`enabled_by`).
class EnabledCancellationTest : public AstTest {
protected:
  void SetUp() override {
    Rules = loadKinds(R"j([
        {"name": "lib-signal", "delivery": "exception", "exception_types": ["lib::Cancelled"],
         "enabled_by": ["lib::Signal", "lib::Terminate"], "normal_end_ok": true},
        {"name": "lib-always", "delivery": "exception", "exception_types": ["lib::Stopped"],
         "normal_end_ok": true}])j");
  }
  /// Whether the kind is enabled in a unit of the library's declarations and Code.
  bool enabledWith(const std::string &Code, const std::string &Kind) {
    parse(R"cpp(
      namespace lib {
      enum Kind { None, Terminate };
      struct Signal { static Signal create(); };
      struct Cancelled {};
      template <Kind K = None> void collect() { if (K == Terminate) Signal::create(); }
      inline void race() { Signal s = Signal::create(); (void)s; }
      }
    )cpp" + Code);
    for (const rules::CancellationKind &C : Rules.cancellation())
      if (C.Name == Kind)
        return utils::CancellationSources(Rules).enabled(C, context());
    ADD_FAILURE() << "no kind " << Kind;
    return false;
  }
  rules::RuleSet Rules;
};

TEST_F(EnabledCancellationTest, OnlyTheUnitsOwnCodeSetsUpTheCancellation) {
  // The library's own use of its signal, and catching the exception, set nothing up.
  EXPECT_FALSE(enabledWith("void f() { lib::race(); lib::collect(); }", "lib-signal"));
  EXPECT_FALSE(enabledWith("void f() { try { lib::race(); } catch (lib::Cancelled &) {} }",
                           "lib-signal"));
  EXPECT_TRUE(enabledWith("void f() { auto s = lib::Signal::create(); }", "lib-signal"));
  EXPECT_TRUE(enabledWith("void f() { lib::collect<lib::Terminate>(); }", "lib-signal"));
  EXPECT_TRUE(enabledWith("struct Job { lib::Signal *stop; };", "lib-signal"));
  EXPECT_TRUE(enabledWith("void f() { lib::race(); }", "lib-always"));
}

} // namespace
} // namespace async_lint::testing
