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

/// What Body writes as a whole before Exit, or anywhere in a loop around Exit (an earlier
/// iteration): `x = ...`, `x += ...`, `++x`, `fill(x)` (a mutable reference argument), for a
/// local, a parameter, a member or a global. Writing an element (`cache_[k] = v`) or calling a
/// member function on it (`cache_.insert(...)`) is not counted here, nor is the cache update on
/// the success path after Exit (`lastGood_ = ranked;`).
llvm::SmallPtrSet<const ValueDecl *, 8> writtenBefore(const Stmt &Exit, const Stmt &Body,
                                                      const SourceManager &SM) {
  SmallVector<SourceRange, 4> LoopsAroundExit;
  forEachStatement(Body, [&](const Stmt &S) {
    if (isLoop(S) && SM.isPointWithin(Exit.getBeginLoc(), S.getBeginLoc(), S.getEndLoc()))
      LoopsAroundExit.push_back(S.getSourceRange());
  });
  auto Before = [&](const Stmt &Write) {
    SourceLocation At = Write.getBeginLoc();
    return SM.isBeforeInTranslationUnit(At, Exit.getBeginLoc()) ||
           llvm::any_of(LoopsAroundExit, [&](SourceRange Loop) {
             return SM.isPointWithin(At, Loop.getBegin(), Loop.getEnd());
           });
  };
  llvm::SmallPtrSet<const ValueDecl *, 8> Written;
  auto Add = [&](const Stmt &Write, const Expr *Target) {
    if (const ValueDecl *D = namedObject(Target); D && Before(Write))
      Written.insert(D);
  };
  forEachStatement(Body, [&](const Stmt &S) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S); Binary && Binary->isAssignmentOp())
      Add(S, Binary->getLHS());
    else if (const auto *Unary = dyn_cast<UnaryOperator>(&S);
             Unary && Unary->isIncrementDecrementOp())
      Add(S, Unary->getSubExpr());
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
             Op && Op->getNumArgs() >= 1 &&
             (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
              Op->getOperator() == OO_MinusMinus))
      Add(S, Op->getArg(0));
  });
  // `co_return x;` hands x to the promise's `return_value(U&&)`: no write.
  llvm::SmallPtrSet<const Expr *, 8> Returned;
  forEachStatement(Body, [&](const Stmt &S) {
    if (const auto *Return = dyn_cast<CoreturnStmt>(&S); Return && Return->getOperand())
      Returned.insert(Return->getOperand()->IgnoreParenImpCasts());
  });
  forEachMutableReferenceArgument(Body, [&](const Expr &Argument) {
    if (!Returned.contains(Argument.IgnoreParenImpCasts()))
      Add(Argument, &Argument);
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
/// what was caught or tested (Caught), the exception in flight, an unexpected result, an enumerator named for
/// the cancellation (`Outcome::failure(Status::cancelled)`), an await, a local of the coroutine
/// declared outside the handler, or something the coroutine writes.
bool carriesTheWork(const Expr &Value, const Stmt &Exit, const Stmt &Region,
                    const ValueDecl *Caught, const Stmt &Body, const SourceManager &SM) {
  llvm::SmallPtrSet<const VarDecl *, 4> RegionLocals;
  forEachStatement(Region, [&](const Stmt &S) {
    if (const auto *Declared = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declared->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          RegionLocals.insert(Var);
  });
  llvm::SmallPtrSet<const ValueDecl *, 8> Written = writtenBefore(Exit, Body, SM);
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
                 (Caught && Ref->getDecl() == Caught) ||
                 (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
                  !RegionLocals.contains(Var));
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

bool returnsFallback(const Stmt &Exit, const Stmt &Region, const ValueDecl *Caught,
                     const Stmt &Body, const ASTContext &Context) {
  const auto *Return = dyn_cast<CoreturnStmt>(&Exit);
  const Expr *Value = Return && Return->getOperand() ? Return->getOperand()->IgnoreImplicit()
                                                     : nullptr;
  // A value that names the cancellation tells the awaiter what happened; a bool says whether
  // the work succeeded (`co_return false;`), or that the stop was seen (`co_return true;`).
  if (!Value || Value->getType()->isVoidType() || Value->getType()->isBooleanType() ||
      Value->isValueDependent() || returnsCancellationName(Exit))
    return false;
  return isDefault(Value, Context) ||
         !carriesTheWork(*Value, Exit, Region, Caught, Body, Context.getSourceManager());
}

} // namespace clang::tidy::async::utils
