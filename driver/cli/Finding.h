//===--- Finding.h - what async-lint reports, independent of clang ---------===//
//
// The CLI turns clang-tidy's diagnostics into these plain values once, right after a
// translation unit is analysed; every output format, the baseline and `merge` read only
// these. Paths are absolute and normalised; lines and columns are 1-based, columns in bytes.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_FINDING_H
#define ASYNC_LINT_DRIVER_CLI_FINDING_H

#include "utils/UnitSummary.h"
#include <optional>
#include <string>
#include <vector>

namespace async_lint::cli {

enum class Severity { Note, Warning, Error };

const char *severityName(Severity S);

struct Position {
  std::string File; // absolute path; empty for a finding without a location
  unsigned Offset = 0; // byte offset of Line:Column in File
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned EndLine = 0;   // end of the flagged range (exclusive column); equal to the
  unsigned EndColumn = 0; // start plus one token where the check gave no range

  bool operator<(const Position &Other) const;
  bool operator==(const Position &Other) const = default;
};

struct Note {
  Position Where;
  std::string Message;
};

/// One edit of a fix-it: replace [Offset, Offset + Length) of File by Text.
struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
  Position Where; // the replaced range as lines and columns (for SARIF)
};

struct Finding {
  std::string Check; // "async-missing-co-await"; "clang-diagnostic-error" for a compile error
  Severity Level = Severity::Warning;
  Position Where;
  std::string Message;
  std::vector<Note> Notes;
  std::vector<Edit> Fix;
  std::string Function;    // qualified name of the enclosing function, or empty
  std::string Fingerprint; // stable across line moves: see Fingerprints.h
  std::string LineHash;    // GitHub's primaryLocationLineHash of the flagged line
  bool CrossUnit = false;  // added by this run's link step (CrossUnitLink.h); not written out

  /// Identity for deduplication: a header finding reached from several TUs is one finding.
  bool sameAs(const Finding &Other) const;
};

/// The header filters in force for one translation unit, before async-lint widens clang-tidy's
/// own filter to see every header (it filters headers itself, against the project root).
struct HeaderFilters {
  std::optional<std::string> Include;
  std::optional<std::string> Exclude;
};

/// What the link step (CrossUnitLink.h) needs of one analysed unit: its summary, and the
/// filters under which findings in it are reported.
struct UnitSummaryRecord {
  std::string File;
  HeaderFilters Filters;
  clang::tidy::async::utils::UnitSummary Summary;
};

/// What one run found. Configuration problems and compile errors are kept apart from the
/// findings: they are not rule violations, and they decide the exit code.
struct Report {
  std::vector<Finding> Findings;      // sorted by position, deduplicated
  std::vector<Finding> CompileErrors; // Check "clang-diagnostic-error", Level Error
  std::vector<std::string> ConfigurationErrors; // one line each, naming the file and problem
  std::vector<std::string> Units;       // the translation units analysed, sorted
  std::vector<std::string> FailedUnits; // those that did not compile, sorted
  std::vector<UnitSummaryRecord> Summaries; // per unit, in the order of Units
};

} // namespace async_lint::cli

#endif
