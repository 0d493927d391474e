//===--- Fixes.cpp - applying and exporting fix-its -----------------------===//

#include "Fixes.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include <set>

namespace async_lint::cli {
namespace {

using clang::tooling::Replacement;
using clang::tooling::Replacements;

/// Whether Edit touches what an earlier replacement changes. Stricter than Replacements::add,
/// which merges two insertions at one offset (two findings' `co_await ` would become
/// `co_await co_await `).
bool overlaps(const Edit &E, const Replacements &Earlier) {
  for (const Replacement &R : Earlier)
    if (E.Offset == R.getOffset() ||
        (E.Offset < R.getOffset() + R.getLength() && R.getOffset() < E.Offset + E.Length))
      return true;
  return false;
}

/// The finding's edits added to Taken, or false (Taken unchanged) if one overlaps.
bool take(const Finding &F, std::map<std::string, Replacements> &Taken) {
  std::map<std::string, Replacements> Tried = Taken;
  for (const Edit &E : F.Fix) {
    Replacements &InFile = Tried[E.File];
    if (overlaps(E, InFile))
      return false;
    if (llvm::Error Conflict = InFile.add(Replacement(E.File, E.Offset, E.Length, E.Text))) {
      llvm::consumeError(std::move(Conflict));
      return false;
    }
  }
  Taken = std::move(Tried);
  return true;
}

/// Writes Text to Path; the error line, or none (checked: an unchecked raw_fd_ostream error
/// aborts the process when the stream is destroyed).
std::optional<std::string> writeFile(const std::string &Path, llvm::StringRef Text) {
  std::error_code Error;
  llvm::raw_fd_ostream Out(Path, Error);
  if (Error)
    return "cannot write '" + Path + "': " + Error.message();
  Out << Text;
  Out.close();
  if (Out.has_error()) {
    std::string Problem = Out.error().message();
    Out.clear_error();
    return "cannot write '" + Path + "': " + Problem;
  }
  return std::nullopt;
}

/// Applies Edits to File; the error line, or none.
std::optional<std::string> rewrite(const std::string &File, const Replacements &Edits) {
  auto Code = llvm::MemoryBuffer::getFile(File);
  if (!Code)
    return "cannot read '" + File + "': " + Code.getError().message();
  for (const Replacement &R : Edits)
    if (R.getOffset() + R.getLength() > (*Code)->getBufferSize())
      return "fix-it past the end of '" + File + "': the file changed since the analysis";
  auto Fixed = clang::tooling::applyAllReplacements((*Code)->getBuffer(), Edits);
  if (!Fixed)
    return "cannot apply fix-its to '" + File + "': " + llvm::toString(Fixed.takeError());
  return writeFile(File, *Fixed);
}

} // namespace

FixOutcome applyFixes(const std::vector<Finding> &Findings) {
  FixOutcome Outcome;
  std::map<std::string, Replacements> Taken;
  std::vector<const Finding *> Candidates;
  for (const Finding &F : Findings) {
    if (F.Fix.empty())
      continue;
    (take(F, Taken) ? Candidates : Outcome.Conflicting).push_back(&F);
  }
  std::set<std::string> Failed;
  for (const auto &[File, Edits] : Taken)
    if (auto Error = rewrite(File, Edits)) {
      Outcome.Errors.push_back(*Error);
      Failed.insert(File);
    }
  // A finding counts as fixed only when every file its fix-it touches was rewritten.
  for (const Finding *F : Candidates)
    if (std::none_of(F->Fix.begin(), F->Fix.end(),
                     [&](const Edit &E) { return Failed.count(E.File) != 0; }))
      Outcome.Applied.push_back(F);
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
  std::string Text;
  llvm::raw_string_ostream Stream(Text);
  llvm::yaml::Output Yaml(Stream);
  Yaml << Diagnostics;
  return writeFile(Path, Stream.str());
}

} // namespace async_lint::cli
