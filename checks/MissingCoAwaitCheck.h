//===--- MissingCoAwaitCheck.h - async-missing-co-await -------------------===//

#ifndef ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H
#define ASYNC_LINT_CHECKS_MISSINGCOAWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/Matchers.h"
#include "utils/AwaitableTypes.h"
#include "utils/CoroutineContext.h"
#include "utils/LlvmCompat.h"
#include "utils/RulePackOptions.h"
#include "utils/UnconsumedLocal.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

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
  bool isIgnoredType(QualType Type) const;
  bool isDeferringCall(const Expr *E, bool ThroughHelper = true) const;
  bool startedBySpawn(const VarDecl &Storage) const;
  /// A call or temporary of an awaitable type whose value is thrown away. Deferred: the value
  /// is a deferring call's started handle, which holds work that has not started (a lazy task).
  void checkDiscarded(const Expr &Value, const utils::FunctionBody &Caller, bool Deferred,
                      ASTContext &Context);
  void checkLocalVariable(const VarDecl &Var, bool Deferred, utils::LocalVariableFlow &Flow,
                          ASTContext &Context);
  /// Tasks held in a std::vector, deque, list (or one in a std::optional): lazy ones, or eager
  /// ones of a [[nodiscard]] type.
  struct TaskStore {
    QualType Element;
    utils::AwaitableKind Kind;
    bool Single; ///< one task (an optional, or the task itself), stored by assignment
  };
  std::optional<TaskStore> taskStore(QualType Type, ASTContext &Context);
  /// A local container of lazy tasks that the function only fills.
  void checkTaskContainer(const VarDecl &Var, const Stmt &Body, ASTContext &Context);
  /// A private member container of lazy tasks that the class only fills.
  void checkTaskMember(const FieldDecl &Field, ASTContext &Context);
  void reportTaskStore(const ValueDecl &Holder, const TaskStore &Store, const Expr &FirstStore,
                       ASTContext &Context);
  /// Value is the local Storage itself or one of its structured bindings.
  void checkHeldValue(const VarDecl &Storage, const ValueDecl &Value, bool Deferred,
                      utils::LocalVariableFlow &Flow, ASTContext &Context);

  const std::string IgnoredTypes;
  const std::string IgnoredFunctions;
  const bool ReportEagerDiscards;
  const utils::RulePackOptions Packs;
  utils::AwaitableClassifier Classifier;
  const utils::AnyListedNameMatcher IgnoredTypeMatcher, IgnoredFunctionMatcher;
  llvm::StringSet<> IgnoredTypeNames; ///< the packs' started handles and ignored awaitables
  /// Template instantiations share source locations: report each one once.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::async

#endif
