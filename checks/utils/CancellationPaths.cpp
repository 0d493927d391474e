//===--- CancellationPaths.cpp - where a caught cancellation goes ---------===//

#include "CancellationPaths.h"
#include "clang/AST/DeclTemplate.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {
namespace {

void forEachChild(const Stmt &S, llvm::function_ref<void(const Stmt &)> Visit) {
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const Expr *Init : Lambda->capture_inits())
      if (Init)
        Visit(*Init);
    return;
  }
  for (const Stmt *Child : S.children())
    if (Child)
      Visit(*Child);
}

/// `co_await CurrentExecutor()`, `co_await asio::this_coro::executor`: an await whose awaiter's
/// await_ready() is `return true;` reads a value and never suspends.
bool neverSuspends(const CoawaitExpr &Await) {
  const Expr *Ready = Await.getReadyExpr();
  const auto *Call = Ready ? dyn_cast<CallExpr>(Ready->IgnoreImplicit()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee || !Callee->hasBody(Definition))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  const auto *Return =
      Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front()) : nullptr;
  const auto *Value = Return && Return->getRetValue()
                          ? dyn_cast<CXXBoolLiteralExpr>(Return->getRetValue()->IgnoreImplicit())
                          : nullptr;
  return Value && Value->getValue();
}

bool isSuspension(const Stmt &S) {
  if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
    return !neverSuspends(*Await);
  return isa<CoyieldExpr, DependentCoawaitExpr>(S);
}

bool mentionsCancellationValue(const Stmt &S, const CancellationModel &Model) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
      Ref && Model.IsCancellationValue(*Ref->getDecl()))
    return true;
  bool Found = false;
  forEachChild(
      S, [&](const Stmt &Child) { Found = Found || mentionsCancellationValue(Child, Model); });
  return Found;
}

/// `client.error()`, `client.error().type`: the error a result holding the cancellation holds.
bool isHeldError(const Expr &E, const CancellationModel &Model) {
  bool ThroughError = false;
  const Expr *Current = E.IgnoreParenImpCasts();
  for (;;) {
    if (const auto *Member = dyn_cast<MemberExpr>(Current)) {
      Current = Member->getBase()->IgnoreParenImpCasts();
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Current)) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method || !Method->getIdentifier() || Method->getName() != "error")
        return false;
      ThroughError = true;
      Current = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    } else {
      return ThroughError && Model.IsCancellationCode(*Current);
    }
  }
}

/// The error code's side of a comparison, and whether the other side names a cancellation
/// (a value of the pack, or a name such as `std::errc::operation_canceled`).
bool comparesCode(const Expr &E, const CancellationModel &Model, bool &OtherIsCancellation) {
  const Expr *Sides[2] = {nullptr, nullptr};
  if (const auto *Binary = dyn_cast<BinaryOperator>(&E))
    Sides[0] = Binary->getLHS(), Sides[1] = Binary->getRHS();
  else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(&E))
    Sides[0] = Rewritten->getLHS(), Sides[1] = Rewritten->getRHS();
  else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&E);
           Operator && Operator->getNumArgs() == 2)
    Sides[0] = Operator->getArg(0), Sides[1] = Operator->getArg(1);
  for (int I = 0; I < 2; ++I)
    if (Sides[I] && (Model.IsCancellationCode(*Sides[I]->IgnoreParenImpCasts()) ||
                     (Model.Form == CodeForm::HeldError && isHeldError(*Sides[I], Model)))) {
      bool Named = false;
      forEachStatement(*Sides[1 - I], [&](const Stmt &S) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&S);
        Named |= Ref && nameContainsAny(Ref->getDecl(), {"cancel", "abort"});
      });
      OtherIsCancellation = Named;
      return true;
    }
  return false;
}

/// Walks a handler's statements, recording the exits that leave it without propagating.
class ExitWalker {
public:
  ExitWalker(const CancellationModel &Model, SmallVector<HandlerExitPoint, 4> &Exits)
      : Model(Model), Exits(Exits) {}

  /// Returns whether control can complete S normally.
  bool walk(const Stmt *S) {
    if (!S)
      return true;
    if (const auto *Compound = dyn_cast<CompoundStmt>(S))
      return llvm::all_of(Compound->body(), [&](const Stmt *Child) { return walk(Child); });
    if (const auto *If = dyn_cast<IfStmt>(S))
      return walkIf(*If);
    if (isa<WhileStmt, ForStmt, CXXForRangeStmt, DoStmt>(S))
      return walkNested(S, /*Loop=*/true);
    if (const auto *Switch = dyn_cast<SwitchStmt>(S))
      return walkNested(Switch->getBody(), /*Loop=*/false);
    if (isa<BreakStmt>(S))
      return exit(BreakTargets, HandlerExit::Break, S);
    if (isa<ContinueStmt>(S))
      return exit(ContinueTargets, HandlerExit::Continue, S);
    if (isa<CoreturnStmt, ReturnStmt>(S))
      return exit(0, HandlerExit::Return, S);
    if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
      bool Completes = walk(Try->getTryBlock());
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        Completes |= walk(Try->getHandler(I)->getHandlerBlock());
      return Completes;
    }
    if (const auto *Label = dyn_cast<LabelStmt>(S))
      return walk(Label->getSubStmt());
    if (const auto *Attributed = dyn_cast<AttributedStmt>(S))
      return walk(Attributed->getSubStmt());
    if (const auto *E = dyn_cast<Expr>(S))
      return walkExpr(*E->IgnoreImplicit()->IgnoreParens());
    return !callsNoReturn(*S);
  }

private:
  bool walkIf(const IfStmt &If) {
    walk(If.getInit());
    std::optional<bool> Implied = impliedByCancellation(*If.getCond(), Model);
    if (const VarDecl *Var = If.getConditionVariable(); !Implied && Var && Var->getInit())
      Implied = impliedByCancellation(*Var->getInit(), Model);
    if (Implied)
      return walk(*Implied ? If.getThen() : If.getElse());
    bool Then = walk(If.getThen());
    return walk(If.getElse()) || Then;
  }

  /// Loops and switches consume the break and continue statements inside them. A loop may
  /// run zero times, and its exits are its break statements: control completes it.
  bool walkNested(const Stmt *S, bool Loop) {
    ++BreakTargets;
    ContinueTargets += Loop;
    if (Loop)
      forEachChild(*S, [&](const Stmt &Child) { walk(&Child); });
    else
      walk(S);
    --BreakTargets;
    ContinueTargets -= Loop;
    return true;
  }

  bool walkExpr(const Expr &E) {
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(&E)) {
      const Expr *Operand = Throw->getSubExpr();
      if (Operand && !Operand->isTypeDependent() && !Model.IsCancellationType(Operand->getType()))
        Exits.push_back({HandlerExit::Replaced, &E, Operand->getType()});
      return false;
    }
    return !callsNoReturn(E);
  }

  bool exit(unsigned Targets, HandlerExit Kind, const Stmt *S) {
    if (Targets == 0)
      Exits.push_back({Kind, S, {}});
    return false;
  }

  const CancellationModel &Model;
  SmallVector<HandlerExitPoint, 4> &Exits;
  unsigned BreakTargets = 0, ContinueTargets = 0;
};

const Expr *firstOf(std::initializer_list<const Stmt *> Statements) {
  for (const Stmt *S : Statements)
    if (const Expr *Found = S ? firstSuspension(*S) : nullptr)
      return Found;
  return nullptr;
}

/// The first suspension point of the loop's next iteration.
const Expr *nextIteration(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return firstOf({For->getInc(), For->getCond(), For->getBody()});
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return firstOf({While->getCond(), While->getBody()});
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return firstOf({Do->getCond(), Do->getBody()});
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    return firstOf({Range->getInc(), Range->getBody()});
  return nullptr;
}

/// A test of the state of the code itself: `ec.failed()`, `if (r)` (a conversion),
/// `r.has_value()`, `t.hasException<E>()`; whether it holds on the cancelled path.
std::optional<bool> testsCodeState(const CXXMemberCallExpr &Test, const CancellationModel &Model) {
  const CXXMethodDecl *Method = Test.getMethodDecl();
  if (!Method)
    return std::nullopt;
  StringRef Name = Method->getIdentifier() ? Method->getName() : "";
  bool Conversion = isa<CXXConversionDecl>(Method);
  bool HasValue = Name == "has_value" || Name == "hasValue";
  switch (Model.Form) {
  case CodeForm::ErrorCode:
    if (Conversion || Name == "failed" || HasValue)
      return true;
    break;
  case CodeForm::EmptyOptional:
    if (Conversion || Name == "failed" || HasValue)
      return false;
    break;
  case CodeForm::HeldError:
    if (Conversion || HasValue)
      return false;
    if (isHeldErrorTest(Name)) {
      // `t.hasException<OperationCancelled>()` holds; `t.hasException<std::bad_alloc>()` not.
      const TemplateArgumentList *Arguments = Method->getTemplateSpecializationArgs();
      if (Arguments && Arguments->size() == 1 &&
          Arguments->get(0).getKind() == TemplateArgument::Type)
        return Model.IsCancellationType(Arguments->get(0).getAsType());
      return true;
    }
    break;
  }
  return std::nullopt;
}

} // namespace

bool callsNoReturn(const Stmt &S) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->isNoReturn())
      return true;
  bool Found = false;
  forEachChild(S, [&](const Stmt &Child) { Found = Found || callsNoReturn(Child); });
  return Found;
}

bool awaitsOnlyTasksItCancels(const Stmt &TryBlock, const Stmt &Body,
                              llvm::function_ref<bool(const VarDecl &)> IsStartedHandle) {
  bool All = true;
  forEachStatement(TryBlock, [&](const Stmt &S) {
    if (!isSuspension(S) || !All)
      return;
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    const auto *Ref =
        Await ? dyn_cast<DeclRefExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
    const auto *Handle = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    All = Handle && IsStartedHandle(*Handle) && cancelsObject(Body, *Handle);
  });
  return All;
}

bool namesCancellation(const NamedDecl &D) {
  return nameContainsAny(&D, {"cancel", "stop", "shutdown", "abort", "interrupt", "terminat"});
}

bool returnsCancellationName(const Stmt &Exit) {
  const auto *Return = dyn_cast<CoreturnStmt>(&Exit);
  const Expr *Value = Return && Return->getOperand() ? Return->getOperand()->IgnoreImplicit()
                                                     : nullptr;
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Value);
      Construct && Construct->getNumArgs() == 1) // `std::optional<Reason>`, `Result<Reason>`
    Value = Construct->getArg(0)->IgnoreImplicit();
  if (!Value)
    return false;
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Value))
    Value = Cast->getSubExpr()->IgnoreImplicit(); // `StopTag{}` of an aggregate
  if (const auto *Object = Value->getType()->getAsCXXRecordDecl();
      Object && isa<CXXConstructExpr, InitListExpr>(Value) && namesCancellation(*Object))
    return true; // `co_return yaclib::StopTag{};`
  const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreParenCasts());
  return Ref && isa<EnumConstantDecl>(Ref->getDecl()) && namesCancellation(*Ref->getDecl());
}

namespace {
/// Whether S throws, yields (`co_yield co_error(...)`), calls a [[noreturn]] function
/// (`std::rethrow_exception`) or returns a value that names the cancellation (`co_return
/// StopTag{};`) somewhere.
bool throwsOrYields(const Stmt &S) {
  bool Found = callsNoReturn(S);
  forEachStatement(S, [&](const Stmt &Child) {
    Found |= isa<CXXThrowExpr, CoyieldExpr>(Child) || returnsCancellationName(Child);
  });
  return Found;
}

/// Whether E is a call to the standard function Name (`current_exception`, ...).
bool callsStd(const Expr *E, StringRef Name) {
  const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreImplicit()->IgnoreParenImpCasts()) : nullptr;
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
         Callee->getName() == Name;
}
/// `done.set_exception(std::current_exception())`, `promise.setException(e)`: the handler
/// hands what it caught to a promise, whose awaiters get it.
bool setsPromiseException(const CXXCatchStmt &Handler) {
  bool Sets = false;
  forEachStatement(*Handler.getHandlerBlock(), [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() || Call->getNumArgs() == 0 ||
        !llvm::is_contained({"set_exception", "setException", "set_error"}, Method->getName()))
      return;
    forEachStatement(*Call->getArg(0), [&](const Stmt &Inner) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&Inner);
      Sets |= (Ref && Handler.getExceptionDecl() && Ref->getDecl() == Handler.getExceptionDecl()) ||
              (isa<CallExpr>(Inner) && callsStd(cast<CallExpr>(&Inner), "current_exception"));
    });
  });
  return Sets;
}

} // namespace

bool savesAndHandsOn(const CXXCatchStmt &Handler, const Stmt &Body) {
  llvm::SmallPtrSet<const VarDecl *, 2> Saved;
  forEachStatement(*Handler.getHandlerBlock(), [&](const Stmt &S) {
    const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&S);
    if (Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
        callsStd(Assign->getArg(1), "current_exception"))
      if (const VarDecl *Variable = namedVariable(*Assign->getArg(0)))
        Saved.insert(Variable);
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declaration->decls())
        if (const auto *Variable = dyn_cast<VarDecl>(D);
            Variable && callsStd(Variable->getInit(), "current_exception"))
          Saved.insert(Variable);
    // `cancelled = true;`: a flag of a variable declared outside the handler.
    if (const auto *Set = dyn_cast<BinaryOperator>(&S); Set && Set->getOpcode() == BO_Assign)
      if (const auto *True = dyn_cast<CXXBoolLiteralExpr>(Set->getRHS()->IgnoreImplicit());
          True && True->getValue())
        if (const VarDecl *Flag = namedVariable(*Set->getLHS());
            Flag && Flag->isLocalVarDecl() && !Handler.getHandlerBlock()->getSourceRange().
                                                   fullyContains(Flag->getSourceRange()))
          Saved.insert(Flag);
  });
  if (setsPromiseException(Handler))
    return true;
  if (Saved.empty())
    return false;
  auto IsSaved = [&](const Expr *E) { return E && Saved.contains(namedVariable(*E)); };
  bool HandedOn = false;
  forEachStatement(Body, [&](const Stmt &S) {
    // A flag: `if (cancelled) { co_await unlock(); co_yield co_stopped_may_throw; }`.
    if (const auto *If = dyn_cast<IfStmt>(&S); If && IsSaved(If->getCond()))
      HandedOn |= throwsOrYields(*If->getThen());
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S)) {
      // Stored elsewhere (`other = error`); saving it and testing it (`error != nullptr`)
      // hand nothing on.
      if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
        HandedOn |= IsSaved(Operator->getArg(1));
      else if (!Operator->isComparisonOp())
        HandedOn |= llvm::any_of(Operator->arguments(), IsSaved);
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      HandedOn |= llvm::any_of(Call->arguments(), IsSaved); // rethrown, or given to a handler
    } else if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      HandedOn |= llvm::any_of(Lambda->capture_inits(), IsSaved); // captured by a callback
    } else if (const auto *Return = dyn_cast<ReturnStmt>(&S)) {
      HandedOn |= IsSaved(Return->getRetValue());
    } else if (const auto *Coreturn = dyn_cast<CoreturnStmt>(&S)) {
      HandedOn |= IsSaved(Coreturn->getOperand());
    }
  });
  return HandedOn;
}

bool cancelsObject(const Stmt &Body, const ValueDecl &Object) {
  bool Cancels = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained({StringRef("cancel"), StringRef("cancel_one")}, Method->getName()))
      return;
    const Expr *Target = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
      Cancels |= Ref->getDecl() == &Object;
    else if (const auto *Member = dyn_cast<MemberExpr>(Target))
      Cancels |= Member->getMemberDecl() == &Object;
  });
  return Cancels;
}

SmallVector<HandlerExitPoint, 4> exitsWithoutPropagating(const CXXCatchStmt &Handler,
                                                         const CancellationModel &Model) {
  SmallVector<HandlerExitPoint, 4> Exits;
  if (ExitWalker(Model, Exits).walk(Handler.getHandlerBlock()))
    Exits.push_back({HandlerExit::FallThrough, &Handler, {}});
  return Exits;
}

std::optional<BinaryOperatorKind> comparisonOpcode(const Expr &E) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(&E); Binary && Binary->isComparisonOp())
    return Binary->getOpcode();
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(&E))
    return Rewritten->getOperator();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&E);
      Operator && Operator->isComparisonOp()) // not `f()`, `m[k]`: no binary opcode
    return BinaryOperator::getOverloadedOpcode(Operator->getOperator());
  return std::nullopt;
}

std::optional<bool> impliedByCancellation(const Expr &Condition, const CancellationModel &Model) {
  const Expr *E = Condition.IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E); Unary && Unary->getOpcode() == UO_LNot) {
    if (std::optional<bool> Inner = impliedByCancellation(*Unary->getSubExpr(), Model))
      return !*Inner;
    return std::nullopt;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E); Binary && Binary->isLogicalOp()) {
    std::optional<bool> L = impliedByCancellation(*Binary->getLHS(), Model);
    std::optional<bool> R = impliedByCancellation(*Binary->getRHS(), Model);
    bool Decisive = Binary->getOpcode() == BO_LOr; // true decides ||, false decides &&
    if (L == Decisive || R == Decisive)
      return Decisive;
    if (L == !Decisive && R == !Decisive)
      return !Decisive;
    return std::nullopt;
  }
  std::optional<BinaryOperatorKind> Comparison = comparisonOpcode(*E);
  if (Comparison && (*Comparison == BO_EQ || *Comparison == BO_NE)) {
    if (mentionsCancellationValue(*E, Model))
      return *Comparison == BO_EQ;
    bool OtherIsCancellation = false;
    if (Model.IsCancellationCode && comparesCode(*E, Model, OtherIsCancellation))
      return (*Comparison == BO_EQ) == OtherIsCancellation;
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && Model.IsCancellationCode && Member->getImplicitObjectArgument() &&
      Model.IsCancellationCode(*Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
    if (std::optional<bool> Holds = testsCodeState(*Member, Model))
      return Holds;
  if (const auto *Cast = dyn_cast<CXXDynamicCastExpr>(E)) {
    QualType Target = Cast->getTypeAsWritten();
    if (Target->isPointerType() && Model.IsCancellationType(Target->getPointeeType()))
      return true;
    return std::nullopt;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (nameContainsAny(Call->getDirectCallee(), {"cancel", "abort", "stop_requested"}))
      return true;
  }
  return std::nullopt;
}

std::optional<bool> assertedOnCancelledPath(const Stmt &S, const CancellationModel &Model,
                                            const SourceManager &SM, const LangOptions &Lang) {
  // The test frameworks' assertions that leave the test when they fail (Catch2's REQUIRE
  // throws, GoogleTest's ASSERT_* return, assert aborts); the non-fatal CHECK and EXPECT_*
  // carry on.
  static constexpr llvm::StringLiteral Fatal[] = {
      "REQUIRE", "REQUIRE_FALSE", "ASSERT_TRUE", "ASSERT_FALSE", "CO_ASSERT_TRUE",
      "CO_ASSERT_FALSE", "BOOST_REQUIRE", "BOOST_TEST_REQUIRE", "assert"};
  SourceLocation Begin = S.getBeginLoc(), End = S.getEndLoc();
  if (!Begin.isMacroID() || !End.isMacroID())
    return std::nullopt;
  CharSourceRange Written = SM.getExpansionRange(Begin);
  if (Written.getBegin() != SM.getExpansionRange(End).getBegin())
    return std::nullopt;
  StringRef Name =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Written.getBegin()), SM, Lang);
  // A project's wrapper (`#define REQUIRE_THREAD_SAFE(e) { lock; REQUIRE(e); }`) is as fatal as
  // the assertion it expands to.
  auto ExpandsFatal = [&](const Stmt &Child) {
    for (SourceLocation Loc = Child.getBeginLoc(); Loc.isMacroID();
         Loc = SM.getImmediateMacroCallerLoc(Loc))
      if (llvm::is_contained(Fatal, Lexer::getImmediateMacroName(Loc, SM, Lang)))
        return true;
    return false;
  };
  bool Wrapped = false;
  if (!llvm::is_contained(Fatal, Name))
    forEachStatement(S, [&](const Stmt &Child) { Wrapped = Wrapped || ExpandsFatal(Child); });
  if (!llvm::is_contained(Fatal, Name) && !Wrapped)
    return std::nullopt;
  // The condition as written between the macro's parentheses: the longest expression spelled
  // there, not the negations and decompositions the macro wraps it in.
  auto [File, From] = SM.getDecomposedLoc(Written.getBegin());
  unsigned To = SM.getFileOffset(Written.getEnd());
  const Expr *Condition = nullptr;
  unsigned Longest = 0;
  forEachStatement(S, [&](const Stmt &Child) {
    const auto *E = dyn_cast<Expr>(&Child);
    if (!E)
      return;
    auto [BeginFile, First] = SM.getDecomposedLoc(SM.getSpellingLoc(E->getBeginLoc()));
    auto [EndFile, Last] = SM.getDecomposedLoc(SM.getSpellingLoc(E->getEndLoc()));
    if (BeginFile == File && EndFile == File && First > From && Last <= To && First <= Last &&
        (!Condition || Last - First > Longest)) {
      Condition = E;
      Longest = Last - First;
    }
  });
  std::optional<bool> Holds =
      Condition ? impliedByCancellation(*Condition, Model) : std::nullopt;
  if (Holds && Name.ends_with("_FALSE"))
    Holds = !*Holds;
  return Holds;
}

bool isHeldErrorTest(StringRef Name) {
  // folly::Try, async_simple::Try, and a resolved seastar::future (`failed()`).
  return llvm::is_contained({"hasException", "hasError", "has_error", "failed"}, Name);
}

bool readsHeldValue(const Stmt &S, const CancellationModel &Model) {
  if (Model.Form != CodeForm::HeldError || !Model.IsCancellationCode)
    return false;
  bool Reads = false;
  forEachStatement(S, [&](const Stmt &Child) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Child)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      Reads |= Method && Method->getIdentifier() &&
               llvm::is_contained({"value", "throwUnlessValue", "throwIfFailed", "get"},
                                  Method->getName()) &&
               Model.IsCancellationCode(*passedThrough(Member->getImplicitObjectArgument()));
    } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Child)) {
      Reads |= (Operator->getOperator() == OO_Star || Operator->getOperator() == OO_Arrow) &&
               Operator->getNumArgs() >= 1 &&
               Model.IsCancellationCode(*passedThrough(Operator->getArg(0)));
    }
  });
  return Reads;
}

bool isPropagatingYield(const Expr &Suspension, ArrayRef<std::string> Types) {
  const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&Suspension);
  const Expr *Operand = Suspend && Suspend->getOperand() ? Suspend->getOperand()->IgnoreImplicit()
                                                         : nullptr;
  // A co_yield's operand is the promise's yield_value call (a co_await's may be its
  // await_transform call); what the code yields or awaits is its argument.
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Operand);
      Call && Call->getNumArgs() == 1 && Call->getMethodDecl() &&
      Call->getMethodDecl()->getIdentifier() &&
      llvm::is_contained({"yield_value", "await_transform"}, Call->getMethodDecl()->getName()))
    Operand = Call->getArg(0)->IgnoreImplicit();
  const auto *Record =
      Operand ? Operand->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
  return Record && llvm::is_contained(Types, packName(*Record));
}

const Expr *firstSuspension(const Stmt &S) {
  if (isSuspension(S))
    return cast<Expr>(&S);
  const Expr *Found = nullptr;
  forEachChild(S, [&](const Stmt &Child) {
    if (!Found)
      Found = firstSuspension(Child);
  });
  return Found;
}

const Expr *nextSuspension(const Stmt &From, HandlerExit Exit, const ParentMap &Parents,
                           const Stmt &Body) {
  const Stmt *Current = &From;
  if (Exit == HandlerExit::Break || Exit == HandlerExit::Continue) {
    // The loop (or, for break, switch) the jump leaves; a continue starts its next iteration.
    while (Current != &Body && !isLoop(*Current) &&
           !(Exit == HandlerExit::Break && isa<SwitchStmt>(Current)))
      Current = Parents.getParent(Current);
    if (Current == &Body)
      return nullptr;
    if (Exit == HandlerExit::Continue)
      if (const Expr *Next = nextIteration(*Current))
        return Next;
  }
  while (Current && Current != &Body) {
    const Stmt *Parent = Parents.getParent(Current);
    if (const auto *Compound = dyn_cast_or_null<CompoundStmt>(Parent)) {
      const auto *After = llvm::find(Compound->body(), Current);
      if (After != Compound->body_end())
        for (++After; After != Compound->body_end(); ++After)
          if (const Expr *Next = firstSuspension(**After))
            return Next;
    } else if (Parent && isLoop(*Parent)) {
      if (const Expr *Next = nextIteration(*Parent))
        return Next;
    }
    Current = Parent;
  }
  return nullptr;
}

/// `std::atomic<bool>`: a flag other threads may also set.
static bool isAtomicBool(QualType Type) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getNonReferenceType()->getAsCXXRecordDecl());
  return Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
         Spec->getName() == "atomic" && Spec->getTemplateArgs().size() == 1 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         Spec->getTemplateArgs()[0].getAsType()->isBooleanType();
}

const ValueDecl *flagVariable(const Expr &E) {
  const Expr *Plain = E.IgnoreParenImpCasts();
  // `running.load()`, `running` read through atomic<bool>'s conversion: the atomic itself.
  if (const auto *Read = dyn_cast<CXXMemberCallExpr>(Plain);
      Read && Read->getMethodDecl() &&
      (isa<CXXConversionDecl>(Read->getMethodDecl()) ||
       (Read->getMethodDecl()->getIdentifier() && Read->getMethodDecl()->getName() == "load")) &&
      isAtomicBool(Read->getImplicitObjectArgument()->getType()))
    Plain = Read->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const ValueDecl *Flag = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Plain))
    Flag = dyn_cast<VarDecl>(Ref->getDecl());
  else if (const auto *Member = dyn_cast<MemberExpr>(Plain);
           Member && isa<CXXThisExpr, DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts()))
    Flag = dyn_cast<FieldDecl>(Member->getMemberDecl()); // `running_`, `state.running`
  return Flag && (Flag->getType().getNonReferenceType()->isBooleanType() ||
                  isAtomicBool(Flag->getType()))
             ? Flag
             : nullptr;
}

std::optional<std::pair<const ValueDecl *, bool>> flagAssignment(const Stmt &S) {
  const Expr *Target = nullptr, *Value = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(&S); Assign && Assign->getOpcode() == BO_Assign)
    std::tie(Target, Value) = std::make_pair(Assign->getLHS(), Assign->getRHS());
  else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S);
           Operator && Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
    std::tie(Target, Value) = std::make_pair(Operator->getArg(0), Operator->getArg(1));
  else if (const auto *Store = dyn_cast<CXXMemberCallExpr>(&S);
           Store && Store->getMethodDecl() && Store->getMethodDecl()->getIdentifier() &&
           llvm::is_contained({"store", "exchange"}, Store->getMethodDecl()->getName()) &&
           Store->getNumArgs() >= 1)
    std::tie(Target, Value) = std::make_pair(Store->getImplicitObjectArgument(), Store->getArg(0));
  else if (const auto *Exchange = dyn_cast<CallExpr>(&S);
           Exchange && callsStd(Exchange, "exchange") && Exchange->getNumArgs() == 2)
    std::tie(Target, Value) = std::make_pair(Exchange->getArg(0), Exchange->getArg(1));
  const ValueDecl *Flag = Target ? flagVariable(*Target) : nullptr;
  const auto *Literal =
      Value ? dyn_cast<CXXBoolLiteralExpr>(Value->IgnoreParenImpCasts()) : nullptr;
  if (!Flag || !Literal)
    return std::nullopt;
  return std::make_pair(Flag, Literal->getValue());
}

std::optional<bool>
flagCondition(const Expr &Condition,
              llvm::function_ref<std::optional<bool>(const ValueDecl &)> Known) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  bool Negated = false;
  while (const auto *Not = dyn_cast<UnaryOperator>(E)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    E = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  const ValueDecl *Flag = flagVariable(*E);
  std::optional<bool> Value = Flag ? Known(*Flag) : std::nullopt;
  if (!Value)
    return std::nullopt;
  return *Value != Negated;
}

bool loopEndsAfterHandler(const Stmt &Loop, const CXXCatchStmt &Handler,
                          const CancellationModel &Model) {
  const Expr *Condition = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    Condition = For->getCond();
  else if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    Condition = While->getCond();
  else if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    Condition = Do->getCond();
  if (!Condition)
    return false;
  if (impliedByCancellation(*Condition, Model) == false)
    return true;
  llvm::SmallDenseMap<const ValueDecl *, bool, 4> Set;
  if (const auto *Block = dyn_cast<CompoundStmt>(Handler.getHandlerBlock()))
    for (const Stmt *S : Block->body())
      if (auto Assigned = flagAssignment(*S))
        Set[Assigned->first] = Assigned->second;
  return flagCondition(*Condition, [&](const ValueDecl &Flag) -> std::optional<bool> {
           auto It = Set.find(&Flag);
           return It == Set.end() ? std::nullopt : std::optional<bool>(It->second);
         }) == false;
}

} // namespace clang::tidy::async::utils
