//===--- BlockingSummary.h - which helper functions block -----------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BLOCKINGSUMMARY_H
#define ASYNC_LINT_CHECKS_UTILS_BLOCKINGSUMMARY_H

#include "RulePack.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <vector>

namespace clang::tidy::async::utils {

/// Why a function blocks: the first call in its body that blocks, and either the pack entry
/// that the callee matches (the end of the chain) or the callee's own summary.
struct BlockingStep {
  const FunctionDecl *Function = nullptr; ///< the function whose body makes the call
  const Expr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  const async_lint::rules::BlockingFunction *Rule = nullptr; ///< set at the end of the chain
};

/// The calls from a helper down to a blocking call: the first few steps, the last one (the
/// blocking call itself) and how many there are in all.
struct BlockingChain {
  SmallVector<BlockingStep, 5> Head; ///< the first steps, outermost first
  BlockingStep Last;
  unsigned Length = 0; ///< 0 when calling the helper does not block
};

/// Summarises the helper functions of a translation unit: does calling one block the thread,
/// directly or through other helpers, at any depth? The call graph is walked once, by
/// strongly connected components without recursion, so time is linear in its size and stack
/// use does not grow with its depth. A function in a cycle blocks when any function of the
/// cycle reaches a blocking call; every chain ends at a blocking call (it never loops). Calls
/// to functions defined in other translation units (open calls) do not block here: the link
/// step (SummaryLink.h) follows them.
class BlockingSummaries {
public:
  /// Permitted: blocking functions that do not block where the summarised code runs (a
  /// seastar::thread may wait for a future with seastar::future::get).
  explicit BlockingSummaries(const async_lint::rules::RuleSet &Rules,
                             std::vector<std::string> Permitted = {});

  /// Whether calls to this function are looked into: it has a body here, is no coroutine,
  /// is not in a system header nor in a runtime library's namespace, and does not offload.
  bool isHelper(const FunctionDecl &Function) const;

  /// Whether a call to this function is open: another translation unit may define it as a
  /// helper (it has no body here, and is not in a system header, a runtime library's
  /// namespace, a builtin or implicit).
  bool isOpenCallee(const FunctionDecl &Function) const;

  /// A call that matters to a summary: a blocking call (Rule set), a call to a helper defined
  /// here, or an open call (Open set; Callee is the declaration called).
  struct CallEdge {
    const Expr *Call;
    const FunctionDecl *Callee; ///< a helper's definition, or the function called
    const async_lint::rules::BlockingFunction *Rule;
    bool Open = false;
  };

  /// The calls of a helper's body (its definition) up to its first blocking call, in source
  /// order; computed once.
  ArrayRef<CallEdge> callsOf(const FunctionDecl &Definition);

  /// The chain from Helper's body down to a blocking call, with at most HeadSize leading
  /// steps; Length 0 when calling Helper does not block.
  BlockingChain chain(const FunctionDecl &Helper, unsigned HeadSize);

  void clear() {
    Summaries.clear();
    Ends.clear();
    Edges.clear();
  }

private:
  /// The calls of Function's body up to its first blocking call, in source order.
  std::vector<CallEdge> edgesOf(const FunctionDecl &Function) const;
  /// The step of Function (a definition), summarising it and what it reaches if needed.
  const BlockingStep &stepOf(const FunctionDecl &Function);
  /// Summarises Root and every helper it reaches that is not summarised yet.
  void summarize(const FunctionDecl &Root);
  /// Decides every function of one strongly connected component, its callees decided.
  void decideComponent(ArrayRef<const FunctionDecl *> Component);
  /// The last step and the length of the chain of a blocking function.
  std::pair<BlockingStep, unsigned> endOf(const FunctionDecl &Function);

  const async_lint::rules::RuleSet &Rules;
  const std::vector<std::string> Permitted;
  const llvm::StringSet<> Libraries;
  /// Every function summarised so far (by definition); a null Call means it does not block.
  llvm::DenseMap<const FunctionDecl *, BlockingStep> Summaries;
  llvm::DenseMap<const FunctionDecl *, std::pair<BlockingStep, unsigned>> Ends;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallEdge>> Edges;
};

} // namespace clang::tidy::async::utils

#endif
