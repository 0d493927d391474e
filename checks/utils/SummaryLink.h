//===--- SummaryLink.h - blocking chains across translation units ---------===//
//
// The link step: follows the open calls of unit summaries into the helpers other units
// define, and words what it finds as async-blocking-call words a chain in one unit. The CLI
// links every unit's summary after the analysis (and `merge` those of shards); the plugin
// and clangd link the unit being analysed against an index the CLI wrote.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SUMMARYLINK_H
#define ASYNC_LINT_CHECKS_UTILS_SUMMARYLINK_H

#include "UnitSummary.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::async::utils {

/// The checks whose findings the link step adds (chains across units) and drops (a loop
/// bounded by a limiter the started coroutine acquires in its own unit).
inline constexpr const char *ChainCheckName = "async-blocking-call";
inline constexpr const char *StartCheckName = "async-unbounded-concurrency";

/// One step of a chain: helper From makes the call At, to helper To or, at the chain's end
/// (To null), to the blocking function.
struct LinkedStep {
  const HelperFacts *From = nullptr;
  const SourcePoint *At = nullptr;
  const HelperFacts *To = nullptr;
};

/// The calls from a helper down to a blocking call, as BlockingChain is within one unit.
struct LinkedChain {
  std::vector<LinkedStep> Head; ///< the first steps, outermost first
  LinkedStep Last;
  const DirectBlock *Block = nullptr; ///< the blocking call that ends the chain
  unsigned Length = 0;                ///< 0 when calling the helper does not block
};

/// What the link step reports for one coroutine call: the warning and its notes.
struct LinkedFinding {
  std::string Message;
  std::vector<std::pair<SourcePoint, std::string>> Notes;
};

/// Decides, for the helpers of several summaries, which reach a blocking call, exactly as
/// BlockingSummaries does within a unit: strongly connected components without recursion,
/// callees first, each function once, so time is linear in the helpers reached. A cycle's
/// members are decided in the order of their keys, so a chain does not depend on where the
/// walk entered the cycle (the CLI and the plugin agree).
class SummaryLinker {
public:
  /// A key is looked up in each summary in turn: the first that has it wins (the unit being
  /// edited before the index of the last run; the first unit that defines an inline helper).
  explicit SummaryLinker(std::vector<const UnitSummary *> Summaries);

  const HelperFacts *helper(llvm::StringRef Key) const;

  /// Whether the coroutine Key acquires a limiter before its first real suspension.
  bool acquiresFirst(llvm::StringRef Key) const;

  /// The chain from helper Key down to a blocking call, with at most HeadSize leading steps.
  LinkedChain chain(llvm::StringRef Key, unsigned HeadSize);

  /// The finding for a coroutine's call, if its callee reaches a blocking call that matters
  /// there (an I/O call does not in a coroutine that awaits readiness).
  std::optional<LinkedFinding> findingFor(const CoroutineCall &Call);

private:
  /// How a helper reaches a blocking call: through Calls[Via] (to node Next), directly
  /// (Via == Direct), or not at all (Via == None).
  struct Node {
    llvm::StringRef Key;
    const HelperFacts *Facts;
    std::vector<std::pair<unsigned, unsigned>> Out; ///< (index in Facts->Calls, node)
    bool Decided = false;
    int Via = None;
    unsigned Next = 0;
    unsigned EndNode = 0, Length = 0; ///< the chain's last helper and length, once known
  };
  static constexpr int None = -2, Direct = -1;

  /// The node of helper Key, created (its calls resolved lazily) on first use; or none.
  std::optional<unsigned> nodeOf(llvm::StringRef Key);
  void resolveCalls(unsigned Id);
  void summarize(unsigned Root);
  void decideComponent(std::vector<unsigned> Component);
  /// Fills EndNode and Length for Id and the helpers its chain passes through.
  void findEnd(unsigned Id);
  LinkedStep stepOf(const Node &N) const;

  std::vector<const UnitSummary *> Summaries;
  llvm::StringMap<unsigned> Ids;
  std::vector<Node> Nodes;
};

} // namespace clang::tidy::async::utils

#endif
