//===--- ContentHash.cpp - what a file held, as a short string ------------===//

#include "ContentHash.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/MemoryBuffer.h"

namespace async_lint::cli {

std::string contentHash(llvm::StringRef Bytes) {
  auto Digest = llvm::BLAKE3::hash<16>(llvm::arrayRefFromStringRef(Bytes));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

std::string fileHash(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return UnreadableFile;
  return contentHash((*Buffer)->getBuffer());
}

const std::string &FileHashes::of(const std::string &Path) {
  auto [It, Inserted] = Known.try_emplace(Path);
  if (Inserted)
    It->second = fileHash(Path);
  return It->second;
}

} // namespace async_lint::cli
