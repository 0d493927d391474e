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
  static std::string describe(const utils::BlockingStep &Step) {
    return Step.Function->getNameAsString() + "->" + Step.Callee->getNameAsString();
  }
  utils::BlockingChain chainFrom(utils::BlockingSummaries &Summaries,
                                 const std::string &Helper, unsigned HeadSize) {
    return Summaries.chain(
        *find<FunctionDecl>(functionDecl(hasName(Helper), isDefinition())), HeadSize);
  }
  /// The whole chain of a helper as "function->callee" steps.
  std::vector<std::string> chainOf(utils::BlockingSummaries &Summaries,
                                   const std::string &Helper) {
    std::vector<std::string> Steps;
    utils::BlockingChain Chain = chainFrom(Summaries, Helper, ~0U);
    for (const utils::BlockingStep &Step : Chain.Head)
      Steps.push_back(describe(Step));
    if (Chain.Length)
      EXPECT_EQ(describe(Chain.Last), Steps.back());
    EXPECT_EQ(Chain.Length, Steps.size());
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

// Every function of a dense cycle reaches the one that sleeps, by a chain that never comes
// back on itself, whichever function is asked about first.
TEST_F(BlockingSummaryTest, ChainsInADenseCycleEndAtTheBlockingCall) {
  parse(R"cpp(
    extern "C" unsigned sleep(unsigned);
    void a(int); void b(int); void c(int); void d(int);
    void a(int n) { b(n); c(n); d(n); }
    void b(int n) { a(n); c(n); d(n); }
    void c(int n) { a(n); b(n); d(n); }
    void d(int n) { a(n); b(n); c(n); if (n) sleep(1); }
  )cpp");
  utils::BlockingSummaries Summaries(Rules);
  EXPECT_EQ(chainOf(Summaries, "c"), (std::vector<std::string>{"c->d", "d->sleep"}));
  EXPECT_EQ(chainOf(Summaries, "a"), (std::vector<std::string>{"a->d", "d->sleep"}));
  EXPECT_EQ(chainOf(Summaries, "b"), (std::vector<std::string>{"b->d", "d->sleep"}));
  EXPECT_EQ(chainOf(Summaries, "d"), (std::vector<std::string>{"d->sleep"}));
}

// A ring of helpers that never blocks: each is summarised once, and none blocks.
TEST_F(BlockingSummaryTest, RingWithoutBlockingCallDoesNotBlock) {
  const int Size = 300;
  std::string Declarations, Definitions;
  for (int I = 0; I < Size; ++I) {
    std::string Name = "r" + std::to_string(I);
    Declarations += "void " + Name + "(int);\n";
    Definitions += "void " + Name + "(int d) { if (d) { r" + std::to_string((I + 1) % Size) +
                   "(d - 1); r" + std::to_string((I + 2) % Size) + "(d - 2); } }\n";
  }
  parse(Declarations + Definitions);
  utils::BlockingSummaries Summaries(Rules);
  EXPECT_EQ(chainOf(Summaries, "r0"), std::vector<std::string>{});
  EXPECT_EQ(chainOf(Summaries, "r150"), std::vector<std::string>{});
}

// A long chain: the head is cut at the size asked for, the end and the length are exact.
TEST_F(BlockingSummaryTest, LongChainKeepsItsHeadEndAndLength) {
  std::string Code = "extern \"C\" unsigned sleep(unsigned);\nvoid h2000() { sleep(1); }\n";
  for (int I = 1999; I >= 0; --I)
    Code += "void h" + std::to_string(I) + "() { h" + std::to_string(I + 1) + "(); }\n";
  parse(Code);
  utils::BlockingSummaries Summaries(Rules);
  utils::BlockingChain Chain = chainFrom(Summaries, "h0", 3);
  ASSERT_EQ(Chain.Head.size(), 3U);
  EXPECT_EQ(describe(Chain.Head[0]), "h0->h1");
  EXPECT_EQ(describe(Chain.Head[2]), "h2->h3");
  EXPECT_EQ(describe(Chain.Last), "h2000->sleep");
  EXPECT_EQ(Chain.Length, 2001U);
  EXPECT_EQ(chainFrom(Summaries, "h1990", 3).Length, 11U);
}

} // namespace
} // namespace async_lint::testing
