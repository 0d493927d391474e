//===--- FanoutBounds.cpp - what bounds concurrent work started in a loop -===//

#include "FanoutBounds.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "Offloading.h"
#include "PackCalls.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

const CXXRecordDecl *recordOf(QualType Type) {
  return Type.getNonReferenceType()->getAsCXXRecordDecl();
}

/// `co_await asio::this_coro::executor` reads the executor without suspending.
bool isThisCoroQuery(const CoroutineSuspendExpr &Suspend) {
  const Expr *Operand = Suspend.getOperand();
  const CXXRecordDecl *Record = Operand ? recordOf(Operand->getType()) : nullptr;
  return Record && StringRef(packName(*Record)).contains("this_coro::");
}

} // namespace

bool isContainerInsertion(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  return Method && Method->getIdentifier() &&
         llvm::is_contained({"push_back", "emplace_back", "push_front", "emplace_front",
                             "emplace", "insert", "push"},
                            Method->getName());
}

const VarDecl *initialisedBy(const DeclStmt &Declaration, const Stmt &Init) {
  for (const Decl *D : Declaration.decls())
    if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == &Init)
      return Var;
  return nullptr;
}

LimiterSet::LimiterSet(const rules::RuleSet &Rules, ArrayRef<StringRef> ExtraTypes)
    : Rules(Rules), ExtraTypes(ExtraTypes) {}

bool LimiterSet::isAcquire(const CoroutineSuspendExpr &Suspend) const {
  const Expr *Operand = Suspend.getOperand() ? Suspend.getOperand()->IgnoreImplicit() : nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(Operand);
  return Call && isAcquireCall(*Call);
}

bool LimiterSet::isAcquireCall(const CallExpr &Call) const {
  // `co_await get_units(sem, 1)`, `with_semaphore(sem, 1, work)`: a free acquire function.
  if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl()))
    for (const CallName &Name : callNames(Call, *Callee))
      if (Rules.findLimiterAcquiredBy(Name.Name))
        return true;
  // `co_await limiter.acquire()`: a member of a limiter type.
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  const CXXRecordDecl *Record =
      Member ? recordOf(Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType())
             : nullptr;
  if (!Record || !Method || !Method->getIdentifier())
    return false;
  if (ExtraTypes.matches(*Record, nullptr, nullptr))
    return true;
  // A class of the code's own with an `acquire` member (std::counting_semaphore's and every
  // async semaphore's word), awaited: a hand-made limiter handing out permits.
  const rules::Limiter *Limiter = Rules.findLimiter(packName(*Record));
  if (!Limiter)
    return Method->getName() == "acquire" &&
           !Record->getASTContext().getSourceManager().isInSystemHeader(Record->getLocation());
  return llvm::is_contained(Limiter->Acquire, Method->getName());
}

bool LimiterSet::acquiresFirst(const FunctionDecl &Coroutine) const {
  if (!isCoroutine(&Coroutine))
    return false;
  const Stmt &Body = *userBody(Coroutine);
  const CoroutineSuspendExpr *First = nullptr;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S);
    if (!First && Suspend && !isThisCoroQuery(*Suspend) && !schedulingAwaitOf(*Suspend, Rules))
      First = Suspend;
  });
  // A unit that comes back as a guard (`co_await get_units(sem, 1)`) is released when the
  // guard is dropped; one released by hand (`co_await sem.co_wait(); ... sem.signal();`)
  // returns nothing to keep, or only a status (libcoro's `co_await sem.acquire();` gives a
  // semaphore_acquire_result enum: the unit is held until `co_await sem.release()`).
  QualType Result = First ? First->getType() : QualType();
  return First && isAcquire(*First) &&
         (Result->isVoidType() || Result->isScalarType() ||
          discardKind(*First, ParentMap(const_cast<Stmt *>(&Body))) == Discard::No);
}

const FunctionDecl *startedCoroutine(const Expr &E) {
  const Expr *Value = passedThrough(&E);
  const FunctionDecl *Function = nullptr;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
    Function = Lambda->getCallOperator();
  else if (const auto *Call = dyn_cast<CallExpr>(Value))
    Function = Call->getDirectCallee();
  if (!Function)
    return nullptr;
  const FunctionDecl *Definition = nullptr;
  Function->hasBody(Definition);
  return isCoroutine(Definition) ? Definition : nullptr;
}

const FunctionDecl *startedElsewhere(const Expr &E) {
  const auto *Call = dyn_cast<CallExpr>(passedThrough(&E));
  const FunctionDecl *Function = Call ? Call->getDirectCallee() : nullptr;
  if (!Function || Function->isDefined())
    return nullptr;
  const SourceManager &SM = Function->getASTContext().getSourceManager();
  return SM.isInSystemHeader(Function->getLocation()) ? nullptr : Function;
}

const VarDecl *resultHolder(const Expr &Call, const ParentMap &Parents) {
  const Stmt *Child = &Call;
  for (int Depth = 0; Depth < 8; ++Depth) {
    const Stmt *Parent = Parents.getParent(Child);
    if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent))
      return initialisedBy(*Declaration, *Child);
    if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Parent))
      return isContainerInsertion(*Member)
                 ? namedVariable(*Member->getImplicitObjectArgument())
                 : nullptr;
    const auto *E = dyn_cast_or_null<Expr>(Parent);
    if (!E || !(isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                    ExprWithCleanups, ParenExpr, CXXConstructExpr>(E) ||
                passedThrough(E) != E))
      return nullptr;
    Child = Parent;
  }
  return nullptr;
}

/// `if (in_flight >= limit) co_await ...`, `while (open >= max) co_await ...`: a comparison
/// that waits before the work starts.
bool isWaitingCheck(const Stmt &S) {
  const Expr *Cond = nullptr;
  const Stmt *Then = nullptr;
  if (const auto *If = dyn_cast<IfStmt>(&S))
    Cond = If->getCond(), Then = If->getThen();
  else if (const auto *While = dyn_cast<WhileStmt>(&S))
    Cond = While->getCond(), Then = While->getBody();
  if (!Cond)
    return false;
  const auto *Compare = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  const auto *Overloaded = dyn_cast<CXXOperatorCallExpr>(Cond->IgnoreParenImpCasts());
  if (!(Compare && Compare->isComparisonOp()) && !(Overloaded && Overloaded->isComparisonOp()))
    return false;
  bool Waits = false;
  forEachStatement(*Then, [&](const Stmt &Child) {
    const auto *Call = dyn_cast<CallExpr>(&Child);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    Waits |= isa<CoroutineSuspendExpr>(Child) ||
             (Callee && Callee->getIdentifier() && Callee->getName().contains_insensitive("wait"));
  });
  return Waits;
}

namespace {

/// The variable or data member a comparison operand reads: `sessions_`, `active`,
/// `in_flight.load()` (its memory order defaulted), an atomic's conversion.
const ValueDecl *countedVariable(const Expr &E) {
  const Expr *Read = E.IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Read);
      Call && llvm::all_of(Call->arguments(),
                           [](const Expr *Argument) { return isa<CXXDefaultArgExpr>(Argument); }))
    Read = Call->getImplicitObjectArgument()->IgnoreParenImpCasts(); // load(), operator int()
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Read))
    return dyn_cast<VarDecl>(Ref->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(Read))
    return dyn_cast<FieldDecl>(Member->getMemberDecl());
  return nullptr;
}

/// `sessions_[id]` on a map: an element added if it was not there.
bool insertsByKey(const CXXOperatorCallExpr &Op) {
  const CXXRecordDecl *Container = Op.getOperator() == OO_Subscript && Op.getNumArgs() == 2
                                       ? recordOf(Op.getArg(0)->getType())
                                       : nullptr;
  return Container && Container->getIdentifier() && Container->getName().ends_with("map");
}

/// `static int live;` named in the class and `int S::live = 0;` outside: one variable.
bool sameDecl(const ValueDecl *A, const ValueDecl *B) {
  return A && B && A->getCanonicalDecl() == B->getCanonicalDecl();
}

/// Whether Body counts Counter up: `++n`, `n++`, `n += k`, `n.fetch_add(k)`; or, for a
/// container, adds to it (`sessions_.insert(s)`, `try_emplace`, a map's `sessions_[id]`): its
/// size counts what it holds.
bool countsUp(const Stmt &Body, const ValueDecl &Counter) {
  bool Counts = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const Expr *Target = incrementedOperand(S);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S); !Target && Op && insertsByKey(*Op))
      Target = Op->getArg(0);
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
             !Target && Call && Call->getMethodDecl() && Call->getMethodDecl()->getIdentifier() &&
             (isContainerInsertion(*Call) ||
              llvm::is_contained({"fetch_add", "try_emplace", "insert_or_assign"},
                                 Call->getMethodDecl()->getName())))
      Target = Call->getImplicitObjectArgument();
    Counts |= Target && sameDecl(countedVariable(*Target), &Counter);
  });
  return Counts;
}

/// Whether S hands Counter by non-const reference to a constructor or function that may count
/// it (a guard: `ActiveSlot slot(m_active);` whose constructor does `++counter`).
bool handsOnToCount(const Stmt &S, const ValueDecl &Counter) {
  bool Hands = false;
  forEachMutableReferenceArgument(S, [&](const Expr &Arg) {
    Hands |= sameDecl(countedVariable(Arg), &Counter);
  });
  return Hands;
}

/// Whether Counter is counted up in Body or, for a data member (also a static one: `static
/// inline int live;`), by a member function of its class (a session that counts itself in, in
/// its constructor), directly or through a guard it is handed to.
bool countedUp(const Stmt &Body, const ValueDecl &Counter) {
  if (countsUp(Body, Counter))
    return true;
  const CXXRecordDecl *Class = nullptr;
  if (const auto *Field = dyn_cast<FieldDecl>(&Counter))
    Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  else if (const auto *Static = dyn_cast<VarDecl>(&Counter); Static && Static->isStaticDataMember())
    Class = dyn_cast<CXXRecordDecl>(Static->getDeclContext());
  bool Counted = false;
  if (Class)
    forEachMemberBody(*Class, [&](const Stmt &Member) {
      Counted = Counted || countsUp(Member, Counter) || handsOnToCount(Member, Counter);
    });
  return Counted;
}

/// The comparison a condition makes: itself, or the one a predicate of the project returns
/// (`reg.full()` whose body is `return sessions_.size() >= cap_;`), through a `!`.
const BinaryOperator *comparisonIn(const Expr &Condition) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot)
    E = Not->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E); Call && Call->getNumArgs() == 0) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const auto *Body = Method ? dyn_cast_or_null<CompoundStmt>(Method->getBody()) : nullptr;
    if (!Body || Body->size() != 1 ||
        Method->getASTContext().getSourceManager().isInSystemHeader(Method->getLocation()))
      return nullptr;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
    E = Return && Return->getRetValue() ? Return->getRetValue()->IgnoreParenImpCasts() : nullptr;
  }
  const auto *Compare = dyn_cast_or_null<BinaryOperator>(E);
  return Compare && Compare->isComparisonOp() ? Compare : nullptr;
}

} // namespace

const Expr *incrementedOperand(const Stmt &S) {
  if (const auto *Unary = dyn_cast<UnaryOperator>(&S); Unary && Unary->isIncrementOp())
    return Unary->getSubExpr();
  if (const auto *Add = dyn_cast<CompoundAssignOperator>(&S); Add && Add->getOpcode() == BO_AddAssign)
    return Add->getLHS();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
      Op && Op->getNumArgs() >= 1 && llvm::is_contained({OO_PlusPlus, OO_PlusEqual}, Op->getOperator()))
    return Op->getArg(0);
  return nullptr;
}

bool isRejectingCounterCheck(const Stmt &S, const Stmt &Body) {
  const auto *If = dyn_cast<IfStmt>(&S);
  const BinaryOperator *Compare = If ? comparisonIn(*If->getCond()) : nullptr;
  if (!Compare || !alwaysLeaves(If->getThen()))
    return false;
  return llvm::any_of(std::initializer_list<const Expr *>{Compare->getLHS(), Compare->getRHS()},
                      [&](const Expr *Side) {
                        const ValueDecl *Counter = countedVariable(*Side);
                        return Counter && countedUp(Body, *Counter);
                      });
}

/// An accept loop: the loop awaits an accept operation (`async_accept`, `aio::accept`).
bool acceptsConnections(const Stmt &Loop) {
  bool Accepts = false;
  forEachStatement(Loop, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    // accept, async_accept, Qt's waitForNewConnection and nextPendingConnection.
    StringRef Name = Callee && Callee->getIdentifier() ? Callee->getName() : "";
    Accepts |= Name.contains_insensitive("accept") ||
               Name.contains_insensitive("newconnection") ||
               Name.contains_insensitive("pendingconnection");
  });
  return Accepts;
}

namespace {

/// The variable a member call works on: `sem` in `sem.acquire()`, `permits` in
/// `permits->async_send(...)` through a smart pointer's `->`.
const VarDecl *calledObject(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object);
      Arrow && Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() == 1)
    Object = Arrow->getArg(0);
  return namedVariable(*Object);
}

/// Whether Suspend awaits a member call named like one of Awaited on an object that a lambda
/// handed to Start (its completion handler, or the work itself after its last suspension)
/// calls a member named like one of Signalled on.
bool awaitsWhatTheWorkSignals(const CoroutineSuspendExpr &Suspend, const Expr &Start,
                              ArrayRef<StringRef> Awaited, ArrayRef<StringRef> Signalled) {
  const auto *Taken = dyn_cast_or_null<CXXMemberCallExpr>(
      Suspend.getOperand() ? passedThrough(Suspend.getOperand()) : nullptr);
  if (!Taken || !nameContainsAny(Taken->getMethodDecl(), Awaited))
    return false;
  const VarDecl *Object = calledObject(*Taken);
  const auto *Call = dyn_cast<CallExpr>(&Start);
  if (!Object || !Call)
    return false;
  const SourceManager &SM = Object->getASTContext().getSourceManager();
  bool Signals = false;
  for (const Expr *Argument : Call->arguments()) {
    const auto *Lambda = dyn_cast<LambdaExpr>(passedThrough(Argument));
    if (!Lambda)
      continue;
    // A coroutine that is the work signals only after its last suspension: a permit handed
    // back before is free while the work still runs.
    SourceLocation LastSuspension, LastSignal;
    forEachStatement(*userBody(*Lambda->getCallOperator()), [&](const Stmt &S) {
      if (isa<CoroutineSuspendExpr>(S))
        LastSuspension = S.getEndLoc();
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S);
          Member && calledObject(*Member) == Object &&
          nameContainsAny(Member->getMethodDecl(), Signalled))
        LastSignal = Member->getBeginLoc();
    });
    Signals |= LastSignal.isValid() && (LastSuspension.isInvalid() ||
                                        SM.isBeforeInTranslationUnit(LastSuspension, LastSignal));
  }
  return Signals;
}

} // namespace

bool awaitsPermitTheWorkReturns(const CoroutineSuspendExpr &Suspend, const Expr &Start) {
  return awaitsWhatTheWorkSignals(Suspend, Start, {"send", "push", "acquire", "wait", "lock"},
                                  {"receive", "pop", "release", "signal", "notify", "unlock",
                                   "cancel_one"});
}

bool awaitsLatchTheWorkCountsDown(const CoroutineSuspendExpr &Suspend, const Expr &Start) {
  return awaitsWhatTheWorkSignals(Suspend, Start, {"wait", "join"},
                                  {"count_down", "arrive", "signal", "notify", "done", "release"});
}

bool mentions(const Stmt &S, const VarDecl &Var) {
  bool Found = false;
  forEachStatement(S, [&](const Stmt &Child) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&Child))
      Found |= Ref->getDecl() == &Var;
  });
  return Found;
}

} // namespace clang::tidy::async::utils
