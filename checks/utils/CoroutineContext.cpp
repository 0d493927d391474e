//===--- CoroutineContext.cpp - where an expression sits in a coroutine ---===//

#include "CoroutineContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::async::utils {
namespace {

/// True for the nodes that only wrap a value without using it.
bool isTransparentWrapper(const Stmt &S) {
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(&S))
    return Cast->getCastKind() == CK_NoOp || Cast->getCastKind() == CK_ToVoid;
  return isa<ParenExpr, ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
             ConstantExpr, FullExpr>(S);
}

/// True when Child is a statement of Parent that is executed for its effects only.
bool isStatementPosition(const Stmt &Parent, const Stmt &Child) {
  if (isa<CompoundStmt>(Parent))
    return true; // the value of a statement expression is caught by the caller
  if (const auto *If = dyn_cast<IfStmt>(&Parent))
    return If->getThen() == &Child || If->getElse() == &Child;
  if (const auto *While = dyn_cast<WhileStmt>(&Parent))
    return While->getBody() == &Child;
  if (const auto *Do = dyn_cast<DoStmt>(&Parent))
    return Do->getBody() == &Child;
  if (const auto *For = dyn_cast<ForStmt>(&Parent))
    return For->getBody() == &Child || For->getInc() == &Child || For->getInit() == &Child;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Parent))
    return Range->getBody() == &Child;
  if (const auto *Switch = dyn_cast<SwitchStmt>(&Parent))
    return Switch->getBody() == &Child;
  return isa<CaseStmt, DefaultStmt, LabelStmt, AttributedStmt>(Parent);
}

bool isVoidCast(const Stmt &S) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(&S);
  return Cast && Cast->getTypeAsWritten()->isVoidType();
}

} // namespace

namespace {
bool isLambda(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return Method && Method->getParent()->isLambda();
}
} // namespace

namespace {
/// Prints the locations of lambdas and anonymous types with the file's name only.
class FileNameOnly : public PrintingCallbacks {
public:
  std::string remapPath(StringRef Path) const override {
    return llvm::sys::path::filename(Path).str();
  }
};
} // namespace

PrintingPolicy messagePolicy(const ASTContext &Context) {
  static const FileNameOnly Callbacks;
  PrintingPolicy Policy(Context.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.Callbacks = &Callbacks;
  return Policy;
}

std::string describeType(QualType Type, const ASTContext &Context, bool Computed) {
  PrintingPolicy Policy = utils::messagePolicy(Context);
  const auto *Typedef = Type->getAs<TypedefType>();
  bool MemberTypedef = Typedef && Typedef->getDecl()->getDeclContext()->isRecord();
  std::string Written = Type.getUnqualifiedType().getAsString(Policy);
  // `futurize_t<std::invoke_result_t<F>>`: an alias template over a computed type, which the
  // library wrote to compute with (`exec::task<void>` is an alias too, but reads well).
  const auto *Alias = Type->getAs<TemplateSpecializationType>();
  bool ComputedAlias =
      Alias && Alias->isTypeAlias() &&
      llvm::any_of(Alias->template_arguments(), [](const TemplateArgument &Argument) {
        if (Argument.getKind() != TemplateArgument::Type)
          return false;
        const auto *Inner = Argument.getAsType()->getAs<TemplateSpecializationType>();
        return (Inner && Inner->isTypeAlias()) || Argument.getAsType()->getAs<DecltypeType>();
      });
  if (MemberTypedef || Computed || ComputedAlias || StringRef(Written).contains("decltype(") ||
      StringRef(Written).contains("typename "))
    Written = Type.getCanonicalType().getUnqualifiedType().getAsString(Policy);
  return "'" + Written + "'";
}

std::string describeFunction(const FunctionDecl &Function) {
  return isLambda(Function) ? "the lambda" : "'" + Function.getNameAsString() + "'";
}

std::string describeCoroutine(const FunctionDecl &Coroutine) {
  return isLambda(Coroutine) ? "a lambda coroutine"
                             : "coroutine '" + Coroutine.getNameAsString() + "'";
}

/// Nodes that pass a value on unchanged: conversions, temporaries, copies and moves.
const Expr *passedThrough(const Expr *E) {
  for (;;) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (Callee && Call->getNumArgs() == 1 && Callee->isInStdNamespace() &&
        Callee->getIdentifier() && llvm::is_contained({"move", "forward"}, Callee->getName())) {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
}

const VarDecl *namedVariable(const Expr &E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(passedThrough(&E));
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

bool isOptional(QualType Type) {
  const auto *Record = Type.getNonReferenceType()->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         Record->getName() == "optional";
}

const ValueDecl *namedObject(const Expr *Object) {
  const Expr *E = Object ? Object->IgnoreParenImpCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

void forEachMutableReferenceArgument(const Stmt &S, llvm::function_ref<void(const Expr &)> Visit) {
  auto Consider = [&](const FunctionDecl *Callee, ArrayRef<const Expr *> Args) {
    for (unsigned I = 0; Callee && I < Args.size() && I < Callee->getNumParams(); ++I) {
      QualType Param = Callee->getParamDecl(I)->getType();
      if (Param->isLValueReferenceType() && !Param.getNonReferenceType().isConstQualified())
        Visit(*Args[I]);
    }
  };
  forEachStatement(S, [&](const Stmt &Child) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Child))
      Consider(Construct->getConstructor(),
               ArrayRef(Construct->getArgs(), Construct->getNumArgs()));
    else if (const auto *Call = dyn_cast<CallExpr>(&Child); Call && !isa<CXXOperatorCallExpr>(Call))
      Consider(Call->getDirectCallee(), ArrayRef(Call->getArgs(), Call->getNumArgs()));
  });
}

bool isLoop(const Stmt &S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); }

bool alwaysLeaves(const Stmt *S) {
  while (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    S = Block->body_empty() ? nullptr : Block->body_back();
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreImplicit());
  return isa_and_nonnull<BreakStmt, ContinueStmt, ReturnStmt, CoreturnStmt>(S);
}

void forEachMemberBody(const CXXRecordDecl &Class, llvm::function_ref<void(const Stmt &)> Visit) {
  for (const CXXMethodDecl *Method : Class.methods())
    if (const Stmt *Body = Method->getBody())
      Visit(*Body);
  for (const Decl *D : Class.decls())
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(D); Nested && Nested->hasDefinition())
      forEachMemberBody(*Nested, Visit);
}

bool nameContainsAny(const NamedDecl *D, ArrayRef<StringRef> Words) {
  if (!D || !D->getIdentifier())
    return false;
  StringRef Name = D->getName();
  return llvm::any_of(Words, [&](StringRef Word) { return Name.contains_insensitive(Word); });
}

const Expr *initialValue(const Expr &E) {
  const VarDecl *Local = namedVariable(E);
  return Local && Local->isLocalVarDecl() && Local->getInit() ? passedThrough(Local->getInit())
                                                              : passedThrough(&E);
}

const Expr *onlyReturnedValue(const FunctionDecl &Helper) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Helper.getBody());
  if (!Body || Body->size() != 1 || isCoroutine(&Helper))
    return nullptr;
  const auto *Return = dyn_cast<ReturnStmt>(Body->body_front());
  return Return ? Return->getRetValue() : nullptr;
}

bool isCoroutine(const FunctionDecl *Function) {
  return Function && isa_and_nonnull<CoroutineBodyStmt>(Function->getBody());
}

const Stmt *userBody(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

void forEachStatement(const Stmt &S, llvm::function_ref<void(const Stmt &)> Visit) {
  SmallVector<const Stmt *, 32> Pending = {&S};
  SmallVector<const Stmt *, 8> Children;
  while (!Pending.empty()) {
    const Stmt *Current = Pending.pop_back_val();
    Visit(*Current);
    Children.clear();
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(Current))
      Children.push_back(Suspend->getOperand());
    else if (const auto *Lambda = dyn_cast<LambdaExpr>(Current))
      Children.append(Lambda->capture_init_begin(), Lambda->capture_init_end());
    else
      Children.append(Current->child_begin(), Current->child_end());
    for (const Stmt *Child : llvm::reverse(Children))
      if (Child)
        Pending.push_back(Child);
  }
}

void forEachBodyWithLambdas(const Stmt &S, llvm::function_ref<void(const Stmt &)> Visit) {
  SmallVector<const Stmt *, 4> Pending = {&S};
  while (!Pending.empty()) {
    const Stmt *Body = Pending.pop_back_val();
    Visit(*Body);
    forEachStatement(*Body, [&](const Stmt &Child) {
      const auto *Call = dyn_cast<CallExpr>(&Child);
      if (!Call)
        return;
      for (const Expr *Argument : Call->arguments())
        if (const auto *Lambda = dyn_cast<LambdaExpr>(passedThrough(Argument)))
          if (const Stmt *LambdaBody = userBody(*Lambda->getCallOperator()))
            Pending.push_back(LambdaBody);
    });
  }
}

bool isInCatchHandler(const Stmt &S, const ParentMap &Parents) {
  const Stmt *Current = &S;
  while (Current) {
    const Stmt *Parent = Parents.getParent(Current);
    if (!Parent || isa<LambdaExpr, CoroutineBodyStmt>(Parent))
      return false;
    if (isa<CXXCatchStmt>(Parent))
      return true;
    Current = Parent;
  }
  return false;
}

Discard discardKind(const Expr &E, const ParentMap &Parents) {
  const Stmt *Child = &E;
  while (true) {
    const Stmt *Parent = Parents.getParent(Child);
    if (!Parent)
      return Discard::No;
    if (isTransparentWrapper(*Parent)) {
      Child = Parent;
      continue;
    }
    if (isVoidCast(*Parent))
      return Discard::VoidCast;
    if (const auto *Comma = dyn_cast<BinaryOperator>(Parent);
        Comma && Comma->getOpcode() == BO_Comma) {
      if (Comma->getLHS()->IgnoreParens() == Child || Comma->getLHS() == Child)
        return Discard::Statement;
      Child = Parent; // the right operand is discarded when the whole comma is
      continue;
    }
    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(Parent)) {
      if (Conditional->getCond() == Child)
        return Discard::No;
      Child = Parent;
      continue;
    }
    if (isa<Expr>(Parent))
      return Discard::No;
    if (const auto *Compound = dyn_cast<CompoundStmt>(Parent);
        Compound && Compound->body_back() == Child &&
        isa_and_nonnull<StmtExpr>(Parents.getParent(Parent)))
      return Discard::No; // the value of a GNU statement expression
    return isStatementPosition(*Parent, *Child) ? Discard::Statement : Discard::No;
  }
}

} // namespace clang::tidy::async::utils
