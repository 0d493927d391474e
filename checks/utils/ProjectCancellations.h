//===--- ProjectCancellations.h - a project's own cancellations ---------===//
//
// Code that cancels its own work often has its own exception for it: a flag set by a cancel
// button or a shutdown, tested before each step, `if (cancel_) throw SyncCancelled();`. A
// handler in a loop that catches it and goes on to the next item swallows it exactly as it
// would swallow a library's. No pack can name such a class, so the checks read it from the
// code: a class of the translation unit's own code whose name says it is a cancellation, that
// the code throws, and that no pack knows already. The same goes for a status of its own
// (`co_return JobStatus::cancelled;`) that a loop takes for a busy queue and polls again.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_PROJECTCANCELLATIONS_H
#define ASYNC_LINT_CHECKS_UTILS_PROJECTCANCELLATIONS_H

#include "RulePack.h"
#include "clang/AST/ASTContext.h"
#include <optional>
#include <vector>

namespace clang::tidy::async::utils {

/// One of the project's cancellation exceptions, as a kind of cancellation.
struct ProjectCancellation {
  const CXXRecordDecl *Class;
  /// Delivered as an exception of Class, raised only by code that throws it or calls code
  /// that may (raised_by names Class), and allowed to end its coroutine normally: the project
  /// decides what its cancellation returns.
  async_lint::rules::CancellationKind Kind;
};

/// The project cancellations of one translation unit, collected once, on first use: the
/// classes (outside system headers) named for a cancellation (`SyncCancelled`,
/// `JobCanceledError`) that its code throws (`throw X(...)`, `std::make_exception_ptr(X(...))`),
/// neither named by a pack's cancellation kind nor derived from a class that is; and the
/// enumerations with an enumerator named for one (`JobStatus::cancelled`, `Errc::kCanceled`)
/// that its code returns (`co_return JobStatus::cancelled;`, also inside the returned value:
/// `co_return std::unexpected(Errc::cancelled);`), whose type no pack names as an error code.
class ProjectCancellations {
public:
  /// The exceptions.
  const std::vector<ProjectCancellation> &get(ASTContext &Context,
                                              const async_lint::rules::RuleSet &Rules);
  /// The statuses, as error-code kinds: delivered as a value of the enumeration (or of an
  /// expected holding it), the enumerators that name a cancellation as its cancelled values,
  /// allowed to end the coroutine normally.
  const std::vector<async_lint::rules::CancellationKind> &
  statuses(ASTContext &Context, const async_lint::rules::RuleSet &Rules);
  void clear() { Collected.reset(); }

private:
  struct Found {
    std::vector<ProjectCancellation> Exceptions;
    std::vector<async_lint::rules::CancellationKind> Statuses;
  };
  const Found &collect(ASTContext &Context, const async_lint::rules::RuleSet &Rules);
  std::optional<Found> Collected;
};

} // namespace clang::tidy::async::utils

#endif
