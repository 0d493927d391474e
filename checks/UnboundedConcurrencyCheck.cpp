//===--- UnboundedConcurrencyCheck.cpp - async-unbounded-concurrency ------===//

#include "UnboundedConcurrencyCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "utils/CoroutineContext.h"
#include "utils/EvaluatedCalls.h"
#include "utils/LoopBounds.h"
#include "utils/PackCalls.h"

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

/// The unqualified names of the packs' spawn and gather functions: a cheap first test of a
/// call, before its qualified names are computed.
llvm::StringSet<> startNames(const rules::RuleSet &Rules) {
  llvm::StringSet<> Names;
  auto Add = [&](StringRef Qualified) { Names.insert(Qualified.rsplit("::").second); };
  for (const auto &Entry : Rules.spawn())
    Add(Entry.Name);
  for (const auto &Entry : Rules.gather())
    Add(Entry.Name);
  return Names;
}

const rules::SpawnFunction *spawnEntry(const FunctionDecl &Callee, const rules::RuleSet &Rules) {
  for (const std::string &Name : utils::packNamesOf(Callee))
    if (const rules::SpawnFunction *Entry = Rules.findSpawn(Name))
      return Entry;
  return nullptr;
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

const FunctionDecl *startedBy(const CallExpr &Call) {
  for (const Expr *Argument : Call.arguments())
    if (const FunctionDecl *Started = utils::startedCoroutine(*Argument))
      return Started;
  return nullptr;
}

std::string tripNote(const LoopTrip &Trip, unsigned MaxFanOut) {
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
      StartNames(startNames(Packs.rules())) {}

void UnboundedConcurrencyCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, MaxFanOutKey, MaxFanOut);
  Options.store(Opts, SpawnFunctionsKey, SpawnFunctions);
  Options.store(Opts, GatherFunctionsKey, GatherFunctions);
  Options.store(Opts, LimiterTypesKey, LimiterTypes);
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
  // Only this function's own statements: a lambda's body is matched as its own function.
  utils::forEachStatement(*Function.body(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->getIdentifier())
      return;
    // The options are regular expressions: with any given, every callee is a candidate.
    if (SpawnFunctions.empty() && GatherFunctions.empty() &&
        !StartNames.contains(Callee->getName()))
      return;
    if (isSpawnFunction(*Callee)) {
      if (Reported.insert(Call->getBeginLoc()).second)
        checkSpawn(*Call, Function, *Result.Context);
    } else if (isGatherCall(*Call) && Reported.insert(Call->getBeginLoc()).second) {
      checkGather(*Call, Function, *Result.Context);
    }
  });
}

bool UnboundedConcurrencyCheck::isSpawnFunction(const FunctionDecl &Callee) const {
  return ExtraSpawns.matches(Callee, nullptr, nullptr) || spawnEntry(Callee, Packs.rules());
}

void UnboundedConcurrencyCheck::checkSpawn(const CallExpr &Spawn,
                                           const utils::FunctionBody &Function,
                                           ASTContext &Context) {
  const FunctionDecl *Callee = Spawn.getDirectCallee();
  if (isAwaitedInPlace(Spawn, spawnEntry(*Callee, Packs.rules()), Function))
    return;
  const Stmt *Loop = unboundedLoop(Spawn, startedBy(Spawn), Function, Context);
  if (!Loop)
    return;
  bool Accepts = utils::acceptsConnections(*Loop);
  LoopTrip Trip = utils::analyzeTrip(*Loop, Context);
  std::string PerWhat = "per iteration";
  if (Accepts)
    PerWhat = "per accepted connection";
  else if (Trip.K == LoopTrip::Kind::OverElements || Trip.K == LoopTrip::Kind::UntilEmpty)
    PerWhat = "per element of '" + Trip.Source + "'";
  diag(Spawn.getBeginLoc(), "'%0' starts one task %1 with nothing bounding how many run at once%2")
      << utils::packName(*Callee) << PerWhat
      << (Accepts ? "; acquire a semaphore (or check a connection counter) before accepting" : "")
      << Spawn.getSourceRange();
  diag(Loop->getBeginLoc(), tripNote(Trip, MaxFanOut), DiagnosticIDs::Note);
}

void UnboundedConcurrencyCheck::checkGather(const CallExpr &Gather,
                                            const utils::FunctionBody &Function,
                                            ASTContext &Context) {
  const Stmt *Body = Function.body();
  for (const Expr *Argument : Gather.arguments()) {
    const VarDecl *Container = utils::namedVariable(*Argument);
    if (!Container || !Container->isLocalVarDecl())
      continue;
    const Stmt *Loop = nullptr;
    utils::forEachStatement(*Body, [&](const Stmt &S) {
      const auto *Push = dyn_cast<CXXMemberCallExpr>(&S);
      if (Loop || !Push || Push->getNumArgs() == 0 ||
          !(Push->getBeginLoc() < Gather.getBeginLoc()) ||
          utils::resultHolder(*Push->getArg(0), Function.parents()) != Container)
        return;
      const Expr *Task = Push->getArg(0);

      const FunctionDecl *Started = utils::startedCoroutine(*Task);
      const auto *Record = Task->getType()->getAsCXXRecordDecl();
      if (Started || (Record && Packs.rules().isCoroutineType(utils::packName(*Record))))
        Loop = unboundedLoop(*Push, Started, Function, Context);
    });
    if (!Loop)
      continue;
    diag(Gather.getBeginLoc(),
         "'%0' runs every task collected in the loop at once, with nothing bounding how many")
        << utils::packName(*Gather.getDirectCallee()) << Gather.getSourceRange();
    diag(Loop->getBeginLoc(), tripNote(utils::analyzeTrip(*Loop, Context), MaxFanOut),
         DiagnosticIDs::Note);
    return;
  }
}

const Stmt *UnboundedConcurrencyCheck::unboundedLoop(const Expr &Start, const FunctionDecl *Started,
                                                     const utils::FunctionBody &Function,
                                                     ASTContext &Context) {
  if (Started && Limiters.acquiresFirst(*Started))
    return nullptr;
  for (const Stmt *Loop : utils::enclosingLoops(Start, Function.parents())) {
    LoopTrip Trip = utils::analyzeTrip(*Loop, Context);
    if ((Trip.K == LoopTrip::Kind::Constant && Trip.Count <= MaxFanOut) ||
        Trip.K == LoopTrip::Kind::CommandLine)
      continue;
    return isBoundedIn(*Loop, Start, Function, Context) ? nullptr : Loop;
  }
  return nullptr;
}

bool UnboundedConcurrencyCheck::isBoundedIn(const Stmt &Loop, const Expr &Start,
                                            const utils::FunctionBody &Function,
                                            ASTContext &Context) const {
  const rules::RuleSet &Rules = Packs.rules();
  const SourceManager &SM = Context.getSourceManager();
  auto Before = [&](const Stmt &S) {
    return SM.isBeforeInTranslationUnit(S.getBeginLoc(), Start.getBeginLoc());
  };
  const VarDecl *Holder = utils::resultHolder(Start, Function.parents());
  bool Bounded = false;
  // A task group or pool that bounds its own work.
  if (const auto *Call = dyn_cast<CallExpr>(&Start))
    for (const Expr *Operand : Call->arguments())
      if (const auto *Record = Operand->getType().getNonReferenceType()->getAsCXXRecordDecl())
        Bounded |= Rules.isBoundedGroup(utils::packName(*Record));
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Start))
    if (const CXXRecordDecl *Record = Member->getRecordDecl())
      Bounded |= Rules.isBoundedGroup(utils::packName(*Record));
  utils::forEachStatement(Loop, [&](const Stmt &S) {
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S)) {
      const Expr *Operand = Suspend->getOperand();
      bool AwaitsHandle = Holder && Operand && !Before(S) && utils::mentions(*Operand, *Holder);
      bool AwaitsGather = false;
      if (Operand)
        utils::forEachStatement(*Operand, [&](const Stmt &Inner) {
          AwaitsGather |= isa<CallExpr>(Inner) && isGatherCall(cast<CallExpr>(Inner));
        });
      Bounded |= (Limiters.isAcquire(*Suspend) && Before(S)) || AwaitsHandle || AwaitsGather;
    }
    Bounded |= SM.isBeforeInTranslationUnit(S.getEndLoc(), Start.getBeginLoc()) &&
               utils::isWaitingCheck(S);
  });
  return Bounded;
}

bool UnboundedConcurrencyCheck::isGatherCall(const Expr &E) const {
  const auto *Call = dyn_cast<CallExpr>(&E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  if (ExtraGathers.matches(*Callee, nullptr, nullptr))
    return true;
  return llvm::any_of(utils::packNamesOf(*Callee), [&](const std::string &Name) {
    return Packs.rules().findGather(Name) != nullptr;
  });
}

} // namespace clang::tidy::async
