//===--- ContentHash.h - what a file held, as a short string --------------===//
//
// The result cache (ResultCache.h) recognises a translation unit's inputs by their contents,
// never by their times: a checkout or a `touch` changes times, not findings.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CONTENTHASH_H
#define ASYNC_LINT_DRIVER_CLI_CONTENTHASH_H

#include "llvm/ADT/StringRef.h"
#include <map>
#include <string>

namespace async_lint::cli {

/// 128 bits of BLAKE3 of Bytes, as 32 hex digits.
std::string contentHash(llvm::StringRef Bytes);

/// What contentHash gives for a file that cannot be read: never a hash of contents.
inline constexpr const char *UnreadableFile = "unreadable";

/// The content hash of a file on disk, or UnreadableFile.
std::string fileHash(const std::string &Path);

/// fileHash of each file, read once per run however many units include it.
class FileHashes {
public:
  const std::string &of(const std::string &Path);

private:
  std::map<std::string, std::string> Known;
};

} // namespace async_lint::cli

#endif
