//===--- LoopBounds.cpp - how many times a loop runs ----------------------===//

#include "LoopBounds.h"
#include "ContainerCaps.h"
#include "CoroutineContext.h"
#include "FanoutBounds.h"
#include "TaskStarts.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <functional>

namespace clang::tidy::async::utils {
namespace {

using Kind = LoopTrip::Kind;

bool isConstantTrue(const Expr *E, const ASTContext &Context) {
  bool Value = false;
  return E && !E->isValueDependent() && E->EvaluateAsBooleanCondition(Value, Context) && Value;
}

} // namespace

/// `std::views::iota(0, 4)`: the size of an iota view with constant bounds.
static std::optional<std::uint64_t> iotaSize(const Expr &E, const ASTContext &Context) {
  const CXXRecordDecl *Record = E.getType().getNonReferenceType()->getAsCXXRecordDecl();
  const auto *Call = dyn_cast<CallExpr>(&E);
  if (!Call || !Record || !Record->getIdentifier() || Record->getName() != "iota_view")
    return std::nullopt;
  ArrayRef<const Expr *> Bounds = writtenArguments(*Call); // `views::iota(a, b)`
  if (Bounds.size() != 2)
    return std::nullopt;
  std::optional<std::int64_t> From = constantValue(Bounds[0], Context);
  std::optional<std::int64_t> To = constantValue(Bounds[1], Context);
  if (!From || !To || *To < *From)
    return std::nullopt;
  return static_cast<std::uint64_t>(*To - *From);
}

namespace {

/// Whether a call's argument Position binds a reference or pointer to non-const (a callee that
/// may change what it is given).
bool takesMutable(const FunctionDecl *Callee, unsigned Position) {
  if (!Callee || Position >= Callee->getNumParams())
    return true; // variadic, or not known
  QualType Type = Callee->getParamDecl(Position)->getType();
  if (Type->isReferenceType() || Type->isPointerType())
    return !Type->getPointeeType().isConstQualified();
  return false;
}

/// How many elements the function that declares the local Container adds to it after its
/// initialisation, when each addition runs at most once: a `push_back` or `emplace_back` in no
/// loop (`sections.push_back(section("Revenue")); sections.push_back(section("Churn"));`).
/// Nothing else may change its size: no other member call but reads, element access and
/// `reserve` (non-const `begin`, `operator[]`, `front`...: elements may change, their number
/// does not), no assignment to it, no non-const reference or pointer to it handed to a call, no
/// address taken, no capture by reference, no goto. Nullopt when something else may.
std::optional<std::uint64_t> elementsAddedOnce(const VarDecl &Container) {
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Container.getParentFunctionOrMethod());
  if (!Function || !Function->getBody())
    return std::nullopt;
  auto IsContainer = [&](const Expr *E) {
    const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
    return Ref && Ref->getDecl() == &Container;
  };
  llvm::SmallPtrSet<const Stmt *, 16> Repeated; // what a loop runs (again)
  bool Resized = false;
  forEachStatement(*Function->getBody(), [&](const Stmt &S) {
    Resized |= isa<GotoStmt, IndirectGotoStmt>(S);
    if (isLoop(S) && !Repeated.contains(&S))
      forEachStatement(S, [&](const Stmt &Inner) { Repeated.insert(&Inner); });
  });
  std::uint64_t Added = 0;
  forEachStatement(*Function->getBody(), [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      unsigned FirstParameterArgument = 0; // a member operator's first argument is its object
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
        const CXXMethodDecl *Method = Member->getMethodDecl();
        StringRef Name = Method && Method->getIdentifier() ? Method->getName() : "";
        if (IsContainer(Member->getImplicitObjectArgument()) && Method && !Method->isConst()) {
          if (llvm::is_contained({"push_back", "emplace_back"}, Name) && !Repeated.contains(Call))
            ++Added;
          else
            Resized |= !leavesSizeAlone(Name);
        }
      } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call)) {
        Resized |= Operator->getOperator() != OO_Subscript && Operator->getNumArgs() > 0 &&
                   IsContainer(Operator->getArg(0));
        FirstParameterArgument = isa_and_nonnull<CXXMethodDecl>(Callee) ? 1 : 0;
      }
      // Handed to a parameter that may change it: `other.swap(feeds)`, `fill(feeds)`.
      for (unsigned I = FirstParameterArgument; I < Call->getNumArgs(); ++I)
        Resized |= IsContainer(Call->getArg(I)) &&
                   takesMutable(Callee, I - FirstParameterArgument);
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        Resized |= IsContainer(Construct->getArg(I)) &&
                   takesMutable(Construct->getConstructor(), I);
    } else if (const auto *Address = dyn_cast<UnaryOperator>(&S)) {
      Resized |= Address->getOpcode() == UO_AddrOf && IsContainer(Address->getSubExpr());
    } else if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        Resized |= Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef &&
                   Capture.getCapturedVar() == &Container;
    }
  });
  return Resized ? std::nullopt : std::optional<std::uint64_t>(Added);
}

} // namespace

std::optional<std::uint64_t> constantSize(const Expr &Range, const ASTContext &Context) {
  const Expr *E = Range.IgnoreImplicit();
  // `const std::vector<int> replicas = {0, 1, 2};`: a constant container keeps its literal's size,
  // and a local one its function never resizes keeps it too (`std::vector<Feed> feeds{...};
  // for (auto& f : feeds) co_spawn(strand, f.pump(), detached);`), plus what the function adds
  // to it once (a vector built empty and given four sections by four push_backs holds four).
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->getInit() && !isa<DeclRefExpr>(Var->getInit()->IgnoreImplicit())) {
      if (Var->getType().isConstQualified())
        return constantSize(*Var->getInit(), Context);
      if (Var->isLocalVarDecl() && !Var->getType()->isReferenceType())
        if (std::optional<std::uint64_t> Added = elementsAddedOnce(*Var)) {
          if (constructedEmpty(*Var->getInit()))
            return Added;
          if (std::optional<std::uint64_t> Initial = constantSize(*Var->getInit(), Context))
            return *Initial + *Added;
        }
    }
  // `std::vector<int>{0, 1, 2}`: a container built from a braced list.
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreImplicit();
  // (libstdc++'s vector(initializer_list, const allocator& = allocator()) has a defaulted
  // second argument.)
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() >= 1 &&
      isa<CXXStdInitializerListExpr>(Construct->getArg(0)->IgnoreImplicit()) &&
      llvm::all_of(llvm::drop_begin(Construct->arguments()),
                   [](const Expr *Argument) { return isa<CXXDefaultArgExpr>(Argument); }))
    E = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    E = List->getSubExpr()->IgnoreImplicit();
  QualType Type = E->getType().getNonReferenceType();
  if (std::optional<std::uint64_t> Count = iotaSize(*E, Context))
    return Count;
  if (const ConstantArrayType *Array = Context.getAsConstantArrayType(Type))
    return Array->getSize().getZExtValue();
  const auto *Spec =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Type->getAsCXXRecordDecl());
  if (Spec && Spec->getQualifiedNameAsString() == "std::array" &&
      Spec->getTemplateArgs().size() == 2 &&
      Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
    return Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
  return std::nullopt;
}

bool countsWorkers(const Expr *Bound, int Depth) {
  bool Counts = false;
  auto NamedSo = [](const NamedDecl *D) {
    return nameContainsAny(D, {"concurrency", "thread", "worker", "core", "cpu", "shard", "smp"});
  };
  // `seastar::smp::count`: a member named for what its class counts.
  auto Named = [&](const NamedDecl *D) {
    return NamedSo(D) || (D && NamedSo(dyn_cast<CXXRecordDecl>(D->getDeclContext())));
  };
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || Counts)
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      Counts = Named(Ref->getDecl()) ||
               (Var && Var->isLocalVarDecl() && Var->getInit() && Depth == 0 &&
                countsWorkers(Var->getInit(), Depth + 1));
    } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
      Counts = Named(Member->getMemberDecl());
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      Counts = Named(dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()));
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(Bound);
  return Counts;
}

namespace {

/// The loop variable's start value in a for statement's init, if constant.
std::optional<std::int64_t> startValue(const ForStmt &For, const VarDecl &Var,
                                       const ASTContext &Context) {
  const auto *Init = dyn_cast_or_null<DeclStmt>(For.getInit());
  if (!Init || !llvm::is_contained(Init->decls(), &Var))
    return std::nullopt;
  return constantValue(Var.getInit(), Context);
}

/// `argc`, main's first parameter: a loop up to it visits what the user typed on the command
/// line, which is a handful of items, not a workload.
bool isArgumentCount(const Expr *Bound) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Bound->IgnoreParenImpCasts());
  const auto *Parameter = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  const auto *Function =
      Parameter ? dyn_cast<FunctionDecl>(Parameter->getDeclContext()) : nullptr;
  return Function && Function->isMain() && Parameter->getFunctionScopeIndex() == 0;
}

LoopTrip analyzeComparison(const ForStmt &For, const Expr *Cond, ASTContext &Context);

/// Whether nothing changes a local after its initialisation: it is const, or nothing in its
/// function assigns it, increments it, or hands it on by non-const reference.
bool unchangedAfterInit(const VarDecl &Var) {
  if (Var.getType().isConstQualified())
    return true;
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  const Stmt *Body = Function ? Function->getBody() : nullptr;
  return Body && !ExprMutationAnalyzer(*Body, Var.getASTContext()).isMutated(&Var);
}

/// E, or for a local it names that nothing changes after its initialisation, the local's
/// initialiser (through casts: `static_cast<std::ptrdiff_t>(n)`).
const Expr *throughUnchangedLocal(const Expr *E) {
  E = E ? E->IgnoreParenCasts() : nullptr;
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  if (!Ref)
    return E;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  return Var && Var->isLocalVarDecl() && Var->getInit() && unchangedAfterInit(*Var)
             ? Var->getInit()->IgnoreParenImpCasts()
             : nullptr;
}

/// `std::min(window, items.size())` (or Qt's `qMin`, or a project's own `min`), directly or
/// through the unchanged local it initialises (`auto end = std::min(start + kWave, n);`): a
/// limit the code chose for a batch, even when it is known only at run time.
const Expr *windowBound(const Expr *Bound) {
  Bound = throughUnchangedLocal(Bound);
  const auto *Call = dyn_cast_or_null<CallExpr>(Bound);
  const auto *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && !isa<CXXMethodDecl>(Callee) && Callee->getIdentifier() &&
                 llvm::is_contained({"min", "qMin"}, Callee->getName()) &&
                 Call->getNumArgs() >= 2
             ? Call
             : nullptr;
}

/// `first + n`, `i + n` with n a window bound: the end of a window that starts at first.
const Expr *windowEnd(const Expr *End) {
  End = End ? End->IgnoreParenImpCasts() : nullptr;
  const Expr *Left = nullptr, *Right = nullptr;
  if (const auto *Add = dyn_cast_or_null<BinaryOperator>(End); Add && Add->getOpcode() == BO_Add)
    Left = Add->getLHS(), Right = Add->getRHS();
  else if (const auto *Plus = dyn_cast_or_null<CXXOperatorCallExpr>(End);
           Plus && Plus->getOperator() == OO_Plus && Plus->getNumArgs() == 2)
    Left = Plus->getArg(0), Right = Plus->getArg(1); // an iterator of class type
  if (!Left)
    return nullptr;
  const Expr *Window = windowBound(Right);
  return Window ? Window : windowBound(Left);
}

/// A range-for over the first elements of a range, as many as a window bound allows:
/// `items.first(n)`, `items.subspan(i, n)`, `std::views::take(items, n)`, `items | take(n)`,
/// `std::span<T> chunk(first, n)`, directly or through the local it initialises (`const auto
/// batch = ...;`, or `auto window = ...;` that nothing changes afterwards).
const Expr *windowedRange(const Expr &Range) {
  const Expr *Init = throughUnchangedLocal(&Range);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Range.IgnoreParenImpCasts()); !Init && Ref)
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->isLocalVarDecl() && Var->getInit() && elementsAddedOnce(*Var) == 0u)
      Init = Var->getInit()->IgnoreParenImpCasts();
  // `std::span<T> chunk(items.data() + start, std::min(window, items.size() - start))`.
  if (const auto *Span = dyn_cast_or_null<CXXConstructExpr>(Init);
      Span && Span->getNumArgs() == 2 && Span->getConstructor()->getParent()->isInStdNamespace() &&
      Span->getConstructor()->getParent()->getName() == "span")
    return windowBound(Span->getArg(1));
  const auto *Call = dyn_cast_or_null<CallExpr>(Init);
  if (const auto *Pipe = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
      Pipe && Pipe->getOperator() == OO_Pipe && Pipe->getNumArgs() == 2)
    Call = dyn_cast<CallExpr>(Pipe->getArg(1)->IgnoreParenImpCasts());
  const auto *Callee = Call ? dyn_cast_or_null<NamedDecl>(Call->getCalleeDecl()) : nullptr;
  if (!Callee || !Callee->getIdentifier() || Call->getNumArgs() == 0 ||
      !llvm::is_contained({"first", "subspan", "take", "counted"}, Callee->getName()))
    return nullptr;
  return windowBound(Call->getArg(Call->getNumArgs() - 1));
}

/// `it != first + n` on iterators of class type (an operator call, or in C++20 a rewritten
/// `!(it == first + n)`), n a window bound: the window.
const Expr *iteratorWindow(const Expr &Cond) {
  const Expr *E = Cond.IgnoreParenImpCasts();
  const Expr *Left = nullptr, *Right = nullptr;
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form = Rewritten->getDecomposedForm();
    if (Form.Opcode == BO_NE || Form.Opcode == BO_LT || Form.Opcode == BO_LE)
      Left = Form.LHS, Right = Form.RHS;
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getNumArgs() == 2 &&
             llvm::is_contained({OO_ExclaimEqual, OO_Less, OO_LessEqual}, Operator->getOperator())) {
    Left = Operator->getArg(0), Right = Operator->getArg(1);
  }
  if (!Left || !isa<DeclRefExpr>(Left->IgnoreParenImpCasts()))
    return nullptr;
  return windowEnd(Right);
}

LoopTrip analyzeFor(const ForStmt &For, ASTContext &Context) {
  const Expr *Cond = For.getCond();
  if (!Cond || isConstantTrue(Cond, Context))
    return {Kind::UntilStopped, 0, ""};
  return analyzeComparison(For, Cond, Context);
}

/// A for statement's condition: a comparison of the loop variable with a bound, or several
/// joined by && (`k < 8 && i < n` runs at most 8 times).
LoopTrip analyzeComparison(const ForStmt &For, const Expr *Cond, ASTContext &Context) {
  if (const auto *Both = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      Both && Both->getOpcode() == BO_LAnd) {
    LoopTrip Left = analyzeComparison(For, Both->getLHS(), Context);
    LoopTrip Right = analyzeComparison(For, Both->getRHS(), Context);
    if (Left.K == Kind::Constant && Right.K == Kind::Constant)
      return Left.Count <= Right.Count ? Left : Right;
    return Right.K == Kind::Constant ? Right : Left;
  }
  LoopTrip Other{Kind::While, 0, sourceText(*Cond, Context)};
  if (const Expr *Window = iteratorWindow(*Cond))
    return {Kind::Window, 0, sourceText(*Window, Context)};
  const auto *Compare = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
  if (!Compare || !(Compare->isRelationalOp() || Compare->getOpcode() == BO_NE))
    return Other;
  BinaryOperatorKind Op = Compare->getOpcode();
  const Expr *VarSide = Compare->getLHS(), *Bound = Compare->getRHS();
  const auto *Ref = dyn_cast<DeclRefExpr>(VarSide->IgnoreParenImpCasts());
  if (!Ref || !isa<VarDecl>(Ref->getDecl())) {
    std::swap(VarSide, Bound);
    Ref = dyn_cast<DeclRefExpr>(VarSide->IgnoreParenImpCasts());
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!Ref || !isa<VarDecl>(Ref->getDecl()))
    return Other;
  std::optional<std::int64_t> End = constantValue(Bound, Context);
  std::optional<std::int64_t> Start = startValue(For, *cast<VarDecl>(Ref->getDecl()), Context);
  if (End && Start) {
    std::int64_t Count = Op == BO_LT || Op == BO_NE ? *End - *Start
                         : Op == BO_LE              ? *End - *Start + 1
                         : Op == BO_GT              ? *Start - *End
                                                    : *Start - *End + 1;
    return {Kind::Constant, static_cast<std::uint64_t>(std::max<std::int64_t>(
                                Op == BO_NE ? std::abs(Count) : Count, 0)),
            ""};
  }
  // `i < std::min(window, n)`, `i < std::min(n, kMax)`, `j < std::min(i + 32, n)` from `j = i`:
  // a cap the code chose for a batch, whatever its size; `it != first + n` with such an n.
  if (Op == BO_LT || Op == BO_LE || Op == BO_NE) {
    const Expr *Window = windowBound(Bound);
    if (Window || (Window = windowEnd(Bound)))
      return {Kind::Window, 0, sourceText(*Window, Context)};
  }
  if (const Expr *Container = sizedContainer(Bound))
    return {Kind::OverElements, 0, sourceText(*Container, Context)};
  if (isArgumentCount(Bound))
    return {Kind::CommandLine, 0, sourceText(*Bound, Context)};
  if (countsWorkers(Bound))
    return {Kind::PerWorker, 0, sourceText(*Bound, Context)};
  return {Kind::UpTo, 0, sourceText(*Bound, Context)};
}

/// `batch.size() < batch_size` in a loop condition (alone or joined by &&) of a loop whose body
/// inserts into `batch`: the loop fills the container up to a size the code chose. Not against
/// another container's size (`out.size() < in.size()` runs once per element of `in`).
const Expr *fillBound(const Expr &Cond, const Stmt &Body) {
  const auto *Compare = dyn_cast<BinaryOperator>(Cond.IgnoreParenImpCasts());
  if (Compare && Compare->getOpcode() == BO_LAnd) {
    const Expr *Left = fillBound(*Compare->getLHS(), Body);
    return Left ? Left : fillBound(*Compare->getRHS(), Body);
  }
  if (!Compare || !(Compare->getOpcode() == BO_LT || Compare->getOpcode() == BO_LE))
    return nullptr;
  const Expr *Filled = sizedContainer(Compare->getLHS());
  const auto *Ref = Filled ? dyn_cast<DeclRefExpr>(Filled->IgnoreParenImpCasts()) : nullptr;
  if (!Ref || sizedContainer(Compare->getRHS()))
    return nullptr;
  bool Inserts = false;
  forEachStatement(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    Inserts |= Call && isContainerInsertion(*Call) &&
               namedVariable(*Call->getImplicitObjectArgument()) == Ref->getDecl();
  });
  return Inserts ? Compare->getRHS() : nullptr;
}

LoopTrip analyzeCondition(const Expr *Cond, const Stmt *ConditionVariable, const Stmt &Body,
                          ASTContext &Context) {
  if (isConstantTrue(Cond, Context))
    return {Kind::UntilStopped, 0, ""};
  if (const Expr *Window = fillBound(*Cond, Body))
    return {Kind::Window, 0, sourceText(*Window, Context)};
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond->IgnoreParenImpCasts());
      Not && Not->getOpcode() == UO_LNot)
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Not->getSubExpr()->IgnoreParenImpCasts());
        Call && Call->getMethodDecl() && Call->getMethodDecl()->getName() == "empty")
      return {Kind::UntilEmpty, 0, sourceText(*Call->getImplicitObjectArgument(), Context)};
  return {Kind::While, 0, sourceText(ConditionVariable ? *ConditionVariable : *Cond, Context)};
}

} // namespace

std::string sourceText(const Stmt &S, const ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(S.getSourceRange());
  std::string Text = Lexer::getSourceText(Range, SM, Context.getLangOpts()).str();
  std::string OneLine;
  for (char C : Text)
    if (!(isspace(static_cast<unsigned char>(C)) && !OneLine.empty() && OneLine.back() == ' '))
      OneLine += isspace(static_cast<unsigned char>(C)) ? ' ' : C;
  return OneLine;
}

namespace {

/// The cap code puts on the container a loop runs over, by its elements or its indices: a
/// guard around the loop (`if (replicas.empty() || replicas.size() > kMaxReplicas) throw
/// ...;`), or, for a data member, the class's own where it adds to it. Null when none does.
const Expr *sizeCappedBefore(const Stmt &Loop, const Stmt *Bound, ASTContext &Context) {
  const ValueDecl *Container = nullptr;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    Container = namedObject(Range->getRangeInit());
  else if (const Expr *Sized = Bound ? sizedContainer(cast<Expr>(Bound)) : nullptr)
    Container = namedObject(Sized);
  if (!Container)
    return nullptr;
  if (const Expr *Cap = sizeCapAround(Loop, *Container, Context, /*WithinIteration=*/false))
    return Cap;
  const auto *Member = dyn_cast<FieldDecl>(Container);
  return Member ? capWhereItGrows(*Member, Context) : nullptr;
}

LoopTrip analyzeLoop(const Stmt &Loop, ASTContext &Context) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return analyzeFor(*For, Context);
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Init = Range->getRangeInit();
    if (std::optional<std::uint64_t> Size = constantSize(*Init, Context))
      return {Kind::Constant, *Size, ""};
    if (const Expr *Window = windowedRange(*Init))
      return {Kind::Window, 0, sourceText(*Window, Context)};
    return {Kind::OverElements, 0, sourceText(*Init, Context)};
  }
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return analyzeCondition(While->getCond(), While->getConditionVariableDeclStmt(),
                            *While->getBody(), Context);
  const auto *Do = cast<DoStmt>(&Loop);
  return analyzeCondition(Do->getCond(), nullptr, *Do->getBody(), Context);
}

} // namespace

LoopTrip analyzeTrip(const Stmt &Loop, ASTContext &Context) {
  LoopTrip Trip = analyzeLoop(Loop, Context);
  if (Trip.K != Kind::OverElements)
    return Trip;
  const Stmt *Bound = nullptr; // `v.size()` in `i < v.size()`
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    if (const auto *Compare = dyn_cast_or_null<BinaryOperator>(
            For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr))
      Bound = Compare->getRHS();
  if (const Expr *Cap = sizeCappedBefore(Loop, Bound, Context))
    return {Kind::Window, 0, sourceText(*Cap, Context)};
  return Trip;
}

std::optional<std::int64_t> constantValue(const Expr *E, const ASTContext &Context) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E->EvaluateAsInt(Result, Context))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    return Range->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  return nullptr;
}

namespace {
/// Whether E is the constant false as macros write it: `0`, `false`, `(void)0, false` or
/// `false && ...` (Catch2's REQUIRE).
bool isFalseLiteral(const Expr *E) {
  for (int Depth = 0; Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    const auto *Binary = dyn_cast<BinaryOperator>(E);
    if (Binary && Binary->getOpcode() == BO_Comma)
      E = Binary->getRHS();
    else if (Binary && Binary->getOpcode() == BO_LAnd)
      E = Binary->getLHS();
    else
      break;
  }
  if (const auto *Literal = dyn_cast<IntegerLiteral>(E))
    return Literal->getValue().isZero();
  const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(E);
  return Bool && !Bool->getValue();
}

/// `do { ... } while (0)`, a macro's way to make one statement of several: it runs once.
bool runsOnce(const DoStmt &Do) { return isFalseLiteral(Do.getCond()); }
} // namespace

SmallVector<const Stmt *, 4> enclosingLoops(const Stmt &S, const ParentMap &Parents) {
  SmallVector<const Stmt *, 4> Loops;
  const Stmt *From = &S;
  for (const Stmt *Parent; (Parent = Parents.getParent(From)); From = Parent) {
    bool PerIteration = false;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      PerIteration = From != For->getInit();
    else if (isa<WhileStmt>(Parent))
      PerIteration = true;
    else if (const auto *Do = dyn_cast<DoStmt>(Parent))
      PerIteration = !runsOnce(*Do);
    else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
      PerIteration = From == Range->getBody() || From == Range->getLoopVarStmt();
    if (PerIteration)
      Loops.push_back(Parent);
  }
  return Loops;
}

} // namespace clang::tidy::async::utils
