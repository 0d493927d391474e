//===--- LockHolding.cpp - a thread lock held across a suspension --------===//

#include "LockHolding.h"
#include "UnconsumedLocal.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {
namespace {

/// The declaration an object expression names: a variable (`m`, `lock`) or a data member
/// (`this->m`, `state.m`), or the one whose address it takes; null for anything else.
const ValueDecl *holderOf(const Expr *Object) {
  Object = Object ? Object->IgnoreParenImpCasts() : nullptr;
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(Object);
      Address && Address->getOpcode() == UO_AddrOf)
    Object = Address->getSubExpr()->IgnoreParenImpCasts(); // QMutexLocker locker(&mutex)
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Object))
    return Member->getMemberDecl();
  return nullptr;
}

/// A mutex whose lock() blocks the thread: a class with a `lock` member returning void (or
/// a pointer to one).
bool isThreadMutex(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType()) // QMutexLocker(&mutex)
    Type = Type->getPointeeType();
  const auto *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  auto HasVoidLock = [](const CXXRecordDecl *Class) {
    return llvm::any_of(Class->methods(), [](const CXXMethodDecl *Method) {
      return Method->getIdentifier() && Method->getName() == "lock" &&
             Method->getReturnType()->isVoidType();
    });
  };
  // QMutex inherits its lock() from QBasicMutex.
  return HasVoidLock(Record) || !Record->forallBases([&](const CXXRecordDecl *Base) {
    return !HasVoidLock(Base);
  });
}

/// Finds, in source order, the first suspension and the first release of the holder in one
/// statement; lambda bodies run elsewhere and are skipped.
struct HoldingScan : RecursiveASTVisitor<HoldingScan> {
  const ValueDecl *Holder = nullptr;
  const ValueDecl *Mutex = nullptr; ///< the mutex a lock object holds, if known
  const std::vector<std::string> *Releases = nullptr;
  const Stmt *Suspension = nullptr;
  bool Released = false;

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCoawaitExpr(CoawaitExpr *E) { return suspends(E, E->getOperand()); }
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *E) { return suspends(E, E->getOperand()); }
  bool VisitCoyieldExpr(CoyieldExpr *E) { return note(E); }
  /// `co_await cv.wait(lock, pred)`, `co_await cv.wait(mutex, pred)`: an operation handed the
  /// lock or its mutex releases it while it waits (a condition variable's wait), and takes it
  /// back before the coroutine goes on.
  bool suspends(const Stmt *Suspend, const Expr *Operand) {
    bool HandsOver = false;
    forEachStatement(*Operand, [&](const Stmt &S) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&S);
      const auto *Member = dyn_cast<MemberExpr>(&S);
      const ValueDecl *Named = Ref ? Ref->getDecl() : Member ? Member->getMemberDecl() : nullptr;
      HandsOver = HandsOver || (Named && (Named == Holder || (Mutex && Named == Mutex)));
    });
    if (HandsOver)
      return true;
    return note(Suspend);
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && Method->getIdentifier() &&
        llvm::is_contained(*Releases, Method->getName().str()) &&
        holderOf(Call->getImplicitObjectArgument()) == Holder)
      Released = true;
    return !Released; // a release ends the scan: what follows runs unlocked
  }
  bool note(const Stmt *S) {
    Suspension = S;
    return false;
  }
};

/// The statement of a block that holds E (E itself, under implicit nodes), with the block.
std::pair<const CompoundStmt *, const Stmt *> blockStatement(const Stmt &E,
                                                             const ParentMap &Parents) {
  const Stmt *Child = &E;
  const Stmt *Parent = Parents.getParent(Child);
  while (isa_and_nonnull<ExprWithCleanups, ImplicitCastExpr, ParenExpr>(Parent)) {
    Child = Parent;
    Parent = Parents.getParent(Child);
  }
  return {dyn_cast_or_null<CompoundStmt>(Parent), Child};
}

} // namespace

const Stmt *suspensionWhileHeld(const Expr &Acquire, const FunctionBody &Body,
                                const std::vector<std::string> &Releases) {
  const ParentMap &Parents = Body.parents();
  const ValueDecl *Holder = nullptr, *Mutex = nullptr;
  const Stmt *Holding = nullptr; // the statement that takes the lock
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Acquire)) {
    const VarDecl *Local = localInitialisedBy(*Construct, Parents);
    if (!Local || Construct->getNumArgs() == 0 || !isThreadMutex(Construct->getArg(0)->getType()))
      return nullptr;
    Holder = Local;
    Mutex = holderOf(Construct->getArg(0));
    Holding = Parents.getParent(Construct);
    while (Holding && !isa<DeclStmt>(Holding))
      Holding = Parents.getParent(Holding);
  } else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Acquire)) {
    Holder = holderOf(Call->getImplicitObjectArgument());
    Holding = &Acquire;
  }
  if (!Holder || !Holding)
    return nullptr;
  auto [Block, Statement] = blockStatement(*Holding, Parents);
  if (!Block)
    return nullptr;
  const auto *After = llvm::find(Block->body(), Statement);
  if (After == Block->body_end())
    return nullptr;
  for (const Stmt *Next : llvm::make_range(std::next(After), Block->body_end())) {
    HoldingScan Scan;
    Scan.Holder = Holder;
    Scan.Mutex = Mutex;
    Scan.Releases = &Releases;
    Scan.TraverseStmt(const_cast<Stmt *>(Next));
    if (Scan.Suspension)
      return Scan.Suspension;
    if (Scan.Released)
      return nullptr;
  }
  return nullptr;
}

} // namespace clang::tidy::async::utils
