//===--- ProjectCancellations.h - a project's own cancellation exceptions -===//
//
// Code that cancels its own work often has its own exception for it: a flag set by a cancel
// button or a shutdown, tested before each step, `if (cancel_) throw SyncCancelled();`. A
// handler in a loop that catches it and goes on to the next item swallows it exactly as it
// would swallow a library's. No pack can name such a class, so the checks read it from the
// code: a class of the translation unit's own code whose name says it is a cancellation, that
// the code throws, and that no pack knows already.
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
/// neither named by a pack's cancellation kind nor derived from a class that is.
class ProjectCancellations {
public:
  const std::vector<ProjectCancellation> &get(ASTContext &Context,
                                              const async_lint::rules::RuleSet &Rules);
  void clear() { Collected.reset(); }

private:
  std::optional<std::vector<ProjectCancellation>> Collected;
};

} // namespace clang::tidy::async::utils

#endif
