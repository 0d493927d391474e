//===--- ErrorCodeCancellation.h - cancellation delivered as an error code -===//
//
// Asio and similar libraries can complete an awaited operation with an error code instead of
// throwing (`as_tuple`, `redirect_error`); on cancel the code holds `operation_aborted`. These
// questions find such codes in a coroutine and follow the paths on which the code holds the
// cancellation value.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_ERRORCODECANCELLATION_H
#define ASYNC_LINT_CHECKS_UTILS_ERRORCODECANCELLATION_H

#include "CancellationPaths.h"
#include "RulePack.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

namespace clang::tidy::async::utils {

/// An error code that an awaited operation delivers instead of throwing.
struct AwaitedErrorCode {
  const CoawaitExpr *Await = nullptr;
  /// The structured binding or variable holding the code; null when the result is discarded.
  const ValueDecl *Code = nullptr;
  SourceLocation Loc;  ///< where the code is named (binding, argument), else the co_await
  std::string Operation; ///< the awaited function's name, or empty
  /// A status read from an object after the await instead (`reply->error()` once `co_await
  /// reply` has finished the request): a member call without arguments returning the code.
  const CXXMemberCallExpr *Query = nullptr;
};

/// The error code delivered by Await, if any: a structured binding or variable of an
/// error-code type initialised or assigned from its result (`auto [ec, n] = co_await
/// s.async_read_some(b, as_tuple(use_awaitable))`), an error-code variable passed by
/// non-const reference to the awaited call (`redirect_error(use_awaitable, ec)`), or a
/// discarded result that is or holds (tuple) an error code.
std::optional<AwaitedErrorCode>
awaitedErrorCode(const CoawaitExpr &Await, const ParentMap &Parents,
                 llvm::function_ref<bool(QualType)> IsErrorCodeType);

/// How a value other than an error code holds the cancellation (CancellationPaths.h).
struct HeldCode {
  CodeForm Form = CodeForm::ErrorCode;
  /// HeldError: whether an exception of the cancellation is of this type (or a base).
  llvm::function_ref<bool(QualType)> IsHeldType = nullptr;
  llvm::function_ref<bool(const Expr &)> EndsCoroutine = nullptr;
  /// Set for a status of an enumeration type (libcoro's semaphore_acquire_result), which code
  /// routinely leaves unread on the way to the end of its work: only a path that comes back to
  /// the operation through an enclosing loop without a counted end counts (the loop retries
  /// it, or spins, once the object is shut down). The context reads the loops.
  ASTContext *OnlyRetriesIn = nullptr;
  /// Where the cancellation may end the coroutine normally (normal_end_ok): a path that has
  /// left every loop around the operation (or an operation in no loop) is on its way out, and
  /// awaiting cleanup there (a goodbye after the accept loop, a latch's count_down) is part of
  /// ending.
  bool NormalEndOk = false;
};

/// The suspension point that control reaches after Code.Await when the code holds the
/// cancellation value, following only the cancelled side of tests of the code (`if (ec)`,
/// `if (ec == operation_aborted)`, `while (!ec)`; a comparison with another value is false).
/// co_return, throw and [[noreturn]] calls end a path. Null when every path ends the coroutine
/// or leaves it before suspending again. With Held.OnlyRetriesIn: the first suspension point of
/// a path that retries the operation (else the operation itself), or null.
const Expr *suspensionAfterCancelledCode(const AwaitedErrorCode &Code, const ParentMap &Parents,
                                         const Stmt &Body,
                                         llvm::function_ref<bool(const ValueDecl &)>
                                             IsCancellationValue,
                                         const HeldCode &Held = {});

/// The co_return that control reaches after Code.Await on a path that took a test which holds
/// only when the code holds the cancellation (`if (ec == operation_aborted)`, `if (!quote)`
/// after stopped_as_optional, `if (t.hasException<OperationCancelled>())`) and that returns a
/// fallback value (FallbackValues.h: a default, a cached copy, a value of the arguments alone),
/// which the awaiter cannot tell from a result; null when none.
const CoreturnStmt *fallbackAfterCancelledCode(const AwaitedErrorCode &Code,
                                               const ParentMap &Parents, const Stmt &Body,
                                               llvm::function_ref<bool(const ValueDecl &)>
                                                   IsCancellationValue,
                                               const HeldCode &Held, const ASTContext &Context);

/// An awaited error code that reaches a suspension point while it may hold the cancellation,
/// or a co_return of a fallback value after a test that says it does.
struct UncheckedErrorCode : AwaitedErrorCode {
  const async_lint::rules::CancellationKind *Kind = nullptr; ///< the first kind of its type
  std::vector<std::string> Values; ///< the kind's cancelled values of the code's type
  const Expr *Next = nullptr; ///< where execution continues after the cancellation
  const CoreturnStmt *Fallback = nullptr; ///< else: where a fallback value is returned
};

/// The objects that some code of the translation unit (outside system headers) cancels, closes
/// or shuts down: `timer.cancel()`, `acceptor.close()`, `sem.shutdown()`, `q.shutdown_drain(e)`.
/// An object the code names as a whole (a local or a member, not a reference, pointer or
/// parameter) counts when that very variable is shut down; any other object counts when some
/// object of its type is. Calls in Own (a coroutine's body, outside its lambdas) do not count:
/// the coroutine cannot close an object while it waits on it, so its own `socket_.close()` after
/// a failed connect cancels nothing. Collected once, on first use.
class CancelledObjects {
public:
  bool contains(const Expr &Object, const Stmt &Own, ASTContext &Context);
  void clear() { Collected.reset(); }

private:
  using Calls = SmallVector<SourceLocation, 2>; ///< where the cancelling calls are
  struct Sets {
    llvm::DenseMap<const Decl *, Calls> Variables; ///< locals and members shut down by name
    llvm::StringMap<Calls> Types;                  ///< classes with any object shut down
    llvm::StringMap<Calls> TypesThroughAliases;    ///< classes shut down through a reference
  };
  std::optional<Sets> Collected;
};

/// `co_await asio::this_coro::throw_if_cancelled(false)` in Body: a cancelled coroutine goes on
/// past its next co_await.
bool turnsOffThrowIfCancelled(const Stmt &Body);

/// Whether Await's operation may complete with its cancelled code while its coroutine is not
/// cancelled: Cancelled says other code cancels, closes or shuts down the operation's object
/// (`sock` in `sock.async_read_some(...)`, `asio::async_read(sock, ...)`), or a stop source
/// whose token the operation was handed.
bool cancelledByOthers(const CoawaitExpr &Await,
                       llvm::function_ref<bool(const Expr &Object)> Cancelled);

/// A status that code reads from an object once Await has finished, before the coroutine
/// suspends again: a member call without arguments returning an error-code type, in the
/// statements that follow Await's statement in its block (an if's or a switch's condition,
/// `switch (reply->error())`, counts in the statement that suspends next). Null when none.
const CXXMemberCallExpr *queriedStatus(const CoawaitExpr &Await, const ParentMap &Parents,
                                       llvm::function_ref<bool(QualType)> IsErrorCodeType);

/// Calls Visit for each co_await in Body (not in lambdas) whose error code, of one of the
/// error_code_types of Kinds, reaches a suspension point while it holds one of that kind's
/// error_code_values (a status of an enumeration type: where an enclosing loop retries the
/// operation, HeldCode::OnlyRetriesIn). An operation on an object that Body itself cancels (`t.cancel()`,
/// `co_await t.async_wait(...)`) is skipped: its cancellation is a signal the coroutine sends.
/// For a kind cancelled through objects (cancelled_through_object), only operations on objects
/// that Cancelled says other code cancels, closes or shuts down count, unless Body turns off its
/// own cancellation's throw (`co_await this_coro::throw_if_cancelled(false)`). A status queried
/// from an object after an await that delivers no code (queriedStatus) counts only where other
/// code aborts, cancels or closes an object of its type: an object's status says "cancelled"
/// only when somebody cancelled it.
void forEachUncheckedErrorCode(const Stmt &Body, const ParentMap &Parents, ASTContext &Context,
                               ArrayRef<const async_lint::rules::CancellationKind *> Kinds,
                               llvm::function_ref<bool(const Expr &Object)> Cancelled,
                               llvm::function_ref<void(const UncheckedErrorCode &)> Visit);

} // namespace clang::tidy::async::utils

#endif
