//===--- UnconsumedLocal.h - paths on which a local is never used ---------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H
#define ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>

namespace clang::tidy::async::utils {

/// The control flow of one function body, built once on first use, for questions about its
/// local variables.
class LocalVariableFlow {
public:
  LocalVariableFlow(const Stmt &Body, ASTContext &Context) : Body(Body), Context(Context) {}

  /// Follows the control flow from the declaration of the local Storage and returns where
  /// Storage first dies on a path that never mentions Value (the end of its scope, a return,
  /// break, continue or throw), or nothing when every path uses it. Value is Storage itself,
  /// or one of its structured bindings. Any mention counts as a use: awaiting, moving,
  /// passing, returning, storing, capturing or calling a member.
  std::optional<SourceLocation> exitWithoutUse(const VarDecl &Storage, const ValueDecl &Value);

private:
  struct Position {
    const CFGBlock *Block;
    unsigned Index;
  };
  bool build();

  const Stmt &Body;
  ASTContext &Context;
  bool Built = false;
  std::unique_ptr<CFG> Graph;
  /// Where each local variable is declared in the graph (just after its declaration).
  llvm::DenseMap<const VarDecl *, SmallVector<Position, 1>> Declarations;
};

/// True when Body mentions Value anywhere.
bool isMentioned(const ValueDecl &Value, const Stmt &Body);

/// The local variable (automatic storage, not a reference) that Init initialises, as in
/// `std::jthread worker(f);` or `auto worker = std::jthread(f);`; null otherwise.
const VarDecl *localInitialisedBy(const Expr &Init, const ParentMap &Parents);

/// True when every mention of Var in Body (lambda bodies included) is the object of a call to
/// one of its members that Allowed accepts: nothing moves it out, passes it on or captures it
/// by an initialiser.
bool onlyCallsMembers(const ValueDecl &Var, const Stmt &Body,
                      llvm::function_ref<bool(const CXXMethodDecl &)> Allowed);

/// The variables a call hands to the callables among its arguments: a lambda's captures
/// (implicit ones too) and the variables named by the other arguments (`std::jthread t(work,
/// std::ref(done))`).
SmallVector<const ValueDecl *, 4> variablesHandedOver(const Expr &Call);

/// Whether Body, after Start, awaits one of Vars (`co_await done;` for an event the thread
/// sets) or polls one with a loop that awaits (`while (!done) co_await sleep(1ms);`).
bool awaitsOneOfAfter(const Expr &Start, const Stmt &Body, ArrayRef<const ValueDecl *> Vars,
                      const SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif
