//===--- PackCalls.h - match calls against rule-pack entries --------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_PACKCALLS_H
#define ASYNC_LINT_CHECKS_UTILS_PACKCALLS_H

#include "RulePack.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

/// The names under which a callee may be listed in a rule pack: a function's qualified name
/// (an unqualified name such as `write` only for a C function or one from a system header, so
/// that a project's own `write(Store&)` is not POSIX write; `::name` for any function of the
/// global namespace, for packs that list a library's distinctive global function);
/// `Class::member` for the member's class and each of its bases; a constructor's class and
/// each of its bases. Most specific first.
std::vector<std::string> packNamesOf(const FunctionDecl &Callee);

/// The namespace-scope object a call goes through (`folly::coro::blockingWait(t)`,
/// `stdexec::sync_wait(s)`: function objects and customisation points), or null.
const VarDecl *functionObject(const Expr &Call);

/// The class of an object as written (`sock`, a `std::future`; not the base class a member
/// call converts it to), through a pointer; null for other types.
const CXXRecordDecl *objectClass(const Expr *Object);

/// A name under which a call may be listed, and whether it is a function object's.
struct CallName {
  std::string Name;
  bool ThroughObject = false;
};

/// The call's names, most specific first: the function object's name (listed as a function),
/// then packNamesOf(Callee).
std::vector<CallName> callNames(const Expr &Call, const FunctionDecl &Callee);

/// How messages name a call's callee: the function object it goes through
/// (`folly::coro::blockingWait`, not its `operator()`), else the callee as packs name it.
std::string callName(const Expr &Call, const FunctionDecl &Callee);

/// A qualified name for a message, from the last of the library's internal (`__`) scopes on:
/// `experimental::execution::__scope::async_scope::spawn` is `async_scope::spawn`.
std::string withoutReservedScopes(StringRef Name);

/// The unqualified name a pack entry would end with: the function object's or the callee's.
StringRef unqualifiedCallName(const Expr &Call, const FunctionDecl &Callee);

/// Whether an entry of Kind, found under Name, matches a call of Callee.
bool kindFits(async_lint::rules::CallableKind Kind, const CallName &Name,
              const FunctionDecl &Callee);

/// The first entry that Find (name -> entry or null) gives for one of the call's names with
/// a kind that fits, or null.
template <class Entry, class FindFn>
const Entry *findCallEntry(const Expr &Call, const FunctionDecl &Callee, FindFn Find) {
  for (const CallName &Name : callNames(Call, Callee))
    if (const Entry *E = Find(StringRef(Name.Name)); E && kindFits(E->Kind, Name, Callee))
      return E;
  return nullptr;
}

/// The packs' name for a coroutine's return type, e.g. "aio::Task" (also for the dependent
/// `aio::Task<T>` of a template), which selects the entries of that runtime; "" if none.
std::string coroutineTypeName(const FunctionDecl &Coroutine);

class FunctionBody;

/// Whether a call satisfies a pack entry's filter (no filter: always). Body is the call's
/// function, when known: without it, the filters that read the body (result-discarded,
/// destroyed-in-scope, held-across-suspension, in-coroutine-body) never pass.
bool passesFilter(const async_lint::rules::CallFilter &Filter, const Expr &Call,
                  const async_lint::rules::RuleSet &Rules, const ASTContext &Context,
                  const FunctionBody *Body = nullptr);

/// The blocking entry that a call in Caller matches, in a coroutine whose return type the
/// packs call CoroutineType (e.g. "aio::Task"; empty outside a known runtime), or no entry.
/// I/O calls in a function that handles EAGAIN, EWOULDBLOCK or EINPROGRESS, or asks for
/// O_NONBLOCK, SOCK_NONBLOCK or MSG_DONTWAIT, are taken to work on non-blocking descriptors,
/// as every event loop's own I/O does.
/// Body is Caller's, when known (the filters that read the body need it).
async_lint::rules::BlockingMatch findBlockingCall(const Expr &Call, const FunctionDecl &Callee,
                                                  const FunctionDecl &Caller,
                                                  StringRef CoroutineType,
                                                  const async_lint::rules::RuleSet &Rules,
                                                  const FunctionBody *Body = nullptr);

/// `take(pf)` where `take(future<T>& f)` reads `f.get()`: whether Wait, a blocking wait on
/// an object (a wait-category member call in Helper's own body), waits on a parameter of
/// Helper to which Call, in Caller's Body, passes a future that is complete there (read out of
/// an awaited `when_all`, or completed by an earlier co_await or wait). Such a wait only reads.
bool waitsOnCompletedArgument(const Expr &Wait, const async_lint::rules::BlockingFunction &Rule,
                              const FunctionDecl &Helper, const CallExpr &Call,
                              const Stmt *Body);

/// Whether a coroutine awaits readiness (`co_await poll(fd, read)`, `co_await
/// fd.readable()`): then its I/O calls, and those of the helpers it calls, try a descriptor
/// that is non-blocking and answer "would block" by waiting for readiness, as every event
/// loop's own I/O does.
bool awaitsReadiness(const FunctionDecl &Coroutine);

/// The spawn entry of a call that starts concurrent work: a pack's spawn function called
/// without one of the entry's awaited-in-place tokens (`co_spawn(ex, f(), use_awaitable)`
/// returns an operation to await, not started work). Null otherwise.
const async_lint::rules::SpawnFunction *findSpawnCall(const Expr &Call,
                                                      const FunctionDecl &Callee,
                                                      const async_lint::rules::RuleSet &Rules);

/// `co_spawn(ex, f(), use_awaitable)`: whether a call is a pack's spawn function called with one
/// of the entry's awaited-in-place tokens, an operation that runs the work and completes with it.
bool isSpawnAwaitedInPlace(const Expr &Call, const FunctionDecl &Callee,
                           const async_lint::rules::RuleSet &Rules);

/// Whether a call is one of the packs' wait_operations: an eager task that only waits
/// (`QCoro::sleepFor(d)`, `qCoro(process).waitForFinished()`).
bool isWaitOperationCall(const CallExpr &Call, const FunctionDecl &Callee,
                         const async_lint::rules::RuleSet &Rules);

/// Whether a call hands its callable arguments to another thread.
bool isOffloadingCall(const Expr &Call, const FunctionDecl &Callee,
                      const async_lint::rules::RuleSet &Rules);

/// The outermost namespaces of the runtimes that the packs describe (aio, asio, boost, ...):
/// the namespaces of their coroutine types, spawn, gather, offloading functions and limiters,
/// not of their blocking functions. Code there is a library whose blocking entry points the
/// packs list, not a helper to look into.
llvm::StringSet<> libraryNamespaces(const async_lint::rules::RuleSet &Rules);

/// The namespace, class, class template or typedef a pack names ("aio::CancelledError"), by lookup from the
/// translation unit, or null when this translation unit does not declare it.
const NamedDecl *lookupPackName(StringRef Name, ASTContext &Context);

/// The outermost namespace of a declaration, or "" for the global namespace.
StringRef outermostNamespace(const Decl &D);

} // namespace clang::tidy::async::utils

#endif
