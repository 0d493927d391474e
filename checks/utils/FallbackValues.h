//===--- FallbackValues.h - values a handler returns in place of a result -===//
//
// Where a cancellation may end a coroutine normally, what the handler returns decides whether
// the awaiter can tell: the progress made so far (`co_return polls;`) or a value that names the
// cancellation is an answer; a default or a fallback that stands in for the result (a constant,
// a cached copy, a value computed from the arguments alone) hands the awaiter a result it
// cannot tell from a real one.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_FALLBACKVALUES_H
#define ASYNC_LINT_CHECKS_UTILS_FALLBACKVALUES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::async::utils {

/// Whether Exit, a `co_return` in Region (the handler's block, or the branch that a test of the
/// cancellation took) of the coroutine Body, returns a value that does not come from the work
/// the coroutine did:
/// - a default: a constant, an empty or value-initialised result (`co_return 0;`, `co_return
///   std::nullopt;`, `co_return {};`, `co_return kDefaultQuota;`);
/// - a fallback: a value that mentions no local of the coroutine declared outside Region and
///   nothing the coroutine writes before Exit (or in a loop around it) (`co_return popular_;`,
///   `co_return cache_.value(key);`, `co_return fallbackRate(pair);`), unlike `co_return polls;`
///   or `co_return processed_;` where the work counts `++processed_`.
/// Not a bool (whether the work succeeded), nor one that names the cancellation (`co_return
/// Outcome::cancelled;`), mentions Caught (the exception caught, the error code or result
/// tested), or is itself awaited.
bool returnsFallback(const Stmt &Exit, const Stmt &Region, const ValueDecl *Caught,
                     const Stmt &Body, const ASTContext &Context);

} // namespace clang::tidy::async::utils

#endif
