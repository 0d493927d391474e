//===--- CheckSelection.h - which async checks a run enables --------------===//
//
// Read from every unit's configuration before any unit is analysed: a configuration that
// enables no check would otherwise give a clean run that checked nothing.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CHECKSELECTION_H
#define ASYNC_LINT_DRIVER_CLI_CHECKSELECTION_H

#include "ProjectConfig.h"
#include <string>
#include <variant>
#include <vector>

namespace async_lint::cli {

struct CheckSelection {
  std::vector<std::string> Enabled; // enabled for at least one unit, sorted
  std::vector<std::string> All;     // every async check, sorted
};

/// Which async checks the configurations of Files enable. Reports each malformed
/// configuration file to Errors. On a unit for which none is enabled, the error line names
/// the Checks globs that disabled them.
std::variant<CheckSelection, std::string>
selectChecks(const ConfigBase &Config, const std::vector<std::string> &Files,
             ConfigErrors &Errors);

} // namespace async_lint::cli

#endif
