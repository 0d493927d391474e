//===--- Paths.h - one spelling per file ----------------------------------===//
//
// A file reached as `src/inc/../h.hpp`, through a symlinked directory or from a symlinked
// working directory is one file: async-lint names every file by its real path, so that
// deduplication, header filters, fixes and fingerprints agree on it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_PATHS_H
#define ASYNC_LINT_DRIVER_CLI_PATHS_H

#include <string>

namespace async_lint::cli {

/// Path (relative to Directory, or to the working directory when Directory is empty) with
/// symlinks and `..` resolved on disk; made absolute and cleaned as text when it does not exist.
std::string realPath(const std::string &Path, const std::string &Directory = "");

/// Path joined to Directory when relative, without any resolution: clang's own spelling.
std::string joinedPath(const std::string &Path, const std::string &Directory);

/// The working directory's real path.
std::string currentDirectory();

/// Whether File is Directory or lies below it ("/" holds everything).
bool isUnder(const std::string &File, const std::string &Directory);

/// File relative to Root when under it, otherwise unchanged.
std::string relativeTo(const std::string &File, const std::string &Root);

/// The inverse of relativeTo: a relative File joined to Root.
std::string underRoot(const std::string &File, const std::string &Root);

} // namespace async_lint::cli

#endif
