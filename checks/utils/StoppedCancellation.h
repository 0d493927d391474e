//===--- StoppedCancellation.h - cancellation as a stopped completion -----===//
//
// Senders (stdexec, C++26 std::execution) cancel with a stopped completion, which no catch
// sees: an awaited sender that completes stopped ends the coroutine. Adaptors turn it into a
// value (stopped_as_optional: an empty optional; upon_stopped, let_stopped: the handler's
// result), and a coroutine that carries on with that value has swallowed the stop.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_STOPPEDCANCELLATION_H
#define ASYNC_LINT_CHECKS_UTILS_STOPPEDCANCELLATION_H

#include "RulePack.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::async::utils {

/// A co_await of a sender whose stopped completion an adaptor turned into a value, and the
/// suspension point the coroutine reaches next when it was stopped.
struct SwallowedStop {
  const CoawaitExpr *Await = nullptr;
  const Expr *Adaptor = nullptr; ///< the adaptor's call or construction
  std::string AdaptorName; ///< as the pack names it
  const Expr *Next = nullptr;
  const async_lint::rules::CancellationKind *Kind = nullptr;
  /// Else: the co_return of a fallback value after a test that the stop took (`if (!quote)
  /// co_return cached_;`).
  const CoreturnStmt *Fallback = nullptr;
};

/// Calls Visit for each co_await in Body (not in lambdas) whose operand applies one of the
/// stopped_adaptors of Kinds, and after which control reaches another suspension point on a
/// path where the sender was stopped: following the empty side of an optional result
/// (`if (!r) continue;`), or any path for an adaptor whose handler replaces the stop with a
/// value. A let_stopped handler that returns just_stopped() propagates the stop. MayRaise
/// tells whether an awaited operand can complete with a kind at all.
void forEachSwallowedStop(
    const Stmt &Body, const ParentMap &Parents, const ASTContext &Context,
    ArrayRef<const async_lint::rules::CancellationKind *> Kinds,
    llvm::function_ref<bool(const Expr &, const async_lint::rules::CancellationKind &)> MayRaise,
    llvm::function_ref<void(const SwallowedStop &)> Visit);

/// The exception types of Kind that the adaptor's handler takes: those its typed parameter
/// catches (`handle_exception_type([](const seastar::sleep_aborted &) {})` takes only
/// sleep_aborted), else all of them.
std::vector<std::string> exceptionTypesTaken(const Expr &Adaptor,
                                             const async_lint::rules::CancellationKind &Kind);

} // namespace clang::tidy::async::utils

#endif
