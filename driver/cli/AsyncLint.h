//===--- AsyncLint.h - the async-lint command -----------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_ASYNCLINT_H
#define ASYNC_LINT_DRIVER_CLI_ASYNCLINT_H

#include <string>
#include <vector>

namespace async_lint::cli {

/// The exit statuses, documented in docs/ci.md; CI scripts depend on them.
enum class ExitCode : int {
  Clean = 0,           // no findings, or none that are new or at the --fail-on level
  Findings = 1,        // findings at or above --fail-on
  UsageError = 2,      // bad command line, unreadable database, malformed configuration
  Incomplete = 3,      // a translation unit did not compile: its findings are missing
};

/// Runs async-lint with argv[1..].
ExitCode runAsyncLint(const std::vector<std::string> &Args);

} // namespace async_lint::cli

#endif
