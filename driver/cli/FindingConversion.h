//===--- FindingConversion.h - clang-tidy's errors into findings ----------===//

#ifndef ASYNC_LINT_DRIVER_CLI_FINDINGCONVERSION_H
#define ASYNC_LINT_DRIVER_CLI_FINDINGCONVERSION_H

#include "Finding.h"
#include "SourceFiles.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <map>

namespace async_lint::cli {

struct UnitResult;

/// Where the functions of a translation unit begin and end, by normalised file path.
class FunctionIndex {
public:
  /// Relative file names given to add() are relative to this (the compile directory).
  std::string Directory;

  void add(const std::string &File, unsigned Begin, unsigned End, std::string Name);
  /// The innermost function whose body holds Offset of File (a real path), or "".
  std::string enclosing(const std::string &File, unsigned Offset) const;

private:
  std::map<std::string, std::string> RealPaths; // clang's spellings, resolved once each
  struct Span {
    unsigned Begin, End;
    std::string Name;
  };
  std::map<std::string, std::vector<Span>> ByFile;
};

/// The position of Length bytes at Offset of File (a real path), as a diagnostic there is
/// reported: with no length given, the token there.
Position pointPosition(const std::string &File, unsigned Offset, unsigned Length,
                       SourceFiles &Sources);

Finding convertError(const clang::tidy::ClangTidyError &Error, const FunctionIndex &Index,
                     SourceFiles &Sources);

/// Files a converted error as a finding, a compile error or a configuration error.
void classify(Finding Converted, const clang::tidy::ClangTidyError &Error, UnitResult &Result);

Finding locationlessError(std::string Message);

} // namespace async_lint::cli

#endif
