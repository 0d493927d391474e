//===--- UnitSummary.h - what one translation unit tells the others -------===//
//
// The facts that the checks which look through calls record about a translation unit, so that
// a link step can follow calls into functions that other units define: for
// async-blocking-call, each helper's calls and first blocking call; for
// async-unbounded-concurrency, the coroutines that acquire a limiter before their first real
// suspension. Functions are keyed by USR (see UnitSummaryBuilder.h). Plain data: the CLI's
// supervisor, `async-lint merge` and the index file read it without an AST.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_UNITSUMMARY_H
#define ASYNC_LINT_CHECKS_UTILS_UNITSUMMARY_H

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// A place in a source file: its absolute real path, 1-based line and column (bytes), the
/// byte offset, and the length in bytes of the range a finding there flags (0: one token).
struct SourcePoint {
  std::string File;
  unsigned Line = 0, Column = 0, Offset = 0, Length = 0;

  bool operator==(const SourcePoint &) const = default;
};

/// How messages name a function: `'flush'` or `the lambda`; and its qualified and plain
/// names, for the helper whose name reads like the blocking function's (see helperName).
struct FunctionName {
  std::string Described, Qualified, Identifier;

  bool operator==(const FunctionName &) const = default;
};

/// A call from a helper to another function that may block: one its unit defines, or one it
/// only declares (an open call, resolved by the link step).
struct SummaryCall {
  std::string Callee; ///< the callee's key
  std::string Name;   ///< how messages name the callee: for people reading the index
  SourcePoint At;

  bool operator==(const SummaryCall &) const = default;
};

/// The first call in a helper's body that blocks by a rule pack's entry.
struct DirectBlock {
  std::string Function; ///< how messages name the blocking callee (`std::this_thread::sleep_for`)
  std::string Reason;   ///< the entry's reason: "sleeps the thread"
  bool IO = false;      ///< the entry is an I/O call (fine in a coroutine awaiting readiness)
  SourcePoint At;

  bool operator==(const DirectBlock &) const = default;
};

/// A function that is no coroutine and whose body async-blocking-call looks into: the calls
/// it makes before its first blocking call, in source order, then that call if any.
struct HelperFacts {
  FunctionName Name;
  std::vector<SummaryCall> Calls;
  std::optional<DirectBlock> Blocks;

  bool operator==(const HelperFacts &) const = default;
};

/// A call in a coroutine that its own unit finds not to block, to a function that may reach
/// calls into other units: the link step reports it if it does.
struct CoroutineCall {
  SourcePoint At;           ///< the call, with its range
  std::string Callee;       ///< the callee's key
  std::string Coroutine;    ///< how messages name the coroutine: "coroutine 'handle'"
  std::string Function;     ///< the qualified name of the named function holding the call
  bool AwaitsReadiness = false; ///< I/O that would block is fine there (see awaitsReadiness)
  bool AsError = false;     ///< the unit's configuration turns the check's warnings into errors

  bool operator==(const CoroutineCall &) const = default;
};

/// A finding of async-unbounded-concurrency that holds unless the coroutine the loop starts,
/// which its unit only declares, acquires a limiter first where it is defined.
struct ConditionalStart {
  SourcePoint At; ///< where the finding is
  std::string Started; ///< the started coroutine's key

  bool operator==(const ConditionalStart &) const = default;
};

/// One unit's facts, or (without open calls and conditional starts) the index of a project.
struct UnitSummary {
  std::map<std::string, HelperFacts> Helpers; ///< by key
  std::vector<CoroutineCall> OpenCalls;
  std::set<std::string> LimitedCoroutines; ///< keys of coroutines that acquire first
  std::vector<ConditionalStart> Starts;

  bool empty() const {
    return Helpers.empty() && OpenCalls.empty() && LimitedCoroutines.empty() && Starts.empty();
  }
  /// Adds Other's facts; a helper both know keeps this summary's facts.
  void add(const UnitSummary &Other);
  bool operator==(const UnitSummary &) const = default;
};

/// The summary as json. Files under Root (when not empty) are written relative to it.
nlohmann::json toJson(const UnitSummary &Summary, const std::string &Root = "");

/// The inverse of toJson, relative files joined to Root. Throws std::runtime_error naming
/// what is wrong with anything toJson did not write.
UnitSummary unitSummaryFromJson(const nlohmann::json &Json, const std::string &Root = "");

} // namespace clang::tidy::async::utils

#endif
