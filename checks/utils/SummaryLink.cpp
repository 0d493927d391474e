//===--- SummaryLink.cpp - blocking chains across translation units -------===//

#include "SummaryLink.h"
#include "ChainMessages.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

SummaryLinker::SummaryLinker(std::vector<const UnitSummary *> Summaries)
    : Summaries(std::move(Summaries)) {}

const HelperFacts *SummaryLinker::helper(llvm::StringRef Key) const {
  for (const UnitSummary *Summary : Summaries)
    if (auto Found = Summary->Helpers.find(std::string(Key)); Found != Summary->Helpers.end())
      return &Found->second;
  return nullptr;
}

bool SummaryLinker::acquiresFirst(llvm::StringRef Key) const {
  return llvm::any_of(Summaries, [&](const UnitSummary *Summary) {
    return Summary->LimitedCoroutines.count(std::string(Key)) != 0;
  });
}

std::optional<unsigned> SummaryLinker::nodeOf(llvm::StringRef Key) {
  constexpr unsigned Missing = ~0u; // remembered, so that each key is looked up once
  auto [Known, New] = Ids.try_emplace(Key, Missing);
  if (New) {
    if (const HelperFacts *Facts = helper(Key)) {
      Known->second = Nodes.size();
      Nodes.push_back({Known->first(), Facts, {}});
    }
  }
  if (Known->second == Missing)
    return std::nullopt;
  return Known->second;
}

void SummaryLinker::resolveCalls(unsigned Id) {
  std::vector<std::pair<unsigned, unsigned>> Out;
  const std::vector<SummaryCall> &Calls = Nodes[Id].Facts->Calls;
  for (unsigned I = 0; I < Calls.size(); ++I)
    if (std::optional<unsigned> Callee = nodeOf(Calls[I].Callee)) // may grow Nodes
      Out.emplace_back(I, *Callee);
  Nodes[Id].Out = std::move(Out);
}

// Tarjan's algorithm with an explicit stack of frames, as in BlockingSummaries::summarize:
// components complete callees first, so every call that leaves a component goes to a helper
// already decided.
void SummaryLinker::summarize(unsigned Root) {
  llvm::DenseMap<unsigned, unsigned> Order; // node -> discovery index in this walk
  std::vector<unsigned> Low;
  std::vector<bool> OnStack;
  std::vector<unsigned> Stack;
  struct Frame {
    unsigned Id;
    size_t NextEdge = 0;
  };
  std::vector<Frame> Frames;
  auto Open = [&](unsigned Id) {
    Order[Id] = Low.size();
    Low.push_back(Low.size());
    OnStack.push_back(true);
    resolveCalls(Id);
    Stack.push_back(Id);
    Frames.push_back({Id});
  };

  Open(Root);
  while (!Frames.empty()) {
    unsigned Id = Frames.back().Id;
    unsigned Index = Order[Id];
    if (Frames.back().NextEdge < Nodes[Id].Out.size()) {
      unsigned Callee = Nodes[Id].Out[Frames.back().NextEdge++].second;
      if (Nodes[Callee].Decided)
        continue;
      if (auto Seen = Order.find(Callee); Seen == Order.end())
        Open(Callee);
      else if (OnStack[Seen->second])
        Low[Index] = std::min(Low[Index], Seen->second);
      continue;
    }
    Frames.pop_back();
    if (!Frames.empty()) {
      unsigned Parent = Order[Frames.back().Id];
      Low[Parent] = std::min(Low[Parent], Low[Index]);
    }
    if (Low[Index] != Index)
      continue;
    std::vector<unsigned> Component;
    unsigned Member;
    do {
      Member = Stack.back();
      Stack.pop_back();
      OnStack[Order[Member]] = false;
      Component.push_back(Member);
    } while (Member != Id);
    decideComponent(std::move(Component));
  }
}

void SummaryLinker::decideComponent(std::vector<unsigned> Component) {
  llvm::sort(Component, [&](unsigned A, unsigned B) { return Nodes[A].Key < Nodes[B].Key; });
  llvm::DenseSet<unsigned> Members(Component.begin(), Component.end());
  // First the members that block by themselves or through a helper outside the component,
  // by their first such call in source order (the calls come before the blocking call)...
  std::vector<unsigned> Decided;
  for (unsigned Member : Component) {
    Node &N = Nodes[Member];
    for (auto [Call, Callee] : N.Out)
      if (!Members.contains(Callee) && Nodes[Callee].Via != None) {
        N.Via = static_cast<int>(Call);
        N.Next = Callee;
        break;
      }
    if (N.Via == None && N.Facts->Blocks)
      N.Via = Direct;
    if (N.Via != None) {
      N.Decided = true;
      Decided.push_back(Member);
    }
  }
  // ...then, breadth first, the members that call a member already known to block: each
  // step goes to a helper decided before it, so a chain never comes back on itself.
  llvm::DenseMap<unsigned, std::vector<std::pair<unsigned, unsigned>>> Callers;
  for (unsigned Member : Component)
    for (auto [Call, Callee] : Nodes[Member].Out)
      if (Members.contains(Callee))
        Callers[Callee].emplace_back(Member, Call);
  for (size_t I = 0; I < Decided.size(); ++I)
    for (auto [Caller, Call] : Callers.lookup(Decided[I]))
      if (!Nodes[Caller].Decided) {
        Nodes[Caller].Decided = true;
        Nodes[Caller].Via = static_cast<int>(Call);
        Nodes[Caller].Next = Decided[I];
        Decided.push_back(Caller);
      }
  for (unsigned Member : Component)
    Nodes[Member].Decided = true;
}

void SummaryLinker::findEnd(unsigned Id) {
  // Walk down to the end or to a helper whose end is known, then fill in the way back.
  std::vector<unsigned> Path;
  unsigned EndNode = Id, Length = 0;
  for (unsigned Current = Id;;) {
    const Node &N = Nodes[Current];
    if (N.Length) {
      EndNode = N.EndNode;
      Length = N.Length;
      break;
    }
    Path.push_back(Current);
    if (N.Via == Direct) {
      EndNode = Current;
      break;
    }
    Current = N.Next;
  }
  for (unsigned Member : llvm::reverse(Path)) {
    Nodes[Member].EndNode = EndNode;
    Nodes[Member].Length = ++Length;
  }
}

LinkedStep SummaryLinker::stepOf(const Node &N) const {
  if (N.Via == Direct)
    return {N.Facts, &N.Facts->Blocks->At, nullptr};
  return {N.Facts, &N.Facts->Calls[N.Via].At, Nodes[N.Next].Facts};
}

LinkedChain SummaryLinker::chain(llvm::StringRef Key, unsigned HeadSize) {
  LinkedChain Chain;
  std::optional<unsigned> Id = nodeOf(Key);
  if (!Id)
    return Chain;
  if (!Nodes[*Id].Decided)
    summarize(*Id);
  if (Nodes[*Id].Via == None)
    return Chain;
  findEnd(*Id);
  const Node &End = Nodes[Nodes[*Id].EndNode];
  Chain.Length = Nodes[*Id].Length;
  Chain.Last = stepOf(End);
  Chain.Block = &*End.Facts->Blocks;
  for (unsigned Current = *Id; Chain.Head.size() < HeadSize;) {
    Chain.Head.push_back(stepOf(Nodes[Current]));
    if (Nodes[Current].Via == Direct)
      break;
    Current = Nodes[Current].Next;
  }
  return Chain;
}

std::optional<LinkedFinding> SummaryLinker::findingFor(const CoroutineCall &Call) {
  LinkedChain Chain = chain(Call.Callee, MaxChainNotes);
  if (!Chain.Length || (Chain.Block->IO && Call.AwaitsReadiness))
    return std::nullopt;
  const std::string &Blocking = Chain.Block->Function;
  auto Name = [&](const HelperFacts &Helper) { return helperName(Helper.Name, Blocking); };
  LinkedFinding Finding;
  Finding.Message =
      chainWarning(Name(*helper(Call.Callee)), Call.Coroutine, Blocking, Chain.Block->Reason);
  forEachChainNote<LinkedStep>(
      Chain.Head, Chain.Last, Chain.Length,
      [&](const LinkedStep &Step) {
        Finding.Notes.emplace_back(
            *Step.At, stepNote(Name(*Step.From), Step.To ? Name(*Step.To) : "'" + Blocking + "'"));
      },
      [&](const LinkedStep &Gap, unsigned Count) {
        Finding.Notes.emplace_back(*Gap.At,
                                   gapNote(Count, Name(*Gap.From), Name(*Chain.Last.From)));
      });
  return Finding;
}

} // namespace clang::tidy::async::utils
