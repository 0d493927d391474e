//===--- ResultCache.cpp - translation units' results, kept between runs --===//

#include "ResultCache.h"
#include "UnitResultCodec.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace async_lint::cli {
namespace {

/// Backup and archiving tools skip a directory holding this file (bford.info/cachedir).
const char *const CacheDirTag = "Signature: 8a477f597d28d172789f06886806bc55\n"
                                "# This file is a cache directory tag created by async-lint.\n"
                                "# For information about cache directory tags, see:\n"
                                "#\thttps://bford.info/cachedir/\n";

/// Writes Text to Directory/Name unless the file exists.
std::error_code writeOnce(const std::string &Directory, const char *Name, const char *Text) {
  std::string Path = Directory + "/" + Name;
  if (llvm::sys::fs::exists(Path))
    return {};
  std::error_code Error;
  llvm::raw_fd_ostream Out(Path, Error);
  if (Error)
    return Error;
  Out << Text;
  Out.close();
  Error = Out.error();
  Out.clear_error(); // reported here, not by the stream's destructor
  return Error;
}

/// Whether entries can be written in Directory: known before the run, so that a cache that
/// cannot keep results is one warning, not a failed store per unit.
std::error_code probeWrite(const std::string &Directory) {
  int FD = -1;
  llvm::SmallString<128> Path;
  std::string Model = Directory + "/probe-%%%%%%%%";
  if (std::error_code Error = llvm::sys::fs::createUniqueFile(Model, FD, Path))
    return Error;
  ::close(FD);
  return llvm::sys::fs::remove(Path);
}

/// An entry's first line: what it is, the layout's version, the key, and the hash of the
/// unit's encoded result, which follows the line as the worker sent it.
std::string headerLine(const std::string &Key, llvm::StringRef Unit) {
  return "async-lint-result " + std::to_string(CacheEntryVersion) + " " + Key + " " +
         contentHash(Unit) + "\n";
}

/// The entry's unit, if Bytes are an intact entry of this version for Key.
std::optional<std::string> unitOf(llvm::StringRef Bytes, const std::string &Key) {
  auto [Header, Unit] = Bytes.split('\n');
  if (Header.size() == Bytes.size() || (Header + "\n").str() != headerLine(Key, Unit))
    return std::nullopt; // another version, another key, or damaged on disk
  return Unit.str();
}

struct StoredFile {
  std::string Path;
  std::uint64_t Size;
  llvm::sys::TimePoint<> Used;
};

} // namespace

ResultCache::ResultCache(std::string Directory, std::uint64_t SizeLimit)
    : Directory(std::move(Directory)), SizeLimit(SizeLimit) {}

std::variant<std::unique_ptr<ResultCache>, std::string>
ResultCache::open(const std::string &Directory, std::uint64_t SizeLimit) {
  std::error_code Error = llvm::sys::fs::create_directories(Directory + "/units");
  if (!Error)
    Error = writeOnce(Directory, "CACHEDIR.TAG", CacheDirTag);
  if (!Error) // a cache inside a source tree is not the project's
    Error = writeOnce(Directory, ".gitignore", "# Created by async-lint.\n*\n");
  if (!Error)
    Error = probeWrite(Directory + "/units");
  if (Error)
    return "cannot use the cache directory '" + Directory + "': " + Error.message();
  return std::unique_ptr<ResultCache>(new ResultCache(Directory, SizeLimit));
}

std::string ResultCache::entryPath(const std::string &Key) const {
  return Directory + "/units/" + Key;
}

std::optional<UnitResult> ResultCache::lookup(const std::string &Key) const {
  auto Bytes = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
  if (!Bytes)
    return std::nullopt;
  try {
    if (std::optional<std::string> Unit = unitOf((*Bytes)->getBuffer(), Key))
      return decodeUnitResult(*Unit);
  } catch (const std::exception &) { // the codec's errors
  }
  return std::nullopt;
}

bool ResultCache::isCurrent(const UnitResult &Result, FileHashes &Hashes) {
  return std::all_of(Result.Inputs.begin(), Result.Inputs.end(), [&](const InputFile &Input) {
    return Hashes.of(Input.Path) == Input.Hash;
  });
}

void ResultCache::touch(const std::string &Key) const {
  ::utimensat(AT_FDCWD, entryPath(Key).c_str(), nullptr, 0); // a vanished entry: no matter
}

std::optional<std::string> ResultCache::store(const std::string &Key,
                                              const std::string &Encoded) const {
  // Written to a temporary file, then renamed over the entry.
  llvm::Error Written = llvm::writeToOutput(entryPath(Key), [&](llvm::raw_ostream &Out) {
    Out << headerLine(Key, Encoded) << Encoded;
    return llvm::Error::success();
  });
  if (!Written)
    return std::nullopt;
  return "cannot write to the cache directory '" + Directory +
         "': " + llvm::toString(std::move(Written));
}

size_t ResultCache::evict() const {
  if (SizeLimit == 0)
    return 0;
  std::vector<StoredFile> Files;
  std::uint64_t Total = 0;
  std::error_code Error;
  for (llvm::sys::fs::directory_iterator It(Directory + "/units", Error), End;
       It != End && !Error; It.increment(Error)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(It->path(), Status) ||
        Status.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Files.push_back({It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  std::sort(Files.begin(), Files.end(), [](const StoredFile &A, const StoredFile &B) {
    return std::tie(A.Used, A.Path) < std::tie(B.Used, B.Path);
  });
  size_t Removed = 0;
  for (const StoredFile &File : Files) {
    if (Total <= SizeLimit)
      break;
    Total -= File.Size; // gone, whether this run or another one removed it
    if (!llvm::sys::fs::remove(File.Path))
      ++Removed;
  }
  return Removed;
}

} // namespace async_lint::cli
