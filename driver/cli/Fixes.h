//===--- Fixes.h - applying and exporting fix-its -------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_FIXES_H
#define ASYNC_LINT_DRIVER_CLI_FIXES_H

#include "Finding.h"
#include <optional>
#include <string>

namespace async_lint::cli {

struct FixOutcome {
  std::vector<const Finding *> Applied;
  std::vector<const Finding *> Conflicting; // overlap an earlier finding's fix: not applied
  std::vector<std::string> Errors;          // files that could not be read or written
};

/// Applies every finding's fix-it in place; a fix that overlaps one already taken is
/// skipped whole (a half-applied fix-it would not compile).
FixOutcome applyFixes(const std::vector<Finding> &Findings);

/// clang-tidy's --export-fixes YAML, which clang-apply-replacements reads. Error line or none.
std::optional<std::string> exportFixes(const std::string &Path,
                                       const std::vector<Finding> &Findings);

} // namespace async_lint::cli

#endif
