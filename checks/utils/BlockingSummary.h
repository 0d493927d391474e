//===--- BlockingSummary.h - which helper functions block -----------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_BLOCKINGSUMMARY_H
#define ASYNC_LINT_CHECKS_UTILS_BLOCKINGSUMMARY_H

#include "RulePack.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

/// Why a function blocks: the first call in its body that blocks, and either the pack entry
/// that the callee matches (the end of the chain) or the callee's own summary.
struct BlockingStep {
  const FunctionDecl *Function = nullptr; ///< the function whose body makes the call
  const Expr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  const async_lint::rules::BlockingFunction *Rule = nullptr; ///< set at the end of the chain
};

/// Summarises the helper functions of a translation unit: does calling one block the thread,
/// directly or through other helpers, at any depth? Each function is summarised once; cycles
/// are resolved like strongly connected components (a function in a cycle blocks when any
/// function of the cycle reaches a blocking call).
class BlockingSummaries {
public:
  explicit BlockingSummaries(const async_lint::rules::RuleSet &Rules);

  /// Whether calls to this function are looked into: it has a body here, is no coroutine,
  /// is not in a system header nor in a runtime library's namespace, and does not offload.
  bool isHelper(const FunctionDecl &Function) const;

  /// The chain from Helper's body down to a blocking call, outermost first; empty when
  /// calling Helper does not block.
  SmallVector<BlockingStep, 4> chain(const FunctionDecl &Helper);

  void clear() { Summaries.clear(); }

private:
  /// Returns the step of Function (null Call when it does not block) and the smallest
  /// depth of an unfinished function that the answer depended on.
  std::pair<BlockingStep, unsigned> summarize(const FunctionDecl &Function, unsigned Depth);

  const async_lint::rules::RuleSet &Rules;
  const llvm::StringSet<> Libraries;
  llvm::DenseMap<const FunctionDecl *, BlockingStep> Summaries;
  llvm::DenseMap<const FunctionDecl *, unsigned> InProgress; ///< function -> its depth
};

} // namespace clang::tidy::async::utils

#endif
