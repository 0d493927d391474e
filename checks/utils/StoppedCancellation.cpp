//===--- StoppedCancellation.cpp - cancellation as a stopped completion ---===//

#include "StoppedCancellation.h"
#include "CancellationPaths.h"
#include "CoroutineContext.h"
#include "ErrorCodeCancellation.h"
#include "EvaluatedCalls.h"
#include "PackCalls.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

/// The adaptor call of Kind inside an awaited expression, with the name it is listed under: a
/// call (`stdexec::stopped_as_optional(s)`) or a construction of an adaptor class
/// (`seastar::coroutine::as_future(f)`).
std::pair<const Expr *, std::string> findAdaptor(const Expr &Operand,
                                                 const rules::CancellationKind &Kind) {
  std::pair<const Expr *, std::string> Found;
  forEachStatement(Operand, [&](const Stmt &S) {
    if (Found.first)
      return;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      std::string Name = packName(*Construct->getConstructor()->getParent());
      if (llvm::is_contained(Kind.StoppedAdaptors, Name))
        Found = {Construct, Name};
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(&S);
    const auto *Callee = Call ? dyn_cast_or_null<FunctionDecl>(Call->getCalleeDecl()) : nullptr;
    if (!Callee)
      return;
    for (const CallName &Name : callNames(*Call, *Callee))
      if (llvm::is_contained(Kind.StoppedAdaptors, Name.Name)) {
        Found = {Call, Name.Name};
        return;
      }
  });
  return Found;
}

/// `let_stopped([] { return just_stopped(); })`: a handler that stops again.
bool handlerStopsAgain(const Expr &Adaptor) {
  bool StopsAgain = false;
  const auto *Call = dyn_cast<CallExpr>(&Adaptor);
  for (const Expr *Argument : Call ? ArrayRef(Call->getArgs(), Call->getNumArgs())
                                   : ArrayRef<const Expr *>()) {
    const auto *Lambda = dyn_cast<LambdaExpr>(Argument->IgnoreImplicit());
    if (!Lambda)
      continue;
    forEachStatement(*Lambda->getBody(), [&](const Stmt &S) {
      const auto *Return = dyn_cast<ReturnStmt>(&S);
      const auto *Call = Return && Return->getRetValue()
                             ? dyn_cast<CallExpr>(Return->getRetValue()->IgnoreImplicit())
                             : nullptr;
      const NamedDecl *Callee = Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
      if (const VarDecl *Object = Call ? functionObject(*Call) : nullptr)
        Callee = Object;
      StopsAgain |= Callee && Callee->getIdentifier() && Callee->getName() == "just_stopped";
    });
  }
  return StopsAgain;
}

/// `co_await stdexec::just_stopped();`: a suspension that stops the coroutine again.
bool stopsAgain(const Expr &Suspension) {
  const auto *Await = dyn_cast<CoawaitExpr>(&Suspension);
  const auto *Call =
      Await ? dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
  const auto *Callee = Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
  if (const VarDecl *Object = Call ? functionObject(*Call) : nullptr)
    Callee = Object;
  return Callee && Callee->getIdentifier() && Callee->getName() == "just_stopped";
}

bool isOptional(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "optional";
}

/// A result that holds a value or an exception and says which (folly::Try): a class with a
/// member such as hasException or hasError.
bool holdsException(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  return llvm::any_of(Record->getDefinition()->decls(), [](const Decl *D) {
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    const auto *Method = dyn_cast<CXXMethodDecl>(D);
    return Method && Method->getIdentifier() &&
           isHeldErrorTest(Method->getName());
  });
}

/// Whether an exception of one of Kind's exception types is a T: `hasException<T>()` holds.
bool isHeldAs(QualType T, const rules::CancellationKind &Kind) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  if (llvm::is_contained(Kind.ExceptionTypes, packName(*Record)))
    return true;
  return llvm::any_of(Kind.ExceptionTypes, [&](const std::string &Name) {
    const auto *Held =
        dyn_cast_or_null<CXXRecordDecl>(lookupPackName(Name, Record->getASTContext()));
    return Held && Held->hasDefinition() && Held->getDefinition()->isDerivedFrom(Record);
  });
}

} // namespace

void forEachSwallowedStop(const Stmt &Body, const ParentMap &Parents,
                          ArrayRef<const rules::CancellationKind *> Kinds,
                          llvm::function_ref<void(const SwallowedStop &)> Visit) {
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    for (const rules::CancellationKind *Kind : Kinds) {
      if (!Await)
        return;
      auto [Adaptor, Name] = findAdaptor(*Await->getOperand(), *Kind);
      if (!Adaptor || handlerStopsAgain(*Adaptor))
        continue;
      // An optional result is empty on the stopped path, a Try holds the cancellation; any
      // other value replaced the stop.
      CodeForm Form = isOptional(Await->getType())   ? CodeForm::EmptyOptional
                      : holdsException(Await->getType()) ? CodeForm::HeldError
                                                         : CodeForm::ErrorCode;
      bool Holds = Form != CodeForm::ErrorCode;
      auto AnyType = [&](QualType) { return Holds; };
      std::optional<AwaitedErrorCode> Code = awaitedErrorCode(*Await, Parents, AnyType);
      AwaitedErrorCode From = Code ? *Code : AwaitedErrorCode{Await, nullptr, {}, ""};
      if (!Holds)
        From.Code = nullptr;
      auto IsNullopt = [](const ValueDecl &Value) { return packName(Value) == "std::nullopt"; };
      auto IsHeldType = [&](QualType T) { return isHeldAs(T, *Kind); };
      auto Ends = [&](const Expr &Next) {
        return stopsAgain(Next) || isPropagatingYield(Next, Kind->PropagatingYields);
      };
      HeldCode Held{Form, IsHeldType, Ends};
      Held.NormalEndOk = Kind->NormalEndOk;
      if (const Expr *Next = suspensionAfterCancelledCode(From, Parents, Body, IsNullopt, Held))
        Visit({Await, Adaptor, Name, Next, Kind});
      return;
    }
  });
}

} // namespace clang::tidy::async::utils
