//===--- UnitAnalyzer.h - runs the checks on one translation unit ---------===//

#ifndef ASYNC_LINT_DRIVER_CLI_UNITANALYZER_H
#define ASYNC_LINT_DRIVER_CLI_UNITANALYZER_H

#include "Finding.h"
#include "ProjectConfig.h"
#include "SourceFiles.h"
#include "UnitInputs.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>

namespace async_lint::cli {

/// What one translation unit produced, before header filtering and deduplication.
struct UnitResult {
  std::string File;
  bool Compiled = true;
  std::vector<Finding> Findings;
  std::vector<Finding> CompileErrors;
  std::vector<std::string> ConfigurationErrors; // from the checks (e.g. a bad rule pack)
  HeaderFilters Filters;
  std::vector<InputFile> Inputs; // when recorded (for the cache): every file read, sorted
  clang::tidy::async::utils::UnitSummary Summary; // for the link step (CrossUnitLink.h)
};

/// One per analysis thread: clang-tidy's context, options provider and diagnostic consumer
/// are not thread-safe, and are reused from one unit to the next.
class UnitAnalyzer {
public:
  /// With RecordInputs, each result lists the files its parse read (UnitResult::Inputs).
  UnitAnalyzer(const ConfigBase &Config, ConfigErrors &Errors, SourceFiles &Sources,
               const clang::tooling::CompilationDatabase &Database, bool RecordInputs = false);
  ~UnitAnalyzer();

  UnitResult analyse(const std::string &File);

private:
  struct State;
  std::unique_ptr<State> S;
};

/// The checks that File's configuration enables, sorted (for --list-checks and SARIF).
std::vector<std::string> enabledChecks(const ConfigBase &Config, const std::string &File);

} // namespace async_lint::cli

#endif
