#include "cli/AsyncLint.h"

int main(int argc, char **argv) {
  return static_cast<int>(async_lint::cli::runAsyncLint({argv + 1, argv + argc}));
}
