//===--- Fixes.cpp - applying and exporting fix-its -----------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace async_lint::cli {
namespace {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

/// The finding's edits added to Taken, or false (Taken unchanged) if one overlaps.
bool take(const Finding &F, std::map<std::string, Replacements> &Taken) {
  std::map<std::string, Replacements> Tried = Taken;
  for (const Edit &E : F.Fix)
    if (llvm::Error Conflict = Tried[E.File].add(Replacement(E.File, E.Offset, E.Length, E.Text))) {
      llvm::consumeError(std::move(Conflict));
      return false;
    }
  Taken = std::move(Tried);
  return true;
}

} // namespace

FixOutcome applyFixes(const std::vector<Finding> &Findings) {
  FixOutcome Outcome;
  std::map<std::string, Replacements> Taken;
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    (take(F, Taken) ? Outcome.Applied : Outcome.Conflicting).push_back(&F);
  }
  for (const auto &[File, Edits] : Taken) {
    auto Code = llvm::MemoryBuffer::getFile(File);
    if (!Code) {
      Outcome.Errors.push_back("cannot read '" + File + "': " + Code.getError().message());
      continue;
    }
    auto Fixed = clang::tooling::applyAllReplacements((*Code)->getBuffer(), Edits);
    if (!Fixed) {
      Outcome.Errors.push_back("cannot apply fix-its to '" + File +
                               "': " + llvm::toString(Fixed.takeError()));
      continue;
    }
    std::error_code Error;
    llvm::raw_fd_ostream Out(File, Error);
    if (!Error)
      Out << *Fixed;
    if (Error)
      Outcome.Errors.push_back("cannot write '" + File + "': " + Error.message());
  }
  return Outcome;
}

std::optional<std::string> exportFixes(const std::string &Path,
                                       const std::vector<Finding> &Findings) {
  clang::tooling::TranslationUnitDiagnostics Diagnostics;
  for (const Finding &F : Findings) {
    clang::tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = F.Where.File;
    Message.FileOffset = F.Where.Offset;
    for (const Edit &E : F.Fix)
      llvm::consumeError(Message.Fix[E.File].add(Replacement(E.File, E.Offset, E.Length, E.Text)));
    Diagnostics.Diagnostics.emplace_back(F.Check, Message, llvm::SmallVector<clang::tooling::DiagnosticMessage, 1>(),
                                         F.Level == Severity::Error
                                             ? clang::tooling::Diagnostic::Error
                                             : clang::tooling::Diagnostic::Warning,
                                         "");
  }
  std::error_code Error;
  llvm::raw_fd_ostream Out(Path, Error);
  if (Error)
    return "cannot write '" + Path + "': " + Error.message();
  llvm::yaml::Output Yaml(Out);
  Yaml << Diagnostics;
  return std::nullopt;
}

} // namespace async_lint::cli
