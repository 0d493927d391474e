//===--- NoLint.h - NOLINT comments for findings made without clang -------===//
//
// clang-tidy honours NOLINT comments as it emits a diagnostic. The findings of the link step
// (CrossUnitLink.h) are made after every unit is analysed, from summaries: this reads the
// same comments from the finding's file, as clang-tidy does.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_NOLINT_H
#define ASYNC_LINT_DRIVER_CLI_NOLINT_H

#include "Finding.h"
#include "SourceFiles.h"

namespace async_lint::cli {

/// Whether a comment silences F: `NOLINT` on its line, `NOLINTNEXTLINE` on the line before,
/// or a `NOLINTBEGIN` ... `NOLINTEND` region around it; each either bare (every check) or
/// with a list of checks or globs, `NOLINT(async-*)`.
bool isSilencedByComment(const Finding &F, SourceFiles &Sources);

} // namespace async_lint::cli

#endif
