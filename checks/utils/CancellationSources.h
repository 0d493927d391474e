//===--- CancellationSources.h - which code can raise a cancellation ------===//
//
// Some libraries raise a cancellation only where the code asks for one: Seastar's abort
// exceptions come from calls given a seastar::abort_source (sleep_abortable, semaphore waits
// with one), its gate_closed_exception from a seastar::gate, cppcoro's operation_cancelled
// from a cancellation_token. A handler around awaits that involve none of them
// (`co_await seastar::sleep(1s)`, the unit's own coroutines that do not either) catches no
// cancellation of that kind. Packs say where a kind comes from (`raised_by`).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CANCELLATIONSOURCES_H
#define ASYNC_LINT_CHECKS_UTILS_CANCELLATIONSOURCES_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace clang::tidy::async::utils {

class CancellationSources {
public:
  explicit CancellationSources(const async_lint::rules::RuleSet &Rules);

  /// Whether running Code may raise Kind: always for a kind without `raised_by`; else when
  /// Code involves one of its raised_by functions or types (or its exception types), reads a
  /// local made so, calls what the translation unit does not show (a function declared only,
  /// a virtual or indirect call, a std::function), or calls one of its own functions that may.
  /// The library's other functions and the standard library's do not.
  bool mayRaise(const Stmt &Code, const async_lint::rules::CancellationKind &Kind);

  /// Whether the code itself involves one of Kind's raised_by functions or types, not only
  /// through the functions it calls (`co_await jobs.pop_eventually()` on a seastar::queue,
  /// `co_await seastar::sleep_abortable(1s, as)`): a source stays aborted, closed or
  /// cancelled, so such code raises the kind again once its source has raised it.
  bool raisedDirectlyBy(const Stmt &Code, const async_lint::rules::CancellationKind &Kind) const;

  /// Whether the translation unit's own code (outside the system headers and the libraries'
  /// namespaces) names one of Kind's enabled_by types, functions or enumerators, so that the
  /// library may raise the kind at all: always for a kind without `enabled_by`.
  bool enabled(const async_lint::rules::CancellationKind &Kind, ASTContext &Context);

  /// Forgets what was learnt about the translation unit.
  void clear() {
    Functions.clear();
    Named.reset();
  }

private:
  bool mayRaise(const Stmt &Code, const async_lint::rules::CancellationKind &Kind,
                unsigned Depth);
  bool callMayRaise(const CallExpr &Call, const async_lint::rules::CancellationKind &Kind,
                    unsigned Depth);

  llvm::StringSet<> Libraries;
  /// Per function definition and kind: whether calling it may raise the kind (none while it
  /// is being computed).
  llvm::DenseMap<std::pair<const FunctionDecl *, const async_lint::rules::CancellationKind *>,
                 std::optional<bool>>
      Functions;
  /// The names of the declarations the unit's own code refers to, once asked.
  std::optional<llvm::StringSet<>> Named;
};

} // namespace clang::tidy::async::utils

#endif
