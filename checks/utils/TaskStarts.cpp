//===--- TaskStarts.cpp - the calls that start concurrent work ------------===//

#include "TaskStarts.h"
#include "UnconsumedLocal.h"
#include "CoroutineContext.h"
#include "FanoutBounds.h"
#include "LoopBounds.h"
#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::async::utils {
namespace {

/// Nodes that pass a value on unchanged, as far as its fate is concerned.
bool passesValueOn(const Stmt &S) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return Construct->getConstructor()->isCopyOrMoveConstructor();
  return isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, FullExpr,
             ParenExpr, OpaqueValueExpr, AbstractConditionalOperator>(S);
}

} // namespace

namespace {
/// What a start runs, as Find recognises it (startedCoroutine, startedElsewhere).
using StartFinder = const FunctionDecl *(*)(const Expr &);

const FunctionDecl *startedThrough(const CallExpr &Call, int Depth, StartFinder Find);

/// The coroutine E starts: E itself, or, through a few calls that wrap a task
/// (`co_withExecutor(ex, work(k))`, `work(k).via(ex)`), the coroutine they wrap.
const FunctionDecl *wrappedCoroutine(const Expr &E, int Depth, StartFinder Find) {
  if (const FunctionDecl *Started = Find(E))
    return Started;
  const auto *Call = dyn_cast<CallExpr>(passedThrough(&E));
  return Call && Depth > 0 ? startedThrough(*Call, Depth - 1, Find) : nullptr;
}

const FunctionDecl *startedThrough(const CallExpr &Call, int Depth, StartFinder Find) {
  for (const Expr *Argument : Call.arguments())
    if (const FunctionDecl *Started = wrappedCoroutine(*Argument, Depth, Find))
      return Started;
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr)
    return wrappedCoroutine(*Object, Depth, Find);
  return nullptr;
}
} // namespace

const FunctionDecl *startedByCall(const CallExpr &Call, int Depth) {
  return startedThrough(Call, Depth, startedCoroutine);
}

const FunctionDecl *startedBy(const CallExpr &Call) { return startedByCall(Call, 3); }

const FunctionDecl *startedElsewhereBy(const CallExpr &Call) {
  return startedBy(Call) ? nullptr : startedThrough(Call, 3, startedElsewhere);
}

const Expr *argumentAt(const CallExpr &Call, int Index) {
  int Count = static_cast<int>(Call.getNumArgs());
  int At = Index < 0 ? Count + Index : Index;
  return At >= 0 && At < Count ? Call.getArg(At) : nullptr;
}

const Expr *argumentAt(const CXXConstructExpr &Construct, int Index) {
  int Count = static_cast<int>(Construct.getNumArgs());
  int At = Index < 0 ? Count + Index : Index;
  return At >= 0 && At < Count ? Construct.getArg(At) : nullptr;
}

/// `std::ignore = f();`: the way code without (void) discards a [[nodiscard]] value.
static bool isDiscardedIntoIgnore(const Stmt &S) {
  const auto *Assign = dyn_cast<CXXOperatorCallExpr>(&S);
  if (!Assign || Assign->getOperator() != OO_Equal || Assign->getNumArgs() != 2)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Assign->getArg(0)->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->isInStdNamespace() && Var->getIdentifier() && Var->getName() == "ignore";
}

/// `auto delay = seastar::sleep(10ms);` and nothing mentions `delay` again: the value is lost,
/// which async-missing-co-await reports; it is no task left running on purpose.
static bool isForgottenLocal(const Stmt &Declaration, const ParentMap &Parents) {
  const auto *Statement = dyn_cast<DeclStmt>(&Declaration);
  if (!Statement || !Statement->isSingleDecl())
    return false;
  const auto *Var = dyn_cast<VarDecl>(Statement->getSingleDecl());
  if (!Var || !Var->hasLocalStorage())
    return false;
  const Stmt *Body = &Declaration;
  while (const Stmt *Up = Parents.getParent(Body))
    Body = Up;
  return !isMentioned(*Var, *Body);
}

EagerFate fateOfEagerValue(const Expr &Call, const ParentMap &Parents,
                           llvm::function_ref<bool(const Expr &)> IsEager) {
  const Stmt *Child = &Call;
  for (const Stmt *Parent; (Parent = Parents.getParent(Child)); Child = Parent) {
    if (passesValueOn(*Parent))
      continue;
    if (isa<CoroutineSuspendExpr>(Parent))
      return EagerFate::AwaitedInPlace;
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      // f(x).then(g): the chain goes on while each step gives an eager value again.
      const auto *Chained = dyn_cast_or_null<CXXMemberCallExpr>(Parents.getParent(Member));
      if (!Chained || !IsEager(*Chained))
        return EagerFate::HandedOn;
      Parent = Chained;
      continue;
    }
    if (const auto *Insert = dyn_cast<CXXMemberCallExpr>(Parent);
        Insert && isContainerInsertion(*Insert))
      return EagerFate::Started; // collected, to be awaited later: all of them run now
    if (isDiscardedIntoIgnore(*Parent))
      return EagerFate::Started; // `std::ignore = f();` drops a [[nodiscard]] future
    if (isa<ReturnStmt>(Parent))
      return EagerFate::Returned;
    if (isa<CallExpr, CXXConstructExpr, InitListExpr, CoreturnStmt>(Parent))
      return EagerFate::HandedOn;
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent))
      return Cast->getTypeAsWritten()->isVoidType() ? EagerFate::Started : EagerFate::HandedOn;
    if (isa<Expr>(Parent) && !isa<BinaryOperator>(Parent))
      return EagerFate::HandedOn;
    if (isForgottenLocal(*Parent, Parents))
      return EagerFate::Forgotten;
    return EagerFate::Started; // a statement, a declaration or an assignment keeps it
  }
  return EagerFate::Started;
}

const Expr &rangeOf(const Expr &Range) {
  const Expr *E = Range.IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && Member->getMethodDecl() && Member->getMethodDecl()->getIdentifier() &&
      llvm::is_contained({"begin", "cbegin"}, Member->getMethodDecl()->getName()))
    E = Member->getImplicitObjectArgument();
  else if (const auto *Call = dyn_cast<CallExpr>(E);
           Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
           Call->getDirectCallee()->isInStdNamespace() &&
           Call->getDirectCallee()->getIdentifier() &&
           llvm::is_contained({"begin", "cbegin", "move"}, Call->getDirectCallee()->getName()))
    E = Call->getArg(0); // `std::begin(v)`, `std::move(v)`: the range is v
  return *E->IgnoreImplicit();
}

bool rangesOverWorkers(const Expr &Range) {
  const auto *Call = dyn_cast<CallExpr>(&rangeOf(Range));
  if (!Call)
    return false;
  ArrayRef<const Expr *> Arguments = writtenArguments(*Call);
  if (Arguments.empty())
    return countsWorkers(Call);
  // irange(0, n), iota(0, n): as many elements as the last argument says.
  return Arguments.size() == 2 && countsWorkers(Arguments.back());
}

std::string rangeText(const Expr &Range, const ASTContext &Context) {
  return sourceText(rangeOf(Range), Context);
}

/// A class of the standard ranges library's views (std::ranges::transform_view, ref_view,
/// owning_view, ...).
static bool isStandardView(QualType Type) {
  const CXXRecordDecl *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->getIdentifier() || !Record->getName().ends_with("_view"))
    return false;
  const auto *Namespace = dyn_cast<NamespaceDecl>(Record->getDeclContext());
  return Namespace && Namespace->getName() == "ranges" && Namespace->getParent()->isStdNamespace();
}

ArrayRef<const Expr *> writtenArguments(const CallExpr &Call) {
  ArrayRef<const Expr *> Arguments(Call.getArgs(), Call.getNumArgs());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
      Operator && Operator->getOperator() == OO_Call)
    return Arguments.drop_front();
  return Arguments;
}

std::optional<RangeView> rangeView(const Expr &E) {
  const Expr *At = E.IgnoreImplicit()->IgnoreParenImpCasts();
  if (!isStandardView(At->getType()))
    return std::nullopt;
  RangeView View;
  while (isStandardView(At->getType())) {
    const Expr *Base = nullptr, *Callable = nullptr;
    if (const auto *Pipe = dyn_cast<CXXOperatorCallExpr>(At);
        Pipe && Pipe->getOperator() == OO_Pipe && Pipe->getNumArgs() == 2) {
      // `range | views::transform(f)`: the adaptor closure holds f, as the argument of the call
      // that made it.
      Base = Pipe->getArg(0);
      if (const auto *Closure = dyn_cast<CallExpr>(Pipe->getArg(1)->IgnoreImplicit());
          Closure && writtenArguments(*Closure).size() == 1)
        Callable = writtenArguments(*Closure)[0];
    } else if (const auto *Call = dyn_cast<CallExpr>(At); Call && !writtenArguments(*Call).empty()) {
      ArrayRef<const Expr *> Arguments = writtenArguments(*Call);
      Base = Arguments[0]; // `views::transform(range, f)`, `views::all(range)`
      if (Arguments.size() == 2)
        Callable = Arguments[1];
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(At);
               Construct && Construct->getNumArgs() >= 1 &&
               !Construct->getConstructor()->isCopyOrMoveConstructor()) {
      Base = Construct->getArg(0); // `std::ranges::transform_view(range, f)`
      if (Construct->getNumArgs() == 2)
        Callable = Construct->getArg(1);
    }
    // A range factory (`views::iota(0, n)`) adapts no range: it is the base.
    if (Base && !Base->getType().getNonReferenceType()->isRecordType())
      break;
    if (!Base)
      return std::nullopt;
    const CXXRecordDecl *Record = At->getType()->getAsCXXRecordDecl();
    if (!View.Transform && Callable && Record->getName() == "transform_view")
      View.Transform = Callable;
    At = Base->IgnoreImplicit()->IgnoreParenImpCasts();
  }
  View.Base = At;
  return View;
}

/// A function's definition; for a generic lambda's call operator (a template), its first
/// instance with a body, whose calls are resolved.
static const FunctionDecl *definitionOf(const FunctionDecl *Function) {
  if (!Function)
    return nullptr;
  if (const FunctionTemplateDecl *Template = Function->getDescribedFunctionTemplate())
    for (const FunctionDecl *Instance : Template->specializations())
      if (Instance->hasBody())
        return Instance;
  const FunctionDecl *Definition = nullptr;
  return Function->hasBody(Definition) ? Definition : nullptr;
}

const FunctionDecl *calledFunction(const Expr &Callable) {
  // `auto step = [] { ... }; std::for_each(b, e, step);`: the lambda a local was made from.
  const Expr *Value = initialValue(Callable);
  if (const auto *AddressOf = dyn_cast<UnaryOperator>(Value);
      AddressOf && AddressOf->getOpcode() == UO_AddrOf)
    Value = AddressOf->getSubExpr()->IgnoreParenImpCasts();
  const FunctionDecl *Function = nullptr;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Value))
    Function = Lambda->getCallOperator();
  else if (const auto *Ref = dyn_cast<DeclRefExpr>(Value))
    Function = dyn_cast<FunctionDecl>(Ref->getDecl());
  return definitionOf(Function);
}

} // namespace clang::tidy::async::utils
