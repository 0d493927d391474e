//===--- UnboundedConcurrencyCheck.cpp - async-unbounded-concurrency ------===//

#include "UnboundedConcurrencyCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "utils/CoroutineContext.h"
#include "utils/EvaluatedCalls.h"
#include "utils/LoopBounds.h"
#include "utils/PackCalls.h"
#include "utils/SummaryIndexFile.h"
#include "utils/TaskStarts.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

namespace rules = async_lint::rules;
using tidy::utils::options::parseStringList;
using utils::LoopTrip;

constexpr llvm::StringLiteral MaxFanOutKey = "MaxFanOut";
constexpr llvm::StringLiteral SpawnFunctionsKey = "SpawnFunctions";
constexpr llvm::StringLiteral GatherFunctionsKey = "GatherFunctions";
constexpr llvm::StringLiteral LimiterTypesKey = "LimiterTypes";
/// How many element-wise algorithms' callables are followed one inside the other.
constexpr size_t MaxNestedAlgorithms = 4;

/// The unqualified names of the packs' spawn, gather and parallel algorithm functions: a
/// cheap first test of a call, before its qualified names are computed.
llvm::StringSet<> startNames(const rules::RuleSet &Rules) {
  llvm::StringSet<> Names;
  auto Add = [&](StringRef Qualified) { Names.insert(Qualified.rsplit("::").second); };
  for (const auto &Entry : Rules.spawn())
    Add(Entry.Name);
  for (const auto &Entry : Rules.gather())
    Add(Entry.Name);
  for (const auto &Entry : Rules.parallelAlgorithms())
    Add(Entry.Name);
  for (const auto &Entry : Rules.inlineCallables())
    if (Entry.PerElement)
      Add(Entry.Name);
  return Names;
}

/// `co_await co_spawn(ex, work(), use_awaitable)`, `co_await aio::spawn(work())`: the work runs
/// in place, one at a time.
bool isAwaitedInPlace(const CallExpr &Spawn, const rules::SpawnFunction *Entry,
                      const utils::FunctionBody &Function) {
  if (Entry && !Entry->AwaitedInPlaceTokens.empty() &&
      llvm::none_of(Spawn.arguments(), [&](const Expr *Argument) {
        const CXXRecordDecl *Record = Argument->getType()->getAsCXXRecordDecl();
        return Record && llvm::is_contained(Entry->AwaitedInPlaceTokens, utils::packName(*Record));
      }))
    return false;
  bool Awaited = false;
  utils::forEachStatement(*Function.body(), [&](const Stmt &S) {
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      Awaited |= Await->getOperand()->IgnoreImplicit() == &Spawn;
  });
  return Awaited;
}

/// The variables the started work shares with the code that starts it: those a lambda it
/// runs captures by reference.
llvm::SmallPtrSet<const ValueDecl *, 4> sharedWithWork(const Expr &Start) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Shared;
  utils::forEachStatement(Start, [&](const Stmt &S) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S))
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
          Shared.insert(Capture.getCapturedVar());
  });
  return Shared;
}

/// `async([&running] { ...; running = false; }); while (running) {}`: the iteration spins
/// until the work it started has signalled its end, so one runs at a time.
bool spinsUntilDone(const Stmt &Loop, const Expr &Start, const SourceManager &SM) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Shared = sharedWithWork(Start);
  bool Spins = false;
  utils::forEachStatement(*utils::loopBody(Loop), [&](const Stmt &S) {
    const auto *Wait = dyn_cast<WhileStmt>(&S);
    if (Spins || Shared.empty() || !Wait ||
        !SM.isBeforeInTranslationUnit(Start.getEndLoc(), Wait->getBeginLoc()))
      return;
    utils::forEachStatement(*Wait->getCond(), [&](const Stmt &Inner) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&Inner);
      Spins |= Ref && Shared.contains(Ref->getDecl());
    });
  });
  return Spins;
}

/// `std::execution::par`: an execution policy, which the standard algorithms take before their
/// range.
bool isExecutionPolicy(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() && Record->getName().ends_with("_policy") &&
         StringRef(Record->getQualifiedNameAsString()).contains("execution");
}

std::string loopNote(const LoopTrip &Trip, unsigned MaxFanOut) {
  switch (Trip.K) {
  case LoopTrip::Kind::Constant:
    return "loops " + std::to_string(Trip.Count) + " times, more than MaxFanOut (" +
           std::to_string(MaxFanOut) + ")";
  case LoopTrip::Kind::OverElements:
    return "loops over '" + Trip.Source + "', whose size is known only at run time";
  case LoopTrip::Kind::UntilEmpty:
    return "loops until '" + Trip.Source + "' is empty, whose size is known only at run time";
  case LoopTrip::Kind::UpTo:
    return "loops up to '" + Trip.Source + "', which is known only at run time";
  case LoopTrip::Kind::While:
    return "loops as long as '" + Trip.Source + "' holds, which is known only at run time";
  case LoopTrip::Kind::UntilStopped:
    return "loops until stopped";
  case LoopTrip::Kind::CommandLine:
    return "loops over the command-line arguments";
  case LoopTrip::Kind::PerWorker:
    return "loops once per worker, up to '" + Trip.Source + "'";
  case LoopTrip::Kind::Window:
    return "loops at most '" + Trip.Source + "' times";
  }
  llvm_unreachable("unknown loop trip kind");
}

} // namespace

UnboundedConcurrencyCheck::UnboundedConcurrencyCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MaxFanOut(Options.get(MaxFanOutKey, 16U)),
      SpawnFunctions(Options.get(SpawnFunctionsKey, "")),
      GatherFunctions(Options.get(GatherFunctionsKey, "")),
      LimiterTypes(Options.get(LimiterTypesKey, "")), Packs(Options, *Context),
      Limiters(Packs.rules(), parseStringList(LimiterTypes)),
      Libraries(utils::libraryNamespaces(Packs.rules())),
      ExtraSpawns(parseStringList(SpawnFunctions)), ExtraGathers(parseStringList(GatherFunctions)),
      StartNames(startNames(Packs.rules())),
      CrossUnit(Options.getLocalOrGlobal(utils::SummaryIndexOption, "").str(), *Context),
      Classifier(&Packs.rules()) {}

void UnboundedConcurrencyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, MaxFanOutKey, MaxFanOut);
  Options.store(Opts, SpawnFunctionsKey, SpawnFunctions);
  Options.store(Opts, GatherFunctionsKey, GatherFunctions);
  Options.store(Opts, LimiterTypesKey, LimiterTypes);
  Options.store(Opts, utils::SummaryIndexOption, CrossUnit.indexPath());
  Packs.store(Options, Opts);
}

void UnboundedConcurrencyCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
}

void UnboundedConcurrencyCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Decl = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // A runtime's own gather spawns every task it is given: that is the gather, not a loop.
  if (Libraries.contains(utils::outermostNamespace(*Decl)))
    return;
  utils::FunctionBody Function(*Decl);
  if (!Function.body())
    return;
  ASTContext &Context = *Result.Context;
  CrossUnit.recordLimited(*Decl, Limiters, Context);
  // Only this function's own statements: a lambda's body is matched as its own function.
  utils::forEachStatement(*Function.body(), [&](const Stmt &S) {
    checkStatement(S, Function, Context, /*Around=*/nullptr);
  });
}

void UnboundedConcurrencyCheck::checkStatement(const Stmt &S, const utils::FunctionBody &Function,
                                               ASTContext &Context, const Repetition *Around) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    if (const rules::ParallelAlgorithm *Algorithm = parallelAlgorithm(*Construct))
      checkParallel(*Construct, *Algorithm, Context);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(&S);
  const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Callee)
    return;
  // The options are regular expressions: with any given, every callee is a candidate.
  bool Named = !SpawnFunctions.empty() || !GatherFunctions.empty() ||
               StartNames.contains(utils::unqualifiedCallName(*Call, *Callee));
  // Template instantiations share source locations: each check reports a place once (a
  // template's pattern, where calls are dependent, may see less than an instance).
  if (Named && isSpawnCall(*Call, *Callee)) {
    if (!Reported.contains(Call->getBeginLoc()))
      checkSpawn(*Call, Function, Context, Around);
  } else if (const rules::ParallelAlgorithm *Algorithm =
                 Named ? parallelAlgorithm(*Call, *Callee) : nullptr) {
    checkParallel(*Call, *Algorithm, Context);
  } else if (Named && isGatherCall(*Call)) {
    if (!Reported.contains(Call->getBeginLoc()))
      checkGather(*Call, Function, Context);
  } else if (const rules::InlineCallable *Each = Named ? perElement(*Call, *Callee) : nullptr) {
    checkPerElement(*Call, *Each, Context);
  } else if (Call->isPRValue() && isEager(*Call, Context)) {
    checkEagerStart(*Call, *Callee, Function, Context, Around);
  } else if (const CallExpr *Spawn = spawnInHelper(*Callee)) {
    checkSpawnThroughHelper(*Call, *Callee, *Spawn, Function, Context, Around);
  }
}

bool UnboundedConcurrencyCheck::fewElements(const Expr &Range, const ASTContext &Context) const {
  std::optional<std::uint64_t> Size = utils::constantSize(utils::rangeOf(Range), Context);
  return (Size && *Size <= MaxFanOut) || utils::rangesOverWorkers(Range);
}

std::string UnboundedConcurrencyCheck::tripNote(const Repetition &Loop) const {
  std::string Note = loopNote(Loop.Trip, MaxFanOut);
  return Loop.By.empty() ? Note : "'" + Loop.By + "' " + Note;
}

const rules::InlineCallable *
UnboundedConcurrencyCheck::perElement(const CallExpr &Call, const FunctionDecl &Callee) const {
  const auto *Entry = utils::findCallEntry<rules::InlineCallable>(
      Call, Callee, [&](StringRef Name) { return Packs.rules().findInlineCallable(Name); });
  return Entry && Entry->PerElement ? Entry : nullptr;
}

std::optional<UnboundedConcurrencyCheck::Repetition>
UnboundedConcurrencyCheck::perElementRepetition(const CallExpr &Algorithm,
                                                const rules::InlineCallable &Entry,
                                                ASTContext &Context) const {
  const Expr *Range = utils::argumentAt(Algorithm, Entry.RangeArgument);
  if (Range && Entry.RangeArgument >= 0 && isExecutionPolicy(Range->getType()))
    Range = utils::argumentAt(Algorithm, Entry.RangeArgument + 1);
  if (!Range)
    return std::nullopt;
  Repetition Each{&Algorithm, {}, Entry.Name};
  if (Range->getType()->isIntegerType()) { // `std::for_each_n(first, n, f)`
    std::optional<std::int64_t> Count = utils::constantValue(Range, Context);
    if (Count && *Count <= static_cast<std::int64_t>(MaxFanOut))
      return std::nullopt;
    Each.Trip = {LoopTrip::Kind::UpTo, 0, utils::sourceText(*Range, Context)};
    return Each;
  }
  if (fewElements(*Range, Context))
    return std::nullopt;
  Each.Trip = {LoopTrip::Kind::OverElements, 0, utils::rangeText(*Range, Context)};
  return Each;
}

void UnboundedConcurrencyCheck::checkPerElement(const CallExpr &Algorithm,
                                                const rules::InlineCallable &Entry,
                                                ASTContext &Context) {
  std::optional<Repetition> Each = perElementRepetition(Algorithm, Entry, Context);
  if (!Each)
    return;
  for (const Expr *Argument : Algorithm.arguments()) {
    const FunctionDecl *Callable = utils::calledFunction(*Argument);
    // A coroutine callable makes a task per element that nothing awaits: missing-co-await's.
    // A callable being read already (`std::for_each(kids, visit)` inside visit) adds nothing,
    // and algorithms nested deeper than a few levels (a ring of walks) are not followed.
    if (!Callable || utils::isCoroutine(Callable) ||
        ReadingCallables.size() >= MaxNestedAlgorithms ||
        !ReadingCallables.insert(Callable).second)
      continue;
    utils::FunctionBody Body(*Callable);
    if (Body.body())
      utils::forEachStatement(*Body.body(), [&](const Stmt &S) {
        checkStatement(S, Body, Context, &*Each);
      });
    ReadingCallables.erase(Callable);
  }
}

const CallExpr *UnboundedConcurrencyCheck::spawnInHelper(const FunctionDecl &Helper) {
  auto [It, Inserted] = HelperSpawns.try_emplace(&Helper, nullptr);
  if (!Inserted)
    return It->second;
  const FunctionDecl *Definition = Helper.getDefinition();
  const auto *Body = Definition ? dyn_cast_or_null<CompoundStmt>(Definition->getBody()) : nullptr;
  // The project's own helpers: a library's functions (syncAwait starts, then waits) are the
  // packs' business.
  const SourceManager &SM = Helper.getASTContext().getSourceManager();
  if (!Body || Definition->isDependentContext() ||
      SM.isInSystemHeader(Definition->getLocation()) ||
      Libraries.contains(utils::outermostNamespace(*Definition)))
    return nullptr;
  // The spawns that end the helper, their results discarded: it starts the task and returns
  // while the task runs (one that waits afterwards, as a busy loop on a flag, does not).
  auto Statements = Body->body();
  auto End = Statements.end();
  while (End != Statements.begin() && isa<NullStmt, ReturnStmt>(*std::prev(End)) &&
         !(isa<ReturnStmt>(*std::prev(End)) && cast<ReturnStmt>(*std::prev(End))->getRetValue()))
    --End;
  if (End == Statements.begin())
    return nullptr;
  const Stmt *Last = *std::prev(End);
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Last))
    Last = Cleanups->getSubExpr();
  const auto *Call = dyn_cast<CallExpr>(isa<Expr>(Last) ? cast<Expr>(Last)->IgnoreImplicit() : Last);
  const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  return It->second = Callee && isSpawnCall(*Call, *Callee) ? Call : nullptr;
}

void UnboundedConcurrencyCheck::checkSpawnThroughHelper(const CallExpr &Call,
                                                        const FunctionDecl &Helper,
                                                        const CallExpr &Spawn,
                                                        const utils::FunctionBody &Function,
                                                        ASTContext &Context,
                                                        const Repetition *Around) {
  if (Reported.contains(Call.getBeginLoc()))
    return;
  const FunctionDecl *Elsewhere = utils::startedElsewhereBy(Spawn);
  std::optional<Repetition> Loop =
      unboundedLoop(Call, utils::startedBy(Spawn), Elsewhere, Function, Context, Around);
  if (!Loop)
    return;
  Reported.insert(Call.getBeginLoc());
  reportStart(Call, utils::callName(Call, Helper), *Loop);
  diag(Spawn.getBeginLoc(), "%0 starts the task here with '%1'", DiagnosticIDs::Note)
      << utils::describeFunction(Helper)
      << utils::callName(Spawn, *cast<FunctionDecl>(Spawn.getCalleeDecl()));
}

bool UnboundedConcurrencyCheck::isSpawnCall(const CallExpr &Call,
                                            const FunctionDecl &Callee) const {
  return ExtraSpawns.matches(Callee, nullptr, nullptr) ||
         utils::findCallEntry<rules::SpawnFunction>(Call, Callee, [&](StringRef Name) {
           return Packs.rules().findSpawn(Name);
         });
}

const rules::ParallelAlgorithm *
UnboundedConcurrencyCheck::parallelAlgorithm(const CallExpr &Call,
                                             const FunctionDecl &Callee) const {
  return utils::findCallEntry<rules::ParallelAlgorithm>(Call, Callee, [&](StringRef Name) {
    return Packs.rules().findParallelAlgorithm(Name);
  });
}

const rules::ParallelAlgorithm *
UnboundedConcurrencyCheck::parallelAlgorithm(const CXXConstructExpr &Construct) const {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || Constructor->isCopyOrMoveConstructor() ||
      !StartNames.contains(Constructor->getParent()->getName()))
    return nullptr;
  const rules::ParallelAlgorithm *Entry =
      Packs.rules().findParallelAlgorithm(utils::packName(*Constructor->getParent()));
  return Entry && Entry->Kind == rules::CallableKind::Constructor ? Entry : nullptr;
}

bool UnboundedConcurrencyCheck::isEager(const Expr &Value, ASTContext &Context) {
  return Value.getType()->isRecordType() &&
         Classifier.classify(Value.getType(), Context) == utils::AwaitableKind::EagerTask;
}

void UnboundedConcurrencyCheck::checkSpawn(const CallExpr &Spawn,
                                           const utils::FunctionBody &Function,
                                           ASTContext &Context, const Repetition *Around) {
  const auto *Callee = cast<FunctionDecl>(Spawn.getCalleeDecl());
  const auto *Entry = utils::findCallEntry<rules::SpawnFunction>(
      Spawn, *Callee, [&](StringRef Name) { return Packs.rules().findSpawn(Name); });
  // `wg.push_back(serve(c))`: the eager task handed to the spawn is the spawn's business, and is
  // reported with it, once; `auto p = serve(c); +p;` was reported where p started.
  for (const Expr *Argument : Spawn.arguments()) {
    const Expr *Value = utils::initialValue(*Argument);
    if (isa<CXXDefaultArgExpr>(Value) || !isEager(*Value, Context) ||
        Value->getBeginLoc() == Spawn.getBeginLoc())
      continue;
    if (!Reported.insert(Value->getBeginLoc()).second)
      return;
  }
  if (isAwaitedInPlace(Spawn, Entry, Function))
    return;
  const FunctionDecl *Elsewhere = utils::startedElsewhereBy(Spawn);
  if (std::optional<Repetition> Loop =
          unboundedLoop(Spawn, utils::startedBy(Spawn), Elsewhere, Function, Context, Around)) {
    Reported.insert(Spawn.getBeginLoc());
    reportStart(Spawn, utils::callName(Spawn, *Callee), *Loop);
    CrossUnit.recordConditional(Spawn.getBeginLoc(), Elsewhere, Context);
  }
}

void UnboundedConcurrencyCheck::checkEagerStart(const CallExpr &Call, const FunctionDecl &Callee,
                                                const utils::FunctionBody &Function,
                                                ASTContext &Context, const Repetition *Around) {
  // with_semaphore(sem, 1, work) and its kind hold a unit while the work runs; work
  // submitted to an executor runs on its threads, as many at once as it has.
  if (Limiters.isAcquireCall(Call) || utils::isOffloadingCall(Call, Callee, Packs.rules()))
    return;
  // An eager task that only waits (`QCoro::sleepFor(d)`, the packs' wait_operations) is no
  // work: dropped, it is a missing co_await, which async-missing-co-await reports.
  if (utils::isWaitOperationCall(Call, Callee, Packs.rules()))
    return;
  auto IsEager = [&](const Expr &E) { return isEager(E, Context); };
  utils::EagerFate Fate = utils::fateOfEagerValue(Call, Function.parents(), IsEager);
  // A started handle kept in a local and forgotten is the work left running, which
  // async-missing-co-await does not report (YACLib's Future); another eager task is its finding.
  const auto *Handle = Call.getType()->getAsCXXRecordDecl();
  if (Fate == utils::EagerFate::Forgotten && Handle &&
      Packs.rules().isStartedHandle(utils::packName(*Handle)))
    Fate = utils::EagerFate::Started;
  // An element-wise algorithm keeps what its callable returns (std::transform) or drops it
  // (std::for_each): either way the task started at the call runs on.
  if (Fate != utils::EagerFate::Started && !(Around && Fate == utils::EagerFate::Returned))
    return;
  const FunctionDecl *Started = utils::startedCoroutine(Call);
  const FunctionDecl *Elsewhere = Started ? nullptr : utils::startedElsewhere(Call);
  std::optional<Repetition> Loop =
      unboundedLoop(Call, Started, Elsewhere, Function, Context, Around);
  if (!Loop || !Reported.insert(Call.getBeginLoc()).second)
    return;
  reportStart(Call, utils::callName(Call, Callee), *Loop);
  CrossUnit.recordConditional(Call.getBeginLoc(), Elsewhere, Context);
  diag(Call.getBeginLoc(), "%0 returns an eager %1, which runs from the call on, not when "
                           "awaited",
       DiagnosticIDs::Note)
      << utils::describeFunction(Callee) << utils::describeType(Call.getType(), Context);
}

void UnboundedConcurrencyCheck::reportStart(const Expr &Start, StringRef Name,
                                            const Repetition &Loop) {
  bool Accepts = utils::acceptsConnections(*Loop.Where);
  const LoopTrip &Trip = Loop.Trip;
  std::string PerWhat = "per iteration";
  if (Accepts)
    PerWhat = "per accepted connection";
  else if (Trip.K == LoopTrip::Kind::OverElements || Trip.K == LoopTrip::Kind::UntilEmpty)
    PerWhat = "per element of '" + Trip.Source + "'";
  diag(Start.getBeginLoc(), "'%0' starts one task %1 with nothing bounding how many run at once%2")
      << Name << PerWhat
      << (Accepts ? "; acquire a semaphore (or check a connection counter) before accepting" : "")
      << Start.getSourceRange();
  diag(Loop.Where->getBeginLoc(), tripNote(Loop), DiagnosticIDs::Note);
}

template <class StartExpr>
void UnboundedConcurrencyCheck::checkParallel(const StartExpr &Start,
                                              const rules::ParallelAlgorithm &Algorithm,
                                              ASTContext &Context) {
  const Expr *Range = utils::argumentAt(Start, Algorithm.RangeArgument);
  const Expr *Limit =
      Algorithm.HasLimit ? utils::argumentAt(Start, Algorithm.LimitArgument) : nullptr;
  // A limit of 0 bounds nothing: async_simple's collectAllWindowed reads it as "no limit".
  if (!Range || (Limit && utils::constantValue(Limit, Context) != 0))
    return;
  if (!fewElements(*Range, Context))
    reportPerElement(Start, Algorithm.Name, *Range, Algorithm.Alternative, Context);
}

void UnboundedConcurrencyCheck::reportPerElement(const Expr &Start, StringRef Name,
                                                 const Expr &Range, StringRef Alternative,
                                                 ASTContext &Context) {
  if (!Reported.insert(Start.getBeginLoc()).second)
    return;
  diag(Start.getBeginLoc(),
       "'%0' starts one task per element of '%1' with nothing bounding how many run at once%2")
      << Name << utils::rangeText(Range, Context)
      << (Alternative.empty() ? "" : "; use " + Alternative.str()) << Start.getSourceRange();
}

namespace {
/// The view a local holds (`auto jobs = photos | views::transform(thumbnail);`), or that a
/// local container was built from: `std::vector<Task> tasks(v.begin(), v.end())` or
/// `tasks(std::from_range, v)`, where v is a standard view or a local that holds one.
std::optional<utils::RangeView> viewBuiltInto(const VarDecl &Container) {
  if (!Container.getInit())
    return std::nullopt;
  if (std::optional<utils::RangeView> Held = utils::rangeView(*Container.getInit()))
    return Held;
  const auto *Construct = dyn_cast<CXXConstructExpr>(Container.getInit()->IgnoreImplicit());
  if (!Construct || Construct->getNumArgs() == 0 ||
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return std::nullopt;
  const Expr *Source = Construct->getArg(0);
  const auto *Tag = Source->getType()->getAsCXXRecordDecl();
  if (Tag && utils::packName(*Tag) == "std::from_range_t" && Construct->getNumArgs() > 1)
    Source = Construct->getArg(1);
  const Expr &Range = utils::rangeOf(*Source);
  if (std::optional<utils::RangeView> View = utils::rangeView(Range))
    return View;
  const VarDecl *Holder = utils::namedVariable(Range);
  return Holder && Holder->isLocalVarDecl() && Holder->getInit()
             ? utils::rangeView(*Holder->getInit())
             : std::nullopt;
}

} // namespace

void UnboundedConcurrencyCheck::checkGather(const CallExpr &Gather,
                                            const utils::FunctionBody &Function,
                                            ASTContext &Context) {
  std::string Name = utils::callName(Gather, *cast<FunctionDecl>(Gather.getCalleeDecl()));
  for (const Expr *Argument : Gather.arguments()) {
    // `collectAllRange(tasks | views::transform(move))` gathers tasks; `collectAllRange(keys |
    // views::transform(fetch))` makes one per key.
    std::optional<utils::RangeView> View = utils::rangeView(*Argument);
    const VarDecl *Container = utils::namedVariable(View ? *View->Base : *Argument);
    // `std::vector<Task> tasks(view.begin(), view.end()); when_all(std::move(tasks))`.
    if (!View && Container && Container->isLocalVarDecl())
      View = viewBuiltInto(*Container);
    const FunctionDecl *Elsewhere = nullptr;
    std::optional<Repetition> Loop;
    if (Container && Container->isLocalVarDecl())
      Loop = collectedIn(Gather, *Container, Function, Context, Elsewhere);
    if (!Loop && View && View->Transform && returnsLazyTask(*View->Transform, Context)) {
      if (!fewElements(*View->Base, Context))
        reportPerElement(Gather, Name, *View->Base, "", Context);
      return;
    }
    if (!Loop)
      continue;
    Reported.insert(Gather.getBeginLoc());
    diag(Gather.getBeginLoc(),
         "'%0' runs every task collected %1 at once, with nothing bounding how many")
        << Name << (Loop->By.empty() ? "in the loop" : "by '" + Loop->By + "'")
        << Gather.getSourceRange();
    diag(Loop->Where->getBeginLoc(), tripNote(*Loop), DiagnosticIDs::Note);
    CrossUnit.recordConditional(Gather.getBeginLoc(), Elsewhere, Context);
    return;
  }
}

namespace {
/// `std::back_inserter(parts)`, `std::inserter(parts, it)`: an argument of Algorithm that
/// writes into Container.
bool insertsInto(const CallExpr &Algorithm, const VarDecl &Container) {
  return llvm::any_of(Algorithm.arguments(), [&](const Expr *Argument) {
    const auto *Inserter = dyn_cast<CallExpr>(Argument->IgnoreImplicit()->IgnoreParenImpCasts());
    const FunctionDecl *Callee = Inserter ? Inserter->getDirectCallee() : nullptr;
    return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
           Callee->getName().ends_with("inserter") && Inserter->getNumArgs() >= 1 &&
           utils::namedVariable(*Inserter->getArg(0)) == &Container;
  });
}
} // namespace

std::optional<UnboundedConcurrencyCheck::Repetition>
UnboundedConcurrencyCheck::collectedIn(const CallExpr &Gather, const VarDecl &Container,
                                       const utils::FunctionBody &Function, ASTContext &Context,
                                       const FunctionDecl *&Elsewhere) {
  std::optional<Repetition> Loop;
  utils::forEachStatement(*Function.body(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (Loop || !Call || !(Call->getBeginLoc() < Gather.getBeginLoc()))
      return;
    // `std::transform(ids.begin(), ids.end(), std::back_inserter(parts), make_task)`.
    const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl());
    if (const rules::InlineCallable *Each = Callee ? perElement(*Call, *Callee) : nullptr) {
      if (insertsInto(*Call, Container) &&
          llvm::any_of(Call->arguments(),
                       [&](const Expr *Argument) { return returnsLazyTask(*Argument, Context); }))
        Loop = perElementRepetition(*Call, *Each, Context);
      return;
    }
    const auto *Push = dyn_cast<CXXMemberCallExpr>(Call);
    if (!Push || Push->getNumArgs() == 0 ||
        utils::resultHolder(*Push->getArg(0), Function.parents()) != &Container)
      return;
    const Expr *Task = Push->getArg(0);
    // An eager task is reported where it starts, at the push (checkEagerStart).
    const FunctionDecl *Started = utils::startedCoroutine(*Task);
    const auto *Record = Task->getType()->getAsCXXRecordDecl();
    if ((Started || (Record && Packs.rules().isCoroutineType(utils::packName(*Record)))) &&
        !isEager(*Task, Context)) {
      Elsewhere = Started ? nullptr : utils::startedElsewhere(*Task);
      Loop = unboundedLoop(*Push, Started, Elsewhere, Function, Context, /*Around=*/nullptr,
                           &Container);
    }
  });
  return Loop;
}

bool UnboundedConcurrencyCheck::returnsLazyTask(const Expr &Callable, ASTContext &Context) {
  const FunctionDecl *Function = utils::calledFunction(Callable);
  if (!Function)
    return false;
  QualType Result = Function->getReturnType();
  return !Result->isDependentType() && !Result->isUndeducedType() && Result->isRecordType() &&
         Classifier.classify(Result, Context) == utils::AwaitableKind::LazyTask;
}

std::optional<UnboundedConcurrencyCheck::Repetition>
UnboundedConcurrencyCheck::unboundedLoop(const Expr &Start, const FunctionDecl *Started,
                                         const FunctionDecl *Elsewhere,
                                         const utils::FunctionBody &Function,
                                         ASTContext &Context, const Repetition *Around,
                                         const VarDecl *Collection) {
  if ((Started && Limiters.acquiresFirst(*Started)) ||
      CrossUnit.acquiresFirstElsewhere(Elsewhere, Context))
    return std::nullopt;
  const SourceManager &SM = Context.getSourceManager();
  for (const Stmt *Loop : utils::enclosingLoops(Start, Function.parents())) {
    if (Collection && SM.isPointWithin(Collection->getLocation(), Loop->getBeginLoc(),
                                       Loop->getEndLoc()))
      return std::nullopt;
    LoopTrip Trip = utils::analyzeTrip(*Loop, Context);
    if ((Trip.K == LoopTrip::Kind::Constant && Trip.Count <= MaxFanOut) ||
        Trip.K == LoopTrip::Kind::CommandLine || Trip.K == LoopTrip::Kind::PerWorker ||
        Trip.K == LoopTrip::Kind::Window)
      continue;
    if (isBoundedIn(*Loop, Start, Function, Context))
      return std::nullopt;
    return Repetition{Loop, std::move(Trip), ""};
  }
  // No loop here runs it more than MaxFanOut times, but an algorithm may run all of this
  // callable once per element.
  if (Around && !isBoundedIn(*Function.body(), Start, Function, Context))
    return *Around;
  return std::nullopt;
}

bool UnboundedConcurrencyCheck::isBoundedIn(const Stmt &Scope, const Expr &Start,
                                            const utils::FunctionBody &Function,
                                            ASTContext &Context) const {
  const rules::RuleSet &Rules = Packs.rules();
  const SourceManager &SM = Context.getSourceManager();
  auto Before = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(S.getBeginLoc(), Start.getBeginLoc());
  };
  const VarDecl *Holder = utils::resultHolder(Start, Function.parents());
  // A single slot (`in_flight.emplace(upload(s))` on a std::optional) awaited before the next
  // start in the same loop holds the previous task: at most one runs at a time.
  bool SingleSlot = Holder && utils::isOptional(Holder->getType());
  bool Bounded = false;
  // A task group or pool that bounds its own work.
  if (const auto *Call = dyn_cast<CallExpr>(&Start))
    for (const Expr *Operand : Call->arguments())
      if (const auto *Record = Operand->getType().getNonReferenceType()->getAsCXXRecordDecl())
        Bounded |= Rules.isBoundedGroup(utils::packName(*Record));
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Start))
    if (const CXXRecordDecl *Record = Member->getRecordDecl())
      Bounded |= Rules.isBoundedGroup(utils::packName(*Record));
  // The holder, and the variables of loops over it (`for (auto& t : batch) co_await t;`).
  SmallVector<const VarDecl *, 2> Handles;
  if (Holder)
    Handles.push_back(Holder);
  utils::forEachStatement(Scope, [&](const Stmt &S) {
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&S);
        RangeFor && Holder && utils::mentions(*RangeFor->getRangeInit(), *Holder))
      Handles.push_back(RangeFor->getLoopVariable());
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S)) {
      const Expr *Operand = Suspend->getOperand();
      bool AwaitsHandle = Operand && (SingleSlot || !Before(S)) &&
                          llvm::any_of(Handles, [&](const VarDecl *V) {
                            return utils::mentions(*Operand, *V);
                          });
      bool AwaitsGather = false;
      if (Operand)
        utils::forEachStatement(*Operand, [&](const Stmt &Inner) {
          AwaitsGather |= isa<CallExpr>(Inner) && isGatherCall(cast<CallExpr>(Inner));
        });
      // `co_await group;` through the group's own operator co_await (libcoro's task_group).
      if (const Expr *Awaiter = Suspend->getCommonExpr())
        AwaitsGather |= isGatherCall(*Awaiter->IgnoreImplicit());
      bool AwaitsPermit = Before(S) && (Limiters.isAcquire(*Suspend) ||
                                        utils::awaitsPermitTheWorkReturns(*Suspend, Start));
      bool AwaitsLatch = !Before(S) && utils::awaitsLatchTheWorkCountsDown(*Suspend, Start);
      Bounded |= AwaitsPermit || AwaitsHandle || AwaitsGather || AwaitsLatch;
    }
    Bounded |= SM.isBeforeInTranslationUnit(S.getEndLoc(), Start.getBeginLoc()) &&
               (utils::isWaitingCheck(S) || utils::isRejectingCounterCheck(S, *Function.body()));
  });
  return Bounded || (utils::loopBody(Scope) && spinsUntilDone(Scope, Start, SM));
}

bool UnboundedConcurrencyCheck::isGatherCall(const Expr &E) const {
  const auto *Call = dyn_cast<CallExpr>(&E);
  const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Callee)
    return false;
  return ExtraGathers.matches(*Callee, nullptr, nullptr) ||
         utils::findCallEntry<rules::GatherFunction>(
             *Call, *Callee, [&](StringRef Name) { return Packs.rules().findGather(Name); });
}


} // namespace clang::tidy::async
