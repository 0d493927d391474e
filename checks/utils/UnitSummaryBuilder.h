//===--- UnitSummaryBuilder.h - a translation unit's summary from its AST -===//
//
// What async-blocking-call and async-unbounded-concurrency record about the unit they analyse
// (UnitSummary.h), and the hook through which the CLI collects it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_UNITSUMMARYBUILDER_H
#define ASYNC_LINT_CHECKS_UTILS_UNITSUMMARYBUILDER_H

#include "BlockingSummary.h"
#include "UnitSummary.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::async::utils {

/// Where the checks leave the summary of the unit being analysed, for a driver that links
/// units itself (the CLI sets one around each parse on its thread). Without one, nothing is
/// recorded, and the checks may follow calls through an index instead (SummaryIndexFile.h).
class SummaryRecording {
public:
  explicit SummaryRecording(UnitSummary &Into);
  ~SummaryRecording();
  SummaryRecording(const SummaryRecording &) = delete;
  SummaryRecording &operator=(const SummaryRecording &) = delete;

  /// The summary being recorded on this thread, or null.
  static UnitSummary *current();

private:
  UnitSummary *Previous;
};

/// The key of a function in summaries: its USR. A function other units cannot call (internal
/// linkage, a lambda) gets its unit's main file in front, so that equal USRs of two units'
/// static functions stay apart.
std::string summaryKey(const FunctionDecl &Function);

/// Where Loc is as a diagnostic there would be reported (its file location), with the length
/// of Range when given (the range a warning flags).
SourcePoint sourcePoint(SourceLocation Loc, const ASTContext &Context, SourceRange Range = {});

/// How messages name Function (describeFunction, its qualified name, its plain name).
FunctionName functionName(const FunctionDecl &Function);

/// The qualified name of the named function that holds Function: itself, or for a lambda the
/// function it is written in; as the CLI names a finding's function for baselines.
std::string enclosingFunctionName(const FunctionDecl &Function);

/// Builds async-blocking-call's part of a unit's summary: helpers with the calls and blocking
/// call of each (as Summaries sees them), and the coroutine calls that only other units can
/// decide.
class UnitSummaryBuilder {
public:
  /// AsError: the unit's configuration turns the check's warnings into errors.
  UnitSummaryBuilder(BlockingSummaries &Summaries, ASTContext &Context, bool AsError);

  /// Records a helper (a definition) and every helper it reaches.
  void addHelper(const FunctionDecl &Definition);

  /// Records a call in Coroutine that does not block as far as this unit can tell, to a
  /// helper or to a function other units may define. False if the callee has no key.
  bool addOpenCall(const Expr &Call, const FunctionDecl &Callee, const FunctionDecl &Coroutine);

  /// The summary. With Prune, leaves out what cannot block whatever other units define:
  /// helpers from which no blocking call or open call is reachable, and calls to them.
  UnitSummary take(bool Prune);

private:
  void prune();

  BlockingSummaries &Summaries;
  ASTContext &Context;
  const bool AsError;
  UnitSummary Summary;
  llvm::DenseMap<const FunctionDecl *, bool> Readiness; ///< per coroutine, computed once
};

} // namespace clang::tidy::async::utils

#endif
