//===--- CrossUnitLink.h - findings across translation units --------------===//
//
// The link step of a run and of `merge`: after every unit is analysed, the summaries the
// checks recorded (UnitSummary.h) are linked, the coroutine calls that reach a blocking call
// in another unit are reported, and loops whose started coroutine acquires a limiter in its
// own unit are not; then the summaries are written as the project's index, which the plugin
// and async-lint-clangd read (the SummaryIndex option).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CROSSUNITLINK_H
#define ASYNC_LINT_DRIVER_CLI_CROSSUNITLINK_H

#include "Finding.h"
#include "SourceFiles.h"
#include <optional>

namespace async_lint::cli {

/// Links the summaries of Units (where several define a helper, the first one's facts
/// count): adds a finding (CrossUnit) for each coroutine call that reaches a blocking call
/// through other units, where its unit reports findings (the root, its header filters) and
/// no NOLINT comment silences it; drops each async-unbounded-concurrency finding whose
/// started coroutine acquires a limiter first in the unit that defines it. The findings of
/// an earlier link over some of the units (a shard's) are replaced.
void linkUnits(const std::vector<UnitSummaryRecord> &Units, const std::string &Root,
               SourceFiles &Sources, std::vector<Finding> &Findings);

/// Gives the findings linkUnits added their fingerprints, counted among all the findings as
/// a run counts them. Findings must be sorted.
void fingerprintCrossUnit(std::vector<Finding> &Findings, const std::string &Root,
                          SourceFiles &Sources);

/// The project index: every unit's helpers and limited coroutines (the first unit's facts
/// where several define a helper), without the open calls only a link needs.
clang::tidy::async::utils::UnitSummary indexOf(const std::vector<UnitSummaryRecord> &Units);

/// Writes Index to Path, creating its directory, atomically (a reader never sees half an
/// index). On failure returns the line that says why.
std::optional<std::string> writeIndex(const std::string &Path,
                                      const clang::tidy::async::utils::UnitSummary &Index);

/// Where a run writes its index unless told otherwise: beside the compilation database.
std::string defaultIndexPath(const std::string &DatabaseDirectory);

} // namespace async_lint::cli

#endif
