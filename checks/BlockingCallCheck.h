//===--- BlockingCallCheck.h - async-blocking-call ------------------------===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingSummary.h"
#include "utils/CoroutineContext.h"
#include "utils/Offloading.h"
#include "utils/RulePackOptions.h"
#include "llvm/ADT/DenseSet.h"
#include <map>

namespace clang::tidy::async {

/// Finds calls that block the thread inside coroutines, directly or through helper functions,
/// stalling every task on the event loop.
///
/// For the user-facing documentation see docs/checks/blocking-call.md.
class BlockingCallCheck : public ClangTidyCheck {
public:
  BlockingCallCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override { return TK_AsIs; }

private:
  /// A call in a coroutine that only other translation units can decide.
  struct OpenCall {
    const Expr *Call;
    const FunctionDecl *Callee, *Coroutine;
  };

  void checkCall(const utils::FunctionBody &Coroutine, StringRef CoroutineType,
                 const Expr &Call, const FunctionDecl &Callee, ASTContext &Context);
  /// A callable that the call runs on the coroutine's thread (seastar::async, stdexec::then),
  /// named in the message as Runner, the pack entry's name.
  void checkCallableRunInPlace(const FunctionDecl &Coroutine, StringRef CoroutineType,
                               const Expr &Call, StringRef Runner,
                               const FunctionDecl &Callable, utils::BlockingSummaries &Where);
  /// The warning for a blocking chain at Call, with its notes.
  void reportChain(const Expr &Call, const utils::BlockingChain &Chain, StringRef Blocking,
                   StringRef Message);
  void noteStep(const utils::BlockingStep &Step, StringRef Blocking);
  /// The summaries for code where the given blocking functions do not block.
  utils::BlockingSummaries &summariesPermitting(ArrayRef<std::string> Permitted);
  /// Hands this unit's summary to the CLI, which links all units.
  void recordSummary();
  /// Follows the open calls through the index that the SummaryIndex option names.
  void reportThroughIndex();

  const utils::RulePackOptions Packs;
  const std::string SummaryIndex;
  ClangTidyContext &TidyContext;
  utils::BlockingSummaries Summaries;
  /// Summaries for the callables of inline_callables entries with permits, by permits.
  std::map<std::vector<std::string>, utils::BlockingSummaries> PermittingSummaries;
  /// Template instantiations share source locations: report each call once.
  llvm::DenseSet<SourceLocation> Reported;
  utils::HandedOffCoroutines HandedOff;
  /// Only while the CLI records summaries or an index is named: the helpers of the main
  /// file other units may call, and the open calls.
  const bool FollowsOtherUnits;
  std::vector<const FunctionDecl *> Roots;
  std::vector<OpenCall> OpenCalls;
  llvm::DenseSet<SourceLocation> OpenCallsAt;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::async

#endif
