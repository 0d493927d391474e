//===--- TaskStarts.h - the calls that start concurrent work --------------===//
//
// What async-unbounded-concurrency looks for: a pack's spawn function, a parallel algorithm
// (one task per element of a range), and a call of an eager coroutine type whose value is not
// awaited in place (Seastar's future, Boost.Cobalt's promise, concurrencpp's result start
// running at the call, exactly like a spawn).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_TASKSTARTS_H
#define ASYNC_LINT_CHECKS_UTILS_TASKSTARTS_H

#include "RulePack.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include <optional>

namespace clang::tidy::async::utils {

/// The coroutine a start runs: a coroutine call or lambda coroutine among the call's
/// arguments, or at the root of the chain it is called on (`session(s).via(ex).detach()`),
/// also inside calls that wrap it (`scope.add(co_withExecutor(ex, work(k)))`).
const FunctionDecl *startedBy(const CallExpr &Call);

/// startedBy, looking through at most Depth wrapping calls.
const FunctionDecl *startedByCall(const CallExpr &Call, int Depth);

/// Where startedBy finds nothing: the function the start runs that this translation unit only
/// declares (startedElsewhere), found the same way; else null.
const FunctionDecl *startedElsewhereBy(const CallExpr &Call);

/// A call's arguments as written: a function object's call (`views::transform(f)`) lists the
/// object as a first argument, which this leaves out.
ArrayRef<const Expr *> writtenArguments(const CallExpr &Call);

/// The argument at Index (negative: counted from the last one), or null.
const Expr *argumentAt(const CallExpr &Call, int Index);
const Expr *argumentAt(const CXXConstructExpr &Construct, int Index);

/// What happens to the value of a call of an eager coroutine type.
enum class EagerFate {
  AwaitedInPlace, ///< `co_await f(x)`, or a chain ending in a co_await: sequential
  HandedOn,       ///< an argument of another call (a gather, a continuation): its business
  Returned,       ///< returned by a plain function: its caller's business
  Started,        ///< discarded, `(void)` cast, kept in a local or pushed into a container
  Forgotten,      ///< kept in a local that nothing mentions again: a missing co_await
};

/// Follows an eager call's value up through the nodes that pass it on and through a chain of
/// calls on it that give eager values again (`f(x).then(...)`), to where it ends.
EagerFate fateOfEagerValue(const Expr &Call, const ParentMap &Parents,
                           llvm::function_ref<bool(const Expr &)> IsEager);

/// The range a range argument stands for: `tables` for `tables`, `tables.begin()`,
/// `std::begin(tables)` and `std::move(tables)`.
const Expr &rangeOf(const Expr &Range);

/// Whether rangeOf(Range) has one element per thread, core or shard: a call named so
/// (`seastar::smp::all_cpus()`), or a range factory up to such a count
/// (`boost::irange(0u, seastar::smp::count)`, `std::views::iota(0u, workers)`).
bool rangesOverWorkers(const Expr &Range);

/// A short description of a range argument for messages: rangeOf's range as written.
std::string rangeText(const Expr &Range, const ASTContext &Context);

/// `keys | std::views::transform(f)`, `std::views::transform(keys, f)`: a standard range
/// adaptor's view, seen through to the range it adapts (Base, through any number of
/// adaptors) and the callable of its outermost transform, if any (Transform).
struct RangeView {
  const Expr *Base = nullptr;
  const Expr *Transform = nullptr;
};
std::optional<RangeView> rangeView(const Expr &E);

/// The function a callable argument runs, with a body to read: a lambda's call operator (a
/// generic lambda's first instance), also through a local it initialises, or a function named
/// or pointed to; else null.
const FunctionDecl *calledFunction(const Expr &Callable);

} // namespace clang::tidy::async::utils

#endif
