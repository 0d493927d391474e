//===--- Runner.cpp - analyses translation units in parallel --------------===//

#include "Runner.h"
#include "CacheKey.h"
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

UnitResult resultOf(const std::string &File, const WorkOutcome &Outcome, unsigned Timeout) {
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
              const clang::tooling::CompilationDatabase &Database, bool RecordInputs)
      : Analyzer(Config, Unreported, Sources, Database, RecordInputs) {}
  // The supervisor has read every unit's configuration already (selectChecks), so it knows
  // every malformed file: the worker's own findings of them go nowhere.
  ConfigErrors Unreported;
  UnitAnalyzer Analyzer;
};

/// What the cache and --changed-since decide before any unit is analysed.
struct UnitPlan {
  std::vector<std::optional<UnitResult>> Results; // per unit: from the cache
  std::vector<bool> SummaryOnly; // per unit: left out by --changed-since, only its summary counts
  std::vector<std::string> Keys;                  // per unit: its cache key, with a cache
  std::vector<size_t> ToAnalyse;                  // the units left for the workers
};

/// Whether Changes leaves out a unit whose cached result is current: neither its main file
/// nor any file it read changed. (A result that is not current says nothing: the edited files
/// may include others now.)
bool unaffected(const std::string &File, const UnitResult &Current, const ChangedLines &Changes) {
  return !Changes.touches(File) &&
         llvm::none_of(Current.Inputs,
                       [&](const InputFile &Input) { return Changes.touches(Input.Path); });
}

UnitPlan planUnits(const CompilationUnits &Units, const ConfigBase &Config,
                   const RunSettings &Settings, RunCounts &Counts) {
  size_t Count = Units.Files.size();
  UnitPlan Plan;
  Plan.Results.resize(Count);
  Plan.SummaryOnly.resize(Count);
  if (!Settings.Cache) {
    for (size_t I = 0; I < Count; ++I)
      Plan.ToAnalyse.push_back(I);
    return Plan;
  }
  CacheKeys Keys(Config, *Units.Database);
  FileHashes Hashes; // each header once, however many units include it
  Plan.Keys.resize(Count);
  for (size_t I = 0; I < Count; ++I) {
    Plan.Keys[I] = Keys.keyOf(Units.Files[I]);
    std::optional<UnitResult> Cached = Settings.Cache->lookup(Plan.Keys[I]);
    if (!Cached || !ResultCache::isCurrent(*Cached, Hashes)) {
      Plan.ToAnalyse.push_back(I);
      continue;
    }
    Settings.Cache->touch(Plan.Keys[I]);
    bool Unaffected = Settings.Changes && unaffected(Units.Files[I], *Cached, *Settings.Changes);
    // A unit left out still lends its summary to the link step: a changed coroutine elsewhere
    // may call into it.
    Plan.SummaryOnly[I] = Unaffected;
    ++(Unaffected ? Counts.Unaffected : Counts.FromCache);
    Plan.Results[I] = std::move(Cached);
  }
  return Plan;
}

/// Whether a unit's result may be reused: a unit that did not compile, crashed or timed out
/// is tried again, and a configuration error (a bad rule pack) is reported once per worker,
/// not by every unit that would bring it back from the cache.
bool cacheable(const WorkOutcome &Outcome, const UnitResult &Result) {
  return Outcome.How == WorkOutcome::Ending::Answered && Result.Compiled &&
         Result.ConfigurationErrors.empty();
}

bool matches(const std::string &Pattern, const std::string &File) {
  llvm::Regex Regex(Pattern);
  return Regex.isValid() && Regex.match(File);
}

UnitSummaryRecord summaryRecord(UnitResult Unit) {
  return {std::move(Unit.File), std::move(Unit.Filters), std::move(Unit.Summary)};
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
  Into.Summaries.push_back(summaryRecord(std::move(Unit)));
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
                    SourceFiles &Sources, RunCounts &Counts) {
  UnitPlan Plan = planUnits(Units, Config, Settings, Counts);
  std::vector<std::optional<UnitResult>> &Results = Plan.Results;
  const std::vector<size_t> &ToAnalyse = Plan.ToAnalyse;
  size_t Done = Counts.FromCache, FindingsSoFar = 0;
  for (size_t I = 0; I < Results.size(); ++I)
    FindingsSoFar += Results[I] && !Plan.SummaryOnly[I] ? Results[I]->Findings.size() : 0;
  ProgressLine Progress(Settings.Progress, ToAnalyse.size() + Counts.FromCache);

  auto StartWorker = [&]() -> WorkerJob {
    auto State = std::make_shared<WorkerState>(Config, Sources, *Units.Database,
                                               Settings.Cache != nullptr);
    return [State, &Units, &ToAnalyse](size_t I) {
      const std::string &File = Units.Files[ToAnalyse[I]];
      hangIfAsked(File);
      return encodeUnitResult(State->Analyzer.analyse(File));
    };
  };
  auto Collect = [&](size_t I, WorkOutcome Outcome) {
    size_t Unit = ToAnalyse[I];
    UnitResult Result = resultOf(Units.Files[Unit], Outcome, Settings.UnitTimeout);
    if (Settings.Cache && cacheable(Outcome, Result))
      if (auto Problem = Settings.Cache->store(Plan.Keys[Unit], Outcome.Answer))
        Counts.CacheProblem = *Problem;
    FindingsSoFar += Result.Findings.size();
    Results[Unit] = std::move(Result);
    Progress.update(++Done, FindingsSoFar);
  };
  runInWorkers(ToAnalyse.size(), {Settings.Jobs, Settings.UnitTimeout}, StartWorker, Collect);
  Progress.finish();

  Report Result;
  for (size_t I = 0; I < Results.size(); ++I) {
    if (!Results[I])
      continue;
    if (Plan.SummaryOnly[I])
      Result.Summaries.push_back(summaryRecord(std::move(*Results[I])));
    else
      addUnit(std::move(*Results[I]), Units.Root, Result);
  }
  linkUnits(Result.Summaries, Units.Root, Sources, Result.Findings); // across units
  std::vector<std::string> BadFiles = ConfigFiles.lines();
  Result.ConfigurationErrors.insert(Result.ConfigurationErrors.begin(), BadFiles.begin(),
                                    BadFiles.end());
  sortAndDeduplicate(Result.Findings);
  sortAndDeduplicate(Result.CompileErrors);
  return Result;
}

} // namespace async_lint::cli
