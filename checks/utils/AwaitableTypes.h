//===--- AwaitableTypes.h - classify awaitable and task types -------------===//
//
// Classifies a type the way a coroutine sees it: can it be co_awaited, is it the return type of
// a coroutine, and does that coroutine's body start at the call (eager) or only when awaited
// (lazy). Works from the AST alone, for any library, without Sema.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_AWAITABLETYPES_H
#define ASYNC_LINT_CHECKS_UTILS_AWAITABLETYPES_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::async::utils {

enum class AwaitableKind {
  NotAwaitable, ///< Not awaitable: plain values, generators, fire-and-forget handles.
  LazyTask,     ///< Awaitable coroutine type whose body runs only once awaited.
  EagerTask,    ///< Awaitable coroutine type whose body starts at the call.
  Awaiter,      ///< Awaitable, but not a coroutine type: its operation starts when awaited.
};

/// Caches one classification per canonical type for the lifetime of a translation unit.
class AwaitableClassifier {
public:
  /// Rules, if given, may state where a coroutine type starts (`"start"` in coroutine_types).
  explicit AwaitableClassifier(const async_lint::rules::RuleSet *Rules = nullptr)
      : Rules(Rules) {}

  /// Classifies a non-reference object type; dependent and non-class types are NotAwaitable.
  /// A coroutine type counts as lazy unless its promise's initial_suspend() provably returns an
  /// awaiter whose await_ready() is constant true (std::suspend_never), or one that posts the
  /// coroutine to an executor; a pack's `start` decides where the AST cannot. A coroutine type
  /// is awaitable by operator co_await, await_ready/await_resume, a free operator co_await, or
  /// through its own promise's await_transform (folly's Task); a sender (`sender_concept`) is
  /// an operation that starts when awaited.
  AwaitableKind classify(QualType Type, const ASTContext &Context);

  void clear() { Cache.clear(); }

private:
  AwaitableKind compute(QualType Type, const ASTContext &Context) const;

  const async_lint::rules::RuleSet *Rules;
  llvm::DenseMap<const clang::Type *, AwaitableKind> Cache;
};

/// A synchronous generator (cppcoro::generator, std::generator): a coroutine whose promise
/// deletes await_transform, so that its body cannot suspend on anything but co_yield. It runs
/// on the thread that iterates it, like a function that thread calls, not on an event loop.
bool isSynchronousGenerator(const FunctionDecl &Coroutine);

/// True for kinds whose value does nothing until awaited.
inline bool isLazy(AwaitableKind Kind) {
  return Kind == AwaitableKind::LazyTask || Kind == AwaitableKind::Awaiter;
}

} // namespace clang::tidy::async::utils

#endif
