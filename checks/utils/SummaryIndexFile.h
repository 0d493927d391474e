//===--- SummaryIndexFile.h - the project index, read by the checks -------===//
//
// The CLI writes the summaries of every unit it analysed to an index file; with the
// SummaryIndex option, async-blocking-call and async-unbounded-concurrency read it in the
// plugin and in async-lint-clangd and follow calls into functions that the unit being
// analysed does not define, as of the run that wrote the index.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_SUMMARYINDEXFILE_H
#define ASYNC_LINT_CHECKS_UTILS_SUMMARYINDEXFILE_H

#include "UnitSummary.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/SourceManager.h"
#include <memory>

namespace clang::tidy::async::utils {

/// The option that names the index: a check's own, or a global one for both checks.
inline constexpr llvm::StringLiteral SummaryIndexOption = "SummaryIndex";

/// The index that Path names: absolute, or relative to the directory of the unit's main file
/// or the nearest directory above it where that path exists (as .clang-tidy files are
/// found), else to the compile directory. Read through the unit's file system, parsed once
/// per change of the file and shared between threads. Null when Path is empty or names no
/// file (the index is not written yet); a file that is no index is reported once per run as
/// a configuration error, and ignored.
std::shared_ptr<const UnitSummary> loadSummaryIndex(llvm::StringRef Path,
                                                    const SourceManager &SM,
                                                    ClangTidyContext &Context);

/// Where Point is in this unit's sources, or an invalid location when its file cannot be
/// read. A file the unit did not include is added to the source manager.
SourceLocation locationOf(const SourcePoint &Point, SourceManager &SM);

} // namespace clang::tidy::async::utils

#endif
