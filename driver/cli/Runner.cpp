//===--- Runner.cpp - analyses translation units in parallel --------------===//

#include "Runner.h"
#include "UnitAnalyzer.h"
#include "FindingConversion.h"
#include "Paths.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace async_lint::cli {
namespace {

/// "[12/240] 3 findings, 0:12 elapsed, about 3:40 left", rewritten in place on stderr.
class ProgressLine {
public:
  ProgressLine(bool Enabled, size_t Total) : Enabled(Enabled), Total(Total) {}

  void update(size_t Done, size_t Findings) {
    if (!Enabled)
      return;
    std::lock_guard<std::mutex> Guard(Lock);
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
  std::mutex Lock;
};

UnitResult crashedUnit(const std::string &File) {
  UnitResult Crashed;
  Crashed.File = File;
  Crashed.Compiled = false;
  Crashed.CompileErrors.push_back(
      locationlessError("the analysis of " + File + " crashed (in clang or in a check)"));
  return Crashed;
}

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
                    const RunSettings &Settings, SourceFiles &Sources) {
  ConfigErrors BadConfigFiles;
  std::vector<UnitResult> Results(Units.Files.size());
  std::atomic<size_t> Next = 0, Done = 0, FindingsSoFar = 0;
  ProgressLine Progress(Settings.Progress, Units.Files.size());

  auto Work = [&] {
    auto Analyzer = std::make_unique<UnitAnalyzer>(Config, BadConfigFiles, Sources,
                                                   *Units.Database);
    for (size_t I = Next++; I < Units.Files.size(); I = Next++) {
      // A crash in clang or a check loses one unit, not the run: the unit is reported as
      // not analysed, and the thread starts again from a fresh analyzer.
      llvm::CrashRecoveryContext Recovery;
      if (!Recovery.RunSafely([&] { Results[I] = Analyzer->analyse(Units.Files[I]); })) {
        Results[I] = crashedUnit(Units.Files[I]);
        (void)Analyzer.release(); // its state is unknown after the crash: leak it, never reuse it
        Analyzer = std::make_unique<UnitAnalyzer>(Config, BadConfigFiles, Sources,
                                                  *Units.Database);
      }
      FindingsSoFar += Results[I].Findings.size();
      Progress.update(++Done, FindingsSoFar);
    }
  };
  llvm::CrashRecoveryContext::Enable();
  unsigned Threads = std::max<size_t>(1, std::min<size_t>(Settings.Jobs, Units.Files.size()));
  std::vector<std::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back(Work);
  Work(); // the main thread is one of the workers: -j1 starts no thread at all
  for (std::thread &Thread : Pool)
    Thread.join();
  Progress.finish();

  Report Result;
  for (UnitResult &Unit : Results)
    addUnit(std::move(Unit), Units.Root, Result);
  std::vector<std::string> BadFiles = BadConfigFiles.lines();
  Result.ConfigurationErrors.insert(Result.ConfigurationErrors.begin(), BadFiles.begin(),
                                    BadFiles.end());
  sortAndDeduplicate(Result.Findings);
  sortAndDeduplicate(Result.CompileErrors);
  return Result;
}

} // namespace async_lint::cli
