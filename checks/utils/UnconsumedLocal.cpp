//===--- UnconsumedLocal.cpp - paths on which a local is never used -------===//

#include "UnconsumedLocal.h"
#include "CoroutineContext.h"
#include "LoopBounds.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {
namespace {

bool mentions(const Stmt *S, const ValueDecl &Var) {
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(S))
    return Ref->getDecl() == &Var;
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(S))
    return llvm::any_of(Lambda->captures(), [&](const LambdaCapture &Capture) {
      return Capture.capturesVariable() && Capture.getCapturedVar() == &Var;
    });
  return false;
}

/// Whether a loop's condition holds the first time it is tested: a counted loop or range-for
/// whose trip count is a constant of at least one (`for (int i = 0; i < 10; ++i)`).
bool entersLoop(const Stmt *Loop, ASTContext &Context) {
  if (!isa_and_nonnull<ForStmt, CXXForRangeStmt>(Loop))
    return false;
  LoopTrip Trip = analyzeTrip(*Loop, Context);
  return Trip.K == LoopTrip::Kind::Constant && Trip.Count > 0;
}

/// An exit a macro writes, such as a test assertion that co_returns when it fails
/// (`QCORO_VERIFY(x)`): leaving there is the macro's purpose, not a forgotten task.
bool isMacroExit(const Stmt *Trigger) {
  return isa_and_nonnull<ReturnStmt, CoreturnStmt, CXXThrowExpr>(Trigger) &&
         Trigger->getBeginLoc().isMacroID();
}

SourceLocation exitLocation(const Stmt *Trigger) {
  if (const auto *Compound = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Compound->getRBracLoc();
  return Trigger ? Trigger->getBeginLoc() : SourceLocation();
}

/// The statement by which a block leaves the function: its terminator, or its last return,
/// co_return or throw; null when it falls off the end of the body.
const Stmt *lastStatement(const CFGBlock &Block) {
  if (const Stmt *Terminator = Block.getTerminatorStmt())
    return Terminator;
  for (auto It = Block.rbegin(); It != Block.rend(); ++It)
    if (auto S = It->getAs<CFGStmt>())
      if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(S->getStmt()))
        return S->getStmt();
  return nullptr;
}

/// Where a path leaves the function through the exit block: the block's last statement
/// (a return, co_return or throw) or, failing that, the end of the body.
SourceLocation exitOfBlock(const CFGBlock &Block, const Stmt &Body) {
  if (const Stmt *Last = lastStatement(Block))
    return Last->getBeginLoc();
  return exitLocation(&Body);
}

/// Calls Visit on each reference to Var in Body (lambda bodies included), until it returns
/// false.
void forEachReference(const ValueDecl &Var, const Stmt &Body,
                      llvm::function_ref<bool(const DeclRefExpr &)> Visit) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Target;
    llvm::function_ref<bool(const DeclRefExpr &)> Visit;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) { return Ref->getDecl() != Target || Visit(*Ref); }
  } Visitor;
  Visitor.Target = &Var;
  Visitor.Visit = Visit;
  Visitor.TraverseStmt(const_cast<Stmt *>(&Body));
}

/// Where the macros that use Var in Body are expanded (`EXPECT_THROW(std::move(task).Get(),
/// E)`). Such a macro decides with branches of its own whether its argument runs: every
/// statement of the expansion counts as the use.
llvm::DenseSet<SourceLocation> expansionsUsing(const ValueDecl &Var, const Stmt &Body,
                                               const SourceManager &SM) {
  llvm::DenseSet<SourceLocation> Found;
  forEachReference(Var, Body, [&](const DeclRefExpr &Ref) {
    if (Ref.getBeginLoc().isMacroID())
      Found.insert(SM.getExpansionLoc(Ref.getBeginLoc()));
    return true;
  });
  return Found;
}

} // namespace

bool LocalVariableFlow::build() {
  if (Built)
    return Graph != nullptr;
  Built = true;
  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(nullptr, const_cast<Stmt *>(&Body), &Context, Options);
  if (!Graph)
    return false;
  for (const CFGBlock *Block : *Graph)
    for (unsigned I = 0; I < Block->size(); ++I)
      if (auto S = (*Block)[I].getAs<CFGStmt>())
        if (const auto *Declaration = dyn_cast<DeclStmt>(S->getStmt()))
          for (const Decl *D : Declaration->decls())
            if (const auto *Var = dyn_cast<VarDecl>(D))
              Declarations[Var].push_back({Block, I + 1});
  return true;
}

std::optional<SourceLocation> LocalVariableFlow::exitWithoutUse(const VarDecl &Var,
                                                                const ValueDecl &Value) {
  if (!build())
    return std::nullopt;
  // A position, and whether it was reached by entering a loop that runs at least once: then
  // the loop's first test cannot take the exit branch.
  struct State {
    Position At;
    bool EnteringLoop;
  };
  SmallVector<State, 16> Worklist;
  for (Position P : Declarations.lookup(&Var))
    Worklist.push_back({P, false});
  llvm::SmallPtrSet<const CFGBlock *, 32> Visited[2]; // by EnteringLoop
  const SourceManager &SM = Context.getSourceManager();
  llvm::DenseSet<SourceLocation> MacroUses = expansionsUsing(Value, Body, SM);
  auto InMacroUse = [&](const Stmt *S) {
    return !MacroUses.empty() && S->getBeginLoc().isMacroID() &&
           MacroUses.contains(SM.getExpansionLoc(S->getBeginLoc()));
  };
  while (!Worklist.empty()) {
    auto [At, EnteringLoop] = Worklist.pop_back_val();
    const CFGBlock *Block = At.Block;
    bool Used = false;
    for (unsigned I = At.Index; I < Block->size() && !Used; ++I) {
      const CFGElement &Element = (*Block)[I];
      if (auto S = Element.getAs<CFGStmt>()) {
        Used = mentions(S->getStmt(), Value) || InMacroUse(S->getStmt());
      } else if (auto End = Element.getAs<CFGLifetimeEnds>()) {
        if (End->getVarDecl() != &Var)
          continue;
        if (isMacroExit(End->getTriggerStmt()))
          Used = true; // this path ends here, and not by forgetting the task
        else
          return exitLocation(End->getTriggerStmt());
      }
    }
    if (Used)
      continue;
    ArrayRef<CFGBlock::AdjacentBlock> Successors(Block->succ_begin(), Block->succ_end());
    if (EnteringLoop)
      Successors = Successors.take_front(); // the body, not the exit
    for (const CFGBlock *Next : Successors) {
      if (!Next)
        continue;
      if (Next == &Graph->getExit()) {
        const Stmt *Last = lastStatement(*Block);
        if (isMacroExit(Last))
          continue;
        return exitOfBlock(*Block, this->Body);
      }
      const Stmt *Loop = Next->getTerminatorStmt();
      bool Entering = Block->getLoopTarget() != Loop && entersLoop(Loop, Context);
      if (Visited[Entering].insert(Next).second)
        Worklist.push_back({{Next, 0}, Entering});
    }
  }
  return std::nullopt;
}

bool isMentioned(const ValueDecl &Var, const Stmt &Body) {
  bool Found = false;
  forEachReference(Var, Body, [&](const DeclRefExpr &) {
    Found = true;
    return false; // one is enough
  });
  return Found;
}

const VarDecl *localInitialisedBy(const Expr &Init, const ParentMap &Parents) {
  const Stmt *Parent = Parents.getParentIgnoreParenImpCasts(const_cast<Expr *>(&Init));
  // `auto worker = std::jthread(f);`: the functional cast and the temporary are elided.
  while (isa_and_nonnull<CXXFunctionalCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                         ExprWithCleanups>(Parent))
    Parent = Parents.getParentIgnoreParenImpCasts(const_cast<Stmt *>(Parent));
  const auto *Declaration = dyn_cast_or_null<DeclStmt>(Parent);
  if (!Declaration)
    return nullptr;
  for (const Decl *D : Declaration->decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    const Expr *Initialiser = Var ? Var->getInit() : nullptr;
    if (const auto *Cast =
            dyn_cast_or_null<CXXFunctionalCastExpr>(Initialiser ? Initialiser->IgnoreImplicit() : nullptr))
      Initialiser = Cast->getSubExpr();
    if (Initialiser && Initialiser->IgnoreImplicit() == Init.IgnoreImplicit())
      return Var->hasLocalStorage() && !Var->getType()->isReferenceType() ? Var : nullptr;
  }
  return nullptr;
}

bool onlyCallsMembers(const ValueDecl &Var, const Stmt &Body,
                      llvm::function_ref<bool(const CXXMethodDecl &)> Allowed) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Target = nullptr;
    llvm::function_ref<bool(const CXXMethodDecl &)> Allowed;
    llvm::SmallPtrSet<const DeclRefExpr *, 8> AllowedObjects;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
      const auto *Object = dyn_cast_or_null<DeclRefExpr>(
          Call->getImplicitObjectArgument()
              ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts()
              : nullptr);
      if (Object && Object->getDecl() == Target && Call->getMethodDecl() &&
          Allowed(*Call->getMethodDecl()))
        AllowedObjects.insert(Object);
      return true;
    }
  } Calls;
  Calls.Target = &Var;
  Calls.Allowed = Allowed;
  Calls.TraverseStmt(const_cast<Stmt *>(&Body));
  bool Only = true;
  forEachReference(Var, Body, [&](const DeclRefExpr &Ref) {
    Only = Calls.AllowedObjects.contains(&Ref);
    return Only;
  });
  return Only;
}

SmallVector<const ValueDecl *, 4> variablesHandedOver(const Expr &Call) {
  SmallVector<const ValueDecl *, 4> Vars;
  ArrayRef<const Expr *> Arguments;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    Arguments = ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  else if (const auto *C = dyn_cast<CallExpr>(&Call))
    Arguments = ArrayRef(C->getArgs(), C->getNumArgs());
  for (const Expr *Argument : Arguments) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Argument->IgnoreImplicit())) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable())
          Vars.push_back(Capture.getCapturedVar());
      continue;
    }
    forEachStatement(*Argument, [&](const Stmt &S) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && isa<VarDecl>(Ref->getDecl()))
        Vars.push_back(Ref->getDecl());
    });
  }
  return Vars;
}

bool awaitsOneOfAfter(const Expr &Start, const Stmt &Body, ArrayRef<const ValueDecl *> Vars,
                      const SourceManager &SM) {
  auto Mentions = [&](const Stmt *S) {
    bool Found = false;
    if (S)
      forEachStatement(*S, [&](const Stmt &Inner) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&Inner);
        Found = Found || (Ref && llvm::is_contained(Vars, Ref->getDecl()));
      });
    return Found;
  };
  auto Suspends = [](const Stmt *S) {
    bool Found = false;
    if (S)
      forEachStatement(*S, [&](const Stmt &Inner) { Found = Found || isa<CoawaitExpr>(Inner); });
    return Found;
  };
  bool Found = false;
  forEachStatement(Body, [&](const Stmt &S) {
    if (Found || !SM.isBeforeInTranslationUnit(Start.getEndLoc(), S.getBeginLoc()))
      return;
    if (const auto *Await = dyn_cast<CoawaitExpr>(&S))
      Found = Mentions(Await->getOperand());
    // `while (!done) co_await aio::sleep(1ms);`: polling what the thread sets.
    else if (const auto *While = dyn_cast<WhileStmt>(&S))
      Found = Mentions(While->getCond()) && Suspends(While->getBody());
    else if (const auto *Do = dyn_cast<DoStmt>(&S))
      Found = Mentions(Do->getCond()) && Suspends(Do->getBody());
    else if (const auto *For = dyn_cast<ForStmt>(&S))
      Found = Mentions(For->getCond()) && Suspends(For->getBody());
  });
  return Found;
}

} // namespace clang::tidy::async::utils
