//===--- FallbackValuesTest.cpp - values a handler returns in place of a result ===//
//
// Tests for checks/utils/FallbackValues.h: which co_return of a handler that caught a
// cancellation returns a stand-in for the result, and which returns what the work made or what
// happened.
//
//===----------------------------------------------------------------------===//

#include "AstFixture.h"
#include "utils/FallbackValues.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;
using namespace clang::ast_matchers;
namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

class FallbackValuesTest : public AstTest {
protected:
  void SetUp() override {
    parse(R"cpp(
      #include <coroutine>
      #include <cstddef>
      #include <map>
      #include <vector>
      template <class T> struct Task {
        struct promise_type {
          Task get_return_object() { return {}; }
          std::suspend_always initial_suspend() noexcept { return {}; }
          std::suspend_always final_suspend() noexcept { return {}; }
          void return_value(T) {}
          void unhandled_exception() {}
        };
        bool await_ready() { return false; }
        void await_suspend(std::coroutine_handle<>) {}
        T await_resume() { return T(); }
      };
      struct Cancelled {};
      enum class Status { ok, cancelled };
      Task<int> work();
      int fallbackFor(int);
      struct Service {
        std::vector<int> popular_;
        std::map<int, int> last_;
        int copied_ = 0, latest_ = 0;
        void copyOne() { ++copied_; }
        Task<std::vector<int>> cachedCopy() {
          try { co_await work(); co_return std::vector<int>(); }
          catch (const Cancelled &) { co_return popular_; } }
        Task<int> cachedLookup(int k) {
          try { int v = co_await work(); last_[k] = v; co_return v; }
          catch (const Cancelled &) { co_return last_[k]; } }
        Task<int> ofTheArguments(int k) {
          try { co_return co_await work(); }
          catch (const Cancelled &) { co_return fallbackFor(k); } }
        Task<int> constant() {
          try { co_return co_await work(); }
          catch (const Cancelled &) { co_return 0; } }
        Task<int> cacheWrittenAfter() {
          try { int v = co_await work(); latest_ = v; co_return v; }
          catch (const Cancelled &) { co_return latest_; } }
        Task<int> localProgress() {
          int polls = 0;
          try { for (;;) { co_await work(); ++polls; } }
          catch (const Cancelled &) { co_return polls; } }
        Task<int> countedByAHelper() {
          try { for (;;) { co_await work(); copyOne(); } }
          catch (const Cancelled &) { co_return copied_; } }
        Task<std::size_t> filled(std::vector<int> &out) {
          try { for (;;) out.push_back(co_await work()); }
          catch (const Cancelled &) { co_return out.size(); } }
        Task<Status> namesTheStop() {
          try { co_await work(); co_return Status::ok; }
          catch (const Cancelled &) { co_return Status::cancelled; } }
        Task<bool> succeeded() {
          try { co_await work(); co_return true; }
          catch (const Cancelled &) { co_return false; } }
      };
    )cpp");
  }
  /// Whether the co_return in the handler of the member function Name returns a fallback.
  bool returnsFallback(const std::string &Name) {
    const auto *Handler =
        find<CXXCatchStmt>(cxxCatchStmt(hasAncestor(cxxMethodDecl(hasName(Name)))));
    const auto *Method = find<CXXMethodDecl>(cxxMethodDecl(hasName(Name), isDefinition()));
    const auto *Exit = find<CoreturnStmt>(
        coreturnStmt(hasAncestor(cxxCatchStmt(hasAncestor(cxxMethodDecl(hasName(Name)))))));
    if (!Handler || !Method || !Exit)
      return false;
    const Stmt &Body = *cast<CoroutineBodyStmt>(Method->getBody())->getBody();
    return utils::returnsFallback(*Exit, *Handler->getHandlerBlock(),
                                  Handler->getExceptionDecl(), Body, context());
  }
};

TEST_F(FallbackValuesTest, StandInsForTheResultAreFallbacks) {
  EXPECT_TRUE(returnsFallback("cachedCopy"));
  EXPECT_TRUE(returnsFallback("cachedLookup"));
  EXPECT_TRUE(returnsFallback("ofTheArguments"));
  EXPECT_TRUE(returnsFallback("constant"));
  // The cache is written on the success path, after the handler's co_return.
  EXPECT_TRUE(returnsFallback("cacheWrittenAfter"));
}

TEST_F(FallbackValuesTest, TheProgressMadeOrWhatHappenedIsAnAnswer) {
  EXPECT_FALSE(returnsFallback("localProgress"));
  EXPECT_FALSE(returnsFallback("countedByAHelper"));
  EXPECT_FALSE(returnsFallback("filled"));
  EXPECT_FALSE(returnsFallback("namesTheStop"));
  EXPECT_FALSE(returnsFallback("succeeded"));
}

} // namespace
} // namespace async_lint::testing
