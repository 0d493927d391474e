//===--- Runner.cpp - analyses translation units in parallel --------------===//

#include "Runner.h"
#include "CrossUnitLink.h"
#include "FindingConversion.h"
#include "Paths.h"
#include "UnitAnalyzer.h"
#include "UnitResultCodec.h"
#include "WorkerPool.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace async_lint::cli {
namespace {

/// "[12/240] 3 findings, 0:12 elapsed, about 3:40 left", rewritten in place on stderr.
class ProgressLine {
public:
  ProgressLine(bool Enabled, size_t Total) : Enabled(Enabled), Total(Total) {}

  void update(size_t Done, size_t Findings) {
    if (!Enabled)
      return;
    auto Elapsed = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - Start).count();
    long Left = Done ? Elapsed * static_cast<long>(Total - Done) / static_cast<long>(Done) : 0;
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %zu findings, %ld:%02ld elapsed, about %ld:%02ld left",
                 Done, Total, Findings, Elapsed / 60, Elapsed % 60, Left / 60, Left % 60);
    std::fflush(stderr);
  }

  void finish() {
    if (Enabled)
      std::fprintf(stderr, "\r\033[K");
  }

private:
  using Clock = std::chrono::steady_clock;
  bool Enabled;
  size_t Total;
  Clock::time_point Start = Clock::now();
};

/// A unit whose analysis did not finish: Problem ("analysis crashed (signal 11)") names it.
UnitResult unfinishedUnit(const std::string &File, const std::string &Problem) {
  UnitResult Unfinished;
  Unfinished.File = File;
  Unfinished.Compiled = false;
  Unfinished.CompileErrors.push_back(
      locationlessError(relativeTo(File, currentDirectory()) + ": " + Problem));
  return Unfinished;
}

UnitResult resultOf(const std::string &File, WorkOutcome Outcome, unsigned Timeout) {
  switch (Outcome.How) {
  case WorkOutcome::Ending::Answered:
    try {
      return decodeUnitResult(Outcome.Answer);
    } catch (const std::exception &Error) {
      return unfinishedUnit(File, Error.what());
    }
  case WorkOutcome::Ending::Crashed:
    return unfinishedUnit(File, Outcome.Signal ? "analysis crashed (signal " +
                                                     std::to_string(Outcome.Signal) + ")"
                                               : "analysis crashed (exit status " +
                                                     std::to_string(Outcome.ExitStatus) + ")");
  case WorkOutcome::Ending::TimedOut:
    return unfinishedUnit(File, "analysis timed out after " + std::to_string(Timeout) + " s");
  }
  return unfinishedUnit(File, "analysis failed");
}

/// Test-only (tests/cli/e2e/isolation.py): ASYNC_LINT_TEST_HANG_ON=NAME makes the worker
/// hang on the unit whose file is named NAME, as an endless analysis would.
void hangIfAsked(const std::string &File) {
  const char *Name = std::getenv("ASYNC_LINT_TEST_HANG_ON");
  if (Name && *Name && llvm::sys::path::filename(File) == Name)
    for (;;)
      pause();
}

/// What a worker process keeps from one unit to the next.
struct WorkerState {
  WorkerState(const ConfigBase &Config, SourceFiles &Sources,
              const clang::tooling::CompilationDatabase &Database)
      : Analyzer(Config, Unreported, Sources, Database) {}
  // The supervisor has read every unit's configuration already (selectChecks), so it knows
  // every malformed file: the worker's own findings of them go nowhere.
  ConfigErrors Unreported;
  UnitAnalyzer Analyzer;
};

bool matches(const std::string &Pattern, const std::string &File) {
  llvm::Regex Regex(Pattern);
  return Regex.isValid() && Regex.match(File);
}

void addUnit(UnitResult Unit, const std::string &Root, Report &Into) {
  Into.Units.push_back(Unit.File);
  if (!Unit.Compiled)
    Into.FailedUnits.push_back(Unit.File);
  for (Finding &F : Unit.Findings)
    if (isReported(F.Where.File, Unit.File, Root, Unit.Filters))
      Into.Findings.push_back(std::move(F));
  for (Finding &Error : Unit.CompileErrors)
    Into.CompileErrors.push_back(std::move(Error));
  for (std::string &Line : Unit.ConfigurationErrors)
    if (!llvm::is_contained(Into.ConfigurationErrors, Line))
      Into.ConfigurationErrors.push_back(std::move(Line));
  Into.Summaries.push_back({Unit.File, Unit.Filters, std::move(Unit.Summary)});
}

} // namespace

bool isReported(const std::string &File, const std::string &MainFile, const std::string &Root,
                const HeaderFilters &Filters) {
  if (File == MainFile)
    return true;
  if (File.empty())
    return false;
  if (Filters.Include ? !matches(*Filters.Include, File) : !isUnder(File, Root))
    return false;
  return !(Filters.Exclude && !Filters.Exclude->empty() && matches(*Filters.Exclude, File));
}

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  std::sort(Findings.begin(), Findings.end(), [](const Finding &A, const Finding &B) {
    if (!(A.Where == B.Where))
      return A.Where < B.Where;
    return std::tie(A.Check, A.Message) < std::tie(B.Check, B.Message);
  });
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [](const Finding &A, const Finding &B) { return A.sameAs(B); }),
                 Findings.end());
}

Report analyseUnits(const CompilationUnits &Units, const ConfigBase &Config,
                    const RunSettings &Settings, const ConfigErrors &ConfigFiles,
                    SourceFiles &Sources) {
  std::vector<UnitResult> Results(Units.Files.size());
  size_t Done = 0, FindingsSoFar = 0;
  ProgressLine Progress(Settings.Progress, Units.Files.size());

  auto StartWorker = [&]() -> WorkerJob {
    auto State = std::make_shared<WorkerState>(Config, Sources, *Units.Database);
    return [State, &Units](size_t I) {
      hangIfAsked(Units.Files[I]);
      return encodeUnitResult(State->Analyzer.analyse(Units.Files[I]));
    };
  };
  auto Collect = [&](size_t I, WorkOutcome Outcome) {
    Results[I] = resultOf(Units.Files[I], std::move(Outcome), Settings.UnitTimeout);
    FindingsSoFar += Results[I].Findings.size();
    Progress.update(++Done, FindingsSoFar);
  };
  runInWorkers(Units.Files.size(), {Settings.Jobs, Settings.UnitTimeout}, StartWorker, Collect);
  Progress.finish();

  Report Result;
  for (UnitResult &Unit : Results)
    addUnit(std::move(Unit), Units.Root, Result);
  linkUnits(Result.Summaries, Units.Root, Sources, Result.Findings); // across units
  std::vector<std::string> BadFiles = ConfigFiles.lines();
  Result.ConfigurationErrors.insert(Result.ConfigurationErrors.begin(), BadFiles.begin(),
                                    BadFiles.end());
  sortAndDeduplicate(Result.Findings);
  sortAndDeduplicate(Result.CompileErrors);
  return Result;
}

} // namespace async_lint::cli
