//===--- JsonReport.h - the json format, written and read back ------------===//
//
// The schema is documented in docs/ci.md. `merge` reads what `--format json` wrote.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_JSONREPORT_H
#define ASYNC_LINT_DRIVER_CLI_JSONREPORT_H

#include "Finding.h"
#include <nlohmann/json.hpp>

namespace async_lint::cli {

/// Paths in the output are relative to Root when under it.
nlohmann::json toJson(const Report &R, const std::string &Root, const std::string &Version);

/// The report a json output holds; Root receives its root. Throws std::runtime_error naming
/// what is missing for anything else.
Report fromJson(const nlohmann::json &Json, std::string &Root);

/// One finding (or compile error) as the json format writes it, and back.
nlohmann::json findingToJson(const Finding &F, const std::string &Root);
Finding findingFromJson(const nlohmann::json &Entry, const std::string &Root);

/// Joins several reports (e.g. of CI shards) into one, each finding once.
Report mergeReports(std::vector<Report> Parts);

} // namespace async_lint::cli

#endif
