//===--- CliOptions.h - async-lint's command line -------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CLIOPTIONS_H
#define ASYNC_LINT_DRIVER_CLI_CLIOPTIONS_H

#include "Finding.h"
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace async_lint::cli {

enum class OutputFormat { Text, Json, Sarif };

/// What makes the exit status 1: findings at or above this level.
enum class FailOn { Warning, Error, Never };

struct Shard {
  unsigned Index = 1; // 1-based, as written: --shard 2/4
  unsigned Count = 1;
};

/// Seconds after which a unit's analysis is given up (--unit-timeout): generous, since a
/// large unit can take a minute to parse on a slow machine; it only has to end a hang.
inline constexpr unsigned DefaultUnitTimeout = 600;

struct CliOptions {
  enum class Mode { Analyse, Merge, ListChecks, Explain, Version, Help } Action = Mode::Analyse;

  std::vector<std::string> Paths;               // files or directories; merge: its inputs
  std::optional<std::vector<std::string>> CompilerFlags; // after `--`: no database
  std::string BuildPath;                        // -p
  std::optional<std::string> Checks;            // --checks, appended to the configuration's
  std::string ConfigFile;                       // --config-file
  std::string Root;                             // --root
  std::optional<std::string> HeaderFilter;      // --header-filter
  std::optional<std::string> ExcludeHeaderFilter;
  unsigned Jobs = 0;                            // -j; 0 = number of cores
  std::optional<unsigned> UnitTimeout;          // --unit-timeout; 0 = no limit
  OutputFormat Format = OutputFormat::Text;
  bool FormatGiven = false;
  std::string OutputPath;                       // --output; empty = stdout
  std::string Baseline;                         // --baseline
  std::string WriteBaseline;                    // --write-baseline
  FailOn Threshold = FailOn::Warning;
  bool Fix = false;
  std::string ExportFixes;
  std::optional<Shard> Slice;
  std::string ExplainCheck;
  bool Quiet = false; // no summary line on stderr
  std::string CacheDir;                         // --cache-dir; empty = beside the database
  bool NoCache = false;                         // --no-cache
  std::optional<std::uint64_t> CacheSize;       // --cache-size, in bytes; 0 = no limit
  std::optional<std::string> ChangedSince;      // --changed-since: a git revision
  std::string IndexPath;                        // --index; empty = the default
  bool NoIndex = false;                         // --no-index
};

/// Parses argv[1..]; on a usage error returns one line naming the argument and the problem.
std::variant<CliOptions, std::string> parseCommandLine(const std::vector<std::string> &Args);

/// The --help text.
const char *usageText();

/// Every option the command line accepts ("-j", "--checks", ...): --help must name each.
std::vector<std::string> optionNames();

} // namespace async_lint::cli

#endif
