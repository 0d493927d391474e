//===--- FindingConversion.cpp - clang-tidy's errors into findings --------===//

#include "FindingConversion.h"
#include "Paths.h"
#include "UnitAnalyzer.h"
#include "llvm/Support/Path.h"
#include <cctype>

namespace async_lint::cli {
namespace {

using clang::tooling::DiagnosticMessage;

/// One token's worth of text from Offset: the flagged range where the check gave none.
unsigned tokenLength(const std::string &Text, unsigned Offset) {
  unsigned End = Offset;
  auto IsIdentifier = [](char C) { return std::isalnum(static_cast<unsigned char>(C)) || C == '_'; };
  while (End < Text.size() && IsIdentifier(Text[End]))
    ++End;
  return End > Offset ? End - Offset : (Offset < Text.size() ? 1 : 0);
}

Position positionOf(const std::string &File, unsigned Offset, unsigned Length,
                    SourceFiles &Sources) {
  const SourceText *Text = File.empty() ? nullptr : Sources.get(File);
  if (!Text) {
    Position Where;
    Where.File = File;
    Where.Offset = Offset;
    return Where;
  }
  Position Where = Text->position(File, Offset);
  Position End = Text->position(File, Offset + Length);
  Where.EndLine = End.Line;
  Where.EndColumn = End.Column;
  return Where;
}

Position messagePosition(const DiagnosticMessage &Message, llvm::StringRef BuildDirectory,
                         SourceFiles &Sources) {
  if (Message.FilePath.empty())
    return {};
  std::string File = realPath(Message.FilePath, BuildDirectory.str());
  unsigned Length = 0;
  for (const clang::tooling::FileByteRange &Range : Message.Ranges)
    if (Range.FileOffset == Message.FileOffset &&
        (Range.FilePath == Message.FilePath ||
         realPath(Range.FilePath, BuildDirectory.str()) == File))
      Length = Range.Length;
  return pointPosition(File, Message.FileOffset, Length, Sources);
}

} // namespace

Position pointPosition(const std::string &File, unsigned Offset, unsigned Length,
                       SourceFiles &Sources) {
  if (Length == 0)
    if (const SourceText *Text = Sources.get(File))
      Length = tokenLength(Text->text(), Offset);
  return positionOf(File, Offset, Length, Sources);
}

void FunctionIndex::add(const std::string &File, unsigned Begin, unsigned End,
                        std::string Name) {
  std::string Spelled = joinedPath(File, Directory);
  auto [Known, New] = RealPaths.try_emplace(Spelled);
  if (New)
    Known->second = realPath(Spelled);
  ByFile[Known->second].push_back({Begin, End, std::move(Name)});
}

std::string FunctionIndex::enclosing(const std::string &File, unsigned Offset) const {
  auto Found = ByFile.find(File);
  if (Found == ByFile.end())
    return "";
  const Span *Best = nullptr;
  for (const Span &S : Found->second)
    if (S.Begin <= Offset && Offset <= S.End && (!Best || S.End - S.Begin < Best->End - Best->Begin))
      Best = &S;
  return Best ? Best->Name : "";
}

Finding convertError(const clang::tidy::ClangTidyError &Error, const FunctionIndex &Index,
                     SourceFiles &Sources) {
  Finding Result;
  Result.Check = Error.DiagnosticName;
  Result.Level = Error.DiagLevel == clang::tooling::Diagnostic::Error || Error.IsWarningAsError
                     ? Severity::Error
                 : Error.DiagLevel == clang::tooling::Diagnostic::Warning ? Severity::Warning
                                                                          : Severity::Note;
  Result.Message = Error.Message.Message;
  Result.Where = messagePosition(Error.Message, Error.BuildDirectory, Sources);
  for (const DiagnosticMessage &Note : Error.Notes)
    Result.Notes.push_back({messagePosition(Note, Error.BuildDirectory, Sources), Note.Message});
  for (const auto &FileFixes : Error.Message.Fix)
    for (const clang::tooling::Replacement &Replacement : FileFixes.second) {
      Edit Change;
      Change.File = realPath(Replacement.getFilePath().str(), Error.BuildDirectory);
      Change.Offset = Replacement.getOffset();
      Change.Length = Replacement.getLength();
      Change.Text = std::string(Replacement.getReplacementText());
      Change.Where = positionOf(Change.File, Change.Offset, Change.Length, Sources);
      Result.Fix.push_back(std::move(Change));
    }
  if (!Result.Where.File.empty())
    Result.Function = Index.enclosing(Result.Where.File, Result.Where.Offset);
  return Result;
}

void classify(Finding Converted, const clang::tidy::ClangTidyError &Error, UnitResult &Result) {
  llvm::StringRef Name = Error.DiagnosticName;
  if (Name == "clang-tidy-config") {
    Result.ConfigurationErrors.push_back(Converted.Message);
  } else if (Name.starts_with("clang-diagnostic-") &&
             Error.DiagLevel == clang::tooling::Diagnostic::Error) {
    Converted.Check = "clang-diagnostic-error";
    Result.CompileErrors.push_back(std::move(Converted));
  } else {
    Result.Findings.push_back(std::move(Converted));
  }
}

Finding locationlessError(std::string Message) {
  Finding Error;
  Error.Check = "clang-diagnostic-error";
  Error.Level = Severity::Error;
  Error.Message = std::move(Message);
  return Error;
}

} // namespace async_lint::cli
