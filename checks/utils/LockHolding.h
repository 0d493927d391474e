//===--- LockHolding.h - a thread lock held across a suspension ----------===//
//
// A coroutine that suspends while it holds a thread mutex (`std::lock_guard g(m); co_await
// x;`) keeps the mutex locked while other tasks run on its thread: the first one to lock it
// blocks that thread, usually for good, since the holder can only resume there. And the
// coroutine may resume, and unlock, on another thread than the one that locked.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_LOCKHOLDING_H
#define ASYNC_LINT_CHECKS_UTILS_LOCKHOLDING_H

#include "CoroutineContext.h"
#include "clang/AST/Expr.h"
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The first suspension (co_await, co_yield) of Body's coroutine reached while the lock that
/// Acquire takes is held, or null. Acquire is a lock object's construction held by a local
/// variable (`std::unique_lock lock(m);`), whose lock lasts to the end of its block, or a
/// `lock()` call on a mutex (`m.lock();`), whose lock lasts to the block's end too. Both end
/// earlier at a call of one of Releases on the holder (`lock.unlock()`, `m.unlock()`). A lock
/// object counts only when its mutex is a thread mutex, whose lock() returns void (not
/// cppcoro's async_mutex adopted by a std::lock_guard after `co_await m.lock_async()`), and
/// only in straight-line code of one block: a suspension in a later statement of the block.
const Stmt *suspensionWhileHeld(const Expr &Acquire, const FunctionBody &Body,
                                const std::vector<std::string> &Releases);

} // namespace clang::tidy::async::utils

#endif
