//===--- ClangdMain.cpp - async-lint-clangd -------------------------------===//
//
// Debian's clangd with the async checks linked in: every clangd flag and feature works as in
// clangd-19. The checks are enabled the clangd way (.clangd or .clang-tidy), see
// docs/editors.md.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstring>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]); // defined in libclangdMain.a; its header is not installed
} // namespace clang::clangd

int main(int argc, char *argv[]) {
  for (int I = 1; I < argc; ++I)
    if (std::strcmp(argv[I], "--version") == 0)
      std::printf("async-lint-clangd %s: clangd with the async-* clang-tidy checks\n",
                  ASYNC_LINT_VERSION);
  std::fflush(stdout); // before clangd writes its own version lines
  return clang::clangd::clangdMain(argc, argv);
}
