//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "utils/CoroutineContext.h"
#include "utils/EvaluatedCalls.h"
#include "utils/PackCalls.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {
namespace {

namespace rules = async_lint::rules;

std::string sourceText(const Expr &E, const ASTContext &Context) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(E.getSourceRange()),
                              Context.getSourceManager(), Context.getLangOpts())
      .str();
}

/// Fills a pack's replacement template (`co_await aio::sleep(${args})`) with the call's
/// arguments (`${args}`, `${arg0}`, ...) and object (`${object}`) as written.
std::string instantiate(StringRef Template, const Expr &Call, const ASTContext &Context) {
  std::vector<std::string> Arguments;
  std::string Object;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Object = sourceText(*Member->getImplicitObjectArgument(), Context);
  if (const auto *C = dyn_cast<CallExpr>(&Call))
    for (const Expr *Argument : C->arguments())
      if (!isa<CXXDefaultArgExpr>(Argument))
        Arguments.push_back(sourceText(*Argument, Context));
  std::string Result;
  for (size_t Open; (Open = Template.find("${")) != StringRef::npos;) {
    Result += Template.take_front(Open);
    size_t Close = Template.find('}', Open);
    StringRef Name = Template.slice(Open + 2, Close);
    Template = Template.drop_front(Close + 1);
    unsigned Index = 0;
    if (Name == "args")
      Result += llvm::join(Arguments, ", ");
    else if (Name == "object")
      Result += Object;
    else if (Name.consume_front("arg") && !Name.getAsInteger(10, Index) &&
             Index < Arguments.size())
      Result += Arguments[Index];
    else
      return ""; // a call with fewer arguments than the template uses gets no fix-it
  }
  return Result + Template.str();
}


/// `co_return callable(args...)` in a coroutine that was handed `callable`: an executor's
/// bridge, which runs the caller's function where the executor runs it. Whether that function
/// may block is the business of the code that hands it over, not of the bridge.
bool callsParameter(const Expr &Call, const FunctionDecl &Coroutine) {
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
  const Expr *Target = Operator && Operator->getOperator() == OO_Call ? Operator->getArg(0)
                       : isa<CallExpr>(Call) ? cast<CallExpr>(Call).getCallee()
                                             : nullptr;
  const auto *Ref = Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
  const auto *Parameter = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Parameter && Parameter->getDeclContext() == &Coroutine;
}

/// How a chain names a helper: as usual (`'flush'`, `the lambda`), or qualified where its name
/// would read like the blocking function's (a member `recv` that calls `::recv`).
std::string helperName(const FunctionDecl &Helper, StringRef Blocking) {
  StringRef Short = Blocking.contains("::") ? Blocking.rsplit("::").second : Blocking;
  std::string Qualified = utils::packName(Helper);
  if (Helper.getIdentifier() && Helper.getName() == Short && Qualified != Blocking)
    return "'" + Qualified + "'";
  return utils::describeFunction(Helper);
}

/// Notes shown for a chain of helper calls; a longer chain shows its first steps, one note
/// for the calls between, and the blocking call.
constexpr unsigned MaxChainNotes = 5;

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Packs(Options, *Context), Summaries(Packs.rules()) {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Packs.store(Options, Opts);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt()), unless(isExpansionInSystemHeader()))
          .bind("coroutine"),
      this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  utils::FunctionBody Coroutine(*Result.Nodes.getNodeAs<FunctionDecl>("coroutine"));
  std::string Type = utils::coroutineTypeName(Coroutine.function());
  utils::forEachEvaluatedCall(*Coroutine.body(), [&](const Expr &Call, const FunctionDecl *Callee) {
    if (Callee)
      checkCall(Coroutine, Type, Call, *Callee, *Result.Context);
  });
}

void BlockingCallCheck::checkCall(const utils::FunctionBody &Body, StringRef CoroutineType,
                                  const Expr &Call, const FunctionDecl &Callee,
                                  ASTContext &Context) {
  const FunctionDecl &Coroutine = Body.function();
  const rules::RuleSet &Rules = Packs.rules();
  SourceLocation Location = Call.getBeginLoc();
  auto IsReadinessIO = [&](const rules::BlockingFunction &Rule) {
    return Rule.Cat == rules::Category::IO && utils::awaitsReadiness(Coroutine);
  };
  if (rules::BlockingMatch Match = utils::findBlockingCall(Call, Callee, Coroutine, CoroutineType, Rules);
      Match.Entry) {
    if (IsReadinessIO(*Match.Entry) || !Reported.insert(Location).second)
      return;
    std::string Advice = Match.Entry->Alternative.empty()
                             ? ""
                             : "; use " + Match.Entry->Alternative;
    auto Diag = diag(Location, "blocking call to '%0' in %1: it %2%3")
                << utils::callName(Call, Callee) << utils::describeCoroutine(Coroutine)
                << Match.Entry->Reason << Advice << Call.getSourceRange();
    std::string Replacement = instantiate(Match.Replacement, Call, Context);
    if (!Replacement.empty() && !Location.isMacroID() && !Call.getEndLoc().isMacroID() &&
        utils::discardKind(Call, Body.parents()) == utils::Discard::Statement &&
        !utils::isInCatchHandler(Call, Body.parents()))
      Diag << FixItHint::CreateReplacement(Call.getSourceRange(), Replacement);
    return;
  }
  if (utils::isOffloadingCall(Call, Callee, Rules) || callsParameter(Call, Coroutine))
    return;
  utils::BlockingChain Chain = Summaries.chain(Callee, MaxChainNotes);
  if (!Chain.Length || IsReadinessIO(*Chain.Last.Rule) || !Reported.insert(Location).second)
    return;
  std::string Blocking = utils::callName(*Chain.Last.Call, *Chain.Last.Callee);
  diag(Location, "call to %0 in %1 blocks: it reaches '%2', which %3")
      << helperName(Callee, Blocking) << utils::describeCoroutine(Coroutine) << Blocking
      << Chain.Last.Rule->Reason << Call.getSourceRange();
  // A long chain shows its first steps and the blocking call, not every step between.
  bool Elided = Chain.Length > MaxChainNotes;
  ArrayRef<utils::BlockingStep> Shown = Chain.Head;
  if (Elided)
    Shown = Shown.take_front(MaxChainNotes - 2);
  for (const utils::BlockingStep &Step : Shown)
    noteStep(Step, Blocking);
  if (!Elided)
    return;
  const utils::BlockingStep &Gap = Chain.Head[MaxChainNotes - 2];
  diag(Gap.Call->getBeginLoc(), "%0 more calls lead from %1 to %2", DiagnosticIDs::Note)
      << Chain.Length - (MaxChainNotes - 2) - 1 << helperName(*Gap.Function, Blocking)
      << helperName(*Chain.Last.Function, Blocking);
  noteStep(Chain.Last, Blocking);
}

void BlockingCallCheck::noteStep(const utils::BlockingStep &Step, StringRef Blocking) {
  diag(Step.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
      << helperName(*Step.Function, Blocking)
      << (Step.Rule ? "'" + Blocking.str() + "'" : helperName(*Step.Callee, Blocking));
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  Summaries.clear();
  Reported.clear();
}

} // namespace clang::tidy::async
