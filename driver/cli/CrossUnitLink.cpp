//===--- CrossUnitLink.cpp - findings across translation units ------------===//

#include "CrossUnitLink.h"
#include "FindingConversion.h"
#include "Fingerprints.h"
#include "NoLint.h"
#include "Paths.h"
#include "Runner.h"
#include "utils/SummaryLink.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

namespace async_lint::cli {
namespace {

namespace utils = clang::tidy::async::utils;

/// Summaries name files as clang opened them; findings by their real paths.
class RealPaths {
public:
  const std::string &of(const std::string &File) {
    auto [Known, New] = Paths.try_emplace(File);
    if (New)
      Known->second = realPath(File);
    return Known->second;
  }

private:
  std::map<std::string, std::string> Paths;
};

Finding crossUnitFinding(const utils::CoroutineCall &Call, const utils::LinkedFinding &Linked,
                         RealPaths &Real, SourceFiles &Sources) {
  Finding F;
  F.Check = utils::ChainCheckName;
  F.Level = Call.AsError ? Severity::Error : Severity::Warning;
  F.Where = pointPosition(Real.of(Call.At.File), Call.At.Offset, Call.At.Length, Sources);
  F.Message = Linked.Message;
  for (const auto &[At, Text] : Linked.Notes)
    F.Notes.push_back({pointPosition(Real.of(At.File), At.Offset, 0, Sources), Text});
  F.Function = Call.Function;
  F.CrossUnit = true;
  return F;
}

} // namespace

void linkUnits(const std::vector<UnitSummaryRecord> &Units, const std::string &Root,
               SourceFiles &Sources, std::vector<Finding> &Findings) {
  std::vector<const utils::UnitSummary *> Summaries;
  for (const UnitSummaryRecord &Unit : Units)
    Summaries.push_back(&Unit.Summary);
  utils::SummaryLinker Linker(std::move(Summaries));
  RealPaths Real;

  // An earlier link's findings are at open calls; bounded starts are no findings.
  std::set<std::pair<std::string, unsigned>> Relinked, Bounded;
  for (const UnitSummaryRecord &Unit : Units) {
    for (const utils::CoroutineCall &Call : Unit.Summary.OpenCalls)
      Relinked.emplace(Real.of(Call.At.File), Call.At.Offset);
    for (const utils::ConditionalStart &Start : Unit.Summary.Starts)
      if (Linker.acquiresFirst(Start.Started))
        Bounded.emplace(Real.of(Start.At.File), Start.At.Offset);
  }
  llvm::erase_if(Findings, [&](const Finding &F) {
    std::pair<std::string, unsigned> At{F.Where.File, F.Where.Offset};
    return (F.Check == utils::ChainCheckName && Relinked.count(At)) ||
           (F.Check == utils::StartCheckName && Bounded.count(At));
  });

  for (const UnitSummaryRecord &Unit : Units)
    for (const utils::CoroutineCall &Call : Unit.Summary.OpenCalls)
      if (std::optional<utils::LinkedFinding> Linked = Linker.findingFor(Call)) {
        Finding F = crossUnitFinding(Call, *Linked, Real, Sources);
        if (isReported(F.Where.File, Unit.File, Root, Unit.Filters) &&
            !isSilencedByComment(F, Sources))
          Findings.push_back(std::move(F));
      }
}

void fingerprintCrossUnit(std::vector<Finding> &Findings, const std::string &Root,
                          SourceFiles &Sources) {
  if (llvm::none_of(Findings, [](const Finding &F) { return F.CrossUnit; }))
    return;
  std::vector<Finding> Counted = Findings;
  assignFingerprints(Counted, Root, Sources);
  for (size_t I = 0; I < Findings.size(); ++I)
    if (Findings[I].CrossUnit) {
      Findings[I].Fingerprint = Counted[I].Fingerprint;
      Findings[I].LineHash = Counted[I].LineHash;
    }
}

utils::UnitSummary indexOf(const std::vector<UnitSummaryRecord> &Units) {
  utils::UnitSummary Index;
  for (const UnitSummaryRecord &Unit : Units) {
    for (const auto &[Key, Helper] : Unit.Summary.Helpers)
      Index.Helpers.try_emplace(Key, Helper);
    Index.LimitedCoroutines.insert(Unit.Summary.LimitedCoroutines.begin(),
                                   Unit.Summary.LimitedCoroutines.end());
  }
  return Index;
}

std::optional<std::string> writeIndex(const std::string &Path,
                                      const utils::UnitSummary &Index) {
  std::string Directory(llvm::sys::path::parent_path(Path));
  if (Directory.empty())
    Directory = ".";
  if (std::error_code Error = llvm::sys::fs::create_directories(Directory))
    return "cannot create '" + Directory + "' for the index: " + Error.message();
  std::string Temporary = Path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream Out(Temporary);
    Out << toJson(Index).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    if (!Out)
      return "cannot write the index '" + Temporary + "'";
  }
  if (std::error_code Error = llvm::sys::fs::rename(Temporary, Path)) {
    llvm::sys::fs::remove(Temporary);
    return "cannot write the index '" + Path + "': " + Error.message();
  }
  return std::nullopt;
}

std::string defaultIndexPath(const std::string &DatabaseDirectory) {
  return DatabaseDirectory + "/async-lint/index.json";
}

} // namespace async_lint::cli
