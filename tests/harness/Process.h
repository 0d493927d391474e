//===--- Process.h - run a command and capture what it prints -------------===//

#ifndef ASYNC_LINT_TESTS_HARNESS_PROCESS_H
#define ASYNC_LINT_TESTS_HARNESS_PROCESS_H

#include <string>
#include <vector>

namespace async_lint::harness {

struct ProcessResult {
  int ExitCode = -1; ///< 128 + signal when killed by a signal, 124 on time-out
  std::string Output; ///< standard output
  std::string Errors; ///< standard error
};

/// Runs Argv (no shell), with extra environment variables `NAME=value`, killing it after
/// TimeoutSeconds.
ProcessResult runProcess(const std::vector<std::string> &Argv,
                         const std::vector<std::string> &Environment = {},
                         unsigned TimeoutSeconds = 120);

} // namespace async_lint::harness

#endif
