//===--- TaskStartsTest.cpp - ranges, views and callables of task starts --===//
//
// Tests for the range and callable helpers of checks/utils/TaskStarts.h that the unbounded
// check uses to read element-wise algorithms and gathers of views.
//
//===----------------------------------------------------------------------===//

#include "AstFixture.h"
#include "utils/LoopBounds.h"
#include "utils/TaskStarts.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

class TaskStartsTest : public AstTest {
protected:
  /// The argument of the call of `gather` in Function.
  const Expr *gathered(const std::string &Function) {
    const auto *Call = find<CallExpr>(
        callExpr(callee(functionDecl(hasName("gather"))), hasAncestor(functionDecl(hasName(Function)))));
    return Call ? Call->getArg(0) : nullptr;
  }
  /// "base-text|transform-callable-text", or "not a view".
  std::string view(const std::string &Function) {
    const Expr *Argument = gathered(Function);
    std::optional<utils::RangeView> View = Argument ? utils::rangeView(*Argument) : std::nullopt;
    if (!View)
      return "not a view";
    return utils::sourceText(*View->Base, context()) + "|" +
           (View->Transform ? utils::sourceText(*View->Transform, context()) : "");
  }
};

constexpr const char *RangesCode = R"cpp(
  #include <ranges>
  #include <vector>
  struct Task {};
  Task fetch(int);
  template <class R> void gather(R &&);
  void piped(std::vector<int> &keys) { gather(keys | std::views::transform(fetch)); }
  void called(std::vector<int> &keys) { gather(std::views::transform(keys, fetch)); }
  void nested(std::vector<Task> &tasks) {
    gather(tasks | std::views::all | std::views::transform([](Task &t) { return t; }));
  }
  void plain(std::vector<int> &keys) { gather(keys); }
  void counted() { gather(std::views::iota(0, 4) | std::views::transform(fetch)); }
  void counting(int n) { gather(std::views::iota(0, n) | std::views::transform(fetch)); }
  void begun(std::vector<int> &keys) { gather(keys.begin()); }
)cpp";

TEST_F(TaskStartsTest, ViewsAreSeenThroughToTheirRangeAndTransform) {
  parse(RangesCode);
  EXPECT_EQ(view("piped"), "keys|fetch");
  EXPECT_EQ(view("called"), "keys|fetch");
  EXPECT_EQ(view("nested"), "tasks|[](Task &t) { return t; }");
  EXPECT_EQ(view("plain"), "not a view");
  // A range factory is the base, not what it is made from.
  EXPECT_EQ(view("counted"), "std::views::iota(0, 4)|fetch");
}

TEST_F(TaskStartsTest, IotaWithConstantBoundsHasAConstantSize) {
  parse(RangesCode);
  auto Size = [&](const std::string &Function) {
    std::optional<std::uint64_t> N = utils::constantSize(*utils::rangeView(*gathered(Function))->Base, context());
    return N ? static_cast<int>(*N) : -1;
  };
  EXPECT_EQ(Size("counted"), 4);
  EXPECT_EQ(Size("counting"), -1);
}

TEST_F(TaskStartsTest, RangeOfAnIteratorIsItsContainer) {
  parse(RangesCode);
  EXPECT_EQ(utils::sourceText(utils::rangeOf(*gathered("begun")), context()), "keys");
  EXPECT_EQ(utils::rangeText(*gathered("plain"), context()), "keys");
}

TEST_F(TaskStartsTest, CalledFunctionsOfCallables) {
  parse(R"cpp(
    int work(int);
    void run(auto f) {}
    template <class F> void each(F f) { f(1); }
    void use() {
      run([](int x) { return x; });
      auto named = [](int x) { return x + 1; };
      run(named);
      each([](auto x) { return x * 2; });
      run(&work);
      run(work);
    }
  )cpp");
  auto Names = [&](const char *Callee) {
    std::vector<std::string> Out;
    for (const auto &Node : match(callExpr(callee(functionDecl(hasName(Callee)))).bind("call"),
                                  context())) {
      const auto *Call = Node.getNodeAs<CallExpr>("call");
      const FunctionDecl *F = utils::calledFunction(*Call->getArg(0));
      Out.push_back(!F                                ? "none"
                    : isa<CXXMethodDecl>(F)           ? "lambda:" + F->getReturnType().getAsString()
                                                      : F->getNameAsString());
    }
    return Out;
  };
  // `work` is declared, not defined: nothing to read.
  EXPECT_EQ(Names("run"), (std::vector<std::string>{"lambda:int", "lambda:int", "none", "none"}));
  // A generic lambda is read in its instantiation.
  EXPECT_EQ(Names("each"), (std::vector<std::string>{"lambda:int"}));
}

TEST_F(TaskStartsTest, WrittenArgumentsLeaveOutTheCalledObject) {
  parse(R"cpp(
    struct Adaptor { int operator()(int, int) const; };
    int f(int, int);
    void use(Adaptor a) { a(1, 2); f(3, 4); }
  )cpp");
  for (const auto &Node : match(callExpr().bind("call"), context())) {
    const auto *Call = Node.getNodeAs<CallExpr>("call");
    ArrayRef<const Expr *> Arguments = utils::writtenArguments(*Call);
    ASSERT_EQ(Arguments.size(), 2u);
    EXPECT_EQ(utils::sourceText(*Arguments[1], context()), isa<CXXOperatorCallExpr>(Call) ? "2" : "4");
  }
}

} // namespace
} // namespace async_lint::testing
