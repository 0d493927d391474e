//===- RulePack.h - async-lint rule packs: data about libraries -----------===//
//
/// Rule packs: the data the async-* checks need about each library (which
/// calls block, offload, spawn or gather, which types limit concurrency, how
/// cancellation is delivered), loaded from JSON and merged into a RuleSet.
///
/// The format is specified by rules/pack.schema.json and docs/rule-packs.md.
/// This library depends on the standard library and nlohmann_json only; no
/// exception escapes it, and it builds with -fno-rtti.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_RULES_RULEPACK_H
#define ASYNC_LINT_RULES_RULEPACK_H

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace async_lint::rules {

/// Check option keys, read by every async-* check (settable globally in
/// .clang-tidy). Each value is a semicolon-separated list.
inline constexpr char RulePacksOption[] = "RulePacks";                 // user pack paths
inline constexpr char EnabledRulePacksOption[] = "EnabledRulePacks";   // pack names
inline constexpr char DisabledRulePacksOption[] = "DisabledRulePacks"; // pack names

/// How a name is matched. Function: the callee's qualified name. Member:
/// "Class::member", where Class is the callee's class or one of its bases.
/// Constructor: the class's name; matches constructions of it (or of a class
/// derived from it) except by a default, copy or move constructor.
enum class CallableKind { Function, Member, Constructor };

enum class Category { Sleep, Wait, IO, Console, Process, DNS, Runtime, Lock };

/// When a call matches. The semantics are the checks'; the pack only names
/// the kind (see docs/rule-packs.md).
enum class FilterKind {
  None,
  NoCompletionToken, ///< no argument's type is a completion token of the set
  StdinArgument,     ///< an argument (or the object) is stdin, std::cin, std::wcin
  LaunchAsync,       ///< the first argument is std::launch::async
  FirstArgumentType, ///< the first argument's type is one of Types
  NoArgumentOfType,  ///< no argument's type is one of Types
  ByteCountAbove,    ///< argument Argument is not a constant of at most Bytes
  NoArguments,       ///< the call has no arguments (`pool.schedule()`, not `schedule(task)`)
  ResultDiscarded,   ///< the call's value is thrown away (a statement, a void cast)
  DestroyedInScope,  ///< the call builds a local that its scope destroys (see Members)
  HeldAcrossSuspension, ///< the lock the call takes is held across a co_await (see Members)
  InCoroutineBody,   ///< the call is written in the coroutine itself, not in a helper it calls
};

/// How a library tells a coroutine it is cancelled: an exception, an error code an awaited
/// operation completes with, or a "stopped" completion (senders), which no catch sees.
enum class Delivery { Exception, ErrorCode, Stopped };

/// Where a coroutine type's body starts: as the AST says (its promise's initial_suspend),
/// or as the pack says where the AST cannot tell.
enum class TaskStart { FromAst, Lazy, Eager };

struct CallFilter {
  FilterKind Kind = FilterKind::None;
  std::vector<std::string> Types;
  unsigned Argument = 0; ///< ByteCountAbove: the argument holding the byte count
  unsigned Bytes = 0;    ///< ByteCountAbove: at most this many bytes cannot block
  /// DestroyedInScope: members after which the destructor no longer waits (`join`, `detach`);
  /// HeldAcrossSuspension: members that release the lock (`unlock`, `release`).
  std::vector<std::string> Members;
};

struct BlockingFunction {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  Category Cat = Category::Wait;
  std::string Reason;      ///< "sleeps the thread"
  std::string Alternative; ///< "co_await aio::sleep(d)"
  std::string Replacement; ///< fix-it template, empty if none
  CallFilter Filter;
  std::string Pack; ///< name of the pack that defines it
};

/// A function handing its callable arguments to another thread: blocking
/// calls inside them are not on the coroutine's thread.
struct OffloadingFunction {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  CallFilter Filter;
  std::string Pack;
};

/// A function running its callable arguments on the calling thread: a blocking call inside
/// them blocks the coroutine as if it were written in its body, except the blocking functions
/// the entry permits (seastar::async runs a seastar::thread, where future::get may wait).
/// A lazy one (stdexec::then) runs its callable only when the coroutine awaits the chain it
/// belongs to, and in place only when nothing in that chain moves it to another scheduler.
/// An element-wise one (std::for_each, std::transform) calls it once per element of its range
/// argument (a range, the first iterator of a pair, or a count): a loop written as a call.
struct InlineCallable {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  bool Lazy = false;
  bool PerElement = false;
  int RangeArgument = 0;
  std::vector<std::string> Permits;
  std::string Pack;
};

struct SpawnFunction {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  /// With one of these tokens the call, awaited in place, is not a spawn.
  std::vector<std::string> AwaitedInPlaceTokens;
  std::string Pack;
};

/// A function the pack names for one role and nothing more: a gather (it awaits a collection
/// of tasks together) or a wait operation (its eager task does nothing but wait, so dropping
/// it means the coroutine does not wait: QCoro's `qCoro(process).waitForFinished()`).
struct NamedFunction {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  std::string Pack;
};
using GatherFunction = NamedFunction;
using WaitOperation = NamedFunction;
/// A function returning an executor for short non-blocking work (concurrencpp's
/// runtime::thread_pool_executor): a hop onto it does not offload blocking calls.
using ComputeExecutor = NamedFunction;
/// A call whose result, a started handle by its type, holds work that has not started yet
/// (folly's `Task::semi()`): dropped or never consumed, the work never runs.
using DeferringCall = NamedFunction;

/// A call that starts one task per element of a range (seastar::parallel_for_each), unless
/// an argument bounds how many run at once (seastar::max_concurrent_for_each's limit).
/// Argument indexes count from the first argument (0, 1, ...) or from the last (-1, -2, ...),
/// so that one entry covers overloads such as (range, n, f) and (begin, end, n, f).
struct ParallelAlgorithm {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  int RangeArgument = 0;
  bool HasLimit = false; ///< whether an argument bounds how many run at once
  int LimitArgument = 0;
  std::string Alternative; ///< the bounded form, for the message; may be empty
  std::string Pack;
};

/// A call whose awaited result only moves the coroutine to another scheduler or thread
/// (`co_await pool.schedule()`): not the work's first real suspension.
struct SchedulingAwait {
  std::string Name;
  CallableKind Kind = CallableKind::Function;
  CallFilter Filter;
  /// Whether an argument names the executor the coroutine continues on (`resume_on(executor)`;
  /// indexes as in ParallelAlgorithm). What follows such a hop runs on an executor the code
  /// chose on purpose: offloaded, unless the executor comes from one of the compute_executors.
  bool HasExecutorArgument = false;
  int ExecutorArgument = 0;
  /// A hop onto a pool of worker threads (`co_await pool.schedule()`): when the coroutine later
  /// hops back to a scheduler that is not one (`co_await io.schedule()`), the code in between
  /// was sent to the pool on purpose, and is offloaded.
  bool ToWorkerPool = false;
  /// With an executor argument: the hop offloads only when another hop of the coroutine names
  /// another executor (`co_await On(io); write(...); co_await On(cpu);`). Where the same hop is
  /// also how a coroutine starts on the pool that runs all its work (YACLib's `co_await
  /// On(cpu)` as its first statement), the way back is what says the stretch was sent away.
  bool RoundTrip = false;
  std::string Pack;
};

struct Limiter {
  std::string Type;
  /// Members whose awaited result holds a unit (`acquire`; a mutex's `lock` and
  /// `scoped_lock_async`); may be empty.
  std::vector<std::string> Acquire;
  /// Free functions taking the limiter as first argument whose awaited result holds units
  /// (seastar::get_units), or that run work while holding them (seastar::with_semaphore).
  std::vector<std::string> AcquireFunctions;
  std::string Pack;
};

struct CancellationKind {
  std::string Name;
  Delivery How = Delivery::Exception;
  /// For Delivery::Exception; for Delivery::Stopped, the exception held by the value an
  /// adaptor returns (folly's co_awaitTry: a Try holding OperationCancelled), if any.
  std::vector<std::string> ExceptionTypes;
  std::vector<std::string> ErrorCodeTypes; ///< for Delivery::ErrorCode
  /// Error-code values meaning "cancelled"; for exceptions, the code the
  /// exception carries (empty: any exception of the types).
  std::vector<std::string> ErrorCodeValues;
  /// Whether a coroutine may end normally after catching this cancellation.
  bool NormalEndOk = false;
  /// Whether an operation completes with the cancellation while the coroutine goes on only when
  /// code other than the coroutine cancels or closes the operation's object: a cancellation of
  /// the coroutine itself surfaces again at its next co_await (Asio's awaitable, Cobalt:
  /// throw_if_cancelled) or not at all (libcoro has no coroutine cancellation, only cancelled
  /// operations). ErrorCode: the code holds it only then. Exception: a handler keeps a cancelled
  /// coroutine running only then, or where its next co_await throws into a handler again.
  bool CancelledThroughObject = false;
  /// Exception: a coroutine that catches it may hand it to its awaiter in the value it returns
  /// (`co_return Reason::Stopped;`, an enumerator that names it): nothing waits for the
  /// coroutine itself to end cancelled (YACLib's StopError; not asyncio's CancelledError).
  bool ReportedByValue = false;
  /// Stopped: the calls that turn a stopped completion into a value (stopped_as_optional).
  std::vector<std::string> StoppedAdaptors;
  /// Types whose co_yield ends the coroutine with the cancellation or an error (folly's
  /// `co_yield co_stopped_may_throw`, `co_yield co_error(e)`): a path reaching one propagates.
  std::vector<std::string> PropagatingYields;
  /// Where the cancellation can come from, when only some calls raise it: functions whose call
  /// raises it, and types an object of which the call involves (Seastar's abort kinds need a
  /// seastar::abort_source, its gate kind a seastar::gate). Empty: any await may raise it.
  std::vector<std::string> RaisedBy;
  /// What the code must use for the library to raise the kind at all, when it raises it only
  /// once the code sets up a cancellation (async_simple throws SignalException only on a chain
  /// given a Signal, `collectAny<SignalType::Terminate>`): types, functions, enumerators.
  /// A translation unit whose own code names none of them cannot raise it. Empty: always on.
  std::vector<std::string> EnabledBy;
  std::string Pack;
};

/// One pack, as written in one JSON file.
struct RulePack {
  std::string Name, Library, Description;
  std::string Origin; ///< file path, or "<built-in>/NAME.json"
  bool DefaultOn = true;
  std::vector<std::string> Extends;
  std::vector<std::string> CoroutineTypes, CompletionTokens;
  std::map<std::string, TaskStart> Starts; ///< coroutine types whose start the pack states
  std::vector<BlockingFunction> Blocking;
  std::vector<OffloadingFunction> Offloading;
  std::vector<InlineCallable> InlineCallables;
  std::vector<SpawnFunction> Spawn;
  std::vector<GatherFunction> Gather;
  std::vector<WaitOperation> WaitOperations;
  std::vector<ParallelAlgorithm> ParallelAlgorithms;
  std::vector<SchedulingAwait> SchedulingAwaits;
  std::vector<ComputeExecutor> ComputeExecutors;
  std::vector<DeferringCall> DeferringCalls;
  std::vector<Limiter> Limiters;
  std::vector<std::string> BoundedGroups, StartedHandles, IgnoredAwaitables;
  /// Parameter types that make a coroutine run on the executor passed as the next argument
  /// (concurrencpp's `executor_tag`).
  std::vector<std::string> ExecutorTags;
  std::vector<CancellationKind> Cancellation;
};

/// A problem with one pack or option, rendered by str() as
/// "FILE: at /JSON/PATH: MESSAGE" (or "FILE: MESSAGE" without a path).
struct LoadError {
  std::string File;
  std::string JsonPath; ///< JSON Pointer ("/blocking/3/name"), may be empty
  std::string Message;
  std::string str() const;
};

/// A blocking entry found for a call in a given coroutine.
struct BlockingMatch {
  const BlockingFunction *Entry = nullptr;
  /// Entry->Replacement when it is safe in that coroutine: the entry's pack
  /// is bound to no runtime, or lists the coroutine's type. Else empty.
  std::string_view Replacement;
  explicit operator bool() const { return Entry != nullptr; }
};

/// The active packs merged. Names are qualified without template arguments
/// or a leading "::"; a member is looked up as "Class::member".
class RuleSet {
public:
  const std::vector<RulePack> &packs() const { return Packs; }
  bool isActive(std::string_view PackName) const;

  /// The entry for a blocking callee, called in a coroutine returning
  /// CoroutineType. That runtime's pack (coroutine_types) wins; otherwise
  /// the last entry from a pack bound to no runtime, else the first one.
  BlockingMatch findBlocking(std::string_view Name,
                             std::string_view CoroutineType = {}) const;
  const OffloadingFunction *findOffloading(std::string_view Name) const;
  const InlineCallable *findInlineCallable(std::string_view Name) const;
  const SpawnFunction *findSpawn(std::string_view Name) const;
  const GatherFunction *findGather(std::string_view Name) const;
  const WaitOperation *findWaitOperation(std::string_view Name) const;
  const ParallelAlgorithm *findParallelAlgorithm(std::string_view Name) const;
  const SchedulingAwait *findSchedulingAwait(std::string_view Name) const;
  const ComputeExecutor *findComputeExecutor(std::string_view Name) const;
  const DeferringCall *findDeferringCall(std::string_view Name) const;
  const Limiter *findLimiter(std::string_view Type) const;
  /// The limiter whose acquire_functions name this function, or null.
  const Limiter *findLimiterAcquiredBy(std::string_view Function) const;
  /// What the packs say about where a coroutine type's body starts.
  TaskStart startOf(std::string_view CoroutineType) const;
  bool isCompletionToken(std::string_view Type) const;
  bool isCoroutineType(std::string_view Type) const;
  bool isBoundedGroup(std::string_view Type) const;
  bool isStartedHandle(std::string_view Type) const;
  bool isIgnoredAwaitable(std::string_view Type) const;
  bool isExecutorTag(std::string_view Type) const;
  /// Cancellation kinds delivered as this exception type (thrown, not held by a stopped
  /// adaptor's value) or error-code type.
  std::vector<const CancellationKind *> cancellationFor(std::string_view Type) const;

  /// Every entry of the active packs (later definitions of a name replace
  /// earlier ones, except blocking entries, which are all kept), for
  /// building matchers.
  const std::vector<BlockingFunction> &blocking() const { return Blocking; }
  const std::vector<OffloadingFunction> &offloading() const { return Offloading; }
  const std::vector<InlineCallable> &inlineCallables() const { return InlineCallables; }
  const std::vector<SpawnFunction> &spawn() const { return Spawn; }
  const std::vector<GatherFunction> &gather() const { return Gather; }
  const std::vector<ParallelAlgorithm> &parallelAlgorithms() const {
    return ParallelAlgorithms;
  }
  const std::vector<Limiter> &limiters() const { return Limiters; }
  const std::vector<CancellationKind> &cancellation() const { return Cancellation; }
  const std::vector<std::string> &completionTokens() const { return CompletionTokens; }
  const std::vector<std::string> &boundedGroups() const { return BoundedGroups; }
  const std::vector<std::string> &startedHandles() const { return StartedHandles; }
  const std::vector<std::string> &ignoredAwaitables() const { return IgnoredAwaitables; }
  std::vector<std::string> coroutineTypes() const;
  /// Distinct names of the blocking entries of one kind, sorted.
  std::vector<std::string> blockingNames(CallableKind Kind) const;

private:
  friend class RuleSetBuilder;
  std::vector<RulePack> Packs;
  std::vector<BlockingFunction> Blocking;
  std::vector<OffloadingFunction> Offloading;
  std::vector<InlineCallable> InlineCallables;
  std::vector<SpawnFunction> Spawn;
  std::vector<GatherFunction> Gather;
  std::vector<WaitOperation> WaitOperations;
  std::vector<ParallelAlgorithm> ParallelAlgorithms;
  std::vector<SchedulingAwait> SchedulingAwaits;
  std::vector<ComputeExecutor> ComputeExecutors;
  std::vector<DeferringCall> DeferringCalls;
  std::vector<Limiter> Limiters;
  std::vector<CancellationKind> Cancellation;
  std::vector<std::string> CompletionTokens, BoundedGroups, StartedHandles,
      IgnoredAwaitables, ExecutorTags;
  std::map<std::string, TaskStart, std::less<>> Starts;
  std::map<std::string, std::string, std::less<>> CoroutineTypeToPack;
  std::map<std::string, std::vector<std::size_t>, std::less<>> BlockingIndex;
};

/// A user pack given as text rather than as a path (tests, editors).
struct PackText {
  std::string Origin;
  std::string Json;
};

struct LoadOptions {
  std::vector<std::string> UserPackPaths; ///< read from disk, in order
  std::vector<PackText> UserPackTexts;    ///< loaded after the paths
  std::vector<std::string> Enabled;  ///< packs to activate beyond the defaults
  std::vector<std::string> Disabled; ///< packs to deactivate; wins over all

  /// From the three option values (semicolon-separated, blanks trimmed).
  static LoadOptions fromOptions(std::string_view RulePacks,
                                 std::string_view EnabledRulePacks,
                                 std::string_view DisabledRulePacks);
};

/// Loads the built-in packs and the user packs, and merges the active ones.
/// A pack with any error is skipped and its errors appended to Errors; the
/// others still load. Never throws.
RuleSet loadRuleSet(const LoadOptions &Options, std::vector<LoadError> &Errors);

/// Parses one pack. Returns false, with Errors appended, if it is malformed.
bool parsePack(std::string_view Origin, std::string_view Json, RulePack &Out,
               std::vector<LoadError> &Errors);

/// The built-in packs embedded at build time, in pack-name order.
std::vector<std::string_view> builtinPackNames();
/// A built-in pack's JSON text, or an empty view.
std::string_view builtinPackText(std::string_view Name);

/// The spellings used in packs, in declaration order of the enums.
std::string_view toString(CallableKind);
std::string_view toString(Category);
std::string_view toString(FilterKind);
std::string_view toString(Delivery);
std::string_view toString(TaskStart);
const std::vector<std::string_view> &callableKindNames();
const std::vector<std::string_view> &categoryNames();
const std::vector<std::string_view> &filterKindNames(); ///< without None
const std::vector<std::string_view> &deliveryNames();
const std::vector<std::string_view> &taskStartNames(); ///< without FromAst

} // namespace async_lint::rules

#endif // ASYNC_LINT_RULES_RULEPACK_H
