//===--- FanoutBounds.h - what bounds concurrent work started in a loop ---===//
//
// The pieces of code that bound a fan-out, as async-unbounded-concurrency recognises them: an
// awaited limiter acquire (in the loop, or first thing in the started coroutine), the
// coroutine a spawn argument starts, and where a started task's handle is kept.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FANOUTBOUNDS_H
#define ASYNC_LINT_CHECKS_UTILS_FANOUTBOUNDS_H

#include "LlvmCompat.h"
#include "RulePack.h"
#include "clang-tidy/utils/Matchers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

namespace clang::tidy::async::utils {

/// Async semaphores and limiters: the packs' types with their acquire member, and extra types
/// (a regex list) of which any awaited member acquires.
class LimiterSet {
public:
  LimiterSet(const async_lint::rules::RuleSet &Rules, ArrayRef<StringRef> ExtraTypes);

  /// `co_await limiter.acquire()`, `co_await get_units(sem, 1)`.
  bool isAcquire(const CoroutineSuspendExpr &Suspend) const;

  /// A call that acquires units: a limiter's acquire member, or a pack's acquire function
  /// (which may also run work while holding them: `seastar::with_semaphore`).
  bool isAcquireCall(const CallExpr &Call) const;

  /// The coroutine's first suspension point (Asio's this_coro queries do not suspend, and the
  /// packs' scheduling_awaits only hop to a scheduler) is an acquire whose guard is kept:
  /// bound to a variable, not discarded.
  bool acquiresFirst(const FunctionDecl &Coroutine) const;

private:
  const async_lint::rules::RuleSet &Rules;
  AnyListedNameMatcher ExtraTypes;
};

/// The coroutine an expression starts: a call of a coroutine defined in this translation unit,
/// or a lambda coroutine, passed or called; else null.
const FunctionDecl *startedCoroutine(const Expr &E);

/// The function an expression calls, passed or called, when this translation unit declares it
/// without defining it: a coroutine defined in another unit, for all this one can tell.
const FunctionDecl *startedElsewhere(const Expr &E);

/// Where a call's result is kept: the local variable it initialises, or the container it is
/// pushed or emplaced into; else null. Parents maps the body of the call's function.
const VarDecl *resultHolder(const Expr &Call, const ParentMap &Parents);

/// `v.push_back(x)`, `q.emplace(x)`, ...: a call that stores its argument in a container.
bool isContainerInsertion(const CXXMemberCallExpr &Call);

/// `++n`, `n++`, `n += k` (built in or overloaded): the operand S counts up; else null.
const Expr *incrementedOperand(const Stmt &S);

/// The variable of Declaration whose initialiser is Init, or null.
const VarDecl *initialisedBy(const DeclStmt &Declaration, const Stmt &Init);

/// `if (in_flight >= limit) co_await ...`, `while (open >= max) co_await ...`: an if or while
/// whose condition is a comparison and whose body awaits, or calls a function named *wait*.
bool isWaitingCheck(const Stmt &S);

/// `if (sessions_ >= kMaxClients) { reject(socket); continue; }` with `++sessions_` in Body: an
/// if whose condition compares a counter that Body increments (for a data member, or a member
/// function of its class, also through a guard it is handed to by reference), and whose branch
/// leaves the iteration or the function (continue, break, return, co_return, throw) instead of
/// starting work.
bool isRejectingCounterCheck(const Stmt &S, const Stmt &Body);

/// `co_await permits->async_send(...)` before `co_spawn(ex, work(), [permits](auto...) {
/// permits->try_receive(...); })`: a hand-made counting semaphore (a bounded channel, any
/// object the loop waits on): the awaited operation (a send, push, acquire, wait or lock) works
/// on an object that a callable handed to the start (its completion handler, the work itself
/// after its last suspension) calls again to hand the permit back (a receive, pop, release,
/// signal, notify, unlock or cancel_one).
bool awaitsPermitTheWorkReturns(const CoroutineSuspendExpr &Suspend, const Expr &Start);

/// `co_await done.wait()` after `co_spawn(ex, work(), [&](std::exception_ptr) {
/// done.count_down(); })` in the same iteration: a hand-made latch that the work's completion
/// handler (or the work, after its last suspension) counts down, awaited (a wait or join) after
/// the start: the iteration waits for the work it started before the next one starts more.
bool awaitsLatchTheWorkCountsDown(const CoroutineSuspendExpr &Suspend, const Expr &Start);

/// An accept loop: Loop calls an accept operation (`async_accept`, `aio::accept`, Qt's
/// `waitForNewConnection` and `nextPendingConnection`).
bool acceptsConnections(const Stmt &Loop);

/// Whether S mentions Var.
bool mentions(const Stmt &S, const VarDecl &Var);

} // namespace clang::tidy::async::utils

#endif
