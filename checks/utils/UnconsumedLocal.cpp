//===--- UnconsumedLocal.cpp - paths on which a local is never used -------===//

#include "UnconsumedLocal.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
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

SourceLocation exitLocation(const Stmt *Trigger) {
  if (const auto *Compound = dyn_cast_or_null<CompoundStmt>(Trigger))
    return Compound->getRBracLoc();
  return Trigger ? Trigger->getBeginLoc() : SourceLocation();
}

/// Where a path leaves the function through the exit block: the block's last statement
/// (a return, co_return or throw) or, failing that, the end of the body.
SourceLocation exitOfBlock(const CFGBlock &Block, const Stmt &Body) {
  if (const Stmt *Terminator = Block.getTerminatorStmt())
    return Terminator->getBeginLoc();
  for (auto It = Block.rbegin(); It != Block.rend(); ++It)
    if (auto S = It->getAs<CFGStmt>())
      if (isa<ReturnStmt, CoreturnStmt, CXXThrowExpr>(S->getStmt()))
        return S->getStmt()->getBeginLoc();
  return exitLocation(&Body);
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
  SmallVector<Position, 16> Worklist(Declarations.lookup(&Var));

  llvm::SmallPtrSet<const CFGBlock *, 32> Visited;
  while (!Worklist.empty()) {
    auto [Block, Index] = Worklist.pop_back_val();
    bool Used = false;
    for (unsigned I = Index; I < Block->size() && !Used; ++I) {
      const CFGElement &Element = (*Block)[I];
      if (auto S = Element.getAs<CFGStmt>()) {
        Used = mentions(S->getStmt(), Value);
      } else if (auto End = Element.getAs<CFGLifetimeEnds>()) {
        if (End->getVarDecl() == &Var)
          return exitLocation(End->getTriggerStmt());
      }
    }
    if (Used)
      continue;
    for (const CFGBlock *Next : Block->succs()) {
      if (!Next)
        continue;
      if (Next == &Graph->getExit())
        return exitOfBlock(*Block, this->Body);
      if (Visited.insert(Next).second)
        Worklist.push_back({Next, 0});
    }
  }
  return std::nullopt;
}

bool isMentioned(const ValueDecl &Var, const Stmt &Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const ValueDecl *Target;
    bool Found = false;
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      Found |= Ref->getDecl() == Target;
      return !Found;
    }
  } Visitor;
  Visitor.Target = &Var;
  Visitor.TraverseStmt(const_cast<Stmt *>(&Body));
  return Visitor.Found;
}

} // namespace clang::tidy::async::utils
