//===--- ScratchDirectory.h - a fresh directory for one test --------------===//

#ifndef ASYNC_LINT_TESTS_CLI_SCRATCHDIRECTORY_H
#define ASYNC_LINT_TESTS_CLI_SCRATCHDIRECTORY_H

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

/// A fresh directory (its real path) holding files written by the test, removed afterwards.
class ScratchDirectory {
public:
  ScratchDirectory() {
    std::string Pattern =
        (std::filesystem::temp_directory_path() / "async-lint-test-XXXXXX").string();
    Root = std::filesystem::canonical(::mkdtemp(Pattern.data())).string();
  }
  ~ScratchDirectory() { std::filesystem::remove_all(Root); }
  ScratchDirectory(const ScratchDirectory &) = delete;
  ScratchDirectory &operator=(const ScratchDirectory &) = delete;

  /// Writes Text (bytes as given) to Relative under the directory; returns its path.
  std::string write(const std::string &Relative, const std::string &Text) const {
    std::filesystem::path File = std::filesystem::path(Root) / Relative;
    std::filesystem::create_directories(File.parent_path());
    std::ofstream(File, std::ios::binary) << Text;
    return File.string();
  }

  static std::string read(const std::string &Path) {
    std::ostringstream Text;
    Text << std::ifstream(Path, std::ios::binary).rdbuf();
    return Text.str();
  }

  std::string Root;
};

#endif
