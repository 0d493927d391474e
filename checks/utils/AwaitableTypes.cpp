//===--- AwaitableTypes.cpp - classify awaitable and task types -----------===//

#include "AwaitableTypes.h"
#include "Constraints.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::async::utils {
namespace {

enum class Laziness { Lazy, Eager, Unknown };

/// The record whose members we can read for a type: its definition, or, where the type is a
/// template specialization that has not been instantiated (or is dependent), the template's
/// pattern. Member definitions of the pattern describe every specialization that does not
/// specialize them explicitly, which is all the precision a linter needs.
const CXXRecordDecl *recordToInspect(QualType Type) {
  if (Type.isNull())
    return nullptr;
  if (const auto *RD = Type->getAsCXXRecordDecl()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
        Spec && !Spec->hasDefinition())
      return Spec->getSpecializedTemplate()->getTemplatedDecl()->getDefinition();
    if (!RD->hasDefinition()) {
      if (const CXXRecordDecl *Pattern = RD->getInstantiatedFromMemberClass())
        return Pattern->getDefinition();
      return nullptr;
    }
    return RD->getDefinition();
  }
  if (const auto *TST = Type->getAs<TemplateSpecializationType>())
    if (const auto *CTD = dyn_cast_or_null<ClassTemplateDecl>(
            TST->getTemplateName().getAsTemplateDecl()))
      return CTD->getTemplatedDecl()->getDefinition();
  return nullptr;
}

/// Finds a member by name in a record or its bases (patterns of dependent bases included).
const NamedDecl *findMember(const CXXRecordDecl *RD, DeclarationName Name,
                            llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || !Seen.insert(RD).second)
    return nullptr;
  DeclContext::lookup_result Found = RD->lookup(Name);
  if (!Found.empty())
    return Found.front();
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *D = findMember(recordToInspect(Base.getType()), Name, Seen))
      return D;
  return nullptr;
}

const NamedDecl *findMember(const CXXRecordDecl *RD, DeclarationName Name) {
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen;
  return findMember(RD, Name, Seen);
}

const NamedDecl *findMember(const CXXRecordDecl *RD, StringRef Name) {
  if (!RD)
    return nullptr;
  return findMember(RD, DeclarationName(&RD->getASTContext().Idents.get(Name)));
}

/// Whether Param (a parameter's type, possibly dependent) names the class RD or the class
/// template RD is a specialization of (`operator co_await(Future<T>&&)`).
bool namesClass(QualType Param, const CXXRecordDecl *RD) {
  if (recordToInspect(Param) == RD)
    return true;
  const auto *Spec = Param->getAs<TemplateSpecializationType>();
  const TemplateDecl *Template = Spec ? Spec->getTemplateName().getAsTemplateDecl() : nullptr;
  const auto *Instance = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  return Template && Instance &&
         Instance->getSpecializedTemplate()->getCanonicalDecl() == Template->getCanonicalDecl();
}

/// A free operator co_await found by argument-dependent lookup in the type's namespaces that
/// accepts Type: one for its class or class template, or a generic `operator co_await(T&&)`
/// whose constraints hold for Type. A constraint this reader cannot decide counts as not
/// holding: precision first.
bool hasFreeCoAwait(const CXXRecordDecl *RD, QualType Type, const ASTContext &Context) {
  DeclarationName Name =
      Context.DeclarationNames.getCXXOperatorName(OO_Coawait);
  for (const DeclContext *DC = RD->getEnclosingNamespaceContext(); DC;
       DC = DC->getParent()) {
    if (!DC->isNamespace() && !DC->isTranslationUnit())
      continue;
    for (const NamedDecl *D : DC->lookup(Name)) {
      const FunctionDecl *FD = D->getAsFunction();
      if (!FD || FD->getNumParams() != 1)
        continue;
      QualType Param = FD->getParamDecl(0)->getType().getNonReferenceType();
      if (namesClass(Param, RD))
        return true;
      const auto *Generic = Param->getAs<TemplateTypeParmType>();
      const FunctionTemplateDecl *Template = FD->getDescribedFunctionTemplate();
      if (Generic && Template && Generic->getIndex() == 0 &&
          constraintsHold(*Template, Type).value_or(false))
        return true;
    }
    if (DC->isTranslationUnit())
      break;
  }
  return false;
}

bool isAwaitable(const CXXRecordDecl *RD, QualType Type, const ASTContext &Context) {
  if (findMember(RD, Context.DeclarationNames.getCXXOperatorName(OO_Coawait)))
    return true;
  if (findMember(RD, "await_ready") && findMember(RD, "await_resume"))
    return true;
  return hasFreeCoAwait(RD, Type, Context);
}

/// std::coroutine_traits, wherever the standard library declares it (libstdc++ and libc++
/// both put it directly in std; inline namespaces are searched too).
const ClassTemplateDecl *findCoroutineTraits(const ASTContext &Context) {
  const TranslationUnitDecl *TU = Context.getTranslationUnitDecl();
  for (const NamedDecl *Std : TU->lookup(&Context.Idents.get("std"))) {
    const auto *NS = dyn_cast<NamespaceDecl>(Std);
    if (!NS)
      continue;
    SmallVector<const DeclContext *, 4> Contexts = {NS};
    for (const Decl *D : NS->decls())
      if (const auto *Inline = dyn_cast<NamespaceDecl>(D); Inline && Inline->isInline())
        Contexts.push_back(Inline);
    for (const DeclContext *DC : Contexts)
      for (const NamedDecl *D : DC->lookup(&Context.Idents.get("coroutine_traits")))
        if (const auto *CTD = dyn_cast<ClassTemplateDecl>(D))
          return CTD;
  }
  return nullptr;
}

const CXXRecordDecl *promiseFromMember(const CXXRecordDecl *Holder) {
  const NamedDecl *Promise = findMember(Holder, "promise_type");
  if (const auto *TD = dyn_cast_or_null<TypedefNameDecl>(Promise))
    return recordToInspect(TD->getUnderlyingType());
  if (const auto *RD = dyn_cast_or_null<CXXRecordDecl>(Promise)) {
    if (RD->hasDefinition())
      return RD->getDefinition();
    if (const CXXRecordDecl *Pattern = RD->getInstantiatedFromMemberClass())
      return Pattern->getDefinition();
  }
  return nullptr;
}

/// The promise type of a coroutine returning `Type`: the one a std::coroutine_traits
/// specialization gives (as Asio does for asio::awaitable), or the nested promise_type.
const CXXRecordDecl *findPromise(QualType Type, const CXXRecordDecl *RD,
                                 const ASTContext &Context) {
  // A specialization of std::coroutine_traits wins over a nested promise_type (Seastar's
  // future has a nested promise_type that is the producer side, not the coroutine promise).
  const ClassTemplateDecl *Traits = findCoroutineTraits(Context);
  if (!Traits)
    return promiseFromMember(RD);
  QualType Canonical = Type.getCanonicalType().getUnqualifiedType();
  for (const ClassTemplateSpecializationDecl *Spec : Traits->specializations()) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() > 0 && Args[0].getKind() == TemplateArgument::Type &&
        Context.hasSameUnqualifiedType(Args[0].getAsType(), Canonical))
      if (const CXXRecordDecl *Promise = promiseFromMember(Spec))
        return Promise;
  }
  // A partial specialization for this type, or for its template as Asio's
  // coroutine_traits<awaitable<T, E>, Args...> is.
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  const ClassTemplateDecl *TaskTemplate =
      Spec ? Spec->getSpecializedTemplate()->getCanonicalDecl() : nullptr;
  SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl *>(Traits)->getPartialSpecializations(Partials);
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    const TemplateArgumentList &Args = Partial->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      continue;
    QualType First = Args[0].getAsType();
    const auto *TST = First->getAs<TemplateSpecializationType>();
    const TemplateDecl *Matched = TST ? TST->getTemplateName().getAsTemplateDecl() : nullptr;
    bool SameType = !First->isDependentType() && Context.hasSameUnqualifiedType(First, Canonical);
    bool SameTemplate = TaskTemplate && Matched && Matched->getCanonicalDecl() == TaskTemplate;
    if (SameType || SameTemplate)
      if (const CXXRecordDecl *Promise = promiseFromMember(Partial))
        return Promise;
  }
  return promiseFromMember(RD);
}

/// The body of a member function, looking through to the template pattern when this
/// specialization's member has not been instantiated.
const Stmt *bodyOf(const FunctionDecl *FD) {
  if (const FunctionDecl *Defined = FD->getDefinition())
    FD = Defined;
  if (!FD->hasBody())
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      FD = Pattern;
  return FD->getBody();
}

/// The single returned expression of a function like `bool f() { return false; }`.
const Expr *singleReturnValue(const FunctionDecl *FD) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(bodyOf(FD));
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

/// The awaiter type returned by a function, reading a deduced return type from its body.
QualType returnedType(const FunctionDecl *FD) {
  QualType Declared = FD->getReturnType();
  if (!Declared->getContainedAutoType() || Declared->getContainedAutoType()->isDeduced())
    return Declared;
  if (const Expr *Value = singleReturnValue(FD))
    return Value->IgnoreImplicit()->getType();
  return {};
}

/// Whether an awaiter's await_suspend hands the suspended coroutine on (passes its handle to
/// a call: `executor.post(resume_functor{h})`), so that it is resumed without being awaited.
bool handsCoroutineOn(const CXXRecordDecl *Awaiter) {
  const NamedDecl *Member = findMember(Awaiter, "await_suspend");
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(Member))
    Member = Template->getTemplatedDecl();
  const auto *Suspend = dyn_cast_or_null<FunctionDecl>(Member);
  const Stmt *Body = Suspend ? bodyOf(Suspend) : nullptr;
  if (!Body || Suspend->getNumParams() != 1)
    return false;
  const ParmVarDecl *Handle = Suspend->getParamDecl(0);
  bool HandedOn = false;
  auto Mentions = [&](const Expr *Argument) {
    bool Found = false;
    forEachStatement(*Argument, [&](const Stmt &Child) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&Child);
      Found |= Ref && Ref->getDecl() == Handle;
    });
    return Found;
  };
  forEachStatement(*Body, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      HandedOn |= llvm::any_of(Call->arguments(), Mentions);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
             Construct && !Construct->getConstructor()->isCopyOrMoveConstructor())
      HandedOn |= llvm::any_of(Construct->arguments(), Mentions);
  });
  return HandedOn;
}

Laziness lazinessOf(const CXXRecordDecl *Promise, const ASTContext &Context) {
  const auto *Initial =
      dyn_cast_or_null<FunctionDecl>(findMember(Promise, "initial_suspend"));
  if (!Initial)
    return Laziness::Unknown;
  const CXXRecordDecl *Awaiter = recordToInspect(returnedType(Initial));
  const auto *Ready =
      dyn_cast_or_null<FunctionDecl>(findMember(Awaiter, "await_ready"));
  const Expr *ReadyValue = Ready ? singleReturnValue(Ready) : nullptr;
  bool Result = false;
  if (!ReadyValue || ReadyValue->isValueDependent() ||
      !ReadyValue->EvaluateAsBooleanCondition(Result, Context))
    return Laziness::Unknown;
  // A suspended start whose awaiter posts the coroutine to an executor runs there at once.
  return Result || handsCoroutineOn(Awaiter) ? Laziness::Eager : Laziness::Lazy;
}

/// A promise that can await things (a non-deleted await_transform): its coroutine type is
/// meant to be awaited by coroutines of its own kind, which is how libraries whose task has no
/// operator co_await of its own (folly's coro::Task) make it awaitable. Generators delete
/// await_transform to forbid co_await in their bodies.
bool awaitsThroughPromise(const CXXRecordDecl *Promise) {
  const NamedDecl *Transform = findMember(Promise, "await_transform");
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(Transform))
    Transform = Template->getTemplatedDecl();
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Transform);
  return Function && !Function->isDeleted();
}

/// A sender (stdexec, C++26 std::execution): it says so with a nested `sender_concept` (or
/// the older `is_sender`), and does nothing until connected, which awaiting it does.
bool isSender(const CXXRecordDecl *RD) {
  return findMember(RD, "sender_concept") || findMember(RD, "is_sender");
}

} // namespace

bool isSynchronousGenerator(const FunctionDecl &Coroutine) {
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  const VarDecl *PromiseVar = Body ? Body->getPromiseDecl() : nullptr;
  const CXXRecordDecl *Promise = PromiseVar ? recordToInspect(PromiseVar->getType()) : nullptr;
  const NamedDecl *Transform = findMember(Promise, "await_transform");
  if (const auto *Template = dyn_cast_or_null<FunctionTemplateDecl>(Transform))
    Transform = Template->getTemplatedDecl();
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Transform);
  return Function && Function->isDeleted();
}

AwaitableKind AwaitableClassifier::compute(QualType Type, const ASTContext &Context) const {
  const CXXRecordDecl *RD = recordToInspect(Type);
  if (!RD)
    return AwaitableKind::NotAwaitable;
  QualType Canonical = Type.getCanonicalType().getUnqualifiedType();
  namespace rules = async_lint::rules;
  rules::TaskStart Stated = Rules ? Rules->startOf(packName(*RD)) : rules::TaskStart::FromAst;
  const CXXRecordDecl *Promise = findPromise(Type, RD, Context);
  // A lazy type of a pack with no promise is no coroutine type but an awaitable that only the
  // library's promise can await (async_simple's Executor::TimeAwaitable): its operation, not a
  // body, waits for the co_await.
  if (Stated == rules::TaskStart::Lazy)
    return Promise ? AwaitableKind::LazyTask : AwaitableKind::Awaiter;
  if (Stated == rules::TaskStart::Eager)
    return AwaitableKind::EagerTask;
  if (!isAwaitable(RD, Canonical, Context) && !(Promise && awaitsThroughPromise(Promise)))
    return isSender(RD) ? AwaitableKind::Awaiter : AwaitableKind::NotAwaitable;
  if (!Promise)
    return AwaitableKind::Awaiter;
  return lazinessOf(Promise, Context) == Laziness::Eager ? AwaitableKind::EagerTask
                                                          : AwaitableKind::LazyTask;
}

AwaitableKind AwaitableClassifier::classify(QualType Type, const ASTContext &Context) {
  if (Type.isNull() || Type->isDependentType() || Type->isReferenceType() ||
      !Type->isRecordType())
    return AwaitableKind::NotAwaitable;
  const clang::Type *Key = Type.getCanonicalType().getTypePtr();
  auto [It, Inserted] = Cache.try_emplace(Key, AwaitableKind::NotAwaitable);
  if (Inserted)
    It->second = compute(Type, Context);
  return It->second;
}

} // namespace clang::tidy::async::utils
