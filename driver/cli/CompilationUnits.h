//===--- CompilationUnits.h - which translation units to analyse ----------===//

#ifndef ASYNC_LINT_DRIVER_CLI_COMPILATIONUNITS_H
#define ASYNC_LINT_DRIVER_CLI_COMPILATIONUNITS_H

#include "CliOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include <string>
#include <vector>

namespace async_lint::cli {

struct CompilationUnits {
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  std::vector<std::string> Files; // absolute, sorted, unique; this shard's only
  std::string Root;               // absolute; findings outside it are not reported
  size_t SkippedEntries = 0;      // the selected entries that do not compile C++
  std::string DatabaseDirectory;  // where compile_commands.json is; empty with `--` flags
};

/// Finds the database (-p, upwards from the paths, or the `--` flags), selects the units the
/// paths name and this shard's slice of them, leaving out (and counting) the entries that do
/// not compile C++. Returns the error line on failure, also when nothing is left to analyse.
std::variant<CompilationUnits, std::string> selectUnits(const CliOptions &Options);

/// The K-th of N slices of Files (sorted): every file is in exactly one slice.
std::vector<std::string> shardOf(const std::vector<std::string> &Files, Shard Slice);

} // namespace async_lint::cli

#endif
