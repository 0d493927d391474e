//===--- BlockingCallCheck.h - async-blocking-call ------------------------===//

#ifndef ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H
#define ASYNC_LINT_CHECKS_BLOCKINGCALLCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BlockingSummary.h"
#include "utils/CoroutineContext.h"
#include "utils/RulePackOptions.h"
#include "llvm/ADT/DenseSet.h"

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
  void checkCall(const utils::FunctionBody &Coroutine, StringRef CoroutineType,
                 const Expr &Call, const FunctionDecl &Callee, ASTContext &Context);
  void noteStep(const utils::BlockingStep &Step, StringRef Blocking);

  const utils::RulePackOptions Packs;
  utils::BlockingSummaries Summaries;
  /// Template instantiations share source locations: report each call once.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::async

#endif
