//===--- ProjectCancellations.cpp - a project's own cancellation exceptions ===//

#include "ProjectCancellations.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "UserCodeVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

namespace rules = async_lint::rules;

namespace {

/// Whether Class is, or derives from, an exception type of a pack's cancellation kind.
bool knownToPacks(const CXXRecordDecl &Class, const llvm::StringSet<> &PackTypes) {
  if (PackTypes.contains(packName(Class)))
    return true;
  return Class.hasDefinition() && !Class.forallBases([&](const CXXRecordDecl *Base) {
    return !PackTypes.contains(packName(*Base));
  });
}

} // namespace

const std::vector<ProjectCancellation> &
ProjectCancellations::get(ASTContext &Context, const rules::RuleSet &Rules) {
  if (Collected)
    return *Collected;
  llvm::StringSet<> PackTypes;
  for (const rules::CancellationKind &Kind : Rules.cancellation())
    for (const std::string &Type : Kind.ExceptionTypes)
      PackTypes.insert(Type);

  struct Collector : UserCodeVisitor<Collector> {
    explicit Collector(const SourceManager &SM) : UserCodeVisitor(SM) {}
    bool VisitCXXThrowExpr(CXXThrowExpr *Throw) {
      if (Throw->getSubExpr())
        consider(*Throw->getSubExpr());
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getIdentifier() && Callee->getName() == "make_exception_ptr" &&
          Call->getNumArgs() == 1)
        consider(*Call->getArg(0));
      return true;
    }
    void consider(const Expr &Thrown) {
      if (Thrown.isTypeDependent())
        return;
      const CXXRecordDecl *Class = Thrown.getType()->getAsCXXRecordDecl();
      if (Class && Class->hasDefinition() && !SM.isInSystemHeader(Class->getLocation()) &&
          nameContainsAny(Class, {"cancel"}))
        Classes.insert(Class->getDefinition());
    }
    llvm::SetVector<const CXXRecordDecl *> Classes;
  } Finder(Context.getSourceManager());
  Finder.TraverseDecl(Context.getTranslationUnitDecl());

  Collected.emplace();
  for (const CXXRecordDecl *Class : Finder.Classes) {
    if (knownToPacks(*Class, PackTypes))
      continue;
    rules::CancellationKind Kind;
    Kind.Name = "project:" + packName(*Class);
    Kind.ExceptionTypes = {packName(*Class)};
    Kind.RaisedBy = Kind.ExceptionTypes;
    Kind.NormalEndOk = true;
    Collected->push_back({Class, std::move(Kind)});
  }
  return *Collected;
}

} // namespace clang::tidy::async::utils
