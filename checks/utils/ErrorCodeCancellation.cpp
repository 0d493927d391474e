//===--- ErrorCodeCancellation.cpp - cancellation delivered as an error code ===//

#include "ErrorCodeCancellation.h"
#include "CancellationPaths.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "FallbackValues.h"
#include "LoopBounds.h"
#include "PackCalls.h"
#include "UserCodeVisitor.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/SaveAndRestore.h"

namespace clang::tidy::async::utils {
namespace {

const Expr *firstOf(std::initializer_list<const Stmt *> Statements) {
  for (const Stmt *S : Statements)
    if (const Expr *Found = S ? firstSuspension(*S) : nullptr)
      return Found;
  return nullptr;
}

/// The error code type a result is or holds: the type itself, or a type argument of a template
/// specialisation (`std::tuple<std::error_code, std::size_t>`, `expected<T, io_status>`).
QualType heldCodeType(QualType Type, llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  Type = Type.getNonReferenceType();
  if (IsErrorCodeType(Type))
    return Type;
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (!Spec)
    return {};
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    for (const TemplateArgument &Each :
         Arg.getKind() == TemplateArgument::Pack ? Arg.pack_elements() : ArrayRef(Arg))
      if (Each.getKind() == TemplateArgument::Type && IsErrorCodeType(Each.getAsType()))
        return Each.getAsType();
  return {};
}

bool holdsErrorCode(QualType Type, llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  return !heldCodeType(Type, IsErrorCodeType).isNull();
}

/// The values of Kind that a code of CodeType can hold (`io_status::kind::cancelled` for an
/// io_status); all of them when none is named under the type.
std::vector<std::string> valuesOf(const async_lint::rules::CancellationKind &Kind,
                                  QualType CodeType) {
  const TagDecl *Type = CodeType.isNull() ? nullptr : CodeType->getAsTagDecl();
  std::string Prefix = Type ? packName(*Type) + "::" : "";
  std::vector<std::string> Values;
  for (const std::string &Value : Kind.ErrorCodeValues)
    if (!Prefix.empty() && StringRef(Value).starts_with(Prefix))
      Values.push_back(Value);
  return Values.empty() ? Kind.ErrorCodeValues : Values;
}

/// The operation an awaited operand calls: the call itself, or the one operation a wrapper
/// is called on (`cobalt::as_tuple(channel.read())`: `channel.read()`).
const CallExpr *awaitedOperation(const Expr &Operand) {
  const auto *Call = dyn_cast<CallExpr>(Operand.IgnoreImplicit());
  while (Call && !isa<CXXMemberCallExpr>(Call) && Call->getNumArgs() == 1)
    if (const auto *Inner = dyn_cast<CXXMemberCallExpr>(Call->getArg(0)->IgnoreImplicit()))
      Call = Inner;
    else
      break;
  return Call;
}

/// `expected<Connection, io_status>` (std::expected, tl::expected, libcoro's coro::expected): a
/// class template specialisation with an error-code argument, a has_value member and an error
/// member; it holds a value or the code.
bool isExpectedOf(QualType Type, llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->hasDefinition() || !holdsErrorCode(Type.getNonReferenceType(), IsErrorCodeType))
    return false;
  auto HasMember = [&](StringRef Name) {
    return llvm::any_of(Spec->getDefinition()->decls(), [&](const Decl *D) {
      const auto *Named = dyn_cast<NamedDecl>(D);
      return Named && Named->getIdentifier() && Named->getName() == Name;
    });
  };
  return HasMember("has_value") && HasMember("error");
}

/// An error-code variable passed by non-const reference to a call in the awaited operand,
/// which the operation sets on completion (`redirect_error(use_awaitable, ec)`).
const DeclRefExpr *codeOutArgument(const Expr &Operand,
                                   llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  const DeclRefExpr *Found = nullptr;
  forEachMutableReferenceArgument(Operand, [&](const Expr &Arg) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Arg.IgnoreParenImpCasts());
    if (!Found && Ref && isa<VarDecl>(Ref->getDecl()) && IsErrorCodeType(Ref->getType()))
      Found = Ref;
  });
  return Found;
}

/// `const auto error = reply->error();`: the local a status read initialises, or null.
const VarDecl *statusHolder(const Expr &Read, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(Read);
  for (;;) {
    auto Parents = Context.getParents(Node);
    if (Parents.empty())
      return nullptr;
    if (const auto *Var = Parents[0].get<VarDecl>())
      return Var;
    const auto *Up = Parents[0].get<Expr>();
    if (!isa_and_nonnull<ImplicitCastExpr, ExprWithCleanups, ParenExpr>(Up))
      return nullptr;
    Node = Parents[0];
  }
}

/// Whether E reads the status Query reads: the same member function, called on the same named
/// object (or on any object where either is not a plain name).
bool readsSameStatus(const Expr &E, const CXXMemberCallExpr &Query) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E.IgnoreParenImpCasts());
  if (!Call || !Call->getMethodDecl() ||
      Call->getMethodDecl()->getCanonicalDecl() != Query.getMethodDecl()->getCanonicalDecl())
    return false;
  const ValueDecl *Object = namedObject(Call->getImplicitObjectArgument());
  const ValueDecl *Queried = namedObject(Query.getImplicitObjectArgument());
  return !Object || !Queried || Object == Queried;
}

llvm::SmallDenseMap<const ValueDecl *, bool, 4> flagsSetWhereCancelled(const Expr &Object,
                                                                       const Stmt &Own);

/// Follows the paths on which an error code holds the cancellation value, from the statement
/// that set it, to the first suspension point one of them reaches.
class CancelledCodeFlow {
public:
  /// IsSibling: whether an expression is another result of the same operation (the byte
  /// count or socket bound next to the code).
  /// Context: where assertion macros are read; null when the code has no name to assert on.
  /// RetriesIn: report only a path that loops back to Start (HeldCode::OnlyRetriesIn).
  /// WayOutEnds: suspension points outside every loop around Start do not count
  /// (HeldCode::NormalEndOk).
  CancelledCodeFlow(const CancellationModel &Model, const ParentMap &Parents, const Stmt &Body,
                    llvm::function_ref<bool(const Expr &)> IsSibling, const ASTContext *Context,
                    ASTContext *RetriesIn = nullptr, bool WayOutEnds = false)
      : Model(Model), Parents(Parents), Body(Body), IsSibling(IsSibling), Context(Context),
        RetriesIn(RetriesIn), WayOutEnds(WayOutEnds) {}

  /// Looks for a co_return of a fallback value (FallbackValues.h) on a path that took a test
  /// which holds only on the cancelled path, instead of a suspension point: Tested is the code
  /// or result tested (null when it has no name).
  void findFallbacks(const ASTContext &Context, const ValueDecl *Code) {
    FallbacksIn = &Context;
    Tested = Code;
  }
  const CoreturnStmt *fallback() const { return Fallback; }

  /// The object the operation works on (`idle_` in `idle_.async_wait(...)`): the flags that
  /// the member functions which cancel it set as they do (`closed_ = true; idle_.cancel();`)
  /// hold those values on the cancelled path. Read only when a test of a flag asks.
  void setCancelledObject(const Expr *Object) { CancelledObject = Object; }

  const Expr *from(const Expr &Start) {
    Operation = &Start;
    if (WayOutEnds)
      for (const Stmt *Up = Parents.getParent(&Start); Up && Up != &Body; Up = Parents.getParent(Up))
        if (isLoop(*Up))
          OutermostLoop = Up;
    Work.push_back({&Start, HandlerExit::FallThrough, FlagValues()});
    while (!Work.empty() && !Found)
      climb(Work.pop_back_val());
    return Found;
  }

private:
  /// Boolean locals the path has set to a literal (`closed = true;`), which decide a later
  /// `if (closed) break;` or `while (!closed)`; forgotten where paths with other values merge.
  using FlagValues = llvm::SmallDenseMap<const ValueDecl *, bool, 4>;

  struct Position {
    const Stmt *After; ///< the statement control leaves
    HandlerExit How;   ///< FallThrough, Break or Continue
    FlagValues Flags;  ///< the flags set on the way
  };

  /// Runs S from its start. Returns whether control can complete it; records the jumps that
  /// leave it and the first suspension point it reaches.
  bool visit(const Stmt *S) {
    if (!S || Found)
      return !Found;
    if (Context)
      if (std::optional<bool> Holds = assertedOnCancelledPath(*S, Model, Context->getSourceManager(),
                                                              Context->getLangOpts()))
        return *Holds; // a failed `REQUIRE(client)` leaves the coroutine
    if (const auto *Compound = dyn_cast<CompoundStmt>(S))
      return llvm::all_of(Compound->body(), [&](const Stmt *Child) { return visit(Child); });
    if (const auto *If = dyn_cast<IfStmt>(S))
      return visit(If->getInit()) && visitBranches(*If);
    if (isLoop(*S))
      return visitLoop(*S);
    if (const auto *Switch = dyn_cast<SwitchStmt>(S)) {
      if (!visit(Switch->getInit()) || reached(firstOf({Switch->getCond()})))
        return false;
      ++BreakTargets;
      bool Completes = visitSwitchBody(*Switch);
      --BreakTargets;
      return Completes;
    }
    if (const auto *Case = dyn_cast<SwitchCase>(S))
      return visit(Case->getSubStmt());
    if (isa<BreakStmt>(S))
      return jump(BreakTargets, HandlerExit::Break, S);
    if (isa<ContinueStmt>(S))
      return jump(ContinueTargets, HandlerExit::Continue, S);
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      bool Completes = visit(Try->getTryBlock());
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Completes |= visit(Try->getHandler(I)->getHandlerBlock());
      Flags.clear();
      return Completes;
    }
    if (const auto *Label = dyn_cast<LabelStmt>(S))
      return visit(Label->getSubStmt());
    if (const auto *Attributed = dyn_cast<AttributedStmt>(S))
      return visit(Attributed->getSubStmt());
    if (readsHeldValue(*S, Model))
      return false; // `r.value()` rethrows the cancellation the result holds
    recordFlags(*S);
    if (const Expr *Next = firstSuspension(*S)) {
      if (endsCoroutine(*Next) || endsAfterwards(*S))
        return false;
      if (reached(Next))
        return false;
    }
    if (const auto *Return = dyn_cast<CoreturnStmt>(S);
        Return && FallbacksIn && ExactBranch && !Fallback &&
        returnsFallback(*Return, *ExactBranch, Tested, Body, *FallbacksIn))
      Fallback = Return;
    if (isa<CoreturnStmt, ReturnStmt>(S))
      return false;
    if (const auto *E = dyn_cast<Expr>(S); E && isa<CXXThrowExpr>(E->IgnoreImplicit()))
      return false;
    return !callsNoReturn(*S);
  }

  /// `switch (status.type) { case kind::cancelled: co_return; ... }`: on a switch over the code,
  /// control enters at the case of a cancellation value, else at `default:`, else skips the
  /// body; over anything else, at any case. Returns whether control can leave the switch at its
  /// end or by a break.
  bool visitSwitchBody(const SwitchStmt &Switch) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Switch.getBody());
    if (!Body) {
      visit(Switch.getBody());
      return true;
    }
    auto Children = Body->body();
    if (!Switch.getCond() || !isCodeItself(*Switch.getCond())) {
      bool Leaves = false;
      for (auto Entry = Children.begin(); Entry != Children.end() && !Found; ++Entry)
        if (isa<SwitchCase>(*Entry))
          Leaves |= runFrom(Entry, Children.end());
      Flags.clear();
      return Leaves;
    }
    auto Entry = llvm::find_if(Children, [&](const Stmt *Child) {
      return isa<CaseStmt>(Child) && casesCancellation(*cast<CaseStmt>(Child));
    });
    // A status's cancelled case written out is its handling, whatever it does.
    if (Entry != Children.end() && RetriesIn)
      return false;
    if (Entry == Children.end())
      Entry = llvm::find_if(Children, [](const Stmt *Child) { return isa<DefaultStmt>(Child); });
    return runFrom(Entry, Children.end());
  }

  /// Runs a switch body's statements from a case label on (falling through the labels that
  /// follow): whether control leaves the switch at its end or by a break of this switch.
  template <class It> bool runFrom(It Entry, It End) {
    unsigned Level = BreakTargets;
    for (; Entry != End; ++Entry) {
      BrokeAt = 0;
      if (!visit(*Entry))
        return BrokeAt == Level; // co_return, throw or continue end the path here
    }
    return true;
  }

  /// `status`, `status.type`, `client.error().type`: the code, or a part of it.
  bool isCodeItself(const Expr &E) const {
    const Expr *Current = E.IgnoreParenImpCasts();
    for (;;) {
      if (Model.IsCancellationCode(*Current))
        return true;
      if (const auto *Member = dyn_cast<MemberExpr>(Current))
        Current = Member->getBase()->IgnoreParenImpCasts();
      else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Current);
               Call && Call->getImplicitObjectArgument())
        Current = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
      else
        return false;
    }
  }

  /// `case kind::cancelled:` (also one of several labels on the same statements).
  bool casesCancellation(const CaseStmt &Case) const {
    for (const Stmt *S = &Case; const auto *Label = dyn_cast_or_null<CaseStmt>(S);
         S = Label->getSubStmt()) {
      const auto *Ref = dyn_cast<DeclRefExpr>(Label->getLHS()->IgnoreImplicit());
      if (Ref && Model.IsCancellationValue(*Ref->getDecl()))
        return true;
    }
    return false;
  }

  /// The condition and the branch (or branches) of an if whose init has run.
  bool visitBranches(const IfStmt &If) {
    if (reached(firstOf({If.getConditionVariableDeclStmt(), If.getCond()})))
      return false;
    if (std::optional<bool> Cancelled =
            If.getCond() ? impliedByCancellation(*If.getCond(), Model) : std::nullopt) {
      llvm::SaveAndRestore Exact(ExactBranch, *Cancelled && exactlyCancelled(*If.getCond())
                                                  ? If.getThen()
                                                  : ExactBranch);
      return visit(*Cancelled ? If.getThen() : If.getElse());
    }
    if (std::optional<bool> Set = If.getCond() ? flagValue(*If.getCond()) : std::nullopt)
      return visit(*Set ? If.getThen() : If.getElse());
    // `if (nread == 0) break;`: a test of the operation's other result that leaves on one side
    // is how the author handles its failure (a failed read transfers nothing, a failed accept
    // leaves the socket closed): the cancellation takes the leaving side.
    if (If.getCond() && mentions(*If.getCond(), IsSibling) &&
        alwaysLeaves(If.getThen()) != alwaysLeaves(If.getElse()))
      return visit(alwaysLeaves(If.getThen()) ? If.getThen() : If.getElse());
    FlagValues Before = Flags;
    bool Then = visit(If.getThen());
    FlagValues AfterThen = std::exchange(Flags, std::move(Before));
    bool Else = visit(If.getElse());
    if (Then && Else) { // what both branches set alike
      SmallVector<const ValueDecl *, 4> Differ;
      for (const auto &[Flag, Value] : Flags)
        if (auto It = AfterThen.find(Flag); It == AfterThen.end() || It->second != Value)
          Differ.push_back(Flag);
      for (const ValueDecl *Flag : Differ)
        Flags.erase(Flag);
    } else if (Then) {
      Flags = std::move(AfterThen);
    }
    return Then || Else;
  }

  /// `closed = true;`, `bool done = false;`: a flag set to a literal; any other assignment
  /// forgets it.
  void recordFlags(const Stmt &S) {
    forEachStatement(S, [&](const Stmt &Child) {
      if (auto Set = flagAssignment(Child))
        Flags[Set->first] = Set->second;
      else if (const auto *Assign = dyn_cast<BinaryOperator>(&Child);
               Assign && Assign->isAssignmentOp())
        if (const ValueDecl *Flag = flagVariable(*Assign->getLHS()))
          Flags.erase(Flag);
    });
    if (const auto *Decl = dyn_cast<DeclStmt>(&S))
      for (const class Decl *Each : Decl->decls())
        if (const auto *Var = dyn_cast<VarDecl>(Each); Var && Var->getType()->isBooleanType()) {
          const auto *Value =
              Var->getInit() ? dyn_cast<CXXBoolLiteralExpr>(Var->getInit()->IgnoreParenImpCasts())
                             : nullptr;
          if (Value)
            Flags[Var] = Value->getValue();
          else
            Flags.erase(Var);
        }
  }

  /// A condition that holds only on the cancelled path, not on another failure: a comparison
  /// with a cancellation value (`ec == asio::error::operation_aborted`), the emptiness of an
  /// optional that only a stop leaves empty (`!quote`), a test for the cancellation's type
  /// (`t.hasException<folly::OperationCancelled>()`); `if (ec)` and `t.hasException()` are not.
  bool exactlyCancelled(const Expr &Condition) const {
    const Expr *E = Condition.IgnoreImplicit()->IgnoreParenImpCasts();
    if (impliedByCancellation(*E, Model) != true)
      return false;
    if (const auto *Binary = dyn_cast<BinaryOperator>(E); Binary && Binary->isLogicalOp()) {
      bool L = exactlyCancelled(*Binary->getLHS()), R = exactlyCancelled(*Binary->getRHS());
      return Binary->getOpcode() == BO_LAnd ? L || R : L && R;
    }
    if (Model.Form == CodeForm::EmptyOptional)
      return true;
    if (const auto *Test = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *Method = Test->getMethodDecl();
      const TemplateArgumentList *Arguments =
          Method ? Method->getTemplateSpecializationArgs() : nullptr;
      return Model.Form == CodeForm::HeldError && Method && Method->getIdentifier() &&
             isHeldErrorTest(Method->getName()) && Arguments && Arguments->size() == 1;
    }
    // Implied by the cancellation, an equality compares with its value.
    return comparisonOpcode(*E) == BO_EQ;
  }

  /// A condition on a flag the path has set, or that the code which cancels the operation's
  /// object sets: `closed`, `!closed`.
  std::optional<bool> flagValue(const Expr &Condition) const {
    return flagCondition(Condition, [&](const ValueDecl &Flag) -> std::optional<bool> {
      auto It = Flags.find(&Flag);
      if (It != Flags.end())
        return It->second;
      if (!ShutdownFlags)
        ShutdownFlags = CancelledObject ? flagsSetWhereCancelled(*CancelledObject, Body)
                                        : FlagValues();
      It = ShutdownFlags->find(&Flag);
      return It == ShutdownFlags->end() ? std::nullopt : std::optional<bool>(It->second);
    });
  }

  /// A stop or propagating yield (Model.EndsCoroutine).
  bool endsCoroutine(const Expr &Suspension) const {
    return Model.EndsCoroutine && Model.EndsCoroutine(Suspension);
  }

  /// `if (!message) { co_await flush(batch); co_await just_stopped(); }`: whether the
  /// statements that certainly follow S, before a loop around it can run again, end the
  /// coroutine (a stop or propagating yield, a throw, a [[noreturn]] call; a co_return where a
  /// normal end is fine). A suspension on such a path is cleanup on the way out.
  bool endsAfterwards(const Stmt &S) const {
    for (const Stmt *Child = &S, *Parent = Parents.getParent(&S); Parent && Child != &Body;
         Child = Parent, Parent = Parents.getParent(Parent)) {
      if (const auto *If = dyn_cast<IfStmt>(Parent);
          (If && (Child == If->getThen() || Child == If->getElse())) ||
          isa<AttributedStmt, LabelStmt>(Parent))
        continue;
      const auto *Compound = dyn_cast<CompoundStmt>(Parent);
      if (!Compound)
        return false; // a loop may run again, a switch or try block may be left by a jump
      auto After = std::next(llvm::find(Compound->body(), Child));
      for (const Stmt *Next : llvm::make_range(After, Compound->body_end())) {
        // Only a statement that runs whole: an if's branch may not.
        const auto *E = dyn_cast<Expr>(Next);
        const Expr *Suspension = E ? firstSuspension(*E) : nullptr;
        if ((Suspension && endsCoroutine(*Suspension)) ||
            (E && (isa<CXXThrowExpr>(E->IgnoreImplicit()) || callsNoReturn(*E))) ||
            (WayOutEnds && isa<CoreturnStmt>(Next)))
          return true;
        if (mayJump(*Next))
          return false;
      }
    }
    return false;
  }

  /// Whether S holds a break, continue, return, co_return or goto.
  static bool mayJump(const Stmt &S) {
    bool Jumps = false;
    forEachStatement(S, [&](const Stmt &Child) {
      Jumps |= isa<BreakStmt, ContinueStmt, ReturnStmt, CoreturnStmt, GotoStmt>(Child);
    });
    return Jumps;
  }

  static bool mentions(const Stmt &S, llvm::function_ref<bool(const Expr &)> Matches) {
    bool Found = false;
    forEachStatement(S, [&](const Stmt &Child) {
      if (const auto *E = dyn_cast<Expr>(&Child))
        Found |= Matches(*E);
    });
    return Found;
  }

  /// A loop run from its start inside a visited statement: its own break and continue
  /// statements stay inside it, and it may end.
  bool visitLoop(const Stmt &Loop) {
    if (const auto *For = dyn_cast<ForStmt>(&Loop); For && !visit(For->getInit()))
      return false;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop);
        Range && reached(firstOf({Range->getInit(), Range->getRangeInit()})))
      return false;
    if (!isa<DoStmt>(Loop) && reached(firstOf({condition(Loop)})))
      return false;
    if (endsWhenCancelled(Loop))
      return true;
    ++BreakTargets, ++ContinueTargets;
    visit(loopBody(Loop));
    --BreakTargets, --ContinueTargets;
    Flags.clear(); // the loop ran any number of times
    if (const auto *For = dyn_cast<ForStmt>(&Loop); For && !Found)
      reached(firstOf({For->getInc()}));
    if (const auto *Do = dyn_cast<DoStmt>(&Loop); Do && !Found)
      reached(firstOf({Do->getCond()}));
    return true;
  }

  /// Control leaves Loop's body (its end or a continue): the next iteration begins, once per
  /// loop; what it reaches from there does not change on later iterations. A path whose flags
  /// end the loop (`while (!closed)` after `closed = true;`) leaves it without counting.
  void iterate(const Stmt &Loop) {
    if (Iterated.contains(&Loop))
      return;
    if (const auto *For = dyn_cast<ForStmt>(&Loop); For && reached(firstOf({For->getInc()})))
      return;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop);
        Range && reached(firstOf({Range->getInc()})))
      return;
    if (reached(firstOf({condition(Loop)})))
      return;
    Work.push_back({&Loop, HandlerExit::FallThrough, Flags}); // the loop may end
    if (endsWhenCancelled(Loop))
      return;
    Iterated.insert(&Loop);
    if (RetriesIn && retriesOperation(Loop)) {
      Found = FirstReached ? FirstReached : Operation;
      return;
    }
    Flags.clear(); // from here on, a later iteration
    ++BreakTargets, ++ContinueTargets;
    visit(loopBody(Loop));
    --BreakTargets, --ContinueTargets;
  }

  /// A suspension point the flow reaches: the answer, unless only retries count, which go on
  /// past it (remembering the first). Returns whether the flow stops there.
  bool reached(const Expr *Suspension) {
    // Where a normal end is fine, a suspension outside every loop around the operation (all
    // of them when there is none) is cleanup on the way out, as after a catch handler.
    if (!Suspension || (WayOutEnds && (!OutermostLoop || !isInside(*Suspension, *OutermostLoop))))
      return false;
    if (FallbacksIn)
      return true; // the coroutine goes on: what it returns later may be the work's
    if (!RetriesIn) {
      Found = Suspension;
      return true;
    }
    if (!FirstReached)
      FirstReached = Suspension;
    return false;
  }

  bool isInside(const Stmt &S, const Stmt &Ancestor) const {
    const Stmt *Up = &S;
    while (Up && Up != &Ancestor)
      Up = Parents.getParent(Up);
    return Up != nullptr;
  }

  /// Loop encloses the operation and has no counted end (`while (true)`, `while (running)`,
  /// `while (!jobs.empty())`), nor a condition that asks the operation's object (`while (!sem.is_shutdown())`): a new
  /// iteration retries the operation, which completes at once with the cancelled status.
  bool retriesOperation(const Stmt &Loop) const {
    if (!isInside(*Operation, Loop))
      return false;
    LoopTrip::Kind Trip = analyzeTrip(Loop, *RetriesIn).K;
    if (Trip != LoopTrip::Kind::While && Trip != LoopTrip::Kind::UntilStopped &&
        Trip != LoopTrip::Kind::UntilEmpty)
      return false;
    const Expr *Cond = condition(Loop);
    const Decl *Object = operationObjectDecl();
    return !(Cond && Object && mentions(*Cond, [&](const Expr &E) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&E);
      const auto *Member = dyn_cast<MemberExpr>(&E);
      return (Ref && Ref->getDecl() == Object) || (Member && Member->getMemberDecl() == Object);
    }));
  }

  /// The variable or member the operation is called on (`sem` in `co_await sem.acquire()`).
  const Decl *operationObjectDecl() const {
    const auto *Await = dyn_cast<CoawaitExpr>(Operation);
    const auto *Call =
        Await ? dyn_cast<CXXMemberCallExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
    const Expr *Object =
        Call ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts() : nullptr;
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
      return Ref->getDecl();
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(Object))
      return Member->getMemberDecl();
    return nullptr;
  }

  bool endsWhenCancelled(const Stmt &Loop) {
    const Expr *Cond = condition(Loop);
    return Cond && (impliedByCancellation(*Cond, Model) == false || flagValue(*Cond) == false);
  }
  static const Expr *condition(const Stmt &Loop) {
    if (const auto *For = dyn_cast<ForStmt>(&Loop))
      return For->getCond();
    if (const auto *While = dyn_cast<WhileStmt>(&Loop))
      return While->getCond();
    if (const auto *Do = dyn_cast<DoStmt>(&Loop))
      return Do->getCond();
    return nullptr;
  }

  bool jump(unsigned Targets, HandlerExit How, const Stmt *S) {
    if (Targets == 0)
      Work.push_back({S, How, Flags});
    else if (How == HandlerExit::Break)
      BrokeAt = Targets; // the switch or loop this break leaves, by nesting level
    return false;
  }

  /// Continues after P.After through its enclosing statements, up to the coroutine's end.
  void climb(Position P) {
    Flags = std::move(P.Flags);
    const Stmt *Current = P.After;
    HandlerExit How = P.How;
    unsigned SavedBreaks = std::exchange(BreakTargets, 0);
    unsigned SavedContinues = std::exchange(ContinueTargets, 0);
    while (Current != &Body && !Found) {
      const Stmt *Parent = Parents.getParent(Current);
      if (!Parent)
        break;
      if (How == HandlerExit::Break && (isLoop(*Parent) || isa<SwitchStmt>(Parent))) {
        How = HandlerExit::FallThrough;
      } else if ((How == HandlerExit::Continue && isLoop(*Parent)) ||
                 (How == HandlerExit::FallThrough && isLoop(*Parent) &&
                  Current == loopBody(*Parent))) {
        iterate(*Parent);
        break;
      } else if (How == HandlerExit::FallThrough) {
        const auto *If = dyn_cast<IfStmt>(Parent);
        bool Continues = true;
        if (const auto *Compound = dyn_cast<CompoundStmt>(Parent))
          for (const auto *After = llvm::find(Compound->body(), Current);
               Continues && After != Compound->body_end() && ++After != Compound->body_end();)
            Continues = visit(*After);
        else if (If && Current == If->getInit())
          Continues = visitBranches(*If);
        else if (If && (Current == If->getCond() || Current == If->getConditionVariableDeclStmt()))
          Continues = visit(impliedByCancellation(*If->getCond(), Model).value_or(true)
                                ? If->getThen()
                                : If->getElse());
        if (!Continues)
          break;
      }
      Current = Parent;
    }
    BreakTargets = SavedBreaks;
    ContinueTargets = SavedContinues;
  }

  const CancellationModel &Model;
  const ParentMap &Parents;
  const Stmt &Body;
  llvm::function_ref<bool(const Expr &)> IsSibling;
  const ASTContext *Context;
  ASTContext *RetriesIn;
  bool WayOutEnds;
  const Stmt *OutermostLoop = nullptr; ///< WayOutEnds: the outermost loop around Operation
  const Expr *Operation = nullptr;    ///< where the code was set
  const Expr *FirstReached = nullptr; ///< only retries count: the first suspension point seen
  SmallVector<Position, 8> Work;
  llvm::SmallPtrSet<const Stmt *, 4> Iterated;
  const Expr *Found = nullptr;
  unsigned BreakTargets = 0, ContinueTargets = 0;
  unsigned BrokeAt = 0; ///< the BreakTargets level of the last break taken inside the flow
  FlagValues Flags;
  const Expr *CancelledObject = nullptr;
  mutable std::optional<FlagValues> ShutdownFlags; ///< computed on first use
  const ASTContext *FallbacksIn = nullptr; ///< findFallbacks
  const ValueDecl *Tested = nullptr;
  const Stmt *ExactBranch = nullptr; ///< the branch of a test that holds only when cancelled
  const CoreturnStmt *Fallback = nullptr;
};

/// Whether S calls a function named `max` (`steady_clock::time_point::max()`).
bool callsMax(const Stmt &S) {
  bool Found = false;
  forEachStatement(S, [&](const Stmt &Inner) {
    const auto *Call = dyn_cast<CallExpr>(&Inner);
    const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
    Found = Found || (Callee && Callee->getIdentifier() && Callee->getName() == "max");
  });
  return Found;
}

/// The member calls on Field in Body whose name Wanted accepts.
bool callsMemberOf(const Stmt &Body, const FieldDecl &Field,
                   llvm::function_ref<bool(const CXXMemberCallExpr &, StringRef)> Wanted) {
  bool Found = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const auto *Method = Call ? Call->getMethodDecl() : nullptr;
    const auto *Object = Call ? dyn_cast<MemberExpr>(
                                    Call->getImplicitObjectArgument()->IgnoreParenImpCasts())
                              : nullptr;
    Found = Found || (Method && Method->getIdentifier() && Object &&
                      Object->getMemberDecl() == &Field && Wanted(*Call, Method->getName()));
  });
  return Found;
}

/// `timer_.expires_at(steady_clock::time_point::max())` in a member function, or
/// `timer_(ctx, time_point::max())` in a constructor: a timer used as a condition variable,
/// which only a cancel() wakes.
bool setsToExpireNever(const CXXRecordDecl &Class, const FieldDecl &Timer) {
  for (const CXXMethodDecl *Method : Class.methods()) {
    if (const Stmt *Body = Method->getBody();
        Body && callsMemberOf(*Body, Timer, [](const CXXMemberCallExpr &Call, StringRef Name) {
          return Name.starts_with("expires_") &&
                 llvm::any_of(Call.arguments(), [](const Expr *A) { return callsMax(*A); });
        }))
      return true;
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Method))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->getMember() == &Timer && Init->getInit() && callsMax(*Init->getInit()))
          return true;
  }
  return false;
}

/// `timer.cancel()` elsewhere in the coroutine, `co_await timer.async_wait(...)` here: the
/// coroutine uses the cancellation as a signal (a barrier, a wake-up), and operation_aborted
/// is that signal, not a cancellation of the coroutine. The same holds for a member that
/// another member function of the class cancels, as Asio's chat server wakes its writer.
bool cancelsItsOwnOperation(const CoawaitExpr &Await, const Stmt &Body) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Await.getOperand()->IgnoreImplicit());
  const Expr *Object =
      Call ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts() : nullptr;
  // Completion handlers count: `co_spawn(ex, session(), [&](auto) { wake.cancel(); })`.
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object)) {
    bool Cancels = false;
    forEachBodyWithLambdas(Body, [&](const Stmt &Code) {
      Cancels = Cancels || cancelsObject(Code, *Ref->getDecl());
    });
    return Cancels;
  }
  const auto *Member = dyn_cast_or_null<MemberExpr>(Object);
  const auto *Field = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  const auto *Class = Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!Class)
    return false;
  // A member timer that never expires by itself is a signal (the chat server's writer waits
  // on `timer_.expires_at(time_point::max())`, which deliver() cancels), and so is one whose
  // cancel_one() wakes a single waiter; another member cancelled by a method (`stop() {
  // timer_.cancel(); }`) is the coroutine's own stop.
  bool Cancels = false, WakesOne = false;
  forEachMemberBody(*Class, [&](const Stmt &MemberBody) {
    forEachBodyWithLambdas(MemberBody, [&](const Stmt &Code) {
      Cancels = Cancels || cancelsObject(Code, *Field);
      WakesOne = WakesOne || callsMemberOf(Code, *Field, [](const CXXMemberCallExpr &,
                                                            StringRef Name) {
                   return Name == "cancel_one";
                 });
    });
  });
  return WakesOne || (Cancels && setsToExpireNever(*Class, *Field));
}

/// The object an awaited operation works on: `sock` in `sock.async_read_some(...)` or in
/// `asio::async_read(sock, ...)`.
const Expr *operationObject(const CoawaitExpr &Await) {
  const auto *Call = awaitedOperation(*Await.getOperand());
  if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  return Call && Call->getNumArgs() > 0 ? Call->getArg(0) : nullptr;
}

/// The variable an object expression names as a whole object of its own (`sem`, `this->queue_`),
/// which no other name can shut down; null for references, pointers, parameters and any other
/// expression, which may stand for an object shut down under another name.
const Decl *wholeObjectVariable(const Expr &Object) {
  const Expr *E = Object.IgnoreParenImpCasts();
  const ValueDecl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    Named = Var && !isa<ParmVarDecl>(Var) ? Var : nullptr;
  } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    Named = dyn_cast<FieldDecl>(Member->getMemberDecl());
  }
  return Named && !Named->getType()->isReferenceType() && !Named->getType()->isPointerType()
             ? Named
             : nullptr;
}

/// `cancel()`, `close()`, `shutdown()`, `shutdown_drain(executor)`: a call that makes the
/// object's pending and later operations complete with their cancelled code; for a stop
/// source, `request_stop()`, libcoro's `signal_stop()`, cppcoro's `request_cancellation()`;
/// `abort()` of a Qt network reply or socket, or of a Seastar queue.
bool cancelsOrShutsDown(const CXXMethodDecl &Method) {
  if (!Method.getIdentifier())
    return false;
  StringRef Name = Method.getName();
  return llvm::is_contained({"cancel", "cancel_one", "close", "abort", "request_stop",
                             "signal_stop", "request_cancellation"},
                            Name) ||
         Name.starts_with("shutdown");
}

/// `void close() { closed_ = true; idle_.cancel(); }`: the boolean data members of this object
/// that every member function of its class which cancels, closes or shuts down Object (a data
/// member of that class), other than the coroutine Own, sets to the same literal in a statement
/// of its own block, with that value. None when no such function exists.
llvm::SmallDenseMap<const ValueDecl *, bool, 4> flagsSetWhereCancelled(const Expr &Object,
                                                                       const Stmt &Own) {
  llvm::SmallDenseMap<const ValueDecl *, bool, 4> Common;
  const auto *Field = dyn_cast_or_null<FieldDecl>(wholeObjectVariable(Object));
  const auto *Class = Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!Class)
    return Common;
  bool First = true;
  forEachMemberBody(*Class, [&](const Stmt &Body) {
    const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(&Body);
    const Stmt &Member = Coroutine ? *Coroutine->getBody() : Body;
    if (&Member == &Own)
      return;
    bool Cancels = false;
    forEachStatement(Member, [&](const Stmt &S) {
      const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
      Cancels |= Call && Call->getMethodDecl() && cancelsOrShutsDown(*Call->getMethodDecl()) &&
                 wholeObjectVariable(*Call->getImplicitObjectArgument()) == Field;
    });
    if (!Cancels)
      return;
    // What the function certainly sets: `closed_ = true;` or `if (std::exchange(closed_,
    // true)) return;` in its own block, on this object.
    llvm::SmallDenseMap<const ValueDecl *, bool, 4> Set;
    const auto *Block = dyn_cast<CompoundStmt>(&Member);
    for (const Stmt *Statement : Block ? Block->body() : llvm::ArrayRef<Stmt *>()) {
      const Stmt *Setter = Statement;
      if (const auto *If = dyn_cast<IfStmt>(Statement); If && If->getCond())
        Setter = If->getCond()->IgnoreParenImpCasts();
      forEachStatement(*Setter, [&](const Stmt &S) {
        auto Assigned = flagAssignment(S);
        const auto *Target = Assigned ? dyn_cast<FieldDecl>(Assigned->first) : nullptr;
        if (Target && Target->getParent() == Class)
          Set[Target] = Assigned->second;
      });
    }
    if (std::exchange(First, false)) {
      Common = std::move(Set);
      return;
    }
    SmallVector<const ValueDecl *, 4> Lost;
    for (const auto &[Flag, Value] : Common)
      if (auto It = Set.find(Flag); It == Set.end() || It->second != Value)
        Lost.push_back(Flag);
    for (const ValueDecl *Flag : Lost)
      Common.erase(Flag);
  });
  return Common;
}

/// The stop sources an awaited operation was handed a token of: `m_stop` in
/// `scheduler->poll(fd, op, timeout, m_stop.get_token())` (also converted, as libcoro's
/// parameter is a `std::optional<poll_stop_token>`).
SmallVector<const Expr *, 2> stopSourcesHandedTo(const CoawaitExpr &Await) {
  SmallVector<const Expr *, 2> Sources;
  if (const CallExpr *Call = awaitedOperation(*Await.getOperand()))
    for (const Expr *Argument : Call->arguments()) {
      const Expr *Passed = passedThrough(Argument);
      if (const auto *Converted = dyn_cast<CXXConstructExpr>(Passed);
          Converted && Converted->getNumArgs() == 1)
        Passed = passedThrough(Converted->getArg(0));
      const auto *Token = dyn_cast<CXXMemberCallExpr>(Passed);
      const CXXMethodDecl *Method = Token ? Token->getMethodDecl() : nullptr;
      if (Method && Method->getIdentifier() &&
          llvm::is_contained({"get_token", "token"}, Method->getName()))
        Sources.push_back(Token->getImplicitObjectArgument());
    }
  return Sources;
}

} // namespace

bool CancelledObjects::contains(const Expr &Object, const Stmt &Own, ASTContext &Context) {
  if (!Collected) {
    struct Collector : UserCodeVisitor<Collector> {
      Collector(const SourceManager &SM, Sets &Found) : UserCodeVisitor(SM), Found(Found) {}
      Sets &Found;
      bool shouldVisitTemplateInstantiations() const { return true; }
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
        const CXXMethodDecl *Method = Call->getMethodDecl();
        const Expr *Object = Call->getImplicitObjectArgument();
        const CXXRecordDecl *Class = objectClass(Object);
        if (!Method || !Class || !cancelsOrShutsDown(*Method))
          return true;
        SourceLocation At = SM.getExpansionLoc(Call->getBeginLoc());
        Found.Types[packName(*Class)].push_back(At);
        if (const Decl *Variable = wholeObjectVariable(*Object))
          Found.Variables[Variable->getCanonicalDecl()].push_back(At);
        else
          Found.TypesThroughAliases[packName(*Class)].push_back(At);
        return true;
      }
    };
    Collected.emplace();
    Collector(Context.getSourceManager(), *Collected).TraverseDecl(
        Context.getTranslationUnitDecl());
  }
  const CXXRecordDecl *Class = objectClass(&Object);
  if (!Class)
    return false;
  const SourceManager &SM = Context.getSourceManager();
  auto Within = [&](SourceLocation At, SourceRange Range) {
    return SM.isPointWithin(At, SM.getExpansionLoc(Range.getBegin()),
                            SM.getExpansionLoc(Range.getEnd()));
  };
  // Own's lambdas run as other code; walked for only when a cancelling call lies within Own.
  std::optional<SmallVector<SourceRange, 4>> Lambdas;
  auto InLambda = [&](SourceLocation At) {
    if (!Lambdas) {
      Lambdas.emplace();
      forEachStatement(Own, [&](const Stmt &S) {
        if (const auto *Lambda = dyn_cast<LambdaExpr>(&S))
          Lambdas->push_back(Lambda->getSourceRange());
      });
    }
    return llvm::any_of(*Lambdas, [&](SourceRange L) { return Within(At, L); });
  };
  auto ByOthers = [&](const Calls *Found) {
    return Found && llvm::any_of(*Found, [&](SourceLocation At) {
             return !Within(At, Own.getSourceRange()) || InLambda(At);
           });
  };
  auto Lookup = [](const llvm::StringMap<Calls> &Map, StringRef Key) {
    auto It = Map.find(Key);
    return It == Map.end() ? nullptr : &It->second;
  };
  std::string Name = packName(*Class);
  if (const Decl *Variable = wholeObjectVariable(Object)) {
    auto It = Collected->Variables.find(Variable->getCanonicalDecl());
    return ByOthers(It == Collected->Variables.end() ? nullptr : &It->second) ||
           ByOthers(Lookup(Collected->TypesThroughAliases, Name));
  }
  return ByOthers(Lookup(Collected->Types, Name));
}

std::optional<AwaitedErrorCode>
awaitedErrorCode(const CoawaitExpr &Await, const ParentMap &Parents,
                 llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  // Bindings of a dependent decomposition have no type until instantiation.
  auto IsCode = [&](QualType T) { return !T.isNull() && IsErrorCodeType(T.getNonReferenceType()); };
  AwaitedErrorCode Result{&Await, nullptr, Await.getKeywordLoc(), ""};
  if (const CallExpr *Call = awaitedOperation(*Await.getOperand()))
    if (const auto *Callee = dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl());
        Callee && Callee->getIdentifier())
      Result.Operation = Callee->getName().str();

  // Where the result goes, through the nodes that wrap a temporary.
  const Stmt *Parent = Parents.getParent(&Await);
  while (isa_and_nonnull<ExprWithCleanups, MaterializeTemporaryExpr, ImplicitCastExpr,
                         CXXBindTemporaryExpr, ParenExpr, CXXConstructExpr>(Parent))
    Parent = Parents.getParent(Parent);
  const ValueDecl *Target = nullptr;
  if (const auto *Decl = dyn_cast_or_null<DeclStmt>(Parent); Decl && Decl->isSingleDecl()) {
    if (const auto *Decomposition = dyn_cast<DecompositionDecl>(Decl->getSingleDecl())) {
      for (const BindingDecl *Binding : Decomposition->bindings())
        if (!Target && IsCode(Binding->getType()))
          Target = Binding;
    } else if (const auto *Var = dyn_cast<VarDecl>(Decl->getSingleDecl())) {
      Target = Var;
    }
  } else if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parent);
             Assign && Assign->isAssignmentOp()) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
      Target = Ref->getDecl();
  } else if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Parent);
             Op && Op->getOperator() == OO_Equal) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
      Target = Ref->getDecl();
  }
  if (Target && IsCode(Target->getType())) {
    Result.Code = Target;
    Result.Loc = Target->getLocation();
    return Result;
  }
  if (const DeclRefExpr *Out = codeOutArgument(*Await.getOperand(), IsCode)) {
    Result.Code = Out->getDecl();
    Result.Loc = Out->getLocation();
    return Result;
  }
  if (isa_and_nonnull<CompoundStmt>(Parent) && holdsErrorCode(Await.getType(), IsCode))
    return Result;
  return std::nullopt;
}

const CXXMemberCallExpr *queriedStatus(const CoawaitExpr &Await, const ParentMap &Parents,
                                       llvm::function_ref<bool(QualType)> IsErrorCodeType) {
  const Stmt *Statement = &Await;
  const Stmt *Parent = Parents.getParent(Statement);
  while (Parent && !isa<CompoundStmt>(Parent))
    Statement = std::exchange(Parent, Parents.getParent(Parent));
  if (!Parent)
    return nullptr;
  const CXXMemberCallExpr *Found = nullptr;
  auto Search = [&](const Stmt *S) {
    if (S)
      forEachStatement(*S, [&](const Stmt &Child) {
        const auto *Call = dyn_cast<CXXMemberCallExpr>(&Child);
        const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
        if (!Found && Method && Call->getNumArgs() == 0 &&
            IsErrorCodeType(Method->getReturnType().getNonReferenceType()))
          Found = Call;
      });
  };
  const auto &Block = cast<CompoundStmt>(*Parent);
  for (auto It = std::next(llvm::find(Block.body(), Statement)); It != Block.body_end() && !Found;
       ++It) {
    if (!firstSuspension(**It)) {
      Search(*It);
      continue;
    }
    // The statement that suspends next: only what runs before its branches.
    if (const auto *If = dyn_cast<IfStmt>(*It))
      Search(If->getCond());
    else if (const auto *Switch = dyn_cast<SwitchStmt>(*It))
      Search(Switch->getCond());
    break;
  }
  return Found;
}

namespace {

/// The flow from Code.Await on the cancelled path: its first suspension point, or with
/// FallbacksIn, its co_return of a fallback value.
std::pair<const Expr *, const CoreturnStmt *>
followCancelledCode(const AwaitedErrorCode &Code, const ParentMap &Parents, const Stmt &Body,
                    llvm::function_ref<bool(const ValueDecl &)> IsCancellationValue,
                    const HeldCode &Held, const ASTContext *FallbacksIn) {
  auto IsCode = [&](const Expr &E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
    return (Code.Code && Ref && Ref->getDecl() == Code.Code) ||
           (Code.Query && readsSameStatus(E, *Code.Query));
  };
  const auto *Binding = dyn_cast_or_null<BindingDecl>(Code.Code);
  auto IsSibling = [&](const Expr &E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&E);
    const auto *Other = Ref ? dyn_cast<BindingDecl>(Ref->getDecl()) : nullptr;
    return Binding && Other && Other != Binding &&
           Other->getDecomposedDecl() == Binding->getDecomposedDecl();
  };
  // An error code has no exception type: any type thrown after it carries it on.
  auto AnyType = [](QualType) { return true; };
  CancellationModel Model{Held.IsHeldType ? Held.IsHeldType : AnyType, IsCancellationValue,
                          IsCode, Held.Form, Held.EndsCoroutine};
  const Decl *Named = Code.Query ? static_cast<const Decl *>(Code.Query->getMethodDecl())
                                 : Code.Code;
  CancelledCodeFlow Flow(Model, Parents, Body, IsSibling,
                         Named ? &Named->getASTContext() : nullptr, Held.OnlyRetriesIn,
                         Held.NormalEndOk);
  Flow.setCancelledObject(operationObject(*Code.Await));
  if (FallbacksIn)
    Flow.findFallbacks(*FallbacksIn, Code.Code);
  const Expr *Next = Flow.from(*Code.Await);
  return {Next, Flow.fallback()};
}

} // namespace

const Expr *suspensionAfterCancelledCode(const AwaitedErrorCode &Code, const ParentMap &Parents,
                                         const Stmt &Body,
                                         llvm::function_ref<bool(const ValueDecl &)>
                                             IsCancellationValue,
                                         const HeldCode &Held) {
  return followCancelledCode(Code, Parents, Body, IsCancellationValue, Held, nullptr).first;
}

const CoreturnStmt *fallbackAfterCancelledCode(const AwaitedErrorCode &Code,
                                               const ParentMap &Parents, const Stmt &Body,
                                               llvm::function_ref<bool(const ValueDecl &)>
                                                   IsCancellationValue,
                                               const HeldCode &Held, const ASTContext &Context) {
  return followCancelledCode(Code, Parents, Body, IsCancellationValue, Held, &Context).second;
}

bool turnsOffThrowIfCancelled(const Stmt &Body) {
  bool Off = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
    const auto *Value = Call && Call->getNumArgs() == 1
                            ? dyn_cast<CXXBoolLiteralExpr>(Call->getArg(0)->IgnoreImplicit())
                            : nullptr;
    Off |= Callee && Callee->getIdentifier() && Callee->getName() == "throw_if_cancelled" &&
           Value && !Value->getValue();
  });
  return Off;
}

bool cancelledByOthers(const CoawaitExpr &Await,
                       llvm::function_ref<bool(const Expr &Object)> Cancelled) {
  const Expr *Object = operationObject(Await);
  auto Stopped = [&](const Expr *Source) { return Cancelled(*Source); };
  return (Object && Cancelled(*Object)) || llvm::any_of(stopSourcesHandedTo(Await), Stopped);
}

void forEachUncheckedErrorCode(const Stmt &Body, const ParentMap &Parents, ASTContext &Context,
                               ArrayRef<const async_lint::rules::CancellationKind *> Kinds,
                               llvm::function_ref<bool(const Expr &Object)> Cancelled,
                               llvm::function_ref<void(const UncheckedErrorCode &)> Visit) {
  std::optional<bool> KeepsRunningWhenCancelled;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    for (size_t K = 0; Await && K < Kinds.size(); ++K) {
      const async_lint::rules::CancellationKind &Kind = *Kinds[K];
      // A class (asio::error_code) or an enumeration (libcoro's semaphore_acquire_result).
      auto IsCodeType = [&](QualType T) {
        const TagDecl *Type = T->getAsTagDecl();
        return Type && llvm::is_contained(Kind.ErrorCodeTypes, packName(*Type));
      };
      auto IsCodeOrResult = [&](QualType T) {
        return IsCodeType(T) || isExpectedOf(T, IsCodeType);
      };
      auto IsValue = [&](const ValueDecl &V) {
        return llvm::is_contained(Kind.ErrorCodeValues, packName(V));
      };
      std::optional<AwaitedErrorCode> Code = awaitedErrorCode(*Await, Parents, IsCodeOrResult);
      if (!Code) {
        const CXXMemberCallExpr *Query = queriedStatus(*Await, Parents, IsCodeType);
        if (!Query || !Cancelled(*Query->getImplicitObjectArgument()))
          continue;
        Code = AwaitedErrorCode{Await, statusHolder(*Query, Context), Query->getExprLoc(),
                                Query->getMethodDecl()->getNameAsString(), Query};
      } else if (cancelsItsOwnOperation(*Await, Body)) {
        return;
      }
      if (Kind.CancelledThroughObject && !Code->Query) {
        // Its own cancellation throws at its next co_await; only somebody else's cancel() or
        // close() of the object completes this operation with the code and goes on.
        if (!KeepsRunningWhenCancelled)
          KeepsRunningWhenCancelled = turnsOffThrowIfCancelled(Body);
        if (!*KeepsRunningWhenCancelled && !cancelledByOthers(*Await, Cancelled))
          return;
      }
      // A result that holds the code as its error (`auto client = co_await accept();` giving
      // an expected<Connection, io_status>) is tested the other way round: `!client` fails.
      HeldCode Held;
      if (Code->Code && !IsCodeType(Code->Code->getType().getNonReferenceType()))
        Held.Form = CodeForm::HeldError;
      QualType CodeType = heldCodeType(Code->Query  ? Code->Query->getType()
                                       : Code->Code ? Code->Code->getType()
                                                    : Await->getType(),
                                       IsCodeType);
      // A status the code reads from an object is read on purpose: every path counts.
      if (!CodeType.isNull() && CodeType->isEnumeralType() && !Code->Query)
        Held.OnlyRetriesIn = &Context;
      Held.NormalEndOk = Kind.NormalEndOk;
      UncheckedErrorCode Unchecked{*Code, &Kind, valuesOf(Kind, CodeType), nullptr};
      if ((Unchecked.Next = suspensionAfterCancelledCode(*Code, Parents, Body, IsValue, Held)) ||
          (Unchecked.Fallback =
               fallbackAfterCancelledCode(*Code, Parents, Body, IsValue, Held, Context)))
        Visit(Unchecked);
      return;
    }
  });
}

} // namespace clang::tidy::async::utils
