//===--- FallbackValues.cpp - values a handler returns in place of a result ===//

#include "FallbackValues.h"
#include "CancellationPaths.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "FanoutBounds.h"
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

/// What Body writes as a whole before the cancellation could have reached Exit: before the
/// last suspension point that precedes Exit, or in a loop that suspends before Exit (an earlier
/// iteration): `x = ...`, `x += ...`, `++x`, `fill(x)` (a mutable reference argument), for a
/// local, a parameter, a member or a global. Writing an element (`cache_[k] = v`) or calling a
/// member function on it (`cache_.insert(...)`) is not counted here, nor is the cache update on
/// the success path after the last await (`v = co_await fetch(); latest_ = v; co_return v;`).
llvm::SmallPtrSet<const ValueDecl *, 8> writtenBefore(const Stmt &Exit, const Stmt &Body,
                                                      const SourceManager &SM) {
  auto Precedes = [&](SourceLocation A, SourceLocation B) {
    return SM.isBeforeInTranslationUnit(A, B);
  };
  SourceLocation LastSuspension;
  SmallVector<const Stmt *, 4> Suspensions, Loops;
  // `co_return x;` hands x to the promise's `return_value(U&&)`: no write.
  llvm::SmallPtrSet<const Expr *, 8> Returned;
  forEachStatement(Body, [&](const Stmt &S) {
    if (const auto *Return = dyn_cast<CoreturnStmt>(&S); Return && Return->getOperand())
      Returned.insert(Return->getOperand()->IgnoreParenImpCasts());
    if (isa<CoroutineSuspendExpr>(S) && Precedes(S.getBeginLoc(), Exit.getBeginLoc())) {
      Suspensions.push_back(&S);
      if (LastSuspension.isInvalid() || Precedes(LastSuspension, S.getBeginLoc()))
        LastSuspension = S.getBeginLoc();
    }
    if (isLoop(S))
      Loops.push_back(&S);
  });
  auto Within = [&](SourceLocation At, const Stmt &S) {
    return SM.isPointWithin(At, S.getBeginLoc(), S.getEndLoc());
  };
  SmallVector<const Stmt *, 4> SuspendingLoops;
  for (const Stmt *Loop : Loops)
    if (llvm::any_of(Suspensions, [&](const Stmt *S) { return Within(S->getBeginLoc(), *Loop); }))
      SuspendingLoops.push_back(Loop);
  auto Before = [&](const Stmt &Write) {
    SourceLocation At = Write.getBeginLoc();
    return (LastSuspension.isValid() && Precedes(At, LastSuspension)) ||
           llvm::any_of(SuspendingLoops, [&](const Stmt *Loop) { return Within(At, *Loop); });
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
  forEachMutableReferenceArgument(Body, [&](const Expr &Argument) {
    if (!Returned.contains(Argument.IgnoreParenImpCasts()))
      Add(Argument, &Argument);
  });
  return Written;
}

/// Whether Body calls a non-const member function on Object (`results_.push_back(r)`).
bool mutatedThroughMembers(const ValueDecl &Object, const Stmt &Body) {
  bool Mutated = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    Mutated |= Call && Call->getMethodDecl() && !Call->getMethodDecl()->isConst() &&
               namedObject(Call->getImplicitObjectArgument()) == &Object;
  });
  return Mutated;
}

/// The data members of the coroutine's class that its member functions count up (`++processed_`
/// in a helper the work calls): a count is progress wherever it is made.
llvm::SmallPtrSet<const ValueDecl *, 4> countedByTheClass(const Expr &Value) {
  llvm::SmallPtrSet<const ValueDecl *, 4> Counted;
  const CXXRecordDecl *Class = nullptr;
  forEachStatement(Value, [&](const Stmt &S) {
    if (const auto *Member = dyn_cast<MemberExpr>(&S); Member && !Class)
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl()))
        Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  });
  if (Class)
    forEachMemberBody(*Class, [&](const Stmt &Member) {
      forEachStatement(Member, [&](const Stmt &S) {
        if (const Expr *Target = incrementedOperand(S))
          if (const ValueDecl *D = namedObject(Target))
            Counted.insert(D);
      });
    });
  return Counted;
}

/// The variable a name refers to, a structured binding's as the local it decomposes.
const VarDecl *variableOf(const ValueDecl *D) {
  if (const auto *Binding = dyn_cast<BindingDecl>(D))
    return dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
  return dyn_cast<VarDecl>(D);
}

/// Whether Value tells the awaiter what happened: it mentions what was caught or tested
/// (Caught), the exception in flight, an enumerator named for the cancellation
/// (`Outcome::failure(Status::cancelled)`, `std::unexpected(Errc::cancelled)`) or an
/// unexpected result.
bool tellsWhatHappened(const Expr &Value, const ValueDecl *Caught) {
  bool Tells = false;
  forEachStatement(Value, [&](const Stmt &S) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const ValueDecl *D = Ref->getDecl();
      Tells |= (Caught && (D == Caught || variableOf(D) == variableOf(Caught))) ||
               (isa<EnumConstantDecl>(D) && namesCancellation(*D));
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      Tells |= Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
               (Callee->getName() == "current_exception" ||
                Callee->getName() == "make_exception_ptr");
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
      if (const CXXRecordDecl *Type = Construct->getType()->getAsCXXRecordDecl();
          Type && Type->getIdentifier() && Type->getName().contains_insensitive("unexpected"))
        Tells = true; // `std::unexpected(code)`, `tl::make_unexpected(...)`
  });
  return Tells;
}

/// Whether Value carries what the work made: an await, a local of the coroutine declared
/// outside Region, something the coroutine writes before Exit or its class counts, an object
/// the work adds to read whole (`co_return results_;`, `out.size()`, not `cache_.value(key)`),
/// or a member function of the class that writes members (`co_return summary();`).
bool carriesTheWork(const Expr &Value, const Stmt &Exit, const Stmt &Region, const Stmt &Body,
                    const SourceManager &SM) {
  llvm::SmallPtrSet<const VarDecl *, 4> RegionLocals;
  forEachStatement(Region, [&](const Stmt &S) {
    if (const auto *Declared = dyn_cast<DeclStmt>(&S))
      for (const Decl *D : Declared->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D))
          RegionLocals.insert(Var);
  });
  llvm::SmallPtrSet<const ValueDecl *, 8> Written = writtenBefore(Exit, Body, SM);
  llvm::SmallPtrSet<const ValueDecl *, 4> Counted = countedByTheClass(Value);
  bool WritesMembers = llvm::any_of(Written, [](const ValueDecl *D) { return isa<FieldDecl>(D); });
  // The object read whole: the value itself (through std::move), or the object of an
  // argument-less member call (`out.size()`, `count_.load()`).
  const Expr *Whole = passedThrough(&Value);
  if (const auto *Read = dyn_cast<CXXMemberCallExpr>(Whole); Read && Read->getNumArgs() == 0)
    Whole = Read->getImplicitObjectArgument();
  if (const ValueDecl *Object = namedObject(Whole); Object && mutatedThroughMembers(*Object, Body))
    return true;
  bool Carries = false;
  forEachStatement(Value, [&](const Stmt &S) {
    if (isa<CoawaitExpr, CoyieldExpr>(S)) {
      Carries = true;
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      const VarDecl *Var = variableOf(Ref->getDecl());
      Carries |= Written.contains(Ref->getDecl()) || Counted.contains(Ref->getDecl()) ||
                 (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
                  !RegionLocals.contains(Var));
    } else if (const auto *Member = dyn_cast<MemberExpr>(&S)) {
      Carries |= Written.contains(Member->getMemberDecl()) ||
                 Counted.contains(Member->getMemberDecl());
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      // `co_return summary();` may read the counters the work updates.
      const auto *Object = Call->getImplicitObjectArgument();
      Carries |= WritesMembers && Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
    }
  });
  return Carries;
}

} // namespace

bool returnsFallback(const Stmt &Exit, const Stmt &Region, const ValueDecl *Caught,
                     const Stmt &Body, const ASTContext &Context) {
  const auto *Return = dyn_cast<CoreturnStmt>(&Exit);
  const Expr *Value = Return && Return->getOperand() ? Return->getOperand()->IgnoreImplicit()
                                                     : nullptr;
  if (!Value)
    return false;
  // `co_return {};` of a class type keeps its placeholder type.
  if (const auto *List = dyn_cast<InitListExpr>(Value); List && List->getNumInits() == 0)
    return true;
  // A value that names the cancellation tells the awaiter what happened; a bool says whether
  // the work succeeded (`co_return false;`), or that the stop was seen (`co_return true;`).
  if (Value->getType()->isVoidType() || Value->getType()->isBooleanType() ||
      Value->isValueDependent() || returnsCancellationName(Exit) ||
      tellsWhatHappened(*Value, Caught))
    return false;
  return isDefault(Value, Context) ||
         !carriesTheWork(*Value, Exit, Region, Body, Context.getSourceManager());
}

} // namespace clang::tidy::async::utils
