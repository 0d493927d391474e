//===--- SummaryIndexFile.cpp - the project index, read by the checks -----===//

#include "SummaryIndexFile.h"
#include "clang/Basic/FileManager.h"
#include "llvm/Support/Path.h"
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>

namespace clang::tidy::async::utils {
namespace {

struct LoadedIndex {
  llvm::sys::TimePoint<> Modified;
  uint64_t Size = 0;
  std::shared_ptr<const UnitSummary> Index;
  std::string Problem; ///< why the file is no index, if it is not
  std::set<const ClangTidyContext *> ReportedTo;
};

/// Every unit reads the index: parse each version of the file once. clangd and the CLI
/// analyse units on several threads, hence the lock.
std::mutex CacheLock;
std::map<std::string, LoadedIndex> Cache;

std::string resolve(llvm::StringRef Path, const SourceManager &SM) {
  llvm::vfs::FileSystem &FS = SM.getFileManager().getVirtualFileSystem();
  if (llvm::sys::path::is_absolute(Path))
    return Path.str();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
    SmallString<256> Directory(Main->getName());
    SM.getFileManager().makeAbsolutePath(Directory);
    for (StringRef Up = llvm::sys::path::parent_path(Directory); !Up.empty();
         Up = llvm::sys::path::parent_path(Up)) {
      SmallString<256> Candidate(Up);
      llvm::sys::path::append(Candidate, Path);
      if (FS.exists(Candidate))
        return std::string(Candidate);
    }
  }
  SmallString<256> Absolute(Path);
  SM.getFileManager().makeAbsolutePath(Absolute);
  return std::string(Absolute);
}

} // namespace

std::shared_ptr<const UnitSummary> loadSummaryIndex(llvm::StringRef Path,
                                                    const SourceManager &SM,
                                                    ClangTidyContext &Context) {
  if (Path.empty())
    return nullptr;
  std::string File = resolve(Path, SM);
  llvm::vfs::FileSystem &FS = SM.getFileManager().getVirtualFileSystem();
  llvm::ErrorOr<llvm::vfs::Status> Status = FS.status(File);
  if (!Status)
    return nullptr;
  std::lock_guard<std::mutex> Lock(CacheLock);
  LoadedIndex &Loaded = Cache[File];
  bool Stale = (!Loaded.Index && Loaded.Problem.empty()) ||
               Loaded.Modified != Status->getLastModificationTime() ||
               Loaded.Size != Status->getSize();
  if (Stale) {
    Loaded = LoadedIndex{Status->getLastModificationTime(), Status->getSize()};
    auto Buffer = FS.getBufferForFile(File);
    try {
      if (!Buffer)
        throw std::runtime_error(Buffer.getError().message());
      nlohmann::json Json = nlohmann::json::parse((*Buffer)->getBuffer().begin(),
                                                  (*Buffer)->getBuffer().end());
      Loaded.Index = std::make_shared<const UnitSummary>(unitSummaryFromJson(Json));
    } catch (const std::exception &Error) {
      Loaded.Problem = Error.what();
    }
  }
  if (!Loaded.Problem.empty() && Loaded.ReportedTo.insert(&Context).second)
    Context.configurationDiag("cannot read the summary index '%0': %1", DiagnosticIDs::Error)
        << File << Loaded.Problem;
  return Loaded.Index;
}

SourceLocation locationOf(const SourcePoint &Point, SourceManager &SM) {
  OptionalFileEntryRef File = SM.getFileManager().getOptionalFileRef(Point.File);
  if (!File)
    return {};
  FileID Id = SM.translateFile(*File);
  if (Id.isInvalid())
    Id = SM.createFileID(*File, SourceLocation(), SrcMgr::C_User);
  return Id.isValid() ? SM.translateLineCol(Id, Point.Line, Point.Column) : SourceLocation();
}

} // namespace clang::tidy::async::utils
