//===--- Sarif.h - the report as SARIF 2.1.0, for GitHub code scanning -----===//
//
// One run per log. Rules carry the embedded check pages (GitHub shows
// shortDescription, fullDescription and help); results carry GitHub's
// primaryLocationLineHash, which is what keeps an alert's identity across
// commits, and async-lint's own fingerprint. Compile and configuration errors
// are not rule violations: they are the invocation's notifications.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_SARIF_H
#define ASYNC_LINT_DRIVER_CLI_SARIF_H

#include "Finding.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace async_lint::cli {

inline constexpr const char *SarifToolName = "async-lint";

struct SarifOptions {
  /// Absolute project root. Files under it get URIs relative to it, with
  /// uriBaseId "%SRCROOT%" (what GitHub resolves against the checkout); other
  /// files get file:// URIs. Empty: every URI is a file:// URI.
  std::string Root;
  std::string ToolVersion; ///< async-lint's version, also its semanticVersion
  std::string LlvmVersion; ///< the clang-tidy the checks ran in
  std::vector<std::string> EnabledChecks; ///< each gets a rule, used or not
};

/// The SARIF log of one run. Every ruleId a result uses has a rule, even one
/// that is not an enabled check.
nlohmann::json toSarif(const Report &R, const SarifOptions &O);

/// One log with one run from several async-lint logs (one per CI shard): the
/// union of the rules, the results deduplicated by (ruleId, uri, line, column,
/// message) and sorted by (uri, line, column, ruleId), the notifications of
/// every shard; successful when every shard was. Throws std::runtime_error,
/// naming the log and the problem, for a log that async-lint did not write.
nlohmann::json mergeSarif(const std::vector<nlohmann::json> &Logs);

} // namespace async_lint::cli

#endif
