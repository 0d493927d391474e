//===--- CheckDocs.h - the check pages, built into the CLI -----------------===//
//
// docs/checks/<name>.md is embedded at build time, so that `async-lint` can
// describe its checks (SARIF rule metadata, help) without the source tree.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CHECKDOCS_H
#define ASYNC_LINT_DRIVER_CLI_CHECKDOCS_H

#include <string>
#include <string_view>
#include <vector>

namespace async_lint::cli {

struct CheckDoc {
  std::string Name;     ///< "async-blocking-call", from docs/checks/blocking-call.md
  std::string Summary;  ///< the page's first sentence, also the README row and header line
  std::string Markdown; ///< the whole page
};

/// Every check page, sorted by name.
const std::vector<CheckDoc> &checkDocs();

/// The page of check Name, or null when there is none.
const CheckDoc *findCheckDoc(std::string_view Name);

/// The first sentence of a page, by the rule tests/plugin/consistency.py
/// applies: join the non-blank lines that do not start with '#' by spaces, and
/// cut at the first whitespace after a period.
std::string firstSentence(std::string_view Markdown);

/// The summary and the first prose paragraph after it (a page's "Why"),
/// unwrapped: a longer description for SARIF's fullDescription.
std::string checkDescription(const CheckDoc &Doc);

} // namespace async_lint::cli

#endif
