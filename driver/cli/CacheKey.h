//===--- CacheKey.h - everything that can change a unit's result ----------===//
//
// The result cache (ResultCache.h) reuses a translation unit's result only under the same
// key, and only while the files the unit read are unchanged. The key holds the rest of what
// goes into a result: async-lint (its version and its binary: a rebuild with changed checks
// keeps the version) and LLVM's version; the configuration in force for the unit (checks,
// options, header filters) and the contents of every rule pack it can load (the built-in
// packs and the user's pack files); the unit's compile commands; and the environment
// variables that add include directories.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CACHEKEY_H
#define ASYNC_LINT_DRIVER_CLI_CACHEKEY_H

#include "ContentHash.h"
#include "ProjectConfig.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <nlohmann/json.hpp>
#include <memory>
#include <string>

namespace async_lint::cli {

/// The keys of one run's units. Not thread-safe.
class CacheKeys {
public:
  CacheKeys(const ConfigBase &Config, const clang::tooling::CompilationDatabase &Database);
  ~CacheKeys();

  /// The key of File's result: 32 hex digits.
  std::string keyOf(const std::string &File);

private:
  nlohmann::json RunPart; // what is the same for every unit of the run
  ConfigErrors Unreported; // selectChecks has reported every malformed configuration file
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  const clang::tooling::CompilationDatabase &Database;
  FileHashes PackHashes; // user packs, each read once, relative to the working directory
};

} // namespace async_lint::cli

#endif
