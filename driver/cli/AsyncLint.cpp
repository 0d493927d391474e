//===--- AsyncLint.cpp - the async-lint command ---------------------------===//

#include "AsyncLint.h"
#include "Baseline.h"
#include "ChangedLines.h"
#include "CheckDocs.h"
#include "CheckSelection.h"
#include "CliOptions.h"
#include "CompilationUnits.h"
#include "CrossUnitLink.h"
#include "Fingerprints.h"
#include "Fixes.h"
#include "JsonReport.h"
#include "Paths.h"
#include "ResultCache.h"
#include "Runner.h"
#include "Sarif.h"
#include "TextOutput.h"
#include "UnitAnalyzer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include <fstream>
#include <sstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace async_lint::cli {
namespace {

ExitCode usageError(const std::string &Line) {
  std::cerr << "error: " << Line << '\n';
  return ExitCode::UsageError;
}

/// Whether a finding at Level makes the run fail under --fail-on Threshold.
bool failsAt(Severity Level, FailOn Threshold) {
  return Threshold == FailOn::Warning ? Level != Severity::Note
                                      : Threshold == FailOn::Error && Level == Severity::Error;
}

/// The exit status a report deserves (a configuration error outranks a failed unit, which
/// outranks findings: the first two mean the findings cannot be trusted to be complete).
ExitCode verdict(const Report &R, FailOn Threshold) {
  if (!R.ConfigurationErrors.empty())
    return ExitCode::UsageError;
  if (!R.FailedUnits.empty())
    return ExitCode::Incomplete;
  bool Failing =
      llvm::any_of(R.Findings, [&](const Finding &F) { return failsAt(F.Level, Threshold); });
  return Failing ? ExitCode::Findings : ExitCode::Clean;
}

/// verdict() for a merged SARIF log, whose notifications say what went wrong.
ExitCode sarifVerdict(const nlohmann::json &Log, FailOn Threshold) {
  bool Failing = false, Incomplete = false;
  for (const nlohmann::json &Run : Log.at("runs")) {
    for (const nlohmann::json &Invocation : Run.value("invocations", nlohmann::json::array())) {
      Incomplete |= !Invocation.value("executionSuccessful", true);
      for (const nlohmann::json &Notification :
           Invocation.value("toolExecutionNotifications", nlohmann::json::array()))
        if (Notification.value("descriptor", nlohmann::json::object()).value("id", "") ==
            "configuration-error")
          return ExitCode::UsageError;
    }
    for (const nlohmann::json &Result : Run.value("results", nlohmann::json::array())) {
      std::string Level = Result.value("level", "warning");
      Severity S = Level == "error" ? Severity::Error
                   : Level == "note" ? Severity::Note
                                     : Severity::Warning;
      Failing |= failsAt(S, Threshold);
    }
  }
  if (Incomplete)
    return ExitCode::Incomplete;
  return Failing ? ExitCode::Findings : ExitCode::Clean;
}

/// Writes Text to --output, or stdout. Returns false (and says why) on failure.
bool emit(const CliOptions &Options, const std::string &Text) {
  if (Options.OutputPath.empty()) {
    std::cout << Text << std::flush;
    return true;
  }
  std::ofstream Out(Options.OutputPath);
  Out << Text;
  if (!Out)
    std::cerr << "error: cannot write '" << Options.OutputPath << "'\n";
  return static_cast<bool>(Out);
}

std::string render(const Report &R, const CliOptions &Options, const std::string &Root,
                   const std::vector<std::string> &Checks, SourceFiles &Sources) {
  switch (Options.Format) {
  case OutputFormat::Json:
    return toJson(R, Root, ASYNC_LINT_VERSION).dump(2) + "\n";
  case OutputFormat::Sarif: {
    Report InUtf16 = R; // SARIF counts columns in UTF-16 code units, clang in bytes
    useUtf16Columns(InUtf16, Sources);
    return toSarif(InUtf16, {Root, ASYNC_LINT_VERSION, LLVM_VERSION_STRING, Checks}).dump(2) +
           "\n";
  }
  case OutputFormat::Text: {
    std::ostringstream Out;
    TextStyle Style{Options.OutputPath.empty() && isatty(STDOUT_FILENO), currentDirectory()};
    writeText(R, Style, Sources, Out);
    return Out.str();
  }
  }
  return "";
}

/// What the summary line says besides the report.
struct RunFacts {
  size_t Baselined = 0;      // findings left out because the baseline has them
  size_t SkippedEntries = 0; // compile commands that do not compile C++
  const CheckSelection &Checks;
  const RunCounts &Counts;
};

void summarise(const Report &R, const RunFacts &Facts, const CliOptions &Options) {
  if (!Facts.Counts.CacheProblem.empty())
    std::cerr << "warning: " << Facts.Counts.CacheProblem << '\n';
  for (const std::string &Line : R.ConfigurationErrors)
    std::cerr << "error: " << Line << '\n';
  for (const std::string &Unit : R.FailedUnits)
    std::cerr << "error: " << relativeTo(Unit, currentDirectory())
              << ": analysis incomplete (did not compile, crashed or timed out); its findings "
                 "are missing\n";
  if (Options.Quiet)
    return;
  std::cerr << "async-lint: " << R.Findings.size()
            << (R.Findings.size() == 1 ? " finding" : " findings");
  if (Options.ChangedSince)
    std::cerr << " on lines changed since " << *Options.ChangedSince;
  if (Facts.Baselined)
    std::cerr << " (" << Facts.Baselined << " more in the baseline)";
  std::cerr << " in " << R.Units.size()
            << (R.Units.size() == 1 ? " translation unit" : " translation units");
  if (Facts.Counts.FromCache)
    std::cerr << " (" << Facts.Counts.FromCache << " from the cache)";
  if (!R.FailedUnits.empty())
    std::cerr << ", " << R.FailedUnits.size() << " of them incomplete";
  if (Facts.Counts.Unaffected)
    std::cerr << ", " << Facts.Counts.Unaffected
              << (Facts.Counts.Unaffected == 1 ? " unchanged one" : " unchanged ones")
              << " not analysed";
  if (Facts.SkippedEntries)
    std::cerr << ", " << Facts.SkippedEntries
              << (Facts.SkippedEntries == 1 ? " non-C++ entry" : " non-C++ entries")
              << " skipped";
  // "0 findings" must never hide that some checks did not run.
  if (Facts.Checks.Enabled.size() != Facts.Checks.All.size())
    std::cerr << "; " << Facts.Checks.Enabled.size() << " of " << Facts.Checks.All.size()
              << " async checks ran: " << llvm::join(Facts.Checks.Enabled, ", ");
  std::cerr << '\n';
}

/// Applies the fix-its; the findings whose fix-it was applied are no longer counted.
void fixInPlace(Report &R, const CliOptions &Options) {
  FixOutcome Outcome = applyFixes(R.Findings);
  for (const Finding *F : Outcome.Conflicting)
    std::cerr << "note: " << F->Where.File << ':' << F->Where.Line << ':' << F->Where.Column
              << ": fix-it of [" << F->Check << "] not applied: it overlaps another fix-it\n";
  for (const std::string &Line : Outcome.Errors)
    std::cerr << "error: " << Line << '\n';
  if (!Options.Quiet)
    std::cerr << "async-lint: applied " << Outcome.Applied.size() << " fix-its\n";
  std::set<const Finding *> Fixed(Outcome.Applied.begin(), Outcome.Applied.end());
  std::vector<Finding> Remaining;
  for (const Finding &F : R.Findings)
    if (!Fixed.count(&F))
      Remaining.push_back(F);
  R.Findings = std::move(Remaining);
}

/// The cache the options ask for: --cache-dir, else beside the compilation database (with
/// `--` flags there is none, and no directory that is the project's own to write in). Null
/// when there is none, or (after a warning) when it cannot be used.
std::unique_ptr<ResultCache> openCache(const CliOptions &Options,
                                       const CompilationUnits &Units) {
  std::string Directory = Options.CacheDir;
  if (Directory.empty() && !Units.DatabaseDirectory.empty())
    Directory = Units.DatabaseDirectory + "/" + DefaultCacheDirectoryName;
  if (Options.NoCache || Directory.empty())
    return nullptr;
  auto Opened = ResultCache::open(Directory, Options.CacheSize.value_or(DefaultCacheSize));
  if (auto *Problem = std::get_if<std::string>(&Opened)) {
    std::cerr << "warning: " << *Problem << "; analysing without it\n";
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<ResultCache>>(Opened));
}

/// Writes the index of the units a run analysed where the options ask for it: --index, else
/// beside the compilation database (a shard's summaries go to `merge` in its json instead).
void writeRunIndex(const CliOptions &Options, const CompilationUnits &Units, const Report &R) {
  std::string Path = Options.IndexPath;
  if (Path.empty() && !Options.Slice && !Units.DatabaseDirectory.empty())
    Path = defaultIndexPath(Units.DatabaseDirectory);
  if (Options.NoIndex || Path.empty())
    return;
  if (auto Problem = writeIndex(Path, indexOf(R.Summaries)))
    std::cerr << "warning: " << *Problem << '\n';
}

ExitCode analyse(const CliOptions &Options) {
  auto Base = makeConfigBase(Options);
  if (auto *Error = std::get_if<std::string>(&Base))
    return usageError(*Error);
  std::optional<std::set<std::string>> Baseline;
  if (!Options.Baseline.empty()) {
    auto Read = readBaseline(Options.Baseline);
    if (auto *Error = std::get_if<std::string>(&Read))
      return usageError(*Error);
    Baseline = std::get<std::set<std::string>>(Read);
  }
  auto Selected = selectUnits(Options);
  if (auto *Error = std::get_if<std::string>(&Selected))
    return usageError(*Error);
  const CompilationUnits &Units = std::get<CompilationUnits>(Selected);
  const ConfigBase &Config = std::get<ConfigBase>(Base);
  ConfigErrors ConfigFiles;
  auto Checks = selectChecks(Config, Units.Files.empty() // an empty shard: the root's checks
                                         ? std::vector<std::string>{Units.Root + "/unit.cpp"}
                                         : Units.Files,
                             ConfigFiles);
  if (auto *Error = std::get_if<std::string>(&Checks)) {
    for (const std::string &Line : ConfigFiles.lines())
      std::cerr << "error: " << Line << '\n';
    return usageError(*Error);
  }
  const CheckSelection &Selection = std::get<CheckSelection>(Checks);
  std::optional<ChangedLines> Changes;
  if (Options.ChangedSince) {
    auto Changed = changedSince(*Options.ChangedSince, Units.Root);
    if (auto *Error = std::get_if<std::string>(&Changed))
      return usageError(*Error);
    Changes = std::move(std::get<ChangedLines>(Changed));
  }
  std::unique_ptr<ResultCache> Cache = openCache(Options, Units);

  SourceFiles Sources;
  RunSettings Settings;
  Settings.Jobs = Options.Jobs ? Options.Jobs : std::max(1u, std::thread::hardware_concurrency());
  Settings.UnitTimeout = Options.UnitTimeout.value_or(DefaultUnitTimeout);
  Settings.Progress = isatty(STDERR_FILENO) && !Options.Quiet;
  Settings.Cache = Cache.get();
  Settings.Changes = Changes ? &*Changes : nullptr;
  RunCounts Counts;
  Report R = analyseUnits(Units, Config, Settings, ConfigFiles, Sources, Counts);
  if (Cache)
    Cache->evict();
  writeRunIndex(Options, Units, R);
  if (!Options.Slice) // only a shard's json carries the summaries, for `merge` to link
    R.Summaries.clear();
  // Fingerprints count occurrences among all of a file's findings: before the filter.
  assignFingerprints(R.Findings, Units.Root, Sources);
  if (Changes)
    removeUnchanged(R.Findings, *Changes);
  size_t Baselined = Baseline ? removeBaselined(R.Findings, *Baseline) : 0;

  if (!Options.WriteBaseline.empty())
    if (auto Error = writeBaseline(Options.WriteBaseline, R, Units.Root))
      return usageError(*Error);
  if (!Options.ExportFixes.empty())
    if (auto Error = exportFixes(Options.ExportFixes, R.Findings))
      return usageError(*Error);
  if (!emit(Options, render(R, Options, Units.Root, Selection.Enabled, Sources)))
    return ExitCode::UsageError;
  summarise(R, {Baselined, Units.SkippedEntries, Selection, Counts}, Options);
  if (Options.Fix)
    fixInPlace(R, Options);
  // A written baseline accepts what it recorded: that run has nothing new.
  if (!Options.WriteBaseline.empty())
    R.Findings.clear();
  return verdict(R, Options.Threshold);
}

std::optional<nlohmann::json> readJsonFile(const std::string &Path, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read '" + Path + "'";
    return std::nullopt;
  }
  nlohmann::json Json = nlohmann::json::parse(In, nullptr, false);
  if (Json.is_discarded()) {
    Error = "'" + Path + "' is not valid json";
    return std::nullopt;
  }
  return Json;
}

ExitCode merge(const CliOptions &Options) {
  std::vector<nlohmann::json> Inputs;
  for (const std::string &Path : Options.Paths) {
    std::string Error;
    auto Json = readJsonFile(Path, Error);
    if (!Json)
      return usageError("merge: " + Error);
    Inputs.push_back(std::move(*Json));
  }
  bool Sarif = Inputs.front().contains("runs");
  for (size_t I = 0; I < Inputs.size(); ++I)
    if (Inputs[I].contains("runs") != Sarif)
      return usageError("merge: '" + Options.Paths[I] + "' is not in the format of '" +
                        Options.Paths[0] + "' (json and sarif cannot be mixed)");
  if (Sarif) {
    if (Options.FormatGiven && Options.Format != OutputFormat::Sarif)
      return usageError("merge: sarif inputs merge into sarif only");
    for (size_t I = 0; I < Inputs.size(); ++I)
      try {
        mergeSarif({Inputs[I]}); // alone first, so that an error names its file
      } catch (const std::exception &Error) {
        return usageError("merge: '" + Options.Paths[I] + "': " + Error.what());
      }
    try {
      nlohmann::json Merged = mergeSarif(Inputs);
      if (!emit(Options, Merged.dump(2) + "\n"))
        return ExitCode::UsageError;
      return sarifVerdict(Merged, Options.Threshold);
    } catch (const std::exception &Error) {
      return usageError(std::string("merge: ") + Error.what());
    }
  }
  std::vector<Report> Parts;
  std::string Root; // the first input's: paths under another shard's root stay absolute
  for (size_t I = 0; I < Inputs.size(); ++I) {
    try {
      std::string PartRoot;
      Parts.push_back(fromJson(Inputs[I], PartRoot));
      if (I == 0)
        Root = PartRoot;
    } catch (const std::exception &Error) {
      return usageError("merge: '" + Options.Paths[I] + "': " + Error.what());
    }
  }
  Report Merged = mergeReports(std::move(Parts));
  SourceFiles Sources;
  if (!Merged.Summaries.empty()) { // shards: link across all of their units
    linkUnits(Merged.Summaries, Root, Sources, Merged.Findings);
    sortAndDeduplicate(Merged.Findings);
    fingerprintCrossUnit(Merged.Findings, Root, Sources);
    if (!Options.IndexPath.empty())
      if (auto Problem = writeIndex(Options.IndexPath, indexOf(Merged.Summaries)))
        std::cerr << "warning: " << *Problem << '\n';
    Merged.Summaries.clear();
  }
  CliOptions Output = Options;
  if (!Options.FormatGiven)
    Output.Format = OutputFormat::Json;
  std::vector<std::string> Checks;
  for (const CheckDoc &Doc : checkDocs())
    Checks.push_back(Doc.Name);
  if (!emit(Output, render(Merged, Output, Root, Checks, Sources)))
    return ExitCode::UsageError;
  return verdict(Merged, Options.Threshold);
}

ExitCode explain(const std::string &Check) {
  if (const CheckDoc *Doc = findCheckDoc(Check)) {
    std::cout << Doc->Markdown;
    return ExitCode::Clean;
  }
  std::string Known;
  for (const CheckDoc &Doc : checkDocs())
    Known += (Known.empty() ? "" : ", ") + Doc.Name;
  return usageError("unknown check '" + Check + "'; the checks are: " + Known);
}

ExitCode listChecks(const CliOptions &Options) {
  auto Base = makeConfigBase(Options);
  if (auto *Error = std::get_if<std::string>(&Base))
    return usageError(*Error);
  for (const std::string &Check : enabledChecks(std::get<ConfigBase>(Base),
                                                currentDirectory() + "/unit.cpp"))
    std::cout << Check << '\n';
  return ExitCode::Clean;
}

} // namespace

ExitCode runAsyncLint(const std::vector<std::string> &Args) {
  auto Parsed = parseCommandLine(Args);
  if (auto *Error = std::get_if<std::string>(&Parsed))
    return usageError(*Error);
  const CliOptions &Options = std::get<CliOptions>(Parsed);
  switch (Options.Action) {
  case CliOptions::Mode::Help:
    std::cout << usageText();
    return ExitCode::Clean;
  case CliOptions::Mode::Version:
    std::cout << "async-lint " << ASYNC_LINT_VERSION << " (LLVM " << LLVM_VERSION_STRING << ")\n";
    return ExitCode::Clean;
  case CliOptions::Mode::Explain:
    return explain(Options.ExplainCheck);
  case CliOptions::Mode::ListChecks:
    return listChecks(Options);
  case CliOptions::Mode::Merge:
    return merge(Options);
  case CliOptions::Mode::Analyse:
    return analyse(Options);
  }
  return ExitCode::UsageError;
}

} // namespace async_lint::cli
