//===--- ProjectCancellations.cpp - a project's own cancellations -------===//

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
  return collect(Context, Rules).Exceptions;
}

const std::vector<rules::CancellationKind> &
ProjectCancellations::statuses(ASTContext &Context, const rules::RuleSet &Rules) {
  return collect(Context, Rules).Statuses;
}

const ProjectCancellations::Found &ProjectCancellations::collect(ASTContext &Context,
                                                                 const rules::RuleSet &Rules) {
  if (Collected)
    return *Collected;
  llvm::StringSet<> PackTypes, PackCodeTypes;
  for (const rules::CancellationKind &Kind : Rules.cancellation()) {
    for (const std::string &Type : Kind.ExceptionTypes)
      PackTypes.insert(Type);
    for (const std::string &Type : Kind.ErrorCodeTypes)
      PackCodeTypes.insert(Type);
  }

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
    bool VisitReturnStmt(ReturnStmt *Return) {
      if (Return->getRetValue())
        considerReturned(*Return->getRetValue());
      return true;
    }
    bool VisitCoreturnStmt(CoreturnStmt *Return) {
      if (Return->getOperand())
        considerReturned(*Return->getOperand());
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
    /// The enumerators a returned value carries: the value itself, a branch of `?:`, or an
    /// argument of the call or construction that makes it (`std::unexpected(Errc::cancelled)`,
    /// `Result{Errc::cancelled}`); not one it only tests (`return state_ == State::cancelled;`).
    void considerReturned(const Expr &Returned) {
      SmallVector<const Expr *, 4> Pending = {&Returned};
      for (unsigned Seen = 0; !Pending.empty() && Seen < 16; ++Seen) {
        const Expr *E = Pending.pop_back_val()->IgnoreParenImpCasts();
        if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
          const auto *Value = dyn_cast<EnumConstantDecl>(Ref->getDecl());
          if (Value && !SM.isInSystemHeader(Value->getLocation()) &&
              nameContainsAny(Value, {"cancel"}))
            Enumerators.insert(Value);
        } else if (const auto *Choice = dyn_cast<ConditionalOperator>(E)) {
          Pending.append({Choice->getTrueExpr(), Choice->getFalseExpr()});
        } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
          Pending.append(Construct->arg_begin(), Construct->arg_end());
        } else if (const auto *Call = dyn_cast<CallExpr>(E); Call && E->getType()->isRecordType()) {
          Pending.append(Call->arg_begin(), Call->arg_end()); // not a predicate's argument
        } else if (const auto *List = dyn_cast<InitListExpr>(E)) {
          Pending.append(List->inits().begin(), List->inits().end());
        } else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
          Pending.push_back(Cast->getSubExpr());
        } else if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E)) {
          Pending.push_back(Temporary->getSubExpr());
        }
      }
    }
    llvm::SetVector<const CXXRecordDecl *> Classes;
    llvm::SetVector<const EnumConstantDecl *> Enumerators;
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
    Collected->Exceptions.push_back({Class, std::move(Kind)});
  }
  for (const EnumConstantDecl *Value : Finder.Enumerators) {
    const auto *Enum = cast<EnumDecl>(Value->getDeclContext());
    std::string Type = packName(*Enum);
    if (PackCodeTypes.contains(Type))
      continue;
    auto Same = llvm::find_if(Collected->Statuses, [&](const rules::CancellationKind &Kind) {
      return Kind.ErrorCodeTypes.front() == Type;
    });
    if (Same == Collected->Statuses.end()) {
      rules::CancellationKind Kind;
      Kind.Name = "project:" + Type;
      Kind.How = rules::Delivery::ErrorCode;
      Kind.ErrorCodeTypes = {Type};
      Kind.NormalEndOk = true;
      Same = Collected->Statuses.insert(Collected->Statuses.end(), std::move(Kind));
    }
    Same->ErrorCodeValues.push_back(packName(*Value));
  }
  return *Collected;
}

} // namespace clang::tidy::async::utils
