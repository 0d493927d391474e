//===--- Paths.cpp - one spelling per file --------------------------------===//

#include "Paths.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace async_lint::cli {

std::string joinedPath(const std::string &Path, const std::string &Directory) {
  if (llvm::sys::path::is_absolute(Path) || Directory.empty())
    return Path;
  llvm::SmallString<256> Joined(Directory);
  llvm::sys::path::append(Joined, Path);
  return std::string(Joined);
}

std::string realPath(const std::string &Path, const std::string &Directory) {
  llvm::SmallString<256> Absolute(joinedPath(Path, Directory));
  llvm::sys::fs::make_absolute(Absolute);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Absolute, Real))
    return std::string(Real);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

std::string currentDirectory() { return realPath("."); }

bool isUnder(const std::string &File, const std::string &Directory) {
  if (Directory == "/")
    return !File.empty() && File[0] == '/';
  return File.compare(0, Directory.size(), Directory) == 0 &&
         (File.size() == Directory.size() || File[Directory.size()] == '/');
}

std::string relativeTo(const std::string &File, const std::string &Root) {
  if (File.size() <= Root.size() || !isUnder(File, Root))
    return File;
  return File.substr(Root == "/" ? 1 : Root.size() + 1);
}

std::string underRoot(const std::string &File, const std::string &Root) {
  if (File.empty() || File[0] == '/')
    return File;
  return Root == "/" ? "/" + File : Root + "/" + File;
}

} // namespace async_lint::cli
