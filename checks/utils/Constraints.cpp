//===--- Constraints.cpp - decide a template's constraints for one type ---===//

#include "Constraints.h"
#include "LlvmCompat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"

namespace clang::tidy::async::utils {
namespace {

using Verdict = std::optional<bool>;

/// Template parameters bound to concrete types, by depth and index.
struct Binding {
  struct Entry {
    unsigned Depth, Index;
    QualType Type;
  };
  SmallVector<Entry, 2> Entries;

  QualType lookup(const TemplateTypeParmType &Parm) const {
    for (const Entry &E : Entries)
      if (E.Depth == Parm.getDepth() && E.Index == Parm.getIndex())
        return E.Type;
    return {};
  }
};

/// Reads constraints with a depth limit: a trait defined through itself ends as unknown.
class Reader {
public:
  explicit Reader(const ASTContext &Context) : Context(Context) {}

  Verdict eval(const Expr *E, const Binding &B) {
    if (!E || ++Depth > MaxDepth) {
      --Depth;
      return std::nullopt;
    }
    Verdict Result = evalExpr(E->IgnoreParenImpCasts(), B);
    --Depth;
    return Result;
  }

  /// Trait<Args...>::value for concrete Args.
  Verdict traitValue(const ClassTemplateDecl &Trait, ArrayRef<QualType> Args);

private:
  Verdict evalExpr(const Expr *E, const Binding &B);
  QualType resolve(QualType Type, const Binding &B);
  Verdict recordValue(const CXXRecordDecl *Record, const Binding &B);
  Verdict conceptHolds(const ConceptDecl &Concept, ArrayRef<TemplateArgument> Args,
                       const Binding &B);

  static constexpr unsigned MaxDepth = 24;
  const ASTContext &Context;
  unsigned Depth = 0;
};

bool isStdAlias(const TemplateDecl *Template, std::initializer_list<StringRef> Names) {
  return Template && Template->isInStdNamespace() && Template->getIdentifier() &&
         llvm::is_contained(Names, Template->getName());
}

/// The type `std::decay_t<T>` and its kin give for a class type T: T itself.
QualType decayed(QualType Type) {
  return Type.isNull() ? Type : Type.getNonReferenceType().getUnqualifiedType();
}

QualType Reader::resolve(QualType Type, const Binding &B) {
  if (Type.isNull())
    return {};
  if (!Type->isDependentType())
    return Type;
  if (const auto *Parm = Type->getAs<TemplateTypeParmType>())
    return B.lookup(*Parm);
  if (const auto *Ref = Type->getAs<ReferenceType>())
    return resolve(Ref->getPointeeType(), B); // the traits read here ask about the class
  static const std::initializer_list<StringRef> Decays = {
      "decay_t", "remove_cvref_t", "remove_reference_t", "remove_cv_t", "remove_const_t",
      "decay", "remove_cvref", "remove_reference", "remove_cv", "remove_const"};
  if (const auto *Alias = Type->getAs<TemplateSpecializationType>();
      Alias && Alias->template_arguments().size() == 1 &&
      Alias->template_arguments()[0].getKind() == TemplateArgument::Type &&
      isStdAlias(Alias->getTemplateName().getAsTemplateDecl(), Decays))
    return decayed(resolve(Alias->template_arguments()[0].getAsType(), B));
  // typename std::decay<T>::type
  if (const auto *Name = Type->getAs<DependentNameType>();
      Name && Name->getIdentifier() && Name->getIdentifier()->getName() == "type")
    if (const clang::Type *Outer = qualifierType(*Name))
      if (const auto *Trait = Outer->getAs<TemplateSpecializationType>();
          Trait && Trait->template_arguments().size() == 1 &&
          Trait->template_arguments()[0].getKind() == TemplateArgument::Type &&
          isStdAlias(Trait->getTemplateName().getAsTemplateDecl(), Decays))
        return decayed(resolve(Trait->template_arguments()[0].getAsType(), B));
  return {};
}

Verdict Reader::recordValue(const CXXRecordDecl *Record, const Binding &B) {
  Record = Record ? Record->getDefinition() : nullptr;
  if (!Record)
    return std::nullopt;
  // std::integral_constant<bool, V> and everything derived from it (true_type, bool_constant).
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
      Spec && isStdAlias(Spec->getSpecializedTemplate(), {"integral_constant"}) &&
      Spec->getTemplateArgs().size() == 2 &&
      Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
    return Spec->getTemplateArgs()[1].getAsIntegral() != 0;
  for (const NamedDecl *Member : Record->lookup(&Context.Idents.get("value")))
    if (const auto *Var = dyn_cast<VarDecl>(Member); Var && Var->getInit())
      return eval(Var->getInit(), B);
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    QualType Type = Base.getType();
    if (!Type->isDependentType()) {
      if (Verdict V = recordValue(Type->getAsCXXRecordDecl(), B))
        return V;
      continue;
    }
    const auto *Spec = Type->getAs<TemplateSpecializationType>();
    const auto *Template = Spec ? dyn_cast_or_null<ClassTemplateDecl>(
                                      Spec->getTemplateName().getAsTemplateDecl())
                                : nullptr;
    if (!Template)
      continue;
    // std::bool_constant<expression> / integral_constant<bool, expression>.
    ArrayRef<TemplateArgument> Args = Spec->template_arguments();
    if (isStdAlias(Template, {"integral_constant", "bool_constant"}) && !Args.empty() &&
        Args.back().getKind() == TemplateArgument::Expression)
      return eval(Args.back().getAsExpr(), B);
    SmallVector<QualType, 2> Types;
    for (const TemplateArgument &Arg : Args)
      if (Arg.getKind() == TemplateArgument::Type)
        Types.push_back(resolve(Arg.getAsType(), B));
    if (Types.size() == Args.size() && llvm::none_of(Types, [](QualType T) { return T.isNull(); }))
      if (Verdict V = traitValue(*Template, Types))
        return V;
  }
  return std::nullopt;
}

/// Whether Pattern (an argument of a partial specialization) matches the concrete Actual:
/// a parameter matches anything, `X<...>` any specialization of X, a concrete type itself.
bool matches(QualType Pattern, QualType Actual, const ASTContext &Context) {
  if (Pattern->getAs<TemplateTypeParmType>())
    return true;
  if (!Pattern->isDependentType())
    return Context.hasSameType(Pattern, Actual);
  const auto *Spec = Pattern->getAs<TemplateSpecializationType>();
  const TemplateDecl *Template = Spec ? Spec->getTemplateName().getAsTemplateDecl() : nullptr;
  const auto *Record =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(Actual->getAsCXXRecordDecl());
  return Template && Record &&
         Record->getSpecializedTemplate()->getCanonicalDecl() == Template->getCanonicalDecl();
}

Verdict Reader::traitValue(const ClassTemplateDecl &Trait, ArrayRef<QualType> Args) {
  const TemplateParameterList *Params = Trait.getTemplateParameters();
  if (Args.size() > Params->size())
    return std::nullopt;
  // An explicit specialization, or one that Sema has instantiated.
  SmallVector<TemplateArgument, 2> Canonical;
  for (QualType Arg : Args)
    Canonical.push_back(TemplateArgument(Context.getCanonicalType(Arg)));
  void *InsertPos = nullptr;
  if (Args.size() == Params->size())
    if (auto *Spec = const_cast<ClassTemplateDecl &>(Trait).findSpecialization(Canonical,
                                                                              InsertPos);
        Spec && Spec->hasDefinition())
      return recordValue(Spec, Binding());
  // The partial specialization that matches, when exactly one does.
  SmallVector<ClassTemplatePartialSpecializationDecl *, 4> Partials;
  const_cast<ClassTemplateDecl &>(Trait).getPartialSpecializations(Partials);
  const ClassTemplatePartialSpecializationDecl *Match = nullptr;
  for (const ClassTemplatePartialSpecializationDecl *Partial : Partials) {
    const TemplateArgumentList &Patterns = Partial->getTemplateArgs();
    bool All = Patterns.size() >= Args.size();
    for (size_t I = 0; All && I < Args.size(); ++I)
      All = Patterns[I].getKind() == TemplateArgument::Type &&
            matches(Patterns[I].getAsType(), Args[I], Context);
    if (!All)
      continue;
    if (Match)
      return std::nullopt; // which one applies is a question of partial ordering
    Match = Partial;
  }
  if (Match)
    return recordValue(Match, Binding());
  Binding Primary;
  for (size_t I = 0; I < Args.size(); ++I)
    if (const auto *Parm = dyn_cast<TemplateTypeParmDecl>(Params->getParam(I)))
      Primary.Entries.push_back({Parm->getDepth(), Parm->getIndex(), Args[I]});
  return recordValue(Trait.getTemplatedDecl(), Primary);
}

Verdict Reader::conceptHolds(const ConceptDecl &Concept, ArrayRef<TemplateArgument> Args,
                             const Binding &B) {
  const TemplateParameterList *Params = Concept.getTemplateParameters();
  Binding Inner;
  for (size_t I = 0; I < Args.size() && I < Params->size(); ++I) {
    const auto *Parm = dyn_cast<TemplateTypeParmDecl>(Params->getParam(I));
    if (!Parm || Args[I].getKind() != TemplateArgument::Type)
      return std::nullopt;
    QualType Type = resolve(Args[I].getAsType(), B);
    if (Type.isNull())
      return std::nullopt;
    Inner.Entries.push_back({Parm->getDepth(), Parm->getIndex(), Type});
  }
  return eval(Concept.getConstraintExpr(), Inner);
}

Verdict Reader::evalExpr(const Expr *E, const Binding &B) {
  if (!E->isValueDependent() && !E->isInstantiationDependent()) {
    bool Result = false;
    if (E->EvaluateAsBooleanCondition(Result, Context))
      return Result;
    return std::nullopt;
  }
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot) {
    Verdict V = eval(Not->getSubExpr(), B);
    return V ? Verdict(!*V) : std::nullopt;
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && (Binary->getOpcode() == BO_LAnd || Binary->getOpcode() == BO_LOr)) {
    bool And = Binary->getOpcode() == BO_LAnd;
    Verdict L = eval(Binary->getLHS(), B), R = eval(Binary->getRHS(), B);
    if ((L && *L != And) || (R && *R != And))
      return !And; // one false operand of && (one true operand of ||) decides
    if (L && R)
      return And;
    return std::nullopt;
  }
  if (const auto *Concept = dyn_cast<ConceptSpecializationExpr>(E))
    return conceptHolds(*Concept->getNamedConcept(), Concept->getTemplateArguments(), B);
  if (const auto *Trait = dyn_cast<TypeTraitExpr>(E); Trait && Trait->getNumArgs() == 2) {
    QualType L = resolve(Trait->getArg(0)->getType(), B);
    QualType R = resolve(Trait->getArg(1)->getType(), B);
    if (L.isNull() || R.isNull())
      return std::nullopt;
    if (Trait->getTrait() == BTT_IsSame)
      return Context.hasSameType(L, R);
    if (Trait->getTrait() == BTT_IsBaseOf) {
      const auto *Base = L->getAsCXXRecordDecl(), *Derived = R->getAsCXXRecordDecl();
      return Base && Derived && Derived->hasDefinition() &&
             (Context.hasSameType(L, R) || Derived->isDerivedFrom(Base));
    }
    return std::nullopt;
  }
  // Trait<T>::value
  if (const auto *Member = dyn_cast<DependentScopeDeclRefExpr>(E)) {
    const clang::Type *Outer = qualifierType(*Member);
    const auto *Spec = Outer ? Outer->getAs<TemplateSpecializationType>() : nullptr;
    const auto *Template = Spec ? dyn_cast_or_null<ClassTemplateDecl>(
                                      Spec->getTemplateName().getAsTemplateDecl())
                                : nullptr;
    if (!Template || !Member->getDeclName().isIdentifier() ||
        Member->getDeclName().getAsIdentifierInfo()->getName() != "value")
      return std::nullopt;
    SmallVector<QualType, 2> Args;
    for (const TemplateArgument &Arg : Spec->template_arguments()) {
      if (Arg.getKind() != TemplateArgument::Type)
        return std::nullopt;
      QualType Type = resolve(Arg.getAsType(), B);
      if (Type.isNull())
        return std::nullopt;
      Args.push_back(Type);
    }
    return traitValue(*Template, Args);
  }
  return std::nullopt; // requires-expressions, variable templates, calls: not read here
}

} // namespace

std::optional<bool> constraintsHold(const FunctionTemplateDecl &Template, QualType Argument) {
  const TemplateParameterList *Params = Template.getTemplateParameters();
  const auto *First = Params->size() ? dyn_cast<TemplateTypeParmDecl>(Params->getParam(0))
                                     : nullptr;
  if (!First)
    return std::nullopt;
  Binding B;
  B.Entries.push_back({First->getDepth(), First->getIndex(), Argument});
  Reader R(Template.getASTContext());
  SmallVector<const Expr *, 3> Constraints;
  if (const TypeConstraint *TC = First->getTypeConstraint())
    Constraints.push_back(TC->getImmediatelyDeclaredConstraint());
  Constraints.push_back(Params->getRequiresClause());
  Constraints.push_back(trailingRequiresClause(*Template.getTemplatedDecl()));
  bool Known = true;
  for (const Expr *Constraint : Constraints) {
    if (!Constraint)
      continue;
    Verdict V = R.eval(Constraint, B);
    if (V && !*V)
      return false;
    Known &= V.has_value();
  }
  return Known ? std::optional<bool>(true) : std::nullopt;
}

} // namespace clang::tidy::async::utils
