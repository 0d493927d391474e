//===--- UnitInputs.h - the files a translation unit read -----------------===//
//
// What the result cache checks before it reuses a unit's result without parsing it, as
// ccache's direct mode does: the main file and every header the parse read, system headers
// included, each with the hash of the contents it read.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_UNITINPUTS_H
#define ASYNC_LINT_DRIVER_CLI_UNITINPUTS_H

#include <string>
#include <vector>

namespace clang {
class CompilerInstance;
}

namespace async_lint::cli {

/// A file a translation unit read, and what it held then.
struct InputFile {
  std::string Path; // real path
  std::string Hash; // contentHash() of the contents the parse read

  bool operator==(const InputFile &Other) const = default;
};

/// Adds the files Compiler's parse read to Into: hashed from the parse's own buffers, so that
/// an edit made during the parse is not mistaken for what it read. Files the parse found but
/// never opened (a `__has_include` probe) are hashed from disk. Call before the compiler
/// instance ends its source file.
void addInputs(const clang::CompilerInstance &Compiler, std::vector<InputFile> &Into);

/// Sorts by path and keeps one entry per path.
void sortInputs(std::vector<InputFile> &Inputs);

} // namespace async_lint::cli

#endif
