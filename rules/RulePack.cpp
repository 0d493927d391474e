//===- RulePack.cpp - loading and merging rule packs ----------------------===//

#include "RulePack.h"
#include "BuiltinPacks.h"
#include "Suggest.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <set>

namespace async_lint::rules {

// ---- spellings ------------------------------------------------------------

const std::vector<std::string_view> &callableKindNames() {
  static const std::vector<std::string_view> Names = {"function", "member", "constructor"};
  return Names;
}
const std::vector<std::string_view> &categoryNames() {
  static const std::vector<std::string_view> Names = {
      "sleep", "wait", "io", "console", "process", "dns", "runtime", "lock"};
  return Names;
}
const std::vector<std::string_view> &filterKindNames() {
  static const std::vector<std::string_view> Names = {
      "no-completion-token", "stdin-argument", "launch-async", "first-argument-type",
      "no-argument-of-type", "byte-count-above", "no-arguments", "result-discarded",
      "destroyed-in-scope", "held-across-suspension", "in-coroutine-body"};
  return Names;
}
const std::vector<std::string_view> &deliveryNames() {
  static const std::vector<std::string_view> Names = {"exception", "error-code", "stopped"};
  return Names;
}
const std::vector<std::string_view> &taskStartNames() {
  static const std::vector<std::string_view> Names = {"lazy", "eager"};
  return Names;
}

std::string_view toString(CallableKind K) { return callableKindNames()[static_cast<int>(K)]; }
std::string_view toString(Category C) { return categoryNames()[static_cast<int>(C)]; }
std::string_view toString(Delivery D) { return deliveryNames()[static_cast<int>(D)]; }
std::string_view toString(TaskStart S) {
  return S == TaskStart::FromAst ? "from-ast" : taskStartNames()[static_cast<int>(S) - 1];
}
std::string_view toString(FilterKind F) {
  return F == FilterKind::None ? "none" : filterKindNames()[static_cast<int>(F) - 1];
}

std::string LoadError::str() const {
  std::string Out = File;
  if (!JsonPath.empty())
    Out += (Out.empty() ? "at " : ": at ") + JsonPath;
  if (!Out.empty())
    Out += ": ";
  return Out + Message;
}

LoadOptions LoadOptions::fromOptions(std::string_view RulePacks, std::string_view EnabledRulePacks,
                                     std::string_view DisabledRulePacks) {
  auto Split = [](std::string_view List) {
    std::vector<std::string> Out;
    while (!List.empty()) {
      std::size_t Semi = List.find(';');
      std::string_view Item = List.substr(0, Semi);
      List = Semi == std::string_view::npos ? std::string_view() : List.substr(Semi + 1);
      std::size_t First = Item.find_first_not_of(" \t\r\n");
      if (First == std::string_view::npos)
        continue;
      Item = Item.substr(First, Item.find_last_not_of(" \t\r\n") - First + 1);
      Out.emplace_back(Item);
    }
    return Out;
  };
  LoadOptions Options;
  Options.UserPackPaths = Split(RulePacks);
  Options.Enabled = Split(EnabledRulePacks);
  Options.Disabled = Split(DisabledRulePacks);
  return Options;
}

// ---- built-in packs -------------------------------------------------------

std::vector<std::string_view> builtinPackNames() {
  std::vector<std::string_view> Names;
  for (std::size_t I = 0; I < detail::NumEmbeddedPacks; ++I)
    Names.push_back(detail::EmbeddedPacks[I].Name);
  return Names;
}

std::string_view builtinPackText(std::string_view Name) {
  for (std::size_t I = 0; I < detail::NumEmbeddedPacks; ++I)
    if (detail::EmbeddedPacks[I].Name == Name)
      return detail::EmbeddedPacks[I].Json;
  return {};
}

// ---- lookups --------------------------------------------------------------

namespace {

bool contains(const std::vector<std::string> &V, std::string_view S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

template <typename T, typename Key>
const T *findLast(const std::vector<T> &V, std::string_view Name, Key KeyOf) {
  for (auto It = V.rbegin(); It != V.rend(); ++It)
    if (KeyOf(*It) == Name)
      return &*It;
  return nullptr;
}

/// Appends E, or replaces the earlier entry with the same key (last wins).
template <typename T, typename Key> void upsert(std::vector<T> &V, const T &E, Key KeyOf) {
  for (T &Old : V)
    if (KeyOf(Old) == KeyOf(E)) {
      Old = E;
      return;
    }
  V.push_back(E);
}

void appendUnique(std::vector<std::string> &To, const std::vector<std::string> &From) {
  for (const std::string &S : From)
    if (!contains(To, S))
      To.push_back(S);
}

const auto ByName = [](const auto &E) -> const std::string & { return E.Name; };
const auto ByType = [](const auto &E) -> const std::string & { return E.Type; };

} // namespace

bool RuleSet::isActive(std::string_view PackName) const {
  return findLast(Packs, PackName, ByName) != nullptr;
}

BlockingMatch RuleSet::findBlocking(std::string_view Name, std::string_view CoroutineType) const {
  auto It = BlockingIndex.find(Name);
  if (It == BlockingIndex.end())
    return {};
  auto IsBound = [&](const std::string &Pack) {
    const RulePack *P = findLast(Packs, Pack, ByName);
    return P && !P->CoroutineTypes.empty();
  };
  std::string_view Runtime;
  if (auto R = CoroutineTypeToPack.find(CoroutineType); R != CoroutineTypeToPack.end())
    Runtime = R->second;
  const BlockingFunction *Own = nullptr, *Unbound = nullptr;
  for (std::size_t Index : It->second) {
    const BlockingFunction &B = Blocking[Index];
    if (!Runtime.empty() && B.Pack == Runtime)
      Own = &B;
    if (!IsBound(B.Pack))
      Unbound = &B;
  }
  BlockingMatch M;
  M.Entry = Own ? Own : Unbound ? Unbound : &Blocking[It->second.front()];
  if (M.Entry == Own || M.Entry == Unbound)
    M.Replacement = M.Entry->Replacement;
  return M;
}

const OffloadingFunction *RuleSet::findOffloading(std::string_view Name) const {
  return findLast(Offloading, Name, ByName);
}

const InlineCallable *RuleSet::findInlineCallable(std::string_view Name) const {
  return findLast(InlineCallables, Name, ByName);
}
const SpawnFunction *RuleSet::findSpawn(std::string_view Name) const {
  return findLast(Spawn, Name, ByName);
}
const GatherFunction *RuleSet::findGather(std::string_view Name) const {
  return findLast(Gather, Name, ByName);
}
const WaitOperation *RuleSet::findWaitOperation(std::string_view Name) const {
  return findLast(WaitOperations, Name, ByName);
}
const ParallelAlgorithm *RuleSet::findParallelAlgorithm(std::string_view Name) const {
  return findLast(ParallelAlgorithms, Name, ByName);
}
const SchedulingAwait *RuleSet::findSchedulingAwait(std::string_view Name) const {
  return findLast(SchedulingAwaits, Name, ByName);
}

const ComputeExecutor *RuleSet::findComputeExecutor(std::string_view Name) const {
  return findLast(ComputeExecutors, Name, ByName);
}
const DeferringCall *RuleSet::findDeferringCall(std::string_view Name) const {
  return findLast(DeferringCalls, Name, ByName);
}
const Limiter *RuleSet::findLimiter(std::string_view Type) const {
  return findLast(Limiters, Type, ByType);
}
const Limiter *RuleSet::findLimiterAcquiredBy(std::string_view Function) const {
  for (auto It = Limiters.rbegin(); It != Limiters.rend(); ++It)
    if (contains(It->AcquireFunctions, Function))
      return &*It;
  return nullptr;
}
TaskStart RuleSet::startOf(std::string_view CoroutineType) const {
  auto It = Starts.find(CoroutineType);
  return It == Starts.end() ? TaskStart::FromAst : It->second;
}
bool RuleSet::isCompletionToken(std::string_view T) const { return contains(CompletionTokens, T); }
bool RuleSet::isCoroutineType(std::string_view T) const {
  return CoroutineTypeToPack.find(T) != CoroutineTypeToPack.end();
}
bool RuleSet::isBoundedGroup(std::string_view T) const { return contains(BoundedGroups, T); }
bool RuleSet::isStartedHandle(std::string_view T) const { return contains(StartedHandles, T); }
bool RuleSet::isExecutorTag(std::string_view T) const { return contains(ExecutorTags, T); }
bool RuleSet::isIgnoredAwaitable(std::string_view T) const {
  return contains(IgnoredAwaitables, T);
}

std::vector<const CancellationKind *> RuleSet::cancellationFor(std::string_view Type) const {
  std::vector<const CancellationKind *> Out;
  for (const CancellationKind &C : Cancellation)
    if ((C.How == Delivery::Exception && contains(C.ExceptionTypes, Type)) ||
        contains(C.ErrorCodeTypes, Type))
      Out.push_back(&C);
  return Out;
}

std::vector<std::string> RuleSet::coroutineTypes() const {
  std::vector<std::string> Out;
  for (const auto &[Type, Pack] : CoroutineTypeToPack)
    Out.push_back(Type);
  return Out;
}

std::vector<std::string> RuleSet::blockingNames(CallableKind Kind) const {
  std::set<std::string> Names;
  for (const BlockingFunction &B : Blocking)
    if (B.Kind == Kind)
      Names.insert(B.Name);
  return {Names.begin(), Names.end()};
}

// ---- loading --------------------------------------------------------------

class RuleSetBuilder {
public:
  static void add(RuleSet &Set, const RulePack &P) {
    Set.Packs.push_back(P);
    for (const BlockingFunction &B : P.Blocking) {
      Set.BlockingIndex[B.Name].push_back(Set.Blocking.size());
      Set.Blocking.push_back(B);
    }
    for (const auto &E : P.Offloading)
      upsert(Set.Offloading, E, ByName);
    for (const auto &E : P.InlineCallables)
      upsert(Set.InlineCallables, E, ByName);
    for (const auto &E : P.Spawn)
      upsert(Set.Spawn, E, ByName);
    for (const auto &E : P.Gather)
      upsert(Set.Gather, E, ByName);
    for (const auto &E : P.WaitOperations)
      upsert(Set.WaitOperations, E, ByName);
    for (const auto &E : P.ParallelAlgorithms)
      upsert(Set.ParallelAlgorithms, E, ByName);
    for (const auto &E : P.SchedulingAwaits)
      upsert(Set.SchedulingAwaits, E, ByName);
    for (const auto &E : P.ComputeExecutors)
      upsert(Set.ComputeExecutors, E, ByName);
    for (const auto &E : P.DeferringCalls)
      upsert(Set.DeferringCalls, E, ByName);
    for (const auto &E : P.Limiters)
      upsert(Set.Limiters, E, ByType);
    for (const auto &[Type, Start] : P.Starts)
      Set.Starts[Type] = Start;
    for (const auto &E : P.Cancellation)
      upsert(Set.Cancellation, E, ByName);
    appendUnique(Set.CompletionTokens, P.CompletionTokens);
    appendUnique(Set.BoundedGroups, P.BoundedGroups);
    appendUnique(Set.StartedHandles, P.StartedHandles);
    appendUnique(Set.IgnoredAwaitables, P.IgnoredAwaitables);
    appendUnique(Set.ExecutorTags, P.ExecutorTags);
    for (const std::string &T : P.CoroutineTypes)
      Set.CoroutineTypeToPack[T] = P.Name;
  }
};

namespace {

bool readFile(const std::string &Path, std::string &Out, std::string &Problem) {
  std::FILE *F = std::fopen(Path.c_str(), "rb");
  if (!F) {
    Problem = std::strerror(errno);
    return false;
  }
  char Buffer[4096];
  std::size_t N;
  while ((N = std::fread(Buffer, 1, sizeof Buffer, F)) > 0)
    Out.append(Buffer, N);
  bool Ok = !std::ferror(F);
  if (!Ok)
    Problem = std::strerror(errno);
  std::fclose(F);
  return Ok;
}

class Loader {
public:
  explicit Loader(std::vector<LoadError> &Errors) : Errors(Errors) {}

  void add(std::string_view Origin, std::string_view Text, std::string_view BuiltinName = {}) {
    RulePack P;
    if (!parsePack(Origin, Text, P, Errors))
      return;
    if (!BuiltinName.empty() && P.Name != BuiltinName) {
      Errors.push_back({std::string(Origin), "/name",
                        "a built-in pack must be named after its file, \"" +
                            std::string(BuiltinName) + "\""});
      return;
    }
    if (const RulePack *Old = find(P.Name)) {
      Errors.push_back({std::string(Origin), "/name",
                        "duplicate pack name \"" + P.Name + "\"; already loaded from " +
                            Old->Origin});
      return;
    }
    All.push_back(std::move(P));
  }

  RuleSet resolve(const LoadOptions &Options) {
    std::vector<std::string_view> Known;
    for (const RulePack &P : All)
      Known.push_back(P.Name);
    auto CheckNames = [&](const char *Option, const std::vector<std::string> &Names) {
      for (const std::string &N : Names)
        if (!find(N))
          Errors.push_back({Option, "", unknownName("rule pack", N, Known, false)});
    };
    CheckNames(EnabledRulePacksOption, Options.Enabled);
    CheckNames(DisabledRulePacksOption, Options.Disabled);
    for (const RulePack &P : All)
      for (std::size_t I = 0; I < P.Extends.size(); ++I)
        if (!find(P.Extends[I]))
          Errors.push_back({P.Origin, "/extends/" + std::to_string(I),
                            unknownName("rule pack", P.Extends[I], Known, false)});

    std::set<std::string, std::less<>> Active;
    std::vector<std::string> Work;
    for (const RulePack &P : All)
      if (P.DefaultOn || contains(Options.Enabled, P.Name))
        Work.push_back(P.Name);
    while (!Work.empty()) {
      std::string Name = std::move(Work.back());
      Work.pop_back();
      if (!Active.insert(Name).second)
        continue;
      if (const RulePack *P = find(Name))
        for (const std::string &E : P->Extends)
          Work.push_back(E);
    }

    RuleSet Set;
    for (const RulePack &P : All)
      if (Active.count(P.Name) && !contains(Options.Disabled, P.Name))
        RuleSetBuilder::add(Set, P);
    return Set;
  }

private:
  const RulePack *find(std::string_view Name) const {
    for (const RulePack &P : All)
      if (P.Name == Name)
        return &P;
    return nullptr;
  }

  std::vector<LoadError> &Errors;
  std::vector<RulePack> All;
};

RuleSet load(const LoadOptions &Options, std::vector<LoadError> &Errors) {
  Loader L(Errors);
  for (std::size_t I = 0; I < detail::NumEmbeddedPacks; ++I) {
    const detail::EmbeddedPack &E = detail::EmbeddedPacks[I];
    L.add("<built-in>/" + std::string(E.Name) + ".json", E.Json, E.Name);
  }
  for (const std::string &Path : Options.UserPackPaths) {
    std::string Text, Problem;
    if (readFile(Path, Text, Problem))
      L.add(Path, Text);
    else
      Errors.push_back({Path, "", "cannot read the file: " + Problem});
  }
  for (const PackText &T : Options.UserPackTexts)
    L.add(T.Origin, T.Json);
  return L.resolve(Options);
}

} // namespace

RuleSet loadRuleSet(const LoadOptions &Options, std::vector<LoadError> &Errors) {
  try {
    return load(Options, Errors);
  } catch (const std::exception &E) {
    Errors.push_back({"", "", std::string("internal error while loading rule packs: ") + E.what()});
  } catch (...) {
    Errors.push_back({"", "", "internal error while loading rule packs"});
  }
  return RuleSet();
}

} // namespace async_lint::rules
