//===--- CancellationPaths.h - where a caught cancellation goes -----------===//
//
// Control flow questions about a cancellation caught in a coroutine: which paths through a
// catch handler end without propagating it, and which suspension point control reaches next.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CANCELLATIONPATHS_H
#define ASYNC_LINT_CHECKS_UTILS_CANCELLATIONPATHS_H

#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::async::utils {

/// How a path leaves a catch handler without propagating the caught exception.
enum class HandlerExit { FallThrough, Break, Continue, Return, Replaced };

struct HandlerExitPoint {
  HandlerExit Kind;
  const Stmt *At;  ///< the break, continue, co_return or throw; the handler for FallThrough
  QualType Thrown; ///< for Replaced: the type thrown instead of the cancellation
};

/// How the value an error-code analysis follows holds the cancellation.
enum class CodeForm {
  ErrorCode,     ///< an error code equal to a cancellation value: `if (ec)`, `ec.failed()` hold
  EmptyOptional, ///< an optional a stopped completion left empty (stopped_as_optional):
                 ///< `if (r)`, `r.has_value()` do not hold, `!r` does
  HeldError,     ///< a result holding the cancellation as its exception or error (folly::Try
                 ///< from co_awaitTry, expected<T, io_status>): `r.hasException()`, `!r`
                 ///< hold, `r.hasValue()` does not, and reading the value (`r.value()`, `*r`)
                 ///< ends the path (a Try rethrows; code reading an expected's value has
                 ///< taken its success side)
};

/// `hasException`, `hasError`: the name of a member that tests whether a result (folly::Try,
/// async_simple::Try) holds an exception or error.
bool isHeldErrorTest(llvm::StringRef Name);

/// What the path analysis knows about one cancellation.
struct CancellationModel {
  /// True when an object of this type thrown from the handler still is the cancellation.
  llvm::function_ref<bool(QualType)> IsCancellationType;
  /// True when a referenced declaration is a value meaning "cancelled" (operation_aborted).
  llvm::function_ref<bool(const ValueDecl &)> IsCancellationValue;
  /// For a cancellation delivered as an error code: true when an expression is that code.
  /// The code holding the cancellation is an error (`if (ec)`, `ec.failed()`), and differs
  /// from other values (`ec == eof` is false). Null for exceptions.
  llvm::function_ref<bool(const Expr &)> IsCancellationCode = nullptr;
  CodeForm Form = CodeForm::ErrorCode;
  /// A suspension point that ends the coroutine with the cancellation or an error (folly's
  /// `co_yield co_stopped_may_throw`): a path that reaches it propagates. May be null.
  llvm::function_ref<bool(const Expr &)> EndsCoroutine = nullptr;
};

/// The paths through Handler, taken when it has caught the cancellation, that do not
/// propagate it: falling off its end, break, continue, co_return, or throwing an object of
/// another type. `throw;`, throwing a cancellation and calling a [[noreturn]] function
/// propagate. A branch on a test of the cancellation (`if (ec == operation_aborted) throw;`,
/// `if (is_cancelled(e))`, a dynamic_cast to the cancellation type) follows its cancelled side.
SmallVector<HandlerExitPoint, 4> exitsWithoutPropagating(const CXXCatchStmt &Handler,
                                                         const CancellationModel &Model);

/// Whether a condition is true (or false) whenever the cancellation happened; nullopt when it
/// does not test the cancellation.
std::optional<bool> impliedByCancellation(const Expr &Condition, const CancellationModel &Model);

/// `catch (...) { error = std::current_exception(); }` and, later in Body, the saved exception
/// handed on: rethrown (`std::rethrow_exception(error)`, after work that C++ forbids in a
/// handler, such as co_await cleanup), passed to a completion handler or a promise, captured
/// by a callback, or returned. Or a flag the handler sets (`cancelled = true;`) that sends it on
/// later: `if (cancelled) { co_await unlock(); co_yield co_stopped_may_throw; }` (an `if` on the
/// flag that throws, yields or calls a [[noreturn]] function). Or handed to a promise in the
/// handler (`done.set_exception(std::current_exception())`). What the handler catches still
/// reaches somebody.
bool savesAndHandsOn(const CXXCatchStmt &Handler, const Stmt &Body);

/// Whether S (outside lambdas) reads the value of a result that holds the cancellation as its
/// exception (`r.value()`, `*r`, `r.throwUnlessValue()`), which rethrows it. Only for
/// CodeForm::HeldError.
bool readsHeldValue(const Stmt &S, const CancellationModel &Model);

/// `co_yield folly::coro::co_stopped_may_throw`, `co_await
/// seastar::coroutine::return_exception_ptr(ep)`: a co_yield or co_await of one of Types (as
/// packs name them), which ends the coroutine with the cancellation or an error.
bool isPropagatingYield(const Expr &Suspension, ArrayRef<std::string> Types);

/// `REQUIRE(client.has_value())`, `ASSERT_FALSE(ec)`, `assert(!ec)`: when S is a fatal
/// assertion macro (one that leaves the function when its condition fails) whose condition
/// tests the cancellation, whether that condition holds on the cancelled path; a failing one
/// ends the path. Nullopt for other statements.
std::optional<bool> assertedOnCancelledPath(const Stmt &S, const CancellationModel &Model,
                                            const SourceManager &SM, const LangOptions &Lang);

/// `cancelled`, `Shutdown`, `kStopped`, `StopTag`, `aborted`, `interrupted`: a name that says
/// the work was cancelled or stopped.
bool namesCancellation(const NamedDecl &D);

/// `co_return StopReason::shutdown;`, `co_return yaclib::StopTag{};`: a co_return whose value
/// tells the awaiter the coroutine was cancelled: an enumerator, or an object of a class, whose
/// name says so (also wrapped in a one-argument conversion: `std::optional<Reason>`).
bool returnsCancellationName(const Stmt &Exit);

/// Whether S calls a [[noreturn]] function, outside lambda bodies.
bool callsNoReturn(const Stmt &S);

/// Whether Body (outside lambdas) calls `Object.cancel()` or `Object.cancel_one()`, Object
/// being a variable or a data member.
bool cancelsObject(const Stmt &Body, const ValueDecl &Object);

/// `h.cancel(); try { co_await h; } catch (const CancelledError&) {}`: whether every
/// suspension point of TryBlock awaits a started-task handle (IsStartedHandle) that Body
/// cancels. What is caught there is the cancellation of a task this coroutine cancelled.
bool awaitsOnlyTasksItCancels(const Stmt &TryBlock, const Stmt &Body,
                              llvm::function_ref<bool(const VarDecl &)> IsStartedHandle);

/// The first co_await or co_yield in S in evaluation order, ignoring lambda bodies and awaits
/// that never suspend (an awaiter whose await_ready() is `return true;`, such as
/// `co_await CurrentExecutor()`); or null.
const Expr *firstSuspension(const Stmt &S);

/// The suspension point control reaches next after leaving From (a statement inside Body)
/// by Exit (FallThrough: after From; Break, Continue: From's enclosing loop); null when the
/// coroutine ends first.
const Expr *nextSuspension(const Stmt &From, HandlerExit Exit, const ParentMap &Parents,
                           const Stmt &Body);

/// `a == b`, `a != b`, `a < b` (built in, overloaded or rewritten): the comparison's opcode;
/// none for any other expression.
std::optional<BinaryOperatorKind> comparisonOpcode(const Expr &E);

/// A boolean flag (bool or std::atomic<bool>): a variable or a data member of this or of a
/// named object (`running`, `this->stopping_`, `state.running`).
const ValueDecl *flagVariable(const Expr &E);

/// `running = false;`, `running.store(false)`, `std::exchange(closed_, true)`: the flag an
/// expression sets, and the literal it sets it to.
std::optional<std::pair<const ValueDecl *, bool>> flagAssignment(const Stmt &S);

/// The value of a condition on a flag whose value Known gives: `running`, `!stopping_`.
std::optional<bool>
flagCondition(const Expr &Condition,
              llvm::function_ref<std::optional<bool>(const ValueDecl &)> Known);

/// Whether a loop stops before its next iteration once Handler has handled the cancellation:
/// its condition is false after the handler's own unconditional flag assignments
/// (`catch (const Cancelled&) { running = false; }` in `while (running)`), or whenever the
/// cancellation happened (`while (!token.stop_requested())`).
bool loopEndsAfterHandler(const Stmt &Loop, const CXXCatchStmt &Handler,
                          const CancellationModel &Model);

} // namespace clang::tidy::async::utils

#endif
