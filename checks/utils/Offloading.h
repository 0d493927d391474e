//===--- Offloading.h - where code in a coroutine runs --------------------===//
//
// async-blocking-call reports blocking calls that run on the coroutine's thread. Two shapes
// move code off it or onto it besides calls to offloading functions: a hop to an executor the
// code chose (`co_await concurrencpp::resume_on(background)`), after which the coroutine runs
// there; and a callable handed to a function that runs it in place (`seastar::async(f)`,
// `co_await (just() | stdexec::then(f))`), which blocks the coroutine's thread.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_OFFLOADING_H
#define ASYNC_LINT_CHECKS_UTILS_OFFLOADING_H

#include "CoroutineContext.h"
#include "RulePack.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>
#include <vector>

namespace clang::tidy::async::utils {

/// `co_await pool.schedule()`, `co_await seastar::coroutine::maybe_yield()`, `co_await
/// folly::coro::co_reschedule_on_current_executor`: a hop to a scheduler, listed in the packs'
/// scheduling_awaits by the call, the object awaited, or the type of the value awaited. The
/// entry, or null.
const async_lint::rules::SchedulingAwait *
schedulingAwaitOf(const CoroutineSuspendExpr &Suspend, const async_lint::rules::RuleSet &Rules);

/// The stretches of a coroutine's body that run on an executor the code moved to on purpose:
/// from a scheduling await with an executor argument (`co_await resume_on(background)`) to the
/// next scheduling await, in source order and within the block that holds the hop (a hop in
/// one branch of an if says nothing of the code after the if), or past a try block that holds
/// it when every handler of the try leaves (returns, throws, breaks or continues). A hop onto
/// an executor that a compute_executors function returned (`runtime.thread_pool_executor()`,
/// directly or through a local) offloads nothing; one onto any other executor (a parameter, a
/// member, a getter of the project's) is taken at its word.
class ExecutorHops {
public:
  /// Body's parent map is built only when it has a hop that offloads.
  ExecutorHops(const FunctionBody &Body, const async_lint::rules::RuleSet &Rules,
               const SourceManager &SM);

  /// Whether code at Location runs after a hop that offloads it.
  bool offloads(SourceLocation Location) const;

private:
  struct Hop {
    SourceLocation End;
    SourceRange Block; ///< the block whose later statements run after the hop
    bool Offloads;
  };
  std::vector<Hop> Hops; ///< in source order
  const SourceManager &SM;
};

/// The coroutines that the translation unit only ever runs where their callers send them:
/// every use of one is a call whose task a coroutine awaits in place through a call that hands
/// it to an executor, an offloading call (`co_await co_withExecutor(blocking_, write(out))`,
/// `co_await disk_pool->schedule(hash(path))`) or a spawn with an awaited-in-place token
/// (`co_await cobalt::spawn(pool.get_executor(), hash(path), use_op)`), or a call that passes
/// the executor after an executor_tags parameter (concurrencpp's `send_push({}, background_,
/// push)`, which runs there whether awaited or not); and the lambda
/// coroutines written in place as an argument of such a call, which the library calls where
/// it sends them. Templates count through their instantiations. Nobody awaits a task
/// on a named executor to run it where the caller already is; the caller's blocking calls are
/// checked where it runs. Not for an executor a compute_executors function returned. Collected
/// once per translation unit, on first use.
class HandedOffCoroutines {
public:
  bool contains(const FunctionDecl &Coroutine, ASTContext &Context,
                const async_lint::rules::RuleSet &Rules);
  void clear() { Collected.reset(); }

private:
  struct Uses {
    unsigned References = 0; ///< calls and any other naming of the function
    unsigned HandedOff = 0;
  };
  std::optional<llvm::DenseMap<const FunctionDecl *, Uses>> Collected;
};

/// The inline_callables entry the call matches (run in place here or not), or null.
const async_lint::rules::InlineCallable *
inlineCallableEntry(const Expr &Call, const FunctionDecl &Callee,
                    const async_lint::rules::RuleSet &Rules);

/// Whether a call of an inline_callables entry runs its callables on the coroutine's thread
/// here: always, and for a lazy entry (stdexec::then) when the chain the call belongs to is
/// awaited in place with nothing before it or around it moving it to another scheduler.
bool runsCallablesInPlace(const async_lint::rules::InlineCallable &Entry, const Expr &Call,
                          const ParentMap &Parents, const async_lint::rules::RuleSet &Rules);

/// The functions a call's arguments are: lambdas' call operators (of a lambda written in place
/// or held by a local) and named functions.
SmallVector<const FunctionDecl *, 2> callableArguments(const Expr &Call);

} // namespace clang::tidy::async::utils

#endif
