//===--- BlockingSummary.cpp - which helper functions block ---------------===//

#include "BlockingSummary.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "Offloading.h"
#include "PackCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async::utils {

BlockingSummaries::BlockingSummaries(const async_lint::rules::RuleSet &Rules,
                                     std::vector<std::string> Permitted)
    : Rules(Rules), Permitted(std::move(Permitted)), Libraries(libraryNamespaces(Rules)) {}

bool BlockingSummaries::isHelper(const FunctionDecl &Function) const {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->hasBody() || isCoroutine(Definition))
    return false;
  const SourceManager &SM = Definition->getASTContext().getSourceManager();
  if (SM.isInSystemHeader(Definition->getLocation()))
    return false;
  return !Libraries.contains(outermostNamespace(*Definition));
}

bool BlockingSummaries::isOpenCallee(const FunctionDecl &Function) const {
  if (Function.isDefined() || Function.isImplicit() || Function.getBuiltinID() ||
      Function.isDeleted())
    return false;
  const SourceManager &SM = Function.getASTContext().getSourceManager();
  if (SM.isInSystemHeader(Function.getLocation()))
    return false;
  return !Libraries.contains(outermostNamespace(Function));
}

std::vector<BlockingSummaries::CallEdge>
BlockingSummaries::edgesOf(const FunctionDecl &Function) const {
  std::vector<CallEdge> Edges;
  bool Blocks = false;
  forEachEvaluatedCall(*Function.getBody(), [&](const Expr &Call, const FunctionDecl *Callee) {
    if (Blocks || !Callee)
      return; // what follows the first blocking call cannot change the answer
    if (auto Match = findBlockingCall(Call, *Callee, Function, "", Rules); Match.Entry) {
      if (llvm::is_contained(Permitted, Match.Entry->Name))
        return;
      Edges.push_back({&Call, Callee, Match.Entry});
      Blocks = true;
    } else if (const auto *Inline = inlineCallableEntry(Call, *Callee, Rules)) {
      // The callables run right here (std::for_each's lambda). Not those of an entry with
      // permits (seastar::async): they would need their own summaries, and not lazy ones,
      // which run only when a coroutine awaits them.
      if (!Inline->Lazy && Inline->Permits.empty())
        for (const FunctionDecl *Callable : callableArguments(Call))
          if (isHelper(*Callable))
            Edges.push_back({&Call, Callable, nullptr});
    } else if (bool Helper = isHelper(*Callee);
               (Helper || isOpenCallee(*Callee)) && !isOffloadingCall(Call, *Callee, Rules)) {
      if (Helper)
        Edges.push_back({&Call, Callee->getDefinition(), nullptr});
      else
        Edges.push_back({&Call, Callee, nullptr, /*Open=*/true});
    }
  });
  return Edges;
}

ArrayRef<BlockingSummaries::CallEdge>
BlockingSummaries::callsOf(const FunctionDecl &Definition) {
  auto [Known, New] = Edges.try_emplace(&Definition);
  if (New)
    Known->second = edgesOf(Definition);
  return Known->second;
}

// Tarjan's algorithm with an explicit stack of frames: components are completed callees
// first, so every call that leaves a component goes to a function already decided.
void BlockingSummaries::summarize(const FunctionDecl &Root) {
  struct Node {
    unsigned Low;
    bool OnStack = true;
  };
  struct Frame {
    const FunctionDecl *Function;
    size_t NextEdge = 0;
  };
  llvm::DenseMap<const FunctionDecl *, unsigned> Order;
  std::vector<Node> Nodes;
  SmallVector<const FunctionDecl *, 16> Stack;
  SmallVector<Frame, 16> Frames;
  auto Open = [&](const FunctionDecl *Function) {
    Order[Function] = Nodes.size();
    Nodes.push_back({static_cast<unsigned>(Nodes.size())});
    (void)callsOf(*Function); // computed once, here, as Tarjan's walk enters it
    Stack.push_back(Function);
    Frames.push_back({Function});
  };

  Open(&Root);
  while (!Frames.empty()) {
    const FunctionDecl *Function = Frames.back().Function;
    unsigned Id = Order[Function];
    ArrayRef<CallEdge> Out = callsOf(*Function);
    if (Frames.back().NextEdge < Out.size()) {
      const CallEdge &Edge = Out[Frames.back().NextEdge++];
      if (Edge.Rule || Edge.Open || Summaries.count(Edge.Callee))
        continue;
      if (auto Seen = Order.find(Edge.Callee); Seen == Order.end())
        Open(Edge.Callee);
      else if (Nodes[Seen->second].OnStack)
        Nodes[Id].Low = std::min(Nodes[Id].Low, Seen->second);
      continue;
    }
    Frames.pop_back();
    if (!Frames.empty()) {
      unsigned Parent = Order[Frames.back().Function];
      Nodes[Parent].Low = std::min(Nodes[Parent].Low, Nodes[Id].Low);
    }
    if (Nodes[Id].Low != Id)
      continue;
    SmallVector<const FunctionDecl *, 4> Component;
    const FunctionDecl *Member;
    do {
      Member = Stack.pop_back_val();
      Nodes[Order[Member]].OnStack = false;
      Component.push_back(Member);
    } while (Member != Function);
    decideComponent(Component);
  }
}

void BlockingSummaries::decideComponent(ArrayRef<const FunctionDecl *> Component) {
  llvm::DenseSet<const FunctionDecl *> Members(Component.begin(), Component.end());
  // First the members that block by themselves or through a function outside the
  // component, by their first such call in source order...
  SmallVector<const FunctionDecl *, 4> Decided;
  for (const FunctionDecl *Member : Component) {
    for (const CallEdge &Edge : Edges.find(Member)->second) {
      bool Blocks = Edge.Rule || (!Edge.Open && !Members.contains(Edge.Callee) &&
                                  Summaries.find(Edge.Callee)->second.Call);
      if (Blocks) {
        Summaries[Member] = {Member, Edge.Call, Edge.Callee, Edge.Rule};
        Decided.push_back(Member);
        break;
      }
    }
  }
  // ...then, breadth first, the members that call a member already known to block: each
  // step goes to a function decided before it, so a chain never comes back on itself.
  llvm::DenseMap<const FunctionDecl *, SmallVector<std::pair<const FunctionDecl *, const Expr *>, 2>>
      Callers;
  for (const FunctionDecl *Member : Component)
    for (const CallEdge &Edge : Edges.find(Member)->second)
      if (!Edge.Rule && !Edge.Open && Members.contains(Edge.Callee))
        Callers[Edge.Callee].push_back({Member, Edge.Call});
  for (size_t I = 0; I < Decided.size(); ++I)
    for (auto [Caller, Call] : Callers.lookup(Decided[I]))
      if (Summaries.try_emplace(Caller, BlockingStep{Caller, Call, Decided[I], nullptr}).second)
        Decided.push_back(Caller);
  for (const FunctionDecl *Member : Component)
    Summaries.try_emplace(Member, BlockingStep{});
}

const BlockingStep &BlockingSummaries::stepOf(const FunctionDecl &Function) {
  auto Found = Summaries.find(&Function);
  if (Found == Summaries.end()) {
    summarize(Function);
    Found = Summaries.find(&Function);
  }
  return Found->second;
}

std::pair<BlockingStep, unsigned> BlockingSummaries::endOf(const FunctionDecl &Function) {
  // Walk down to the end or to a function whose end is known, then fill in the way back.
  SmallVector<const FunctionDecl *, 8> Path;
  std::pair<BlockingStep, unsigned> End;
  for (const FunctionDecl *Current = &Function;;) {
    if (auto Known = Ends.find(Current); Known != Ends.end()) {
      End = Known->second;
      break;
    }
    const BlockingStep &Step = stepOf(*Current);
    Path.push_back(Current);
    if (Step.Rule) {
      End = {Step, 0};
      break;
    }
    Current = Step.Callee;
  }
  for (const FunctionDecl *Member : llvm::reverse(Path)) {
    ++End.second;
    Ends[Member] = End;
  }
  return End;
}

BlockingChain BlockingSummaries::chain(const FunctionDecl &Helper, unsigned HeadSize) {
  BlockingChain Chain;
  if (!isHelper(Helper))
    return Chain;
  const FunctionDecl *Definition = Helper.getDefinition();
  if (!stepOf(*Definition).Call)
    return Chain;
  std::tie(Chain.Last, Chain.Length) = endOf(*Definition);
  for (const FunctionDecl *Current = Definition; Chain.Head.size() < HeadSize;) {
    const BlockingStep &Step = stepOf(*Current);
    Chain.Head.push_back(Step);
    if (Step.Rule)
      break;
    Current = Step.Callee;
  }
  return Chain;
}

} // namespace clang::tidy::async::utils
