//===--- ContainerCaps.cpp - containers that code keeps under a size ------===//

#include "ContainerCaps.h"
#include "CoroutineContext.h"
#include "FanoutBounds.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include <optional>

namespace clang::tidy::async::utils {

const Expr *sizedContainer(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!Call || Call->getNumArgs() != 0 || !Call->getMethodDecl() ||
      Call->getMethodDecl()->getName() != "size")
    return nullptr;
  return Call->getImplicitObjectArgument();
}

bool leavesSizeAlone(StringRef Method) {
  return llvm::is_contained(
      {"begin", "end", "rbegin", "rend", "front", "back", "at", "data", "reserve"}, Method);
}

bool constructedEmpty(const Expr &Init) {
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init.IgnoreImplicit());
  return Construct && Construct->getConstructor()->isDefaultConstructor() &&
         llvm::all_of(Construct->arguments(),
                      [](const Expr *Argument) { return isa<CXXDefaultArgExpr>(Argument); });
}

namespace {

/// The cap in a comparison of Container's size: with Above, one that holds when the size is
/// past the cap (`c.size() > cap`, `>=`, `cap < c.size()`, `<=`); else one that holds while it
/// is below (`c.size() < cap`, `<=`, `cap > c.size()`, `>=`). Null for any other expression.
const Expr *capIn(const Expr &E, const ValueDecl &Container, bool Above) {
  const auto *Compare = dyn_cast<BinaryOperator>(E.IgnoreParenImpCasts());
  if (!Compare)
    return nullptr;
  auto SizeOf = [&](const Expr *Side) {
    const Expr *Object = sizedContainer(Side);
    return Object && namedObject(Object) == &Container;
  };
  BinaryOperatorKind Op = Compare->getOpcode();
  bool Greater = Op == BO_GT || Op == BO_GE, Less = Op == BO_LT || Op == BO_LE;
  if ((Above ? Greater : Less) && SizeOf(Compare->getLHS()))
    return Compare->getRHS();
  if ((Above ? Less : Greater) && SizeOf(Compare->getRHS()))
    return Compare->getLHS();
  return nullptr;
}

/// The cap a condition sets: a comparison past the cap, alone or joined to others by || (the
/// branch runs whenever the size is past it); or with Above false, a comparison below the cap,
/// alone or joined by && (the branch runs only while the size is below it).
const Expr *capInCondition(const Expr &Condition, const ValueDecl &Container, bool Above) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  if (const auto *Join = dyn_cast<BinaryOperator>(E);
      Join && Join->getOpcode() == (Above ? BO_LOr : BO_LAnd)) {
    const Expr *Cap = capInCondition(*Join->getLHS(), Container, Above);
    return Cap ? Cap : capInCondition(*Join->getRHS(), Container, Above);
  }
  return capIn(*E, Container, Above);
}

/// A member call that adds one element to the container it is called on.
bool addsOne(const CXXMemberCallExpr &Call) {
  StringRef Name = Call.getMethodDecl()->getName();
  // `s.insert(first, last)`, `v.insert(pos, first, last)`, `v.insert(pos, n, x)`,
  // `s.insert({a, b})`: a whole range.
  auto IsList = [](const Expr *E) {
    const auto *Record = E->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return isa<InitListExpr, CXXStdInitializerListExpr>(E->IgnoreImplicit()) ||
           (Record && Record->getName() == "initializer_list");
  };
  if (Name == "insert" &&
      (Call.getNumArgs() > 2 || llvm::any_of(Call.arguments(), IsList) ||
       (Call.getNumArgs() == 2 && Call.getArg(0)->getType().getCanonicalType() ==
                                      Call.getArg(1)->getType().getCanonicalType())))
    return false;
  return isContainerInsertion(Call) ||
         llvm::is_contained({"try_emplace", "insert_or_assign", "emplace_hint"}, Name);
}

/// A member call that leaves the number of elements as it is, or lowers it.
bool keepsSizeDown(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  return Method->isConst() || leavesSizeAlone(Method->getName()) ||
         llvm::is_contained({"erase", "clear", "pop_back", "pop_front", "pop", "find", "top",
                             "lower_bound", "upper_bound", "equal_range", "extract",
                             "shrink_to_fit"},
                            Method->getName());
}

/// Whether a statement of Block after From and before To suspends: other code may add to the
/// container while this code waits, between the test and the insertion.
bool suspendsBetween(const CompoundStmt &Block, const Stmt &From, const Stmt &To) {
  bool After = false, Suspends = false;
  for (const Stmt *S : Block.body()) {
    if (S == &To)
      break;
    if (After)
      forEachStatement(*S, [&](const Stmt &Inner) {
        Suspends |= isa<CoroutineSuspendExpr>(Inner);
      });
    After |= S == &From;
  }
  return Suspends;
}

/// The mentions of a data member in a function body, lambdas included.
struct MentionCollector : RecursiveASTVisitor<MentionCollector> {
  explicit MentionCollector(const FieldDecl &Field) : Field(Field) {}
  bool VisitMemberExpr(MemberExpr *Member) {
    if (Member->getMemberDecl() == &Field)
      Mentions.push_back(Member);
    return true;
  }
  const FieldDecl &Field;
  SmallVector<const MemberExpr *, 8> Mentions;
};

} // namespace

const Expr *sizeCapAround(const Stmt &S, const ValueDecl &Container, ASTContext &Context,
                          bool WithinIteration) {
  DynTypedNode Child = DynTypedNode::create(S);
  for (int Depth = 0; Depth < 24; ++Depth) {
    auto Parents = Context.getParents(Child);
    if (Parents.empty())
      return nullptr;
    if (const auto *Block = Parents[0].get<CompoundStmt>())
      for (const Stmt *Earlier : Block->body()) {
        if (Earlier == Child.get<Stmt>())
          break;
        if (const auto *If = dyn_cast<IfStmt>(Earlier); If && alwaysLeaves(If->getThen()))
          if (const Expr *Cap = capInCondition(*If->getCond(), Container, /*Above=*/true);
              Cap && !(WithinIteration && suspendsBetween(*Block, *If, *Child.get<Stmt>())))
            return Cap;
      }
    if (const auto *If = Parents[0].get<IfStmt>(); If && If->getThen() == Child.get<Stmt>())
      if (const Expr *Cap = capInCondition(*If->getCond(), Container, /*Above=*/false))
        return Cap;
    const auto *Parent = Parents[0].get<Stmt>();
    if ((WithinIteration && Parent && isLoop(*Parent)) || Parents[0].get<FunctionDecl>() ||
        Parents[0].get<LambdaExpr>())
      return nullptr;
    Child = Parents[0];
  }
  return nullptr;
}

const Expr *capWhereItGrows(const FieldDecl &Container, ASTContext &Context) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Container.getParent());
  // Only the class's own member functions may add to it: no friends, no member templates
  // (which methods() does not list), no derived classes.
  if (Container.getAccess() != AS_private || !Class || !Class->hasDefinition() ||
      Class->hasFriends() ||
      llvm::any_of(Class->decls(), [](const Decl *D) { return isa<FunctionTemplateDecl>(D); }) ||
      (Container.hasInClassInitializer() && Container.getInClassInitializer() &&
       !constructedEmpty(*Container.getInClassInitializer())))
    return nullptr;
  const Expr *Cap = nullptr;
  for (const CXXMethodDecl *Method : Class->methods()) {
    if (Method->isImplicit())
      continue; // copies and moves of another object of the class, capped the same way
    const FunctionDecl *Definition = nullptr;
    const Stmt *Body = Method->getBody(Definition);
    if (!Body) {
      if (Method->isConst() || Method->isDefaulted() || Method->isDeleted())
        continue;
      return nullptr; // defined in another translation unit: it may add anything
    }
    if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Definition))
      for (const CXXCtorInitializer *Init : Constructor->inits())
        if (Init->getMember() == &Container && Init->isWritten() &&
            !constructedEmpty(*Init->getInit()))
          return nullptr;
    MentionCollector Collector(Container);
    Collector.TraverseStmt(const_cast<Stmt *>(Body));
    std::optional<ExprMutationAnalyzer> Mutations;
    for (const MemberExpr *Mention : Collector.Mentions) {
      auto Parents = Context.getParents(*Mention);
      if (Parents.empty())
        return nullptr;
      // `for (auto &m : members_)`: iterating changes elements, not their number.
      if (const auto *Range = Parents[0].get<VarDecl>(); Range && Range->isImplicit())
        continue;
      if (const auto *Access = Parents[0].get<MemberExpr>()) {
        auto Call = Context.getParents(*Access);
        const auto *Member = Call.empty() ? nullptr : Call[0].get<CXXMemberCallExpr>();
        if (Member && Member->getMethodDecl() && Member->getMethodDecl()->getIdentifier()) {
          if (keepsSizeDown(*Member))
            continue;
          const Expr *Guard = addsOne(*Member) ? sizeCapAround(*Member, Container, Context,
                                                               /*WithinIteration=*/true)
                                               : nullptr;
          if (!Guard)
            return nullptr;
          Cap = Cap ? Cap : Guard;
          continue;
        }
      }
      if (!Mutations)
        Mutations.emplace(*Body, Context);
      if (Mutations->isMutated(Mention))
        return nullptr;
    }
  }
  return Cap;
}

} // namespace clang::tidy::async::utils
