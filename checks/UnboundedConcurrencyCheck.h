//===--- UnboundedConcurrencyCheck.h - async-unbounded-concurrency --------===//

#ifndef ASYNC_LINT_CHECKS_UNBOUNDEDCONCURRENCYCHECK_H
#define ASYNC_LINT_CHECKS_UNBOUNDEDCONCURRENCYCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitableTypes.h"
#include "utils/CoroutineContext.h"
#include "utils/FanoutBounds.h"
#include "utils/LlvmCompat.h"
#include "utils/RulePackOptions.h"
#include "utils/StartSummaries.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async {

/// Finds loops that start one concurrent task per item or connection with nothing bounding how
/// many run at once.
///
/// For the user-facing documentation see docs/checks/unbounded-concurrency.md.
class UnboundedConcurrencyCheck : public ClangTidyCheck {
public:
  UnboundedConcurrencyCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Reported.clear();
    HelperSpawns.clear();
    Classifier.clear();
  }
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  std::optional<TraversalKind> getCheckTraversalKind() const override { return TK_AsIs; }

private:
  bool isSpawnCall(const CallExpr &Call, const FunctionDecl &Callee) const;
  bool isGatherCall(const Expr &E) const;
  const async_lint::rules::ParallelAlgorithm *parallelAlgorithm(const CallExpr &Call,
                                                                const FunctionDecl &Callee) const;
  const async_lint::rules::ParallelAlgorithm *
  parallelAlgorithm(const CXXConstructExpr &Construct) const;
  bool isEager(const Expr &Value, ASTContext &Context);
  void checkSpawn(const CallExpr &Spawn, const utils::FunctionBody &Function,
                  ASTContext &Context);
  /// The spawn a helper (a plain function or lambda, not a coroutine) makes as one of its own
  /// statements, or null; cached per helper.
  const CallExpr *spawnInHelper(const FunctionDecl &Helper);
  /// `on_accept(conn)` in an accept loop, where on_accept spawns the session.
  void checkSpawnThroughHelper(const CallExpr &Call, const FunctionDecl &Helper,
                               const CallExpr &Spawn, const utils::FunctionBody &Function,
                               ASTContext &Context);
  void checkEagerStart(const CallExpr &Call, const FunctionDecl &Callee,
                       const utils::FunctionBody &Function, ASTContext &Context);
  template <class StartExpr>
  void checkParallel(const StartExpr &Start, const async_lint::rules::ParallelAlgorithm &Algorithm,
                     ASTContext &Context);
  void reportStart(const Expr &Start, StringRef Name, const Stmt &Loop, ASTContext &Context);
  void checkGather(const CallExpr &Gather, const utils::FunctionBody &Function,
                   ASTContext &Context);
  /// The innermost loop around Start (in Function) that runs it more than MaxFanOut times
  /// with nothing bounding the work it starts (Started: the coroutine it starts, if known;
  /// Elsewhere: the one it starts that another unit defines, if known), or null. With a
  /// Collection, only loops inside its scope count: a loop around the collection's
  /// declaration fills a new one each time.
  const Stmt *unboundedLoop(const Expr &Start, const FunctionDecl *Started,
                            const FunctionDecl *Elsewhere, const utils::FunctionBody &Function,
                            ASTContext &Context, const VarDecl *Collection = nullptr);

  bool isBoundedIn(const Stmt &Loop, const Expr &Start, const utils::FunctionBody &Function,
                   ASTContext &Context) const;

  const unsigned MaxFanOut;
  const std::string SpawnFunctions, GatherFunctions, LimiterTypes;
  const utils::RulePackOptions Packs;
  const utils::LimiterSet Limiters;
  const llvm::StringSet<> Libraries;
  const utils::AnyListedNameMatcher ExtraSpawns, ExtraGathers;
  const llvm::StringSet<> StartNames;
  const utils::StartSummaries CrossUnit;
  utils::AwaitableClassifier Classifier;
  /// Template instantiations share source locations: report each call once.
  llvm::DenseSet<SourceLocation> Reported;
  llvm::DenseMap<const FunctionDecl *, const CallExpr *> HelperSpawns;
};

} // namespace clang::tidy::async

#endif
