//===--- UnboundedConcurrencyCheck.h - async-unbounded-concurrency --------===//

#ifndef ASYNC_LINT_CHECKS_UNBOUNDEDCONCURRENCYCHECK_H
#define ASYNC_LINT_CHECKS_UNBOUNDEDCONCURRENCYCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/AwaitableTypes.h"
#include "utils/CoroutineContext.h"
#include "utils/FanoutBounds.h"
#include "utils/LoopBounds.h"
#include "utils/LlvmCompat.h"
#include "utils/RulePackOptions.h"
#include "utils/StartSummaries.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

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
  /// The element-wise algorithm (std::for_each, std::transform) a call is, or null.
  const async_lint::rules::InlineCallable *perElement(const CallExpr &Call,
                                                      const FunctionDecl &Callee) const;

  /// What runs a start more than once: a loop statement, or an element-wise algorithm call
  /// (By names it) whose callable runs once per element of its range.
  struct Repetition {
    const Stmt *Where = nullptr;
    utils::LoopTrip Trip;
    std::string By;
  };
  /// Whether Range (a range, or the first iterator of a pair) has a constant size of at most
  /// MaxFanOut, or one element per thread, core or shard.
  bool fewElements(const Expr &Range, const ASTContext &Context) const;
  /// The note at what repeats a start: "loops over 'keys', ...", "'std::for_each' loops over".
  std::string tripNote(const Repetition &Loop) const;
  /// The algorithm call's repetition, unless its range is constant and small.
  std::optional<Repetition> perElementRepetition(const CallExpr &Algorithm,
                                                 const async_lint::rules::InlineCallable &Entry,
                                                 ASTContext &Context) const;

  /// Checks one statement of Function for a start; Around: the algorithm call that runs
  /// Function once per element, when Function is its callable.
  void checkStatement(const Stmt &S, const utils::FunctionBody &Function, ASTContext &Context,
                      const Repetition *Around);
  /// `std::for_each(users.begin(), users.end(), [&](int u) { spawn(notify(u)); })`: the
  /// starts in the callable of an element-wise algorithm over a run-time range.
  void checkPerElement(const CallExpr &Algorithm, const async_lint::rules::InlineCallable &Entry,
                       ASTContext &Context);
  /// The callables checkPerElement is reading, innermost last: a recursive walk passes itself.
  llvm::SmallPtrSet<const FunctionDecl *, 4> ReadingCallables;
  void checkSpawn(const CallExpr &Spawn, const utils::FunctionBody &Function,
                  ASTContext &Context, const Repetition *Around);
  /// The spawn a helper (a plain function or lambda, not a coroutine) makes as one of its own
  /// statements, or null; cached per helper.
  const CallExpr *spawnInHelper(const FunctionDecl &Helper);
  /// `on_accept(conn)` in an accept loop, where on_accept spawns the session.
  void checkSpawnThroughHelper(const CallExpr &Call, const FunctionDecl &Helper,
                               const CallExpr &Spawn, const utils::FunctionBody &Function,
                               ASTContext &Context, const Repetition *Around);
  void checkEagerStart(const CallExpr &Call, const FunctionDecl &Callee,
                       const utils::FunctionBody &Function, ASTContext &Context,
                       const Repetition *Around);
  template <class StartExpr>
  void checkParallel(const StartExpr &Start, const async_lint::rules::ParallelAlgorithm &Algorithm,
                     ASTContext &Context);
  void reportStart(const Expr &Start, StringRef Name, const Repetition &Loop);
  /// "'name' starts one task per element of 'range' with nothing bounding how many run at
  /// once": a parallel algorithm, or a gather of a transformed view.
  void reportPerElement(const Expr &Start, StringRef Name, const Expr &Range,
                        StringRef Alternative, ASTContext &Context);
  void checkGather(const CallExpr &Gather, const utils::FunctionBody &Function,
                   ASTContext &Context);
  /// Where the gather's argument was filled with lazy tasks more than MaxFanOut times: a loop
  /// pushing into Container, or an element-wise algorithm writing into it.
  std::optional<Repetition> collectedIn(const CallExpr &Gather, const VarDecl &Container,
                                        const utils::FunctionBody &Function,
                                        ASTContext &Context, const FunctionDecl *&Elsewhere);
  /// A callable whose result is a lazy task: one made per call, to run when gathered.
  bool returnsLazyTask(const Expr &Callable, ASTContext &Context);
  /// The innermost loop around Start (in Function) that runs it more than MaxFanOut times
  /// with nothing bounding the work it starts (Started: the coroutine it starts, if known;
  /// Elsewhere: the one it starts that another unit defines, if known), or null. With a
  /// Collection, only loops inside its scope count: a loop around the collection's
  /// declaration fills a new one each time.
  /// Around (see checkStatement) counts when no loop in Function does.
  std::optional<Repetition> unboundedLoop(const Expr &Start, const FunctionDecl *Started,
                                          const FunctionDecl *Elsewhere,
                                          const utils::FunctionBody &Function,
                                          ASTContext &Context, const Repetition *Around,
                                          const VarDecl *Collection = nullptr);

  /// Whether something in Scope (a loop, or an algorithm's callable) bounds the work Start
  /// starts.
  bool isBoundedIn(const Stmt &Scope, const Expr &Start, const utils::FunctionBody &Function,
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
