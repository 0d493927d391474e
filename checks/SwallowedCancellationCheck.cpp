//===--- SwallowedCancellationCheck.cpp - async-swallowed-cancellation ----===//

#include "SwallowedCancellationCheck.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "utils/CancellationPaths.h"
#include "utils/CoroutineContext.h"
#include "utils/ErrorCodeCancellation.h"
#include "utils/EvaluatedCalls.h"
#include "utils/FallbackValues.h"
#include "utils/LoopBounds.h"
#include "utils/PackCalls.h"
#include "utils/StoppedCancellation.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace rules = async_lint::rules;
using utils::HandlerExit;

constexpr llvm::StringLiteral IgnoredCoroutinesKey = "IgnoredCoroutines";

struct SwallowedCancellationCheck::Cancellation {
  const rules::CancellationKind *Kind;
  SmallVector<const CXXRecordDecl *, 2> Classes; ///< the exception types defined in the TU
  SmallVector<std::string, 2> ClassNames;        ///< each class's name, as the pack spells it
  const NamedDecl *FirstDecl = nullptr;          ///< the first exception type declared
  std::string Spelling;                          ///< its name, as the pack spells it

  bool isType(QualType Type) const {
    const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
    if (!Record || !Record->hasDefinition())
      return false;
    return llvm::is_contained(Kind->ExceptionTypes, utils::packName(*Record)) ||
           llvm::any_of(Classes, [&](const CXXRecordDecl *C) { return Record->isDerivedFrom(C); });
  }
  /// The pack's name for Record, one of the kind's own types (an alias names it as the pack
  /// does: 'asio::system_error', not 'std::system_error').
  std::string nameOf(const CXXRecordDecl &Record) const {
    for (auto [Class, Name] : llvm::zip(Classes, ClassNames))
      if (Class == Record.getDefinition())
        return Name;
    return utils::packName(Record);
  }
  bool isValue(const ValueDecl &Value) const {
    return llvm::is_contained(Kind->ErrorCodeValues, utils::packName(Value));
  }
};

enum class Catches { No, Exact, Base, All };
enum class Outcome { Propagates, NormalEnd, ReturnsValue, Replaced, KeepsRunning };

struct SwallowedCancellationCheck::Finding {
  Outcome Result = Outcome::Propagates;
  const CXXCatchStmt *Handler = nullptr;
  const Cancellation *Kind = nullptr;
  Catches How = Catches::No;
  const Expr *Next = nullptr; ///< KeepsRunning: where execution continues
  QualType Thrown;            ///< Replaced: what is thrown instead
  bool OnlyFallsThrough = true;
};

namespace {

Catches classify(const CXXCatchStmt &Handler, const rules::CancellationKind &Kind,
                 ArrayRef<const CXXRecordDecl *> Classes) {
  if (!Handler.getExceptionDecl())
    return Catches::All;
  QualType Caught = Handler.getCaughtType();
  const auto *Record =
      Caught->isDependentType() ? nullptr : Caught.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return Catches::No;
  if (llvm::is_contained(Kind.ExceptionTypes, utils::packName(*Record)))
    return Catches::Exact;
  if (llvm::any_of(Classes, [&](const CXXRecordDecl *C) { return C->isDerivedFrom(Record); }))
    return Catches::Base;
  return Catches::No;
}

/// The cancellation kinds of a coroutine: those of the runtime its pack binds
/// (coroutine_types), and those of packs bound to no runtime.
std::vector<const rules::CancellationKind *> kindsFor(const FunctionDecl &Coroutine,
                                                      const rules::RuleSet &Rules) {
  std::string Type = utils::coroutineTypeName(Coroutine);
  std::vector<const rules::CancellationKind *> Kinds;
  for (const rules::CancellationKind &Kind : Rules.cancellation()) {
    auto Pack = llvm::find_if(Rules.packs(),
                              [&](const rules::RulePack &P) { return P.Name == Kind.Pack; });
    if (Pack == Rules.packs().end() || Pack->CoroutineTypes.empty() ||
        llvm::is_contained(Pack->CoroutineTypes, Type))
      Kinds.push_back(&Kind);
  }
  return Kinds;
}

StringRef indentation(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  StringRef Line = SM.getBufferData(File).take_front(Offset);
  Line = Line.drop_front(Line.rfind('\n') + 1); // npos + 1 == 0
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; });
}

} // namespace

SwallowedCancellationCheck::SwallowedCancellationCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), IgnoredCoroutinesList(Options.get(IgnoredCoroutinesKey, "")),
      IgnoredCoroutines(tidy::utils::options::parseStringList(IgnoredCoroutinesList)),
      Packs(Options, *Context), Sources(Packs.rules()) {}

SwallowedCancellationCheck::~SwallowedCancellationCheck() = default;

void SwallowedCancellationCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, IgnoredCoroutinesKey, IgnoredCoroutinesList);
  Packs.store(Options, Opts);
}

void SwallowedCancellationCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(coroutineBodyStmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("coroutine"),
                     this);
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::resolve(const rules::CancellationKind &Kind, ASTContext &Context) {
  std::unique_ptr<Cancellation> &Slot = Resolved[&Kind];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<Cancellation>(Cancellation{&Kind, {}, {}, nullptr, ""});
  for (const std::string &Name : Kind.ExceptionTypes) {
    const NamedDecl *Found = utils::lookupPackName(Name, Context);
    const CXXRecordDecl *Record = dyn_cast_or_null<CXXRecordDecl>(Found);
    if (const auto *Alias = dyn_cast_or_null<TypedefNameDecl>(Found))
      Record = Alias->getUnderlyingType()->getAsCXXRecordDecl();
    // A template (YACLib's ResultError<E>): its pattern has the bases every specialization has.
    if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(Found))
      Record = Template->getTemplatedDecl();
    if (!Record || !Record->hasDefinition())
      continue;
    Slot->Classes.push_back(Record->getDefinition());
    Slot->ClassNames.push_back(Name);
    if (!Slot->FirstDecl)
      std::tie(Slot->FirstDecl, Slot->Spelling) = std::make_pair(Found, Name);
  }
  return *Slot;
}

const SwallowedCancellationCheck::Cancellation &
SwallowedCancellationCheck::resolve(const utils::ProjectCancellation &Own) {
  std::unique_ptr<Cancellation> &Slot = Resolved[&Own.Kind];
  if (!Slot) {
    const std::string &Name = Own.Kind.ExceptionTypes.front();
    Slot = std::make_unique<Cancellation>(Cancellation{&Own.Kind, {Own.Class}, {Name}, Own.Class,
                                                       Name});
  }
  return *Slot;
}

void SwallowedCancellationCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  if (llvm::is_contained(IgnoredCoroutines, utils::packName(*Coroutine)))
    return;
  std::vector<const Cancellation *> Kinds;
  std::vector<const rules::CancellationKind *> CodeKinds, StopKinds;
  for (const rules::CancellationKind *Kind : kindsFor(*Coroutine, Packs.rules())) {
    if (!Sources.enabled(*Kind, *Result.Context))
      continue; // the unit sets up none of what the library needs to raise it
    if (Kind->How == rules::Delivery::ErrorCode)
      CodeKinds.push_back(Kind);
    else if (Kind->How == rules::Delivery::Stopped)
      StopKinds.push_back(Kind);
    else if (const Cancellation &C = resolve(*Kind, *Result.Context); C.FirstDecl)
      Kinds.push_back(&C);
  }
  for (const utils::ProjectCancellation &Own : Project.get(*Result.Context, Packs.rules()))
    Kinds.push_back(&resolve(Own));
  for (const rules::CancellationKind &Status : Project.statuses(*Result.Context, Packs.rules()))
    CodeKinds.push_back(&Status);
  if (Kinds.empty() && CodeKinds.empty() && StopKinds.empty())
    return;
  utils::FunctionBody Function(*Coroutine);
  const Stmt &Body = *Function.body();
  auto IsStartedHandle = [&](const VarDecl &Var) {
    const auto *Record = Var.getType().getNonReferenceType()->getAsCXXRecordDecl();
    return Record && Packs.rules().isStartedHandle(utils::packName(*Record));
  };
  utils::forEachStatement(Body, [&](const Stmt &S) {
    const auto *Try = dyn_cast<CXXTryStmt>(&S);
    if (Kinds.empty() || !Try || !utils::firstSuspension(*Try->getTryBlock()) ||
        utils::awaitsOnlyTasksItCancels(*Try->getTryBlock(), Body, IsStartedHandle))
      return;
    // Only the kinds the try block can raise: a catch-all around `co_await seastar::sleep(1s)`
    // catches no abort.
    std::vector<const Cancellation *> Raised;
    for (const Cancellation *C : Kinds)
      if (Sources.mayRaise(*Try->getTryBlock(), *C->Kind))
        Raised.push_back(C);
    if (!Raised.empty())
      checkTry(*Try, Raised, Kinds, Function.parents(), Body, *Result.Context);
  });
  if (!CodeKinds.empty() && utils::firstSuspension(Body))
    checkErrorCodes(Body, CodeKinds, Function.parents(), *Result.Context);
  if (!StopKinds.empty())
    utils::forEachSwallowedStop(
        Body, Function.parents(), *Result.Context, StopKinds,
        [&](const Expr &Operand, const rules::CancellationKind &Kind) {
          return Sources.mayRaise(Operand, Kind);
        },
        [&](const utils::SwallowedStop &Stop) {
          reportStop(Stop, Result.Context->getSourceManager());
        });
}

void SwallowedCancellationCheck::reportStop(const utils::SwallowedStop &Stop,
                                            const SourceManager &SM) {
  if (reportStopInHelper(Stop, SM) || !Reported.insert(Stop.Adaptor->getBeginLoc()).second)
    return;
  // A Try holding an exception (folly's co_awaitTry) names it.
  std::vector<std::string> Held = utils::exceptionTypesTaken(*Stop.Adaptor, *Stop.Kind);
  if (Held.empty())
    diag(Stop.Adaptor->getBeginLoc(),
         "'%0' turns a stopped completion into a value: %select{the coroutine keeps running "
         "after it is stopped|the coroutine returns a fallback value as if it had not been "
         "stopped}1")
        << Stop.AdaptorName << (Stop.Fallback != nullptr) << Stop.Adaptor->getSourceRange();
  else
    diag(Stop.Adaptor->getBeginLoc(),
         "'%0' turns the cancellation ('%1') into a value: %select{the coroutine keeps running "
         "after it is cancelled|the coroutine returns a fallback value as if it had not been "
         "cancelled}2")
        << Stop.AdaptorName << llvm::join(Held, "', '") << (Stop.Fallback != nullptr)
        << Stop.Adaptor->getSourceRange();
  noteWhereItGoesOn(Stop.Next, Stop.Fallback);
}

bool SwallowedCancellationCheck::reportStopInHelper(const utils::SwallowedStop &Stop,
                                                    const SourceManager &SM) {
  const Expr *Operand = Stop.Await->getOperand();
  if (SM.isPointWithin(Stop.Adaptor->getBeginLoc(), Operand->getBeginLoc(), Operand->getEndLoc()))
    return false;
  // The adaptor is in a helper that returns the adapted sender: report at the await, which
  // is where the coroutine carries on, and point at the adaptor.
  const auto *Call = dyn_cast<CallExpr>(Operand->IgnoreImplicit()->IgnoreParenImpCasts());
  const FunctionDecl *Helper = Call ? Call->getDirectCallee() : nullptr;
  if (!Helper || !Reported.insert(Operand->getBeginLoc()).second)
    return true;
  diag(Operand->getBeginLoc(), "%0 returns a sender whose stopped completion '%1' turns into a "
                               "value: %select{the coroutine keeps running after it is "
                               "stopped|the coroutine returns a fallback value as if it had not "
                               "been stopped}2")
      << utils::describeFunction(*Helper) << Stop.AdaptorName << (Stop.Fallback != nullptr)
      << Operand->getSourceRange();
  diag(Stop.Adaptor->getBeginLoc(), "'%0' is applied here", DiagnosticIDs::Note)
      << Stop.AdaptorName;
  noteWhereItGoesOn(Stop.Next, Stop.Fallback);
  return true;
}

namespace {

/// Whether leaving a handler by Exit goes on with a loop of the coroutine: `continue`, falling
/// off the handler of a try inside a loop, or a `break` out of a loop nested in another.
/// Whether the loop around the handler runs again after Exit, unless the handler's own flags
/// or the cancellation end it (`running = false;` in `while (running)`).
bool runsLoopAgain(const utils::HandlerExitPoint &Exit, const CXXTryStmt &Try,
                   const CXXCatchStmt &Handler, const utils::CancellationModel &Model,
                   const ParentMap &Parents) {
  SmallVector<const Stmt *, 4> Loops;
  switch (Exit.Kind) {
  case HandlerExit::Continue:
    Loops = utils::enclosingLoops(*Exit.At, Parents);
    break;
  case HandlerExit::FallThrough:
    Loops = utils::enclosingLoops(Try, Parents);
    break;
  case HandlerExit::Break:
    Loops = utils::enclosingLoops(*Exit.At, Parents);
    if (!Loops.empty())
      Loops.erase(Loops.begin()); // the loop it leaves
    break;
  default:
    return false;
  }
  return !Loops.empty() && !utils::loopEndsAfterHandler(*Loops.front(), Handler, Model);
}

/// The handler that catches the kind where the coroutine suspends again at Next: the first
/// handler of the kind of the innermost try block around Next that has one.
const CXXCatchStmt *handlerAround(const Expr &Next, const rules::CancellationKind &Kind,
                                  ArrayRef<const CXXRecordDecl *> Classes,
                                  const ParentMap &Parents) {
  for (const Stmt *Child = &Next, *Parent = Parents.getParent(&Next); Parent;
       Child = Parent, Parent = Parents.getParent(Parent)) {
    const auto *Try = dyn_cast<CXXTryStmt>(Parent);
    if (!Try || Try->getTryBlock() != Child)
      continue;
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      if (classify(*Try->getHandler(I), Kind, Classes) != Catches::No)
        return Try->getHandler(I);
  }
  return nullptr;
}

/// Whether every way out of a handler ends the coroutine: it returns, throws another type,
/// yields the cancellation on, or reaches no further suspension point (`co_return;`, `break;`
/// out of the loop that is the coroutine's work).
bool endsCoroutine(const CXXCatchStmt &Handler, const utils::CancellationModel &Model,
                   ArrayRef<std::string> PropagatingYields, const ParentMap &Parents,
                   const Stmt &Body) {
  const Stmt *Try = Parents.getParent(&Handler);
  return Try && llvm::all_of(utils::exitsWithoutPropagating(Handler, Model),
                             [&](const utils::HandlerExitPoint &Exit) {
    if (Exit.Kind == HandlerExit::Return || Exit.Kind == HandlerExit::Replaced)
      return true;
    const Expr *Next = utils::nextSuspension(Exit.Kind == HandlerExit::FallThrough ? *Try
                                                                                   : *Exit.At,
                                             Exit.Kind, Parents, Body);
    return !Next || utils::isPropagatingYield(*Next, PropagatingYields);
  });
}

/// `e.code()`, called on the exception Handler caught.
bool isCodeOf(const Expr &E, const CXXCatchStmt &Handler) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E.IgnoreImplicit()->IgnoreParenImpCasts());
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() && Method->getName() == "code" &&
         utils::namedObject(Call->getImplicitObjectArgument()) == Handler.getExceptionDecl();
}

} // namespace

/// Handlers are taken in order: each cancellation is analysed in the first one that catches it.
void SwallowedCancellationCheck::checkTry(const CXXTryStmt &Try,
                                          ArrayRef<const Cancellation *> Kinds,
                                          ArrayRef<const Cancellation *> Declared,
                                          const ParentMap &Parents, const Stmt &Body,
                                          ASTContext &Context) {
  // A test's assertion macro (`CHECK_THROWS_AS(co_await op(), cancelled)`) catches what it
  // expects: the macro's try and handlers are its business.
  if (Try.getTryLoc().isMacroID())
    return;
  SmallVector<bool, 4> Taken(Kinds.size(), false);
  // A cancellation that persists is raised again where the coroutine suspends next: a kind
  // cancelled through objects (Asio, Cobalt) at any co_await, since a cancelled coroutine
  // throws there; a kind raised by its sources (Seastar's abort_source, queue and gate,
  // cppcoro's token) at an await that involves one, since a source stays aborted, closed or
  // cancelled: a worker whose next suspension pops from a queue takes its own stop there, and
  // what a job threw is the job's failure. A handler that carries on then keeps the coroutine
  // running only where that raise is caught again by itself (a retry loop spins) or by a
  // handler that carries on too, or where the coroutine was not cancelled at all: other code
  // cancelled or closed an object the try block awaits an operation on (the operation
  // completes with the cancellation), or the coroutine turned the throw off.
  std::optional<bool> ObjectsCancelled;
  auto OnlyTheOperationCancelled = [&]() {
    if (!ObjectsCancelled) {
      ObjectsCancelled = utils::turnsOffThrowIfCancelled(Body);
      utils::forEachStatement(*Try.getTryBlock(), [&](const Stmt &S) {
        const auto *Await = dyn_cast<CoawaitExpr>(&S);
        *ObjectsCancelled = *ObjectsCancelled ||
                            (Await && utils::cancelledByOthers(*Await, [&](const Expr &Object) {
                               return CancelledByCode.contains(Object, Body, Context);
                             }));
      });
    }
    return *ObjectsCancelled;
  };
  auto EndsAt = [&](const Cancellation &C, const Expr &Next, const CXXCatchStmt &Handler) {
    const CXXCatchStmt *Again = handlerAround(Next, *C.Kind, C.Classes, Parents);
    auto IsType = [&](QualType T) { return C.isType(T); };
    auto IsValue = [&](const ValueDecl &V) { return C.isValue(V); };
    utils::CancellationModel Model{IsType, IsValue};
    return !Again || (Again != &Handler && endsCoroutine(*Again, Model, C.Kind->PropagatingYields,
                                                         Parents, Body));
  };
  auto EndsWhereRaisedAgain = [&](const Cancellation &C, const Expr &Next,
                                  const CXXCatchStmt &Handler) {
    if (C.Kind->CancelledThroughObject)
      return !OnlyTheOperationCancelled() && EndsAt(C, Next, Handler);
    return !C.Kind->RaisedBy.empty() &&
           llvm::any_of(Declared, [&](const Cancellation *Source) {
             return !Source->Kind->RaisedBy.empty() &&
                    Sources.raisedDirectlyBy(Next, *Source->Kind) &&
                    EndsAt(*Source, Next, Handler);
           });
  };
  for (unsigned I = 0; I < Try.getNumHandlers(); ++I) {
    const CXXCatchStmt *Handler = Try.getHandler(I);
    bool Deferred = utils::savesAndHandsOn(*Handler, Body);
    Finding Worst;
    for (size_t K = 0; K < Kinds.size(); ++K) {
      Catches How = Taken[K] ? Catches::No : classify(*Handler, *Kinds[K]->Kind, Kinds[K]->Classes);
      if (How == Catches::No)
        continue;
      Taken[K] = true;
      if (Deferred)
        continue;
      const Cancellation &C = *Kinds[K];
      auto IsType = [&](QualType T) { return C.isType(T); };
      auto IsValue = [&](const ValueDecl &V) { return C.isValue(V); };
      utils::CancellationModel Model{IsType, IsValue};
      // `e.code()` of the caught exception, for a kind that says which code it carries: `if
      // (e.code() == asio::error::eof)` does not hold on the cancelled path.
      auto IsCaughtCode = [&](const Expr &E) { return isCodeOf(E, *Handler); };
      if (!C.Kind->ErrorCodeValues.empty() && Handler->getExceptionDecl())
        Model.IsCancellationCode = IsCaughtCode;
      Finding F{Outcome::Propagates, Handler, &C, How, nullptr, QualType(), true};
      for (const utils::HandlerExitPoint &Exit : utils::exitsWithoutPropagating(*Handler, Model)) {
        F.OnlyFallsThrough &= Exit.Kind == HandlerExit::FallThrough;
        const Expr *Next = nullptr;
        Outcome Result = Outcome::Replaced;
        if (Exit.Kind != HandlerExit::Replaced && Exit.Kind != HandlerExit::Return)
          Next = utils::nextSuspension(Exit.Kind == HandlerExit::FallThrough ? Try : *Exit.At,
                                       Exit.Kind, Parents, Body);
        // `co_yield co_error(e)` after the handler ends the coroutine with what it caught.
        if (Next && utils::isPropagatingYield(*Next, C.Kind->PropagatingYields))
          continue;
        if (Next && EndsWhereRaisedAgain(C, *Next, *Handler))
          continue; // the cancellation is raised again at Next, and ends the coroutine
        if (Exit.Kind != HandlerExit::Replaced)
          Result = Next ? Outcome::KeepsRunning : Outcome::NormalEnd;
        // Where ending normally is fine, ending with a default is not: `catch (const
        // operation_cancelled&) { co_return std::nullopt; }` hands the awaiter a result (0,
        // "not found") it cannot tell from a real one. Only a handler that names the
        // cancellation says so: a catch-all returning a fallback is error handling first.
        // Where nothing waits for the coroutine to end cancelled, a value that names the
        // cancellation hands it to the awaiter (YACLib: `co_return StepDown::Stopped;`).
        if (Result == Outcome::NormalEnd && C.Kind->ReportedByValue &&
            Exit.Kind == HandlerExit::Return && utils::returnsCancellationName(*Exit.At))
          continue;
        if (Result == Outcome::NormalEnd && C.Kind->NormalEndOk && How == Catches::Exact &&
            Exit.Kind == HandlerExit::Return &&
            utils::returnsFallback(*Exit.At, *Handler->getHandlerBlock(),
                                   Handler->getExceptionDecl(), Body, Context))
          Result = Outcome::ReturnsValue;
        // Where ending normally is fine, awaiting cleanup on the way out (cppcoro's
        // `co_await scope.join();` after its accept loop) is part of ending: only a loop that
        // runs again keeps the coroutine running.
        if (Result == Outcome::KeepsRunning && C.Kind->NormalEndOk &&
            !runsLoopAgain(Exit, Try, *Handler, Model, Parents))
          Result = Outcome::NormalEnd;
        if ((Result == Outcome::NormalEnd && C.Kind->NormalEndOk) || Result <= F.Result)
          continue;
        std::tie(F.Result, F.Next, F.Thrown) = std::make_tuple(Result, Next, Exit.Thrown);
      }
      if (F.Result > Worst.Result)
        Worst = F;
    }
    if (Worst.Result != Outcome::Propagates && Reported.insert(Handler->getCatchLoc()).second)
      report(Worst, Context);
  }
}

void SwallowedCancellationCheck::report(const Finding &F, ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  const CXXCatchStmt &Handler = *F.Handler;
  PrintingPolicy Policy = utils::messagePolicy(Context);
  std::string Caught = F.How == Catches::All
                           ? "catch-all handler"
                           : "handler of '" + Handler.getCaughtType().getAsString(Policy) + "'";
  static constexpr const char *Consequence[] = {
      "", "the cancellation ends as a normal return",
      "the coroutine returns a fallback value as if it had not been cancelled",
      "it throws '%2' instead, which callers do not recognise as a cancellation",
      "the coroutine keeps running after it is cancelled"};
  {
    const VarDecl *Declared = Handler.getExceptionDecl();
    SourceRange Header(Handler.getCatchLoc(),
                       Declared ? Declared->getEndLoc() : Handler.getCatchLoc());
    // A handler of one of the kind's own types swallows that type; a broader one, the kind.
    const CXXRecordDecl *Exact = F.How == Catches::Exact
                                     ? Handler.getCaughtType().getNonReferenceType()
                                           ->getAsCXXRecordDecl()
                                     : nullptr;
    auto Diag = diag(Handler.getCatchLoc(),
                     (Twine("%0 swallows '%1': ") + Consequence[static_cast<int>(F.Result)]).str())
                << Caught << (Exact ? F.Kind->nameOf(*Exact) : F.Kind->Spelling)
                << (F.Thrown.isNull() ? "" : F.Thrown.getUnqualifiedType().getAsString(Policy))
                << Header;
    // Only a cancellation with a type of its own can be singled out by a handler.
    const auto *Block = cast<CompoundStmt>(Handler.getHandlerBlock());
    if (F.Kind->Kind->ErrorCodeValues.empty() && !Handler.getCatchLoc().isMacroID() &&
        !Block->getRBracLoc().isMacroID()) {
      if (F.How == Catches::Exact && F.OnlyFallsThrough) {
        StringRef Indent = indentation(Block->getRBracLoc(), SM);
        bool OwnLine = SM.getSpellingColumnNumber(Block->getRBracLoc()) == Indent.size() + 1;
        Diag << FixItHint::CreateInsertion(Block->getRBracLoc(),
                                           OwnLine ? ("  throw;\n" + Indent).str() : "throw; ");
      } else if (F.How != Catches::Exact && // a template has no spelling without arguments
                 !isa<ClassTemplateDecl>(F.Kind->FirstDecl) &&
                 SM.isBeforeInTranslationUnit(F.Kind->FirstDecl->getLocation(),
                                              Handler.getCatchLoc())) {
        std::string Indent = indentation(Handler.getCatchLoc(), SM).str();
        Diag << FixItHint::CreateInsertion(Handler.getCatchLoc(),
                                           "catch (const " + F.Kind->Spelling + "&) {\n" + Indent +
                                               "  throw;\n" + Indent + "} ");
      }
    }
  }
  if (F.Result == Outcome::KeepsRunning)
    noteContinuesAt(*F.Next);
}

/// Error codes: the code an awaited operation completes with must not reach another
/// suspension point on a path where it holds the cancellation value.
void SwallowedCancellationCheck::checkErrorCodes(const Stmt &Body,
                                                 ArrayRef<const rules::CancellationKind *> Kinds,
                                                 const ParentMap &Parents, ASTContext &Context) {
  auto Cancelled = [&](const Expr &Object) {
    return CancelledByCode.contains(Object, Body, Context);
  };
  utils::forEachUncheckedErrorCode(Body, Parents, Context, Kinds, Cancelled,
                                   [&](const utils::UncheckedErrorCode &U) {
    if (!Reported.insert(U.Loc).second)
      return;
    if (U.Query)
      diag(U.Loc, "status '%0' may report a cancellation ('%1') of an operation that other "
                  "code aborts, and %select{the coroutine keeps running after it|the coroutine "
                  "returns a fallback value as if it had not been cancelled}2")
          << U.Query->getMethodDecl()->getQualifiedNameAsString() << llvm::join(U.Values, "', '")
          << (U.Fallback != nullptr);
    else
      diag(U.Loc, "error code%select{| '%1'}0 from %select{the awaited operation|'%3'}2 is "
                  "%select{not checked for cancellation ('%4'): the coroutine keeps running "
                  "after it is cancelled|tested for cancellation ('%4'), and the coroutine "
                  "returns a fallback value as if it had not been cancelled}5")
          << (U.Code != nullptr) << (U.Code ? U.Code->getName() : "") << !U.Operation.empty()
          << U.Operation << llvm::join(U.Values, "', '") << (U.Fallback != nullptr);
    noteWhereItGoesOn(U.Next, U.Fallback);
  });
}

void SwallowedCancellationCheck::noteContinuesAt(const Expr &Next) {
  diag(Next.getBeginLoc(), "execution continues here after the cancellation",
       DiagnosticIDs::Note);
}

void SwallowedCancellationCheck::noteWhereItGoesOn(const Expr *Next, const CoreturnStmt *Fallback) {
  if (Next)
    noteContinuesAt(*Next);
  else if (Fallback)
    diag(Fallback->getBeginLoc(), "the fallback value is returned here", DiagnosticIDs::Note);
}

void SwallowedCancellationCheck::onEndOfTranslationUnit() {
  Resolved.clear();
  Reported.clear();
  CancelledByCode.clear();
  Sources.clear();
  Project.clear();
}

} // namespace clang::tidy::async
