//===--- BlockingSummaryTest.cpp - which helpers block ---------------------===//

#include "AstFixture.h"
#include "utils/BlockingSummary.h"
#include "utils/CoroutineContext.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;
namespace rules = async_lint::rules;

namespace async_lint::testing {
namespace {

class BlockingSummaryTest : public AstTest {
protected:
  void SetUp() override {
    std::vector<rules::LoadError> Errors;
    Rules = rules::loadRuleSet({}, Errors);
    ASSERT_TRUE(Errors.empty());
  }
  /// The chain of a helper as "function->callee" steps.
  std::vector<std::string> chainOf(utils::BlockingSummaries &Summaries,
                                   const std::string &Helper) {
    std::vector<std::string> Steps;
    const auto *F = find<FunctionDecl>(functionDecl(hasName(Helper), isDefinition()));
    for (const utils::BlockingStep &Step : Summaries.chain(*F))
      Steps.push_back(Step.Function->getNameAsString() + "->" +
                      Step.Callee->getNameAsString());
    return Steps;
  }
  rules::RuleSet Rules;
};

TEST_F(BlockingSummaryTest, FollowsChainsThroughCycles) {
  parse(R"cpp(
    extern "C" unsigned sleep(unsigned);
    void h(int n);
    void f(int n) { if (n > 0) h(n - 1); }
    void g(int n) { f(n); }
    void h(int n) { g(n); sleep(1); }
    void a(int n);
    void b(int n) { a(n); }
    void a(int n) { if (n) b(n - 1); }
    void offloaded() { auto later = [] { sleep(1); }; }
    unsigned unevaluated() { return sizeof(sleep(1)); }
  )cpp");
  utils::BlockingSummaries Summaries(Rules);
  EXPECT_EQ(chainOf(Summaries, "f"),
            (std::vector<std::string>{"f->h", "h->sleep"}));
  EXPECT_EQ(chainOf(Summaries, "g"),
            (std::vector<std::string>{"g->f", "f->h", "h->sleep"}));
  EXPECT_EQ(chainOf(Summaries, "a"), std::vector<std::string>{});
  EXPECT_EQ(chainOf(Summaries, "b"), std::vector<std::string>{});
  EXPECT_EQ(chainOf(Summaries, "offloaded"), std::vector<std::string>{});
  EXPECT_EQ(chainOf(Summaries, "unevaluated"), std::vector<std::string>{});
}

} // namespace
} // namespace async_lint::testing
