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
  const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  const auto *Body = cast<CoroutineBodyStmt>(Coroutine->getBody())->getBody();
  std::string Type = utils::coroutineTypeName(*Coroutine);
  utils::forEachEvaluatedCall(*Body, [&](const Expr &Call, const FunctionDecl *Callee) {
    if (Callee)
      checkCall(*Coroutine, Type, Call, *Callee, *Result.Context);
  });
}

void BlockingCallCheck::checkCall(const FunctionDecl &Coroutine, StringRef CoroutineType,
                                  const Expr &Call, const FunctionDecl &Callee,
                                  ASTContext &Context) {
  const rules::RuleSet &Rules = Packs.rules();
  SourceLocation Location = Call.getBeginLoc();
  if (rules::BlockingMatch Match = utils::findBlockingCall(Call, Callee, Coroutine, CoroutineType, Rules);
      Match.Entry) {
    if (!Reported.insert(Location).second)
      return;
    std::string Advice = Match.Entry->Alternative.empty()
                             ? ""
                             : "; use " + Match.Entry->Alternative;
    auto Diag = diag(Location, "blocking call to '%0' in %1: it %2%3")
                << utils::packName(Callee) << utils::describeCoroutine(Coroutine)
                << Match.Entry->Reason << Advice << Call.getSourceRange();
    std::string Replacement = instantiate(Match.Replacement, Call, Context);
    if (!Replacement.empty() && !Location.isMacroID() && !Call.getEndLoc().isMacroID() &&
        utils::discardKind(Call, Context) == utils::Discard::Statement &&
        !utils::isInCatchHandler(Call, Context))
      Diag << FixItHint::CreateReplacement(Call.getSourceRange(), Replacement);
    return;
  }
  if (utils::isOffloadingCall(Call, Callee, Rules))
    return;
  SmallVector<utils::BlockingStep, 4> Chain = Summaries.chain(Callee);
  if (Chain.empty() || !Reported.insert(Location).second)
    return;
  const utils::BlockingStep &Last = Chain.back();
  diag(Location, "call to %0 in %1 blocks: it reaches '%2', which %3")
      << utils::describeFunction(Callee) << utils::describeCoroutine(Coroutine)
      << utils::packName(*Last.Callee) << Last.Rule->Reason << Call.getSourceRange();
  for (const utils::BlockingStep &Step : Chain)
    diag(Step.Call->getBeginLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << utils::describeFunction(*Step.Function)
        << (Step.Rule ? "'" + utils::packName(*Step.Callee) + "'"
                      : utils::describeFunction(*Step.Callee));
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  Summaries.clear();
  Reported.clear();
}

} // namespace clang::tidy::async
