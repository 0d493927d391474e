//===--- StoppedCancellation.cpp - cancellation as a stopped completion ---===//

#include "StoppedCancellation.h"
#include "CancellationPaths.h"
#include "CoroutineContext.h"
#include "ErrorCodeCancellation.h"
#include "EvaluatedCalls.h"
#include "PackCalls.h"
#include "TaskStarts.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

/// The adaptor call of Kind inside an awaited expression, with the name it is listed under: a
/// call (`stdexec::stopped_as_optional(s)`) or a construction of an adaptor class
/// (`seastar::coroutine::as_future(f)`), also in what a one-line helper returns (two deep).
std::pair<const Expr *, std::string> findAdaptor(const Expr &Operand,
                                                 const rules::CancellationKind &Kind,
                                                 unsigned HelperDepth = 0) {
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
    if (const Expr *Returned = HelperDepth < 2 ? onlyReturnedValue(*Callee) : nullptr)
      Found = findAdaptor(*Returned, Kind, HelperDepth + 1);
  });
  return Found;
}

/// Whether Call calls a function or function object named Name.
bool calls(const CallExpr &Call, StringRef Name) {
  const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
  return Callee && unqualifiedCallName(Call, *Callee) == Name;
}

/// `co_await stdexec::just_stopped();`: a suspension that stops the coroutine again.
bool stopsAgain(const Expr &Suspension) {
  const auto *Await = dyn_cast<CoawaitExpr>(&Suspension);
  const auto *Call =
      Await ? dyn_cast<CallExpr>(Await->getOperand()->IgnoreImplicit()) : nullptr;
  return Call && calls(*Call, "just_stopped");
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

/// Whether an exception of the type named Name is a T (T is that class or one of its bases).
bool isA(StringRef Name, const CXXRecordDecl &T) {
  if (packName(T) == Name)
    return true;
  const auto *Held = dyn_cast_or_null<CXXRecordDecl>(lookupPackName(Name, T.getASTContext()));
  return Held && Held->hasDefinition() && Held->getDefinition()->isDerivedFrom(&T);
}

/// Whether an exception of one of Kind's exception types is a T: `hasException<T>()` holds.
bool isHeldAs(QualType T, const rules::CancellationKind &Kind) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  return llvm::any_of(Kind.ExceptionTypes, [&](const std::string &Name) { return isA(Name, *Record); });
}

/// The parameter type of a one-parameter lambda handler among the adaptor's arguments.
const CXXRecordDecl *handlerParameterClass(const CallExpr &Adaptor) {
  for (const Expr *Argument : writtenArguments(Adaptor))
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Argument->IgnoreImplicit())) {
      const CXXMethodDecl *Handler = Lambda->getCallOperator();
      if (Handler->getNumParams() == 1)
        return Handler->getParamDecl(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    }
  return nullptr;
}

/// Whether the adaptor's handler hands the cancellation on instead of replacing it with a
/// value: it stops again (`let_stopped([] { return just_stopped(); })`), throws or rethrows,
/// or returns what it was given (`handle_exception([](std::exception_ptr ep) { return
/// make_exception_future<>(ep); })`). A typed handler whose parameter no cancellation of Kind
/// is (`handle_exception_type([](const std::system_error &) {...})`) does not take it at all.
bool handlerPassesOn(const Expr &Adaptor, const rules::CancellationKind &Kind) {
  const auto *Call = dyn_cast<CallExpr>(&Adaptor);
  if (!Call)
    return false;
  for (const Expr *Argument : writtenArguments(*Call)) {
    const auto *Lambda = dyn_cast<LambdaExpr>(Argument->IgnoreImplicit());
    if (!Lambda)
      continue;
    const CXXMethodDecl *Handler = Lambda->getCallOperator();
    const ParmVarDecl *Given = Handler->getNumParams() == 1 ? Handler->getParamDecl(0) : nullptr;
    const CXXRecordDecl *Taken =
        Given ? Given->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
    if (Taken && Taken->getIdentifier() && Taken->getName() != "exception_ptr" &&
        !isHeldAs(Given->getType(), Kind))
      return true;
    bool PassesOn = false;
    forEachStatement(*Lambda->getBody(), [&](const Stmt &S) {
      if (isa<CXXThrowExpr>(S))
        PassesOn = true;
      if (const auto *Inner = dyn_cast<CallExpr>(&S); Inner && calls(*Inner, "rethrow_exception"))
        PassesOn = true;
      const auto *Return = dyn_cast<ReturnStmt>(&S);
      const Expr *Value = Return ? Return->getRetValue() : nullptr;
      if (!Value)
        return;
      if (const auto *Returned = dyn_cast<CallExpr>(Value->IgnoreImplicit());
          Returned && calls(*Returned, "just_stopped"))
        PassesOn = true;
      forEachStatement(*Value, [&](const Stmt &Inner) {
        const auto *Ref = dyn_cast<DeclRefExpr>(&Inner);
        PassesOn |= Given && Ref && Ref->getDecl() == Given;
      });
    });
    if (PassesOn)
      return true;
  }
  return false;
}

/// `upon_stopped([] { return outcome::cancelled; })`: the enumerator that the adaptor's
/// handler returns in place of the stop, its only return; the awaited value equals it exactly
/// on the stopped path. Null for any other handler.
const EnumConstantDecl *stoppedSentinel(const Expr &Adaptor) {
  const auto *Call = dyn_cast<CallExpr>(&Adaptor);
  if (!Call)
    return nullptr;
  for (const Expr *Argument : writtenArguments(*Call)) {
    const auto *Lambda = dyn_cast<LambdaExpr>(Argument->IgnoreImplicit());
    if (!Lambda)
      continue;
    const EnumConstantDecl *Sentinel = nullptr;
    unsigned Returns = 0;
    forEachStatement(*Lambda->getBody(), [&](const Stmt &S) {
      const auto *Return = dyn_cast<ReturnStmt>(&S);
      if (!Return)
        return;
      ++Returns;
      const auto *Ref = Return->getRetValue()
                            ? dyn_cast<DeclRefExpr>(Return->getRetValue()->IgnoreParenImpCasts())
                            : nullptr;
      Sentinel = Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
    });
    return Returns == 1 ? Sentinel : nullptr;
  }
  return nullptr;
}

} // namespace

std::vector<std::string> exceptionTypesTaken(const Expr &Adaptor,
                                             const rules::CancellationKind &Kind) {
  const auto *Call = dyn_cast<CallExpr>(&Adaptor);
  const CXXRecordDecl *Taken = Call ? handlerParameterClass(*Call) : nullptr;
  std::vector<std::string> Types;
  if (Taken && Taken->hasDefinition())
    llvm::copy_if(Kind.ExceptionTypes, std::back_inserter(Types),
                  [&](const std::string &Name) { return isA(Name, *Taken); });
  return Types.empty() ? Kind.ExceptionTypes : Types;
}

/// `std::rethrow_exception(outcome.getException())`, `co_yield co_error(std::move(t).exception())`
/// or `t.exception().throw_exception()` somewhere in Body: the coroutine takes the exception out
/// of the value it holds and throws it on, after the cleanup it awaited first (which a catch
/// handler could not await), as a handler that saves current_exception() does.
bool handsHeldExceptionOn(const ValueDecl &Held, const Stmt &Body) {
  auto TakesOut = [&](const Expr *E) {
    const auto *Call = E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts()) : nullptr;
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || !Method->getIdentifier() ||
        !llvm::is_contained({"getException", "exception", "getError", "error"}, Method->getName()))
      return false;
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(passedThrough(Call->getImplicitObjectArgument()));
    return Ref && Ref->getDecl() == &Held;
  };
  bool HandedOn = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    HandedOn |= llvm::any_of(Call->arguments(), TakesOut);
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
    HandedOn |= Method && Method->getIdentifier() &&
                Method->getName().contains_insensitive("throw") &&
                TakesOut(Member->getImplicitObjectArgument());
  });
  return HandedOn;
}

void forEachSwallowedStop(
    const Stmt &Body, const ParentMap &Parents, const ASTContext &Context,
    ArrayRef<const rules::CancellationKind *> Kinds,
    llvm::function_ref<bool(const Expr &, const rules::CancellationKind &)> MayRaise,
    llvm::function_ref<void(const SwallowedStop &)> Visit) {
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Await = dyn_cast<CoawaitExpr>(&S);
    for (const rules::CancellationKind *Kind : Kinds) {
      if (!Await)
        return;
      auto [Adaptor, Name] = findAdaptor(*Await->getOperand(), *Kind);
      if (!Adaptor || handlerPassesOn(*Adaptor, *Kind) || !MayRaise(*Await->getOperand(), *Kind))
        continue;
      // An optional result is empty on the stopped path, a Try holds the cancellation; any
      // other value replaced the stop.
      CodeForm Form = isOptional(Await->getType())   ? CodeForm::EmptyOptional
                      : holdsException(Await->getType()) ? CodeForm::HeldError
                                                         : CodeForm::ErrorCode;
      // A handler that returns an enumerator (`outcome::cancelled`) makes the value a code:
      // it equals that enumerator on the stopped path, and only there.
      const EnumConstantDecl *Sentinel =
          Form == CodeForm::ErrorCode ? stoppedSentinel(*Adaptor) : nullptr;
      bool Holds = Form != CodeForm::ErrorCode || Sentinel;
      auto AnyType = [&](QualType) { return Holds; };
      std::optional<AwaitedErrorCode> Code = awaitedErrorCode(*Await, Parents, AnyType);
      AwaitedErrorCode From = Code ? *Code : AwaitedErrorCode{Await, nullptr, {}, ""};
      if (!Holds)
        From.Code = nullptr;
      if (Form == CodeForm::HeldError && From.Code && handsHeldExceptionOn(*From.Code, Body))
        return;
      auto IsStoppedValue = [&](const ValueDecl &Value) {
        return Sentinel ? &Value == Sentinel : packName(Value) == "std::nullopt";
      };
      auto IsHeldType = [&](QualType T) { return isHeldAs(T, *Kind); };
      auto Ends = [&](const Expr &Next) {
        return stopsAgain(Next) || isPropagatingYield(Next, Kind->PropagatingYields);
      };
      HeldCode Held{Form, IsHeldType, Ends};
      Held.NormalEndOk = Kind->NormalEndOk;
      if (const Expr *Next =
              suspensionAfterCancelledCode(From, Parents, Body, IsStoppedValue, Held))
        Visit({Await, Adaptor, Name, Next, Kind});
      else if (const CoreturnStmt *Fallback = fallbackAfterCancelledCode(
                   From, Parents, Body, IsStoppedValue, Held, Context))
        Visit({Await, Adaptor, Name, nullptr, Kind, Fallback});
      return;
    }
  });
}

} // namespace clang::tidy::async::utils
