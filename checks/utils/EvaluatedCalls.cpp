//===--- EvaluatedCalls.cpp - the calls a function body really makes ------===//

#include "EvaluatedCalls.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::async::utils {
namespace {

class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  using Base = RecursiveASTVisitor<CallCollector>;
  explicit CallCollector(
      llvm::function_ref<void(const Expr &, const FunctionDecl *)> Visit)
      : Visit(Visit) {}

  bool shouldVisitTemplateInstantiations() const { return false; }
  // Not the await_ready/await_suspend/await_resume calls that co_await implies: an awaiter
  // is the library's business, and its own body is analysed where it is defined.
  bool shouldVisitImplicitCode() const { return false; }

  bool VisitCallExpr(CallExpr *Call) {
    Visit(*Call, Call->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    Visit(*Construct, Construct->getConstructor());
    return true;
  }

  // Lambda bodies run only when the lambda is called; its captures are initialised here.
  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    for (Expr *Init : Lambda->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }

  // Unevaluated operands.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *) { return true; }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(RequiresExpr *) { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc, bool /*LLVM 22*/ = true) { return true; }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *Typeid) {
    return Typeid->isPotentiallyEvaluated() ? Base::TraverseCXXTypeidExpr(Typeid) : true;
  }

private:
  llvm::function_ref<void(const Expr &, const FunctionDecl *)> Visit;
};

} // namespace

void forEachEvaluatedCall(
    const Stmt &Body,
    llvm::function_ref<void(const Expr &Call, const FunctionDecl *Callee)> Visit) {
  CallCollector(Visit).TraverseStmt(const_cast<Stmt *>(&Body));
}

/// The namespace that opens Decl's own namespace to its users with a using-directive (folly's
/// FOLLY_DEFINE_CPO declares `co_withExecutor` in `folly::coro::folly_cpo__`, then `using
/// namespace folly_cpo__;`): users write `folly::coro::co_withExecutor`, as for an inline
/// namespace. Null otherwise.
static const NamespaceDecl *openingNamespace(const NamedDecl &Decl) {
  const auto *Own = dyn_cast<NamespaceDecl>(Decl.getDeclContext());
  const auto *Parent = Own && !Own->isInline() ? dyn_cast<NamespaceDecl>(Own->getParent()) : nullptr;
  if (!Parent)
    return nullptr;
  for (const UsingDirectiveDecl *Using : Parent->using_directives())
    if (Using->getNominatedNamespace()->getCanonicalDecl() == Own->getCanonicalDecl())
      return Parent;
  return nullptr;
}

std::string packName(const NamedDecl &Decl) {
  std::string Name;
  llvm::raw_string_ostream Out(Name);
  PrintingPolicy Policy(Decl.getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Decl)) {
    Method->getParent()->printQualifiedName(Out, Policy);
    Out << "::";
    Method->printName(Out, Policy);
    return Name;
  }
  if (const NamespaceDecl *Opening = openingNamespace(Decl)) {
    Opening->printQualifiedName(Out, Policy);
    Out << "::";
    Decl.printName(Out, Policy);
    return Name;
  }
  Decl.printQualifiedName(Out, Policy);
  return Name;
}

} // namespace clang::tidy::async::utils
