//===--- CancellationSources.cpp - which code can raise a cancellation ----===//

#include "CancellationSources.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "PackCalls.h"
#include "UserCodeVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {

namespace rules = async_lint::rules;

namespace {

/// Calls followed into the unit's own functions before giving up (and assuming the kind may
/// be raised): enough for real call chains, and a bound on the stack.
constexpr unsigned MaxDepth = 16;

/// Whether an expression of this type involves one of Names: the type itself, or what a
/// reference or pointer to it designates.
bool involves(QualType Type, ArrayRef<std::string> Names) {
  QualType Object = Type.getNonReferenceType();
  if (Object->isPointerType())
    Object = Object->getPointeeType();
  const CXXRecordDecl *Record = Object->getAsCXXRecordDecl();
  return Record && llvm::is_contained(Names, packName(*Record));
}

/// Whether the call names one of Kind's raised_by functions (`seastar::sleep_abortable`).
bool callsRaisingFunction(const CallExpr &Call, const FunctionDecl &Callee,
                          const rules::CancellationKind &Kind) {
  return llvm::any_of(callNames(Call, Callee), [&](const CallName &Name) {
    return llvm::is_contained(Kind.RaisedBy, Name.Name);
  });
}

/// A call of the standard library that runs what it is given: a function object's call
/// (std::function), std::invoke, std::apply.
bool forwardsCall(const FunctionDecl &Callee) {
  if (Callee.getOverloadedOperator() == OO_Call)
    return true;
  return Callee.getIdentifier() && llvm::is_contained({"invoke", "apply"}, Callee.getName());
}

} // namespace

CancellationSources::CancellationSources(const rules::RuleSet &Rules)
    : Libraries(libraryNamespaces(Rules)) {}

bool CancellationSources::enabled(const rules::CancellationKind &Kind, ASTContext &Context) {
  if (Kind.EnabledBy.empty())
    return true;
  if (!Named) {
    // Every declaration the unit's own code names: the types it spells, the functions it calls,
    // the enumerators it uses (also as template arguments: `collectAny<SignalType::Terminate>`).
    struct Collector : UserCodeVisitor<Collector> {
      Collector(const SourceManager &SM, const llvm::StringSet<> &Libraries,
                llvm::StringSet<> &Found)
          : UserCodeVisitor(SM), Libraries(Libraries), Found(Found) {}
      bool TraverseDecl(Decl *D) {
        // A library's own use of its types (its collectAny creates a Signal) sets nothing up.
        if (const auto *Namespace = dyn_cast_or_null<NamespaceDecl>(D);
            Namespace && Namespace->getIdentifier() &&
            isa<TranslationUnitDecl>(Namespace->getDeclContext()) &&
            Libraries.contains(Namespace->getName()))
          return true;
        return UserCodeVisitor::TraverseDecl(D);
      }
      bool VisitDeclRefExpr(DeclRefExpr *Ref) {
        Found.insert(packName(*Ref->getDecl()));
        return true;
      }
      bool VisitTagTypeLoc(TagTypeLoc Type) {
        Found.insert(packName(*Type.getDecl()));
        return true;
      }
      bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc Type) {
        if (const TemplateDecl *Template = Type.getTypePtr()->getTemplateName().getAsTemplateDecl())
          Found.insert(packName(*Template));
        return true;
      }
      const llvm::StringSet<> &Libraries;
      llvm::StringSet<> &Found;
    };
    Named.emplace();
    Collector(Context.getSourceManager(), Libraries, *Named)
        .TraverseDecl(Context.getTranslationUnitDecl());
  }
  return llvm::any_of(Kind.EnabledBy, [&](const std::string &Name) { return Named->contains(Name); });
}

bool CancellationSources::mayRaise(const Stmt &Code, const rules::CancellationKind &Kind) {
  return Kind.RaisedBy.empty() || mayRaise(Code, Kind, 0);
}

bool CancellationSources::mayRaise(const Stmt &Code, const rules::CancellationKind &Kind,
                                   unsigned Depth) {
  if (Depth > MaxDepth)
    return true;
  bool May = false;
  // Lambda bodies and the initialisers of the locals Code reads (an eager future made before
  // the try and awaited in it) run as part of it too.
  SmallVector<const Stmt *, 8> Pending{&Code};
  llvm::SmallPtrSet<const Stmt *, 8> Seen;
  while (!Pending.empty() && !May) {
    const Stmt *Next = Pending.pop_back_val();
    if (!Seen.insert(Next).second)
      continue;
    forEachStatement(*Next, [&](const Stmt &S) {
      if (May)
        return;
      if (const auto *E = dyn_cast<Expr>(&S);
          E && !E->isTypeDependent() &&
          (involves(E->getType(), Kind.RaisedBy) || involves(E->getType(), Kind.ExceptionTypes))) {
        May = true;
      } else if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
        Pending.push_back(Lambda->getBody());
      } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
        if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
            Local && Local->isLocalVarDecl() && Local->getInit())
          Pending.push_back(Local->getInit());
      } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
        May = callMayRaise(*Call, Kind, Depth);
      }
    });
  }
  return May;
}

bool CancellationSources::raisedDirectlyBy(const Stmt &Code,
                                           const rules::CancellationKind &Kind) const {
  bool Raised = false;
  forEachStatement(Code, [&](const Stmt &S) {
    const auto *E = dyn_cast<Expr>(&S);
    Raised |= E && !E->isTypeDependent() && involves(E->getType(), Kind.RaisedBy);
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()))
        Raised |= callsRaisingFunction(*Call, *Callee, Kind);
  });
  return Raised;
}

bool CancellationSources::callMayRaise(const CallExpr &Call, const rules::CancellationKind &Kind,
                                       unsigned Depth) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  if (!Callee)
    return true; // through a pointer, or dependent
  if (callsRaisingFunction(Call, *Callee, Kind))
    return true;
  if (Libraries.contains(outermostNamespace(*Callee)))
    return false;
  const SourceManager &SM = Callee->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(Callee->getLocation()))
    return forwardsCall(*Callee);
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee); Method && Method->isVirtual())
    return true;
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition))
    return true; // defined in another translation unit
  auto [It, Inserted] = Functions.try_emplace({Definition, &Kind}, std::nullopt);
  if (!Inserted)
    return It->second.value_or(true); // known; being computed (a cycle): assume it may
  const Stmt *Body = userBody(*Definition);
  bool May = Body && mayRaise(*Body, Kind, Depth + 1);
  Functions[{Definition, &Kind}] = May;
  return May;
}

} // namespace clang::tidy::async::utils
