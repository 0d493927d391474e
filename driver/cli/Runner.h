//===--- Runner.h - analyses translation units in parallel ----------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_RUNNER_H
#define ASYNC_LINT_DRIVER_CLI_RUNNER_H

#include "ChangedLines.h"
#include "CompilationUnits.h"
#include "ProjectConfig.h"
#include "ResultCache.h"
#include "SourceFiles.h"

namespace async_lint::cli {

struct RunSettings {
  unsigned Jobs = 1;
  unsigned UnitTimeout = DefaultUnitTimeout; // seconds; 0 = no limit
  bool Progress = false; // a progress line on stderr (only when stderr is a terminal)
  const ResultCache *Cache = nullptr;    // null: every unit is analysed, nothing is kept
  const ChangedLines *Changes = nullptr; // --changed-since: only the units it affects
};

/// What the summary line says about a run besides its report.
struct RunCounts {
  size_t FromCache = 0;     // units whose result came from the cache
  size_t Unaffected = 0;    // --changed-since: units left out, none of their files changed
  std::string CacheProblem; // why a result could not be stored, if one could not
};

/// Analyses every unit in Jobs worker processes and gathers one report: findings in the
/// project's files only (the root and the header filters), each finding once however many
/// units include its header, sorted by position. A unit whose worker crashes or runs past
/// UnitTimeout is reported as not analysed; the others are not affected. ConfigFiles holds
/// the malformed configuration files, already found while reading each unit's configuration
/// (see selectChecks): they lead the report's configuration errors. The units' summaries
/// are linked (CrossUnitLink.h) and kept in the report.
///
/// With a cache, a unit whose inputs are unchanged takes its result from it, and every unit
/// analysed completely (it compiled, no configuration error) stores its result there. With
/// Changes, a unit is left out when its current cached result shows that none of its files
/// changed.
Report analyseUnits(const CompilationUnits &Units, const ConfigBase &Config,
                    const RunSettings &Settings, const ConfigErrors &ConfigFiles,
                    SourceFiles &Sources, RunCounts &Counts);

/// Whether a finding in File is reported for a unit whose main file is MainFile.
bool isReported(const std::string &File, const std::string &MainFile, const std::string &Root,
                const HeaderFilters &Filters);

/// Sorts by position and drops findings that are the same as the one before.
void sortAndDeduplicate(std::vector<Finding> &Findings);

} // namespace async_lint::cli

#endif
