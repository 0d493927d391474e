//===--- ClangdMain.cpp - async-lint-clangd -------------------------------===//
//
// Debian's clangd with the async checks linked in: every clangd flag and feature works as in
// the clangd of the same LLVM. The checks are enabled the clangd way (.clangd or
// .clang-tidy), see docs/editors.md.
//
//===----------------------------------------------------------------------===//

#include "llvm/Config/llvm-config.h"
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]); // defined in libclangdMain.a; its header is not installed
} // namespace clang::clangd

namespace {

bool isResourceDirFlag(const char *Arg) {
  while (*Arg == '-')
    ++Arg;
  return std::strncmp(Arg, "resource-dir", std::strlen("resource-dir")) == 0;
}

} // namespace

int main(int argc, char *argv[]) {
  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I) {
    if (std::strcmp(argv[I], "--version") == 0)
      std::printf("async-lint-clangd %s (LLVM %s): clangd with the async-* clang-tidy checks\n",
                  ASYNC_LINT_VERSION, LLVM_VERSION_STRING);
    HasResourceDir |= isResourceDirFlag(argv[I]);
  }
  std::fflush(stdout); // before clangd writes its own version lines
  // clangd looks for clang's built-in headers (stddef.h, the intrinsics) next to its own
  // executable: Debian's /usr/lib/llvm-19/bin/clangd finds /usr/lib/llvm-19/lib/clang/19.
  // Ours lives elsewhere, so it names those of the LLVM it was built with.
  std::string ResourceDir = std::string("--resource-dir=") + ASYNC_LINT_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1, Args.data());
}
