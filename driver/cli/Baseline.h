//===--- Baseline.h - findings accepted once, reported only when new ------===//

#ifndef ASYNC_LINT_DRIVER_CLI_BASELINE_H
#define ASYNC_LINT_DRIVER_CLI_BASELINE_H

#include "Finding.h"
#include <optional>
#include <set>
#include <string>
#include <variant>

namespace async_lint::cli {

/// Writes the findings' fingerprints (with check, file, function and message, for people
/// reading the file in review). Returns an error line on failure.
std::optional<std::string> writeBaseline(const std::string &Path, const Report &R,
                                         const std::string &Root);

/// The fingerprints a baseline file records, or the error line naming the file and problem.
std::variant<std::set<std::string>, std::string> readBaseline(const std::string &Path);

/// Drops the findings the baseline records; returns how many.
size_t removeBaselined(std::vector<Finding> &Findings, const std::set<std::string> &Known);

} // namespace async_lint::cli

#endif
