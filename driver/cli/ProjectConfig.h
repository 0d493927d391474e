//===--- ProjectConfig.h - .clang-tidy files, as clang-tidy reads them ----===//

#ifndef ASYNC_LINT_DRIVER_CLI_PROJECTCONFIG_H
#define ASYNC_LINT_DRIVER_CLI_PROJECTCONFIG_H

#include "CliOptions.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <variant>

namespace async_lint::cli {

/// Shared by the analysis threads: collects malformed configuration files once each.
class ConfigErrors {
public:
  void add(const std::string &File, const std::string &Problem);
  std::vector<std::string> lines() const;

private:
  mutable std::mutex Lock;
  std::map<std::string, std::string> ByFile;
};

/// The configuration every worker starts from: defaults (every async-* check), the
/// --config-file if any, and the command line's overrides. In configuration files (.clang-tidy
/// and --config-file), only the Checks entries that name async checks count.
struct ConfigBase {
  clang::tidy::ClangTidyOptions Defaults;
  std::optional<clang::tidy::ClangTidyOptions> ConfigFile;
  std::string ConfigFilePath;
  clang::tidy::ClangTidyOptions Overrides;
  HeaderFilters CommandLineFilters;
};

/// Reads --config-file and the command line's --checks/--header-filter. Error: one line.
std::variant<ConfigBase, std::string> makeConfigBase(const CliOptions &Options);

/// The name of the options source that async-lint adds last (header filtering, no checks
/// but async ones): not the user's configuration.
inline constexpr const char *OwnLayer = "async-lint";

/// A provider for one thread (clang-tidy's providers cache without locks). It reports each
/// malformed .clang-tidy to Errors (its directory's units then run with the defaults and the
/// command line's options; the run exits 2) and records the header filters of each file it
/// is asked about (an invalid regular expression among them is reported too).
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const ConfigBase &Base, ConfigErrors &Errors);

/// The header filters that the provider recorded for File (the command line's win).
HeaderFilters headerFiltersFor(clang::tidy::ClangTidyOptionsProvider &Provider,
                               llvm::StringRef File);

} // namespace async_lint::cli

#endif
