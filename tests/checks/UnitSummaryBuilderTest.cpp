//===--- UnitSummaryBuilderTest.cpp - a unit's summary from its AST --------===//

#include "AstFixture.h"
#include "utils/UnitSummaryBuilder.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;
namespace rules = async_lint::rules;

namespace async_lint::testing {
namespace {

class UnitSummaryBuilderTest : public AstTest {
protected:
  void SetUp() override {
    std::vector<rules::LoadError> Errors;
    Rules = rules::loadRuleSet({}, Errors);
    ASSERT_TRUE(Errors.empty());
  }
  const FunctionDecl &definition(const std::string &Name) {
    return *find<FunctionDecl>(functionDecl(hasName(Name), isDefinition()));
  }
  std::vector<std::string> keys(const utils::UnitSummary &Summary) {
    std::vector<std::string> Keys;
    for (const auto &[Key, Facts] : Summary.Helpers)
      Keys.push_back(Key);
    return Keys;
  }
  rules::RuleSet Rules;
};

TEST_F(UnitSummaryBuilderTest, RecordsWhatOtherUnitsCouldMakeBlock) {
  parse(std::string(TaskTypes) + R"cpp(
    extern "C" unsigned sleep(unsigned);
    void remote(int);                  // defined in another unit
    void leaf() {}
    void waits() { leaf(); sleep(1); remote(0); }
    void calls_remote() { leaf(); remote(1); }
    static void internal() { remote(2); }
    void uses_internal() { internal(); }
    void quiet() { leaf(); }
    Lazy<> commit() { quiet(); uses_internal(); remote(3); co_return; }
  )cpp");
  utils::BlockingSummaries Summaries(Rules);
  utils::UnitSummaryBuilder Builder(Summaries, context(), /*AsError=*/false);
  for (const char *Name : {"waits", "calls_remote", "uses_internal", "quiet"})
    Builder.addHelper(definition(Name));
  const FunctionDecl &Commit = definition("commit");
  for (const char *Name : {"quiet", "uses_internal", "remote"}) {
    const auto *Call = find<CallExpr>(callExpr(callee(functionDecl(hasName(Name))),
                                               hasAncestor(functionDecl(hasName("commit")))));
    EXPECT_TRUE(Builder.addOpenCall(*Call, *Call->getDirectCallee(), Commit));
  }
  utils::UnitSummary Summary = Builder.take(/*Prune=*/true);

  // quiet and leaf cannot block whatever other units define: left out, as are calls to them.
  std::string Main = utils::summaryKey(definition("internal"));
  ASSERT_NE(Main.find("#c:"), std::string::npos) << Main;
  Main = Main.substr(0, Main.find("#c:"));
  EXPECT_EQ(keys(Summary), (std::vector<std::string>{Main + "#c:input.cc@F@internal#",
                                                     "c:@F@calls_remote#", "c:@F@uses_internal#",
                                                     "c:@F@waits#"}));
  const utils::HelperFacts &Waits = Summary.Helpers["c:@F@waits#"];
  EXPECT_EQ(Waits.Name, (utils::FunctionName{"'waits'", "waits", "waits"}));
  EXPECT_TRUE(Waits.Calls.empty()); // the call to leaf is left out; remote comes after sleep
  ASSERT_TRUE(Waits.Blocks);
  EXPECT_EQ(Waits.Blocks->Function, "sleep");
  EXPECT_EQ(Waits.Blocks->Reason, "sleeps the thread");
  const utils::HelperFacts &CallsRemote = Summary.Helpers["c:@F@calls_remote#"];
  ASSERT_EQ(CallsRemote.Calls.size(), 1u);
  EXPECT_EQ(CallsRemote.Calls[0].Callee, "c:@F@remote#I#");
  EXPECT_EQ(CallsRemote.Calls[0].Name, "'remote'");
  EXPECT_EQ(CallsRemote.Calls[0].At.Column, 35u);

  ASSERT_EQ(Summary.OpenCalls.size(), 2u); // not the call to quiet
  EXPECT_EQ(Summary.OpenCalls[0].Callee, "c:@F@uses_internal#");
  EXPECT_EQ(Summary.OpenCalls[1].Callee, "c:@F@remote#I#");
  EXPECT_EQ(Summary.OpenCalls[1].Coroutine, "coroutine 'commit'");
  EXPECT_EQ(Summary.OpenCalls[1].Function, "commit");
  EXPECT_EQ(Summary.OpenCalls[1].At.Length, std::string("remote(3)").size());
}

TEST_F(UnitSummaryBuilderTest, ALambdaBelongsToTheFunctionItIsWrittenIn) {
  parse(R"cpp(
    namespace ns { struct S { void run() { auto f = [] { return 1; }; f(); } }; }
    void g() { auto h = [] { return 2; }; h(); }
  )cpp");
  auto LambdaIn = [&](const char *Function) {
    return find<CXXMethodDecl>(cxxMethodDecl(
        hasName("operator()"), hasParent(cxxRecordDecl(isLambda())),
        hasAncestor(functionDecl(hasName(Function)))));
  };
  EXPECT_EQ(utils::enclosingFunctionName(*LambdaIn("run")), "ns::S::run");
  EXPECT_EQ(utils::enclosingFunctionName(*LambdaIn("g")), "g");
  // A lambda of an inline function is the same in every unit; one of g only in this one.
  EXPECT_EQ(utils::summaryKey(*LambdaIn("run")), "c:@N@ns@S@S@F@run#@Sa@F@operator()#1");
  std::string Key = utils::summaryKey(*LambdaIn("g"));
  EXPECT_NE(Key.find("input.cc#c:"), std::string::npos) << Key;
}

} // namespace
} // namespace async_lint::testing
