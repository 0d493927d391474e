//===--- Fixture.h - a fixture program and the expectations it states -----===//

#ifndef ASYNC_LINT_TESTS_HARNESS_FIXTURE_H
#define ASYNC_LINT_TESTS_HARNESS_FIXTURE_H

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace async_lint::harness {

/// One diagnostic, as expected by a directive or as printed by clang-tidy.
struct Diagnostic {
  std::string Kind; ///< "warning", "note" or "error"
  unsigned Line = 0;
  std::string Check; ///< empty for notes
  std::string Message;

  bool operator==(const Diagnostic &) const = default;
  std::string str() const;
};

/// The directives of a fixture (see fixtures/README.md).
struct Fixture {
  std::string Path;
  std::vector<Diagnostic> Diagnostics;
  std::vector<nlohmann::json> OracleEvents;
  int ExitCode = 0;
  bool HasFix = false;
  std::vector<nlohmann::json> FixedOracleEvents;
  int FixedExitCode = 0;
  std::string TidyConfig;
  std::string CompileFlags;
  bool Run = true;
  std::vector<std::string> Errors; ///< malformed directives, with their line
};

/// Reads the fixture at Path; a directive that cannot be parsed is recorded in Errors.
Fixture parseFixture(const std::string &Path);

/// Parses the text that clang-tidy prints: `file:line:col: kind: message [check]` lines about
/// File; diagnostics about any other file are returned in Elsewhere, verbatim.
std::vector<Diagnostic> parseTidyOutput(const std::string &Output, const std::string &File,
                                        std::vector<std::string> &Elsewhere);

/// Matches expected events (each a subset of the fields of one actual event) against actual
/// events, one to one. Returns a description of every mismatch; empty when all match.
std::vector<std::string> compareEvents(const std::vector<nlohmann::json> &Expected,
                                       const std::vector<nlohmann::json> &Actual);

/// Compares two multisets of diagnostics; returns one line per missing or unexpected one.
std::vector<std::string> compareDiagnostics(const std::vector<Diagnostic> &Expected,
                                            const std::vector<Diagnostic> &Actual);

} // namespace async_lint::harness

#endif
