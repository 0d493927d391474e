//===--- BlockingCallCheck.cpp - async-blocking-call ----------------------===//

#include "BlockingCallCheck.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "utils/AwaitableTypes.h"
#include "utils/ChainMessages.h"
#include "utils/CoroutineContext.h"
#include "utils/EvaluatedCalls.h"
#include "utils/LockHolding.h"
#include "utils/Offloading.h"
#include "utils/PackCalls.h"
#include "utils/SummaryIndexFile.h"
#include "utils/SummaryLink.h"
#include "utils/UnconsumedLocal.h"
#include "utils/UnitSummaryBuilder.h"

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

/// I/O in a coroutine that awaits readiness first (a non-blocking descriptor) does not block.
bool isReadinessIO(const rules::BlockingFunction &Rule, const FunctionDecl &Coroutine) {
  return Rule.Cat == rules::Category::IO && utils::awaitsReadiness(Coroutine);
}

/// `file.open(...)` of a device the coroutine then reads by awaiting (`co_await
/// qCoro(file).readLine(...)` on /dev/stdin): no disk file, and used asynchronously. Only the
/// open: a synchronous `socket.connect(...)` before asynchronous reads still blocks.
bool opensAwaitedDevice(const rules::BlockingFunction &Rule, const Expr &Call,
                        const utils::FunctionBody &Body, const SourceManager &SM) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  if (!Member || !Member->getMethodDecl() || !Member->getMethodDecl()->getIdentifier() ||
      Member->getMethodDecl()->getName() != "open")
    return false;
  const auto *Object =
      dyn_cast<DeclRefExpr>(Member->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const ValueDecl *Device = Object ? Object->getDecl() : nullptr;
  return Rule.Cat == rules::Category::IO && Device &&
         utils::awaitsOneOfAfter(Call, *Body.body(), {Device}, SM);
}

std::string helperName(const FunctionDecl &Helper, StringRef Blocking) {
  return utils::helperName(utils::functionName(Helper), Blocking);
}

} // namespace

BlockingCallCheck::BlockingCallCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Packs(Options, *Context),
      SummaryIndex(Options.getLocalOrGlobal(utils::SummaryIndexOption, "")),
      TidyContext(*Context), Summaries(Packs.rules()),
      FollowsOtherUnits(utils::SummaryRecording::current() || !SummaryIndex.empty()) {}

void BlockingCallCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Packs.store(Options, Opts);
  Options.store(Opts, utils::SummaryIndexOption, SummaryIndex);
}

void BlockingCallCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(coroutineBodyStmt()), unless(isExpansionInSystemHeader()))
          .bind("coroutine"),
      this);
  // The CLI links units: other units may call any function this one's main file defines.
  if (utils::SummaryRecording::current())
    Finder->addMatcher(functionDecl(isDefinition(), isExpansionInMainFile()).bind("helper"), this);
}

void BlockingCallCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Helper = Result.Nodes.getNodeAs<FunctionDecl>("helper")) {
    // A template's instances are defined in every unit that uses them.
    if (Helper->isExternallyVisible() && !Helper->isTemplated() &&
        !Helper->isTemplateInstantiation() && Summaries.isHelper(*Helper))
      Roots.push_back(Helper);
    return;
  }
  const auto &Function = *Result.Nodes.getNodeAs<FunctionDecl>("coroutine");
  // Blocking in a synchronous generator blocks whoever iterates it, as a function call would.
  if (utils::isSynchronousGenerator(Function))
    return;
  // A coroutine of this file that its callers only ever send to another executor blocks that
  // executor, which is there for it (`co_await co_withExecutor(blocking_, write(out))`).
  if (Result.SourceManager->isInMainFile(Function.getLocation()) &&
      HandedOff.contains(Function, *Result.Context, Packs.rules()))
    return;
  utils::FunctionBody Coroutine(Function);
  std::string Type = utils::coroutineTypeName(Coroutine.function());
  utils::ExecutorHops Hops(Coroutine, Packs.rules(), Result.Context->getSourceManager());
  utils::forEachEvaluatedCall(*Coroutine.body(), [&](const Expr &Call, const FunctionDecl *Callee) {
    if (Callee && !Hops.offloads(Call.getBeginLoc()))
      checkCall(Coroutine, Type, Call, *Callee, *Result.Context);
  });
}

void BlockingCallCheck::checkCall(const utils::FunctionBody &Body, StringRef CoroutineType,
                                  const Expr &Call, const FunctionDecl &Callee,
                                  ASTContext &Context) {
  const FunctionDecl &Coroutine = Body.function();
  const rules::RuleSet &Rules = Packs.rules();
  SourceLocation Location = Call.getBeginLoc();
  if (rules::BlockingMatch Match =
          utils::findBlockingCall(Call, Callee, Coroutine, CoroutineType, Rules, &Body);
      Match.Entry) {
    if (isReadinessIO(*Match.Entry, Coroutine) ||
        opensAwaitedDevice(*Match.Entry, Call, Body, Context.getSourceManager()) ||
        !Reported.insert(Location).second)
      return;
    std::string Advice = Match.Entry->Alternative.empty()
                             ? ""
                             : "; use " + Match.Entry->Alternative;
    {
      auto Diag = diag(Location, "blocking call to '%0' in %1: it %2%3")
                  << utils::callName(Call, Callee) << utils::describeCoroutine(Coroutine)
                  << Match.Entry->Reason << Advice << Call.getSourceRange();
      std::string Replacement = instantiate(Match.Replacement, Call, Context);
      if (!Replacement.empty() && !Location.isMacroID() && !Call.getEndLoc().isMacroID() &&
          utils::discardKind(Call, Body.parents()) == utils::Discard::Statement &&
          !utils::isInCatchHandler(Call, Body.parents()))
        Diag << FixItHint::CreateReplacement(Call.getSourceRange(), Replacement);
    }
    if (Match.Entry->Filter.Kind == rules::FilterKind::HeldAcrossSuspension)
      if (const Stmt *Suspension =
              utils::suspensionWhileHeld(Call, Body, Match.Entry->Filter.Members))
        diag(Suspension->getBeginLoc(), "the coroutine suspends here with the lock held",
             DiagnosticIDs::Note);
    return;
  }
  if (const auto *Inline = utils::inlineCallableEntry(Call, Callee, Rules)) {
    if (utils::runsCallablesInPlace(*Inline, Call, Body.parents(), Rules))
      for (const FunctionDecl *Callable : utils::callableArguments(Call))
        checkCallableRunInPlace(Coroutine, CoroutineType, Call, Inline->Name, *Callable,
                                summariesPermitting(Inline->Permits));
    return;
  }
  if (utils::isOffloadingCall(Call, Callee, Rules) || callsParameter(Call, Coroutine))
    return;
  utils::BlockingChain Chain = Summaries.chain(Callee, utils::MaxChainNotes);
  if (!Chain.Length) {
    // Other units may define what the callee calls: record the call for the link step, once.
    if (FollowsOtherUnits && (Summaries.isHelper(Callee) || Summaries.isOpenCallee(Callee)) &&
        OpenCallsAt.insert(Location).second)
      OpenCalls.push_back({&Call, &Callee, &Coroutine});
    return;
  }
  // A helper that reads a future handed to it (`take(pf)` after `co_await when_all(...)`).
  const auto *Direct = dyn_cast<CallExpr>(&Call);
  if (Direct && Chain.Length == 1 &&
      utils::waitsOnCompletedArgument(*Chain.Last.Call, *Chain.Last.Rule, *Chain.Last.Function,
                                      *Direct, Body.body()))
    return;
  if (isReadinessIO(*Chain.Last.Rule, Coroutine) || !Reported.insert(Location).second)
    return;
  std::string Blocking = utils::callName(*Chain.Last.Call, *Chain.Last.Callee);
  reportChain(Call, Chain, Blocking,
              utils::chainWarning(helperName(Callee, Blocking), utils::describeCoroutine(Coroutine),
                                  Blocking, Chain.Last.Rule->Reason));
}

void BlockingCallCheck::checkCallableRunInPlace(const FunctionDecl &Coroutine,
                                                StringRef CoroutineType, const Expr &Call,
                                                StringRef Runner,
                                                const FunctionDecl &Callable,
                                                utils::BlockingSummaries &Where) {
  utils::BlockingChain Chain = Where.chain(Callable, utils::MaxChainNotes);
  if (!Chain.Length || isReadinessIO(*Chain.Last.Rule, Coroutine) ||
      !Reported.insert(Call.getBeginLoc()).second)
    return;
  std::string Blocking = utils::callName(*Chain.Last.Call, *Chain.Last.Callee);
  // The callable runs as if written in the coroutine: say why in the coroutine's runtime's words.
  rules::BlockingMatch Here = Packs.rules().findBlocking(Chain.Last.Rule->Name, CoroutineType);
  reportChain(Call, Chain, Blocking,
              "'" + Runner.str() + "' runs " + helperName(Callable, Blocking) +
                  " on the thread of " + utils::describeCoroutine(Coroutine) +
                  ", and it blocks: it reaches '" + Blocking + "', which " +
                  (Here ? Here.Entry : Chain.Last.Rule)->Reason);
}

void BlockingCallCheck::reportChain(const Expr &Call, const utils::BlockingChain &Chain,
                                    StringRef Blocking, StringRef Message) {
  diag(Call.getBeginLoc(), "%0") << Message << Call.getSourceRange();
  // A long chain shows its first steps and the blocking call, not every step between.
  utils::forEachChainNote<utils::BlockingStep>(
      Chain.Head, Chain.Last, Chain.Length,
      [&](const utils::BlockingStep &Step) { noteStep(Step, Blocking); },
      [&](const utils::BlockingStep &Gap, unsigned Count) {
        diag(Gap.Call->getBeginLoc(), "%0", DiagnosticIDs::Note)
            << utils::gapNote(Count, helperName(*Gap.Function, Blocking),
                              helperName(*Chain.Last.Function, Blocking));
      });
}

utils::BlockingSummaries &
BlockingCallCheck::summariesPermitting(ArrayRef<std::string> Permitted) {
  if (Permitted.empty())
    return Summaries;
  return PermittingSummaries
      .try_emplace(Permitted.vec(), Packs.rules(), Permitted.vec())
      .first->second;
}

void BlockingCallCheck::noteStep(const utils::BlockingStep &Step, StringRef Blocking) {
  diag(Step.Call->getBeginLoc(), "%0", DiagnosticIDs::Note) << utils::stepNote(
      helperName(*Step.Function, Blocking),
      Step.Rule ? "'" + Blocking.str() + "'" : helperName(*Step.Callee, Blocking));
}

void BlockingCallCheck::recordSummary() {
  utils::UnitSummaryBuilder Builder(Summaries, *Context, TidyContext.treatAsError(getID()));
  for (const FunctionDecl *Root : Roots)
    Builder.addHelper(*Root);
  for (const OpenCall &Open : OpenCalls)
    Builder.addOpenCall(*Open.Call, *Open.Callee, *Open.Coroutine);
  utils::SummaryRecording::current()->add(Builder.take(/*Prune=*/true));
}

void BlockingCallCheck::reportThroughIndex() {
  SourceManager &SM = Context->getSourceManager();
  std::shared_ptr<const utils::UnitSummary> Index =
      utils::loadSummaryIndex(SummaryIndex, SM, TidyContext);
  if (!Index)
    return;
  // This unit as it is now, in front of the index of the last run.
  utils::UnitSummaryBuilder Builder(Summaries, *Context, /*AsError=*/false);
  std::vector<const Expr *> Calls;
  for (const OpenCall &Open : OpenCalls)
    if (Builder.addOpenCall(*Open.Call, *Open.Callee, *Open.Coroutine))
      Calls.push_back(Open.Call);
  utils::UnitSummary Here = Builder.take(/*Prune=*/false);
  utils::SummaryLinker Linker({&Here, Index.get()});
  for (size_t I = 0; I < Calls.size(); ++I) {
    std::optional<utils::LinkedFinding> Found = Linker.findingFor(Here.OpenCalls[I]);
    if (!Found)
      continue;
    diag(Calls[I]->getBeginLoc(), "%0") << Found->Message << Calls[I]->getSourceRange();
    for (const auto &[At, Note] : Found->Notes)
      diag(utils::locationOf(At, SM), "%0", DiagnosticIDs::Note) << Note;
  }
}

void BlockingCallCheck::onEndOfTranslationUnit() {
  // A template's instances share the call's location: one may block where another did not.
  llvm::erase_if(OpenCalls, [&](const OpenCall &Open) {
    return Reported.contains(Open.Call->getBeginLoc());
  });
  if (Context && utils::SummaryRecording::current())
    recordSummary();
  else if (Context && !OpenCalls.empty())
    reportThroughIndex();
  Summaries.clear();
  PermittingSummaries.clear();
  Reported.clear();
  HandedOff.clear();
  Roots.clear();
  OpenCalls.clear();
  OpenCallsAt.clear();
  Context = nullptr;
}

} // namespace clang::tidy::async
