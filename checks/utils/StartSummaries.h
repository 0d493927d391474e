//===--- StartSummaries.h - bounded starts across translation units -------===//
//
// async-unbounded-concurrency's part of the cross-unit analysis (UnitSummary.h): a loop that
// starts a coroutine another unit defines is bounded when that coroutine acquires a limiter
// first. While the CLI records summaries, the check records which of its unit's coroutines
// do, and which of its findings hold only unless another unit's coroutine does (the link
// step decides); in the plugin and clangd, it asks the index (SummaryIndexFile.h).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_STARTSUMMARIES_H
#define ASYNC_LINT_CHECKS_UTILS_STARTSUMMARIES_H

#include "FanoutBounds.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"

namespace clang::tidy::async::utils {

class StartSummaries {
public:
  /// IndexPath: the SummaryIndex option (empty: no index).
  StartSummaries(std::string IndexPath, ClangTidyContext &Context)
      : IndexPath(std::move(IndexPath)), Context(Context) {}

  const std::string &indexPath() const { return IndexPath; }

  /// Whether the index says that Elsewhere (a coroutine this unit only declares, or null)
  /// acquires a limiter first. Always false while the CLI records: its link step decides.
  bool acquiresFirstElsewhere(const FunctionDecl *Elsewhere, ASTContext &AST) const;

  /// While the CLI records: the finding at Loc holds unless Elsewhere acquires first.
  void recordConditional(SourceLocation Loc, const FunctionDecl *Elsewhere,
                         ASTContext &AST) const;

  /// While the CLI records: whether Function, a coroutine other units may start, acquires
  /// one of Limiters first.
  void recordLimited(const FunctionDecl &Function, const LimiterSet &Limiters,
                     ASTContext &AST) const;

private:
  const std::string IndexPath;
  ClangTidyContext &Context;
};

} // namespace clang::tidy::async::utils

#endif
