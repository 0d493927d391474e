//===--- FallbackValues.cpp - values a handler returns in place of a result ===//

#include "FallbackValues.h"
#include "CancellationPaths.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {

namespace {

/// `0`, `kDefaultQuota`, `std::nullopt`, `{}`, `T()`: a constant, empty or default value.
bool isDefault(const Expr *Value, const ASTContext &Context) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Value)) {
    if (Construct->getNumArgs() == 0)
      return true; // `co_return {};`, `T()`
    if (Construct->getNumArgs() != 1 || isa<CXXTemporaryObjectExpr>(Construct))
      return false;
    Value = Construct->getArg(0)->IgnoreImplicit(); // `std::optional<T>` from `std::nullopt`
  }
  if (isa<CXXScalarValueInitExpr>(Value) ||
      (isa<InitListExpr>(Value) && cast<InitListExpr>(Value)->getNumInits() == 0))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value);
      Ref && packName(*Ref->getDecl()) == "std::nullopt")
    return true;
  return !Value->isValueDependent() && Value->isEvaluatable(Context);
}

/// What Body writes as a whole: `x = ...`, `x += ...`, `++x`, `fill(x)` (a mutable reference
/// argument), for a local, a parameter, a member or a global. Writing an element (`cache_[k] =
/// v`) or calling a member function on it (`cache_.insert(...)`) is not counted here.
llvm::SmallPtrSet<const ValueDecl *, 8> writtenIn(const Stmt &Body) {
  llvm::SmallPtrSet<const ValueDecl *, 8> Written;
  auto Add = [&](const Expr *Target) {
    if (const ValueDecl *D = namedObject(Target))
      Written.insert(D);
  };
  forEachStatement(Body, [&](const Stmt &S) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S); Binary && Binary->isAssignmentOp())
      Add(Binary->getLHS());
    else if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
             Unary && Unary->isIncrementDecrementOp())
      Add(Unary->getSubExpr());
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
             Op && Op->getNumArgs() >= 1 &&
             (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
              Op->getOperator() == OO_MinusMinus))
      Add(Op->getArg(0));
  });
  // `co_return x;` hands x to the promise's `return_value(U&&)`: no write.
  llvm::SmallPtrSet<const Expr *, 8> Returned;
  forEachStatement(Body, [&](const Stmt &S) {
    if (const auto *Return = dyn_cast<CoreturnStmt>(&S); Return && Return->getOperand())
      Returned.insert(Return->getOperand()->IgnoreParenImpCasts());
  });
  forEachMutableReferenceArgument(Body, [&](const Expr &Argument) {
    if (!Returned.contains(Argument.IgnoreParenImpCasts()))
      Add(&Argument);
  });
  return Written;
}

/// `results_.push_back(r)` in Body, for `co_return results_;`: a non-const member function
/// called on Object.
bool mutatedThroughMembers(const ValueDecl &Object, const Stmt &Body) {
  bool Mutated = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    Mutated |= Call && Call->getMethodDecl() && !Call->getMethodDecl()->isConst() &&
               namedObject(Call->getImplicitObjectArgument()) == &Object;
  });
  return Mutated;
}

/// Whether Value tells the awaiter what happened or carries what the work made: it mentions
/// the caught exception, the exception in flight, an unexpected result, an enumerator named for
/// the cancellation (`Outcome::failure(Status::cancelled)`), an await, a local of the coroutine
/// declared outside the handler, or something the coroutine writes.
bool carriesTheWork(const Expr &Value, const CXXCatchStmt &Handler, const Stmt &Body) {
  llvm::SmallPtrSet<const VarDecl *, 4> HandlerLocals;
  forEachStatement(*Handler.getHandlerBlock(), [&](const Stmt &S) {
    if (const auto *Declared = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declared->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          HandlerLocals.insert(Var);
  });
  llvm::SmallPtrSet<const ValueDecl *, 8> Written = writtenIn(Body);
  bool WritesMembers = llvm::any_of(Written, [](const ValueDecl *D) { return isa<FieldDecl>(D); });
  if (const ValueDecl *Whole = namedObject(&Value); Whole && mutatedThroughMembers(*Whole, Body))
    return true; // `co_return results_;` after `results_.push_back(r)`
  bool Carries = false;
  forEachStatement(Value, [&](const Stmt &S) {
    if (isa<CoawaitExpr, CoyieldExpr>(S))
      Carries = true;
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      Carries |= Written.contains(Ref->getDecl()) ||
                 (isa<EnumConstantDecl>(Ref->getDecl()) && namesCancellation(*Ref->getDecl())) ||
                 (Var && Var == Handler.getExceptionDecl()) ||
                 (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
                  !HandlerLocals.contains(Var));
    } else if (const auto *Member = dyn_cast<MemberExpr>(&S)) {
      Carries |= Written.contains(Member->getMemberDecl());
    } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      // `co_return summary();` may read the counters the work updates.
      const auto *Object = Call->getImplicitObjectArgument();
      Carries |= WritesMembers && Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      Carries |= Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
                 (Callee->getName() == "current_exception" ||
                  Callee->getName() == "make_exception_ptr");
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      if (const CXXRecordDecl *Type = Construct->getType()->getAsCXXRecordDecl();
          Type && Type->getIdentifier() && Type->getName().contains_insensitive("unexpected"))
        Carries = true; // `std::unexpected(code)`, `tl::make_unexpected(...)`
  });
  return Carries;
}

} // namespace

bool returnsFallback(const Stmt &Exit, const CXXCatchStmt &Handler, const Stmt &Body,
                     const ASTContext &Context) {
  const auto *Return = dyn_cast<CoreturnStmt>(&Exit);
  const Expr *Value = Return && Return->getOperand() ? Return->getOperand()->IgnoreImplicit()
                                                     : nullptr;
  if (!Value || Value->getType()->isVoidType() || Value->isValueDependent() ||
      returnsCancellationName(Exit))
    return false; // a value that names the cancellation tells the awaiter what happened
  return isDefault(Value, Context) || !carriesTheWork(*Value, Handler, Body);
}

} // namespace clang::tidy::async::utils
