//===--- SwallowedCancellationCheck.h - async-swallowed-cancellation ------===//

#ifndef ASYNC_LINT_CHECKS_SWALLOWEDCANCELLATIONCHECK_H
#define ASYNC_LINT_CHECKS_SWALLOWEDCANCELLATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/CancellationSources.h"
#include "utils/ErrorCodeCancellation.h"
#include "utils/ProjectCancellations.h"
#include "utils/RulePackOptions.h"
#include "utils/StoppedCancellation.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds handlers in coroutines that catch a cancellation and carry on, so cancel, timeouts
/// and shutdown silently stop working.
///
/// For the user-facing documentation see docs/checks/swallowed-cancellation.md.
class SwallowedCancellationCheck : public ClangTidyCheck {
public:
  SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context);
  ~SwallowedCancellationCheck() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override { return TK_AsIs; }

private:
  struct Cancellation; ///< a pack's cancellation kind as this translation unit declares it
  struct Finding;

  const Cancellation &resolve(const async_lint::rules::CancellationKind &Kind, ASTContext &Context);
  const Cancellation &resolve(const utils::ProjectCancellation &Own);
  /// Kinds: those the try block can raise; Declared: all the coroutine's unit declares.
  void checkTry(const CXXTryStmt &Try, ArrayRef<const Cancellation *> Kinds,
                ArrayRef<const Cancellation *> Declared, const ParentMap &Parents,
                const Stmt &Body, ASTContext &Context);
  void checkErrorCodes(const Stmt &Body,
                       ArrayRef<const async_lint::rules::CancellationKind *> Kinds,
                       const ParentMap &Parents, ASTContext &Context);
  void report(const Finding &F, ASTContext &Context);
  void noteContinuesAt(const Expr &Next);
  /// At Next where the coroutine goes on, else at the co_return of a fallback value.
  void noteWhereItGoesOn(const Expr *Next, const CoreturnStmt *Fallback);
  /// Reports a stop that an adaptor turns into a value, at the adaptor (or at the await).
  void reportStop(const utils::SwallowedStop &Stop, const SourceManager &SM);
  /// Reports a stop swallowed by an adaptor that a helper applies to the sender it returns,
  /// at the await; false when the adaptor is written in the awaited expression itself.
  bool reportStopInHelper(const utils::SwallowedStop &Stop, const SourceManager &SM);

  const std::string IgnoredCoroutinesList;
  const std::vector<StringRef> IgnoredCoroutines;
  const utils::RulePackOptions Packs;
  llvm::DenseMap<const async_lint::rules::CancellationKind *, std::unique_ptr<Cancellation>>
      Resolved;
  /// Template instantiations share source locations: report each handler and code once.
  llvm::DenseSet<SourceLocation> Reported;
  utils::CancelledObjects CancelledByCode;
  utils::CancellationSources Sources;
  utils::ProjectCancellations Project;
};

} // namespace clang::tidy::async

#endif
