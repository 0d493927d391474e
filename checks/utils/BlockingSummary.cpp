//===--- BlockingSummary.cpp - which helper functions block ---------------===//

#include "BlockingSummary.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "PackCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::async::utils {

BlockingSummaries::BlockingSummaries(const async_lint::rules::RuleSet &Rules)
    : Rules(Rules), Libraries(libraryNamespaces(Rules)) {}

bool BlockingSummaries::isHelper(const FunctionDecl &Function) const {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->hasBody() || isCoroutine(Definition))
    return false;
  const SourceManager &SM = Definition->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(Definition->getLocation()))
    return false;
  return !Libraries.contains(outermostNamespace(*Definition));
}

std::pair<BlockingStep, unsigned> BlockingSummaries::summarize(const FunctionDecl &Function,
                                                               unsigned Depth) {
  const FunctionDecl *Key = Function.getDefinition();
  if (auto Done = Summaries.find(Key); Done != Summaries.end())
    return {Done->second, ~0U};
  if (auto Open = InProgress.find(Key); Open != InProgress.end())
    return {BlockingStep{}, Open->second}; // a cycle: decided by whoever opened it

  InProgress[Key] = Depth;
  BlockingStep Found;
  unsigned DependsOn = ~0U;
  forEachEvaluatedCall(*Key->getBody(), [&](const Expr &Call, const FunctionDecl *Callee) {
    if (Found.Call || !Callee)
      return;
    if (auto Match = findBlockingCall(Call, *Callee, *Key, "", Rules); Match.Entry) {
      Found = {Key, &Call, Callee, Match.Entry};
      return;
    }
    if (!isHelper(*Callee) || isOffloadingCall(Call, *Callee, Rules))
      return;
    auto [Step, CalleeDependsOn] = summarize(*Callee, Depth + 1);
    DependsOn = std::min(DependsOn, CalleeDependsOn);
    if (Step.Call)
      Found = {Key, &Call, Callee, nullptr};
  });
  InProgress.erase(Key);
  // A negative answer that relied on a function still being summarised above us may change
  // once that function is done: keep only answers that are final.
  if (Found.Call || DependsOn >= Depth)
    Summaries[Key] = Found;
  return {Found, Found.Call ? ~0U : DependsOn};
}

SmallVector<BlockingStep, 4> BlockingSummaries::chain(const FunctionDecl &Helper) {
  SmallVector<BlockingStep, 4> Chain;
  if (!isHelper(Helper))
    return Chain;
  BlockingStep Step = summarize(Helper, 0).first;
  while (Step.Call) {
    Chain.push_back(Step);
    if (Step.Rule)
      break;
    Step = summarize(*Step.Callee, 0).first;
  }
  return Chain;
}

} // namespace clang::tidy::async::utils
