//===--- ResultCache.h - translation units' results, kept between runs ----===//
//
// One file per key (CacheKey.h) under the cache directory's units/: the unit's result as its
// worker sent it (UnitResultCodec.h), which lists the files its parse read with their content
// hashes. A result is reused without a parse while each of those files still holds what the
// parse read, as ccache's direct mode reuses an object file.
//
// Runs may share a directory: entries are written to a temporary file and renamed, so that
// no run reads half an entry; an entry that cannot be read or decoded is a miss, and the run
// rewrites it. Each use renews an entry's time, and past the size limit the entries unused
// longest are removed first.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_RESULTCACHE_H
#define ASYNC_LINT_DRIVER_CLI_RESULTCACHE_H

#include "ContentHash.h"
#include "UnitAnalyzer.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

namespace async_lint::cli {

/// The entries' layout. Raise it with any change to UnitResult or its encoding: an entry of
/// another version is a miss.
inline constexpr int CacheEntryVersion = 2;

/// Where the cache goes by default, beside the compilation database.
inline constexpr const char *DefaultCacheDirectoryName = ".async-lint-cache";

/// The default --cache-size: ample for tens of thousands of units (an entry is mostly the
/// list of the files its unit read, about 30 KiB for one that includes Asio).
inline constexpr std::uint64_t DefaultCacheSize = 1024ull * 1024 * 1024;

class ResultCache {
public:
  /// The cache in Directory, created if need be, holding at most SizeLimit bytes of entries
  /// (0: no limit); or the line that says why it cannot be used.
  static std::variant<std::unique_ptr<ResultCache>, std::string>
  open(const std::string &Directory, std::uint64_t SizeLimit);

  /// The result stored under Key, or nullopt when there is none that can be read.
  std::optional<UnitResult> lookup(const std::string &Key) const;

  /// Whether every file Result lists still holds what its parse read.
  static bool isCurrent(const UnitResult &Result, FileHashes &Hashes);

  /// Records a use of Key's entry now: eviction removes the entries unused longest.
  void touch(const std::string &Key) const;

  /// Stores a worker's answer (encodeUnitResult) under Key. On failure, returns the line
  /// that says why; nothing is stored.
  std::optional<std::string> store(const std::string &Key, const std::string &Encoded) const;

  /// Removes the entries unused longest until the cache holds at most its size limit.
  /// Returns how many it removed.
  size_t evict() const;

  const std::string &directory() const { return Directory; }

private:
  ResultCache(std::string Directory, std::uint64_t SizeLimit);
  std::string entryPath(const std::string &Key) const;

  std::string Directory;
  std::uint64_t SizeLimit;
};

} // namespace async_lint::cli

#endif
