//===--- LoopBounds.h - how many times a loop runs ------------------------===//
//
// What the code shows about a loop's trip count: a compile-time constant, a size known only at
// run time (and where it comes from), or no end but a break. Used to tell a fan-out over a few
// shards from one over every item of a container.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_LOOPBOUNDS_H
#define ASYNC_LINT_CHECKS_UTILS_LOOPBOUNDS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::async::utils {

struct LoopTrip {
  enum class Kind {
    Constant,     ///< Count iterations, known at compile time.
    OverElements, ///< One iteration per element of Source (range-for, `i < v.size()`).
    UntilEmpty,   ///< Drains Source: `while (!queue.empty())`.
    UpTo,         ///< A counted loop up to Source, a value known only at run time.
    While,        ///< Runs while Source, the condition as written, holds.
    UntilStopped, ///< No condition, or a constant true one.
    CommandLine,  ///< One iteration per command-line argument (`i < argc` in main): a few.
    PerWorker,    ///< One iteration per thread, core, worker or shard: bounded by the machine.
    Window,       ///< At most Source iterations, a limit the code chose: `i < std::min(k, n)`,
                  ///< `for (auto& x : items.first(std::min(window, items.size())))`.
  };
  Kind K = Kind::While;
  std::uint64_t Count = 0;
  std::string Source;
};

/// The trip count of a for, range-for, while or do statement.
LoopTrip analyzeTrip(const Stmt &Loop, ASTContext &Context);

/// The loops that run S once per iteration (S is in the body, condition or increment, not in
/// a for's init statement or a range-for's range), innermost first, inside the body that
/// Parents maps (S's function or lambda).
SmallVector<const Stmt *, 4> enclosingLoops(const Stmt &S, const ParentMap &Parents);

/// E's value when it is an integer constant expression (null E: none).
std::optional<std::int64_t> constantValue(const Expr *E, const ASTContext &Context);

/// The body of a loop statement.
const Stmt *loopBody(const Stmt &Loop);

/// Whether an expression (or the initialiser of a local it names) counts threads, cores,
/// workers or shards by name: `executor->max_concurrency_level()`, `num_threads`,
/// `std::thread::hardware_concurrency()`, `seastar::smp::count`. A fan-out over them is
/// bounded by the machine.
bool countsWorkers(const Expr *Bound, int Depth = 0);

/// The number of elements of a constant-size array, std::array or braced list.
std::optional<std::uint64_t> constantSize(const Expr &Range, const ASTContext &Context);

/// An expression as written, on one line.
std::string sourceText(const Stmt &S, const ASTContext &Context);

} // namespace clang::tidy::async::utils

#endif
