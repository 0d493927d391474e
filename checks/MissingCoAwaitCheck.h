//===--- MissingCoAwaitCheck.h - async-missing-co-await -------------------===//

#ifndef ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H
#define ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitableTypes.h"
#include "utils/RulePackOptions.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds lazy tasks and awaitables that are created and never awaited, so their work never runs.
///
/// For the user-facing documentation see docs/checks/missing-co-await.md.
class MissingCoAwaitCheck : public ClangTidyCheck {
public:
  MissingCoAwaitCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override { return TK_AsIs; }

private:
  void checkDiscardedCall(const CallExpr &Call, ASTContext &Context);
  void checkLocalVariable(const VarDecl &Var, ASTContext &Context);
  /// Value is the local Storage itself or one of its structured bindings.
  void checkHeldValue(const VarDecl &Storage, const ValueDecl &Value, const Stmt &Body,
                      ASTContext &Context);

  const std::string IgnoredTypes;
  const std::string IgnoredFunctions;
  const bool ReportEagerDiscards;
  const utils::RulePackOptions Packs;
  utils::AwaitableClassifier Classifier;
  /// Template instantiations share source locations: report each one once.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::async

#endif
