//===--- MissingCoAwaitCheck.cpp - async-missing-co-await -----------------===//

#include "MissingCoAwaitCheck.h"
#include "clang-tidy/utils/Matchers.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "utils/CoroutineContext.h"
#include "utils/UnconsumedLocal.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

constexpr llvm::StringLiteral IgnoredTypesKey = "IgnoredTypes";
constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";
constexpr llvm::StringLiteral ReportEagerDiscardsKey = "ReportEagerDiscards";

using utils::AwaitableKind;

/// The task's type as the user wrote it, e.g. 'Task<int>'; where the declaration computed it
/// (`decltype`, `typename X::type`, as Asio's completion tokens do), its canonical spelling.
std::string describeType(QualType Type, const ASTContext &Context) {
  PrintingPolicy Policy(Context.getLangOpts());
  Policy.SuppressTagKeyword = true;
  std::string Written = Type.getUnqualifiedType().getAsString(Policy);
  if (StringRef(Written).contains("decltype(") || StringRef(Written).contains("typename "))
    Written = Type.getCanonicalType().getUnqualifiedType().getAsString(Policy);
  return "'" + Written + "'";
}

std::string describeCallee(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee ? utils::describeFunction(*Callee) : "the call";
}

/// The part of the message after "returns"/"holds": what the value is and why it matters.
std::string consequence(AwaitableKind Kind, StringRef Type, StringRef Fate) {
  switch (Kind) {
  case AwaitableKind::LazyTask:
    return ("a lazy " + Type + " that " + Fate + "; its body will not run").str();
  case AwaitableKind::EagerTask:
    return ("an eager " + Type + " that " + Fate + "; its result and exceptions are lost").str();
  default:
    return ("an awaitable " + Type + " that " + Fate + "; the operation will not start").str();
  }
}

/// co_await binds tighter than every binary and conditional operator.
bool needsParentheses(const CallExpr &Call) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  return Operator && (Operator->isInfixBinaryOp() || Operator->getNumArgs() == 2);
}

/// Inserts `co_await ` before the call, where the result compiles to the same program
/// with the task awaited: never inside a macro, nor in a catch handler (C++20 forbids it).
void addCoAwaitFix(DiagnosticBuilder &Diag, const CallExpr &Call, ASTContext &Context) {
  SourceLocation Begin = Call.getBeginLoc();
  if (Begin.isMacroID() || Call.getEndLoc().isMacroID() ||
      utils::isInCatchHandler(Call, Context))
    return;
  if (!needsParentheses(Call)) {
    Diag << FixItHint::CreateInsertion(Begin, "co_await ");
    return;
  }
  SourceLocation End = Lexer::getLocForEndOfToken(
      Call.getEndLoc(), 0, Context.getSourceManager(), Context.getLangOpts());
  Diag << FixItHint::CreateInsertion(Begin, "co_await (")
       << FixItHint::CreateInsertion(End, ")");
}

const Stmt *userBody(const FunctionDecl &Function) {
  const Stmt *Body = Function.getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    return Coroutine->getBody();
  return Body;
}

/// `Task<int> t;` or `Task<int> t{}` holds no coroutine: dropping it loses nothing.
bool isEmptyConstruction(const Expr *Init) {
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init ? Init->IgnoreImplicit() : nullptr);
  return Construct && Construct->getConstructor()->isDefaultConstructor();
}

} // namespace

MissingCoAwaitCheck::MissingCoAwaitCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), IgnoredTypes(Options.get(IgnoredTypesKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      ReportEagerDiscards(Options.get(ReportEagerDiscardsKey, false)),
      Packs(Options, *Context) {}

void MissingCoAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, IgnoredTypesKey, IgnoredTypes);
  Options.store(Opts, IgnoredFunctionsKey, IgnoredFunctions);
  Options.store(Opts, ReportEagerDiscardsKey, ReportEagerDiscards);
  Packs.store(Options, Opts);
}

void MissingCoAwaitCheck::registerMatchers(MatchFinder *Finder) {
  const async_lint::rules::RuleSet &Rules = Packs.rules();
  // Spawn functions return handles to work that already runs: dropping them is fire-and-forget.
  auto PackFunction = functionDecl(hasAnyName(
      utils::namesOf(Rules.spawn(), [](const auto &Spawn) -> StringRef { return Spawn.Name; })));
  std::vector<StringRef> PackTypeNames = utils::namesOf(Rules.startedHandles());
  llvm::append_range(PackTypeNames, utils::namesOf(Rules.ignoredAwaitables()));
  auto IgnoredType = hasUnqualifiedDesugaredType(recordType(hasDeclaration(namedDecl(
      anyOf(hasAnyName(PackTypeNames),
            matchers::matchesAnyListedName(
                tidy::utils::options::parseStringList(IgnoredTypes)))))));
  auto IgnoredFunction = functionDecl(
      anyOf(PackFunction, matchers::matchesAnyListedName(
                              tidy::utils::options::parseStringList(IgnoredFunctions))));
  auto ClassObject = hasType(hasUnqualifiedDesugaredType(recordType()));

  Finder->addMatcher(callExpr(ClassObject, unless(hasType(IgnoredType)),
                              unless(callee(IgnoredFunction)))
                         .bind("call"),
                     this);
  Finder->addMatcher(varDecl(hasLocalStorage(), unless(parmVarDecl()), ClassObject,
                             unless(hasType(IgnoredType)), hasParent(declStmt()))
                         .bind("var"),
                     this);
}

void MissingCoAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call"))
    checkDiscardedCall(*Call, *Result.Context);
  else if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var"))
    checkLocalVariable(*Var, *Result.Context);
}

void MissingCoAwaitCheck::checkDiscardedCall(const CallExpr &Call, ASTContext &Context) {
  if (Call.isGLValue()) // a reference to a task that somebody else owns
    return;
  AwaitableKind Kind = Classifier.classify(Call.getType(), Context);
  if (Kind == AwaitableKind::NotAwaitable ||
      (Kind == AwaitableKind::EagerTask && !ReportEagerDiscards))
    return;
  if (utils::discardKind(Call, Context) == utils::Discard::No)
    return;
  SourceLocation Begin = Call.getBeginLoc();
  if (!Reported.insert(Begin).second)
    return;

  const FunctionDecl *Caller = utils::enclosingFunction(Call, Context);
  bool InCoroutine = utils::isCoroutine(Caller);
  {
    auto Diag = diag(Begin, "%0 returns %1")
                << describeCallee(Call)
                << consequence(Kind, describeType(Call.getType(), Context),
                               "is never awaited");
    if (Kind != AwaitableKind::EagerTask && InCoroutine)
      addCoAwaitFix(Diag, Call, Context);
  }
  if (Kind != AwaitableKind::EagerTask && !InCoroutine && Caller)
    diag(Begin,
         "%0 is not a coroutine: co_await the result from a coroutine, pass it to a function "
         "that runs it, or return it",
         DiagnosticIDs::Note)
        << utils::describeFunction(*Caller);
}

void MissingCoAwaitCheck::checkLocalVariable(const VarDecl &Var, ASTContext &Context) {
  AwaitableKind Kind = Classifier.classify(Var.getType(), Context);
  if (!utils::isLazy(Kind) || isEmptyConstruction(Var.getInit()))
    return;
  const auto *Function = dyn_cast_or_null<FunctionDecl>(Var.getParentFunctionOrMethod());
  const Stmt *Body = Function ? userBody(*Function) : nullptr;
  if (!Body || !Reported.insert(Var.getLocation()).second)
    return;
  std::optional<SourceLocation> Exit = utils::findExitWithoutUse(Var, *Body, Context);
  if (!Exit)
    return;
  StringRef Fate = utils::isMentioned(Var, *Body) ? "may be destroyed without being awaited"
                                                  : "is never awaited";
  diag(Var.getLocation(), "local variable %0 holds %1")
      << &Var << consequence(Kind, describeType(Var.getType(), Context), Fate);
  diag(*Exit, "%0 is destroyed here without having been awaited", DiagnosticIDs::Note)
      << &Var;
}

void MissingCoAwaitCheck::onEndOfTranslationUnit() {
  Classifier.clear();
  Reported.clear();
}

} // namespace clang::tidy::async
