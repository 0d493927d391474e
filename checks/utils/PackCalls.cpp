//===--- PackCalls.cpp - match calls against rule-pack entries ------------===//

#include "PackCalls.h"
#include "EvaluatedCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

/// The arguments of a call or construction, the object of a member call first.
SmallVector<const Expr *, 4> operandsOf(const Expr &Call) {
  SmallVector<const Expr *, 4> Operands;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Operands.push_back(Member->getImplicitObjectArgument());
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    Operands.append(C->arg_begin(), C->arg_end());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Call))
    Operands.append(Construct->arg_begin(), Construct->arg_end());
  return Operands;
}

/// The pack name of an operand's class type, e.g. "asio::use_awaitable_t", or "".
std::string typeName(const Expr *Operand) {
  if (!Operand)
    return "";
  const auto *Record = Operand->getType().getNonReferenceType()->getAsCXXRecordDecl();
  return Record ? packName(*Record) : "";
}

bool namesVariable(const Expr *Operand, std::initializer_list<StringRef> Names) {
  const auto *Ref = Operand ? dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()) : nullptr;
  return Ref && llvm::is_contained(Names, packName(*Ref->getDecl()));
}

bool hasTypeIn(const Expr *Operand, const std::vector<std::string> &Types) {
  return llvm::is_contained(Types, typeName(Operand));
}

void addRecordNames(const CXXRecordDecl &Record, StringRef Suffix,
                    std::vector<std::string> &Names) {
  Names.push_back(packName(Record) + Suffix.str());
  if (!Record.hasDefinition())
    return;
  for (const CXXBaseSpecifier &Base : Record.bases())
    if (const CXXRecordDecl *BaseRecord = Base.getType()->getAsCXXRecordDecl())
      addRecordNames(*BaseRecord, Suffix, Names);
}

bool kindFits(rules::CallableKind Kind, const FunctionDecl &Callee) {
  if (isa<CXXConstructorDecl>(Callee))
    return Kind == rules::CallableKind::Constructor;
  if (isa<CXXMethodDecl>(Callee) && !cast<CXXMethodDecl>(Callee).isStatic())
    return Kind == rules::CallableKind::Member;
  return Kind == rules::CallableKind::Function;
}

/// Whether the function's text names one of the non-blocking I/O idioms.
bool usesNonBlockingIO(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (!Body)
    return false;
  const ASTContext &Context = Function.getASTContext();
  const SourceManager &SM = Context.getSourceManager();
  CharSourceRange Range = SM.getExpansionRange(Body->getSourceRange());
  StringRef Text = Lexer::getSourceText(Range, SM, Context.getLangOpts());
  auto IsIdentifierChar = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (StringRef Idiom : {"EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "O_NONBLOCK",
                          "SOCK_NONBLOCK", "MSG_DONTWAIT"})
    for (size_t At = Text.find(Idiom); At != StringRef::npos; At = Text.find(Idiom, At + 1))
      if ((At == 0 || !IsIdentifierChar(Text[At - 1])) &&
          (At + Idiom.size() == Text.size() || !IsIdentifierChar(Text[At + Idiom.size()])))
        return true;
  return false;
}

} // namespace

std::vector<std::string> packNamesOf(const FunctionDecl &Callee) {
  std::vector<std::string> Names;
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method) {
    std::string Name = packName(Callee);
    const SourceManager &SM = Callee.getASTContext().getSourceManager();
    if (StringRef(Name).contains("::") || Callee.isExternC() ||
        SM.isInSystemHeader(Callee.getLocation()))
      Names.push_back(std::move(Name));
    return Names;
  }
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Method)) {
    // Copies and moves do not perform the constructor's blocking or offloading work.
    if (!Constructor->isCopyOrMoveConstructor() && !Constructor->isDefaultConstructor())
      addRecordNames(*Constructor->getParent(), "", Names);
    return Names;
  }
  addRecordNames(*Method->getParent(), "::" + Method->getNameAsString(), Names);
  return Names;
}

std::string coroutineTypeName(const FunctionDecl &Coroutine) {
  QualType Type = Coroutine.getReturnType();
  if (const auto *Record = Type->getAsCXXRecordDecl())
    return packName(*Record);
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *Template = Specialization->getTemplateName().getAsTemplateDecl())
      return packName(*Template);
  return "";
}

bool passesFilter(const rules::CallFilter &Filter, const Expr &Call,
                  const rules::RuleSet &Rules) {
  SmallVector<const Expr *, 4> Operands = operandsOf(Call);
  // The object of a member call is not an argument for filters about arguments.
  ArrayRef<const Expr *> Arguments = Operands;
  if (isa<CXXMemberCallExpr>(Call))
    Arguments = Arguments.drop_front();
  switch (Filter.Kind) {
  case rules::FilterKind::None:
    return true;
  case rules::FilterKind::NoCompletionToken:
    return llvm::none_of(Arguments, [&](const Expr *Argument) {
      return Rules.isCompletionToken(typeName(Argument));
    });
  case rules::FilterKind::StdinArgument:
    return llvm::any_of(Operands, [](const Expr *Operand) {
      return namesVariable(Operand, {"stdin", "std::cin", "std::wcin"});
    });
  case rules::FilterKind::LaunchAsync:
    return !Arguments.empty() && namesVariable(Arguments.front(), {"std::launch::async"});
  case rules::FilterKind::FirstArgumentType:
    return !Arguments.empty() && hasTypeIn(Arguments.front(), Filter.Types);
  case rules::FilterKind::NoArgumentOfType:
    return llvm::none_of(Arguments,
                         [&](const Expr *Argument) { return hasTypeIn(Argument, Filter.Types); });
  }
  return false;
}

rules::BlockingMatch findBlockingCall(const Expr &Call, const FunctionDecl &Callee,
                                      const FunctionDecl &Caller, StringRef CoroutineType,
                                      const rules::RuleSet &Rules) {
  for (const std::string &Name : packNamesOf(Callee)) {
    rules::BlockingMatch Match = Rules.findBlocking(Name, CoroutineType);
    if (!Match.Entry || !kindFits(Match.Entry->Kind, Callee) ||
        !passesFilter(Match.Entry->Filter, Call, Rules))
      continue;
    if (Match.Entry->Cat == rules::Category::IO && usesNonBlockingIO(Caller))
      return {};
    return Match;
  }
  return {};
}

const rules::SpawnFunction *findSpawnCall(const Expr &Call, const FunctionDecl &Callee,
                                          const rules::RuleSet &Rules) {
  for (const std::string &Name : packNamesOf(Callee)) {
    const rules::SpawnFunction *Spawn = Rules.findSpawn(Name);
    if (!Spawn || !kindFits(Spawn->Kind, Callee))
      continue;
    bool AwaitedInPlace = llvm::any_of(operandsOf(Call), [&](const Expr *Operand) {
      return llvm::is_contained(Spawn->AwaitedInPlaceTokens, typeName(Operand));
    });
    return AwaitedInPlace ? nullptr : Spawn;
  }
  return nullptr;
}

bool isOffloadingCall(const Expr &Call, const FunctionDecl &Callee,
                      const rules::RuleSet &Rules) {
  for (const std::string &Name : packNamesOf(Callee))
    if (const rules::OffloadingFunction *Entry = Rules.findOffloading(Name))
      if (kindFits(Entry->Kind, Callee) && passesFilter(Entry->Filter, Call, Rules))
        return true;
  return false;
}

llvm::StringSet<> libraryNamespaces(const rules::RuleSet &Rules) {
  llvm::StringSet<> Namespaces;
  auto Add = [&](StringRef Name) {
    if (Name.contains("::"))
      Namespaces.insert(Name.split("::").first);
  };
  for (const std::string &Type : Rules.coroutineTypes())
    Add(Type);
  for (const auto &Entry : Rules.offloading())
    Add(Entry.Name);
  for (const auto &Entry : Rules.spawn())
    Add(Entry.Name);
  for (const auto &Entry : Rules.gather())
    Add(Entry.Name);
  for (const auto &Entry : Rules.limiters())
    Add(Entry.Type);
  return Namespaces;
}

StringRef outermostNamespace(const Decl &D) {
  const NamespaceDecl *Outermost = nullptr;
  for (const DeclContext *DC = D.getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC); NS && !NS->isInline())
      Outermost = NS;
  return Outermost && Outermost->getIdentifier() ? Outermost->getName() : StringRef();
}

const NamedDecl *lookupPackName(StringRef Name, ASTContext &Context) {
  SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  const DeclContext *Scope = Context.getTranslationUnitDecl();
  const NamedDecl *Found = nullptr;
  for (StringRef Part : Parts) {
    if (!Scope)
      return nullptr;
    Found = nullptr;
    for (const NamedDecl *D : Scope->lookup(&Context.Idents.get(Part)))
      if (isa<NamespaceDecl, CXXRecordDecl, TypedefNameDecl>(D)) {
        Found = D;
        break;
      }
    if (!Found)
      return nullptr;
    Scope = dyn_cast<DeclContext>(Found);
  }
  return Found;
}

} // namespace clang::tidy::async::utils
