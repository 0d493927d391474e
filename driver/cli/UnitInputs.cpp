//===--- UnitInputs.cpp - the files a translation unit read ---------------===//

#include "UnitInputs.h"
#include "ContentHash.h"
#include "Paths.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include <algorithm>
#include <set>
#include <tuple>

namespace async_lint::cli {

void addInputs(const clang::CompilerInstance &Compiler, std::vector<InputFile> &Into) {
  const clang::SourceManager &SM = Compiler.getSourceManager();
  const clang::FileManager &Files = Compiler.getFileManager();
  auto RealPath = [&](llvm::StringRef Name) {
    llvm::SmallString<256> Absolute(Name);
    Files.makeAbsolutePath(Absolute);
    return realPath(std::string(Absolute));
  };
  std::set<const clang::FileEntry *> Read;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    std::optional<llvm::MemoryBufferRef> Buffer = It->second->getBufferIfLoaded();
    if (!Buffer)
      continue; // hashed from disk below, like any file found and not read
    Read.insert(&It->first.getFileEntry());
    Into.push_back({RealPath(It->first.getName()), contentHash(Buffer->getBuffer())});
  }
  llvm::SmallVector<clang::OptionalFileEntryRef> Found;
  Files.GetUniqueIDMapping(Found);
  for (clang::OptionalFileEntryRef File : Found)
    if (File && !Read.count(&File->getFileEntry())) {
      std::string Path = RealPath(File->getName());
      Into.push_back({Path, fileHash(Path)});
    }
}

void sortInputs(std::vector<InputFile> &Inputs) {
  std::sort(Inputs.begin(), Inputs.end(), [](const InputFile &A, const InputFile &B) {
    return std::tie(A.Path, A.Hash) < std::tie(B.Path, B.Hash);
  });
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end(),
                           [](const InputFile &A, const InputFile &B) { return A.Path == B.Path; }),
               Inputs.end());
}

} // namespace async_lint::cli
