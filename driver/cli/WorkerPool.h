//===--- WorkerPool.h - work items in crash-isolated worker processes -----===//
//
// A crash that clang or a check can survive in-process is not the worry: a stack overflow,
// an abort, the out-of-memory killer or an endless loop take the whole process. So each
// item runs in one of a few long-lived worker processes, and the supervisor (the calling
// process, single-threaded) hands out items, collects answers and replaces a worker that
// died or ran past its time limit.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_WORKERPOOL_H
#define ASYNC_LINT_DRIVER_CLI_WORKERPOOL_H

#include <cstddef>
#include <functional>
#include <string>

namespace async_lint::cli {

/// How one item ended.
struct WorkOutcome {
  enum class Ending { Answered, Crashed, TimedOut } How = Ending::Answered;
  std::string Answer; // Answered: what the worker's job returned
  int Signal = 0;     // Crashed: the signal that ended the worker, or 0 if it exited
  int ExitStatus = 0; // Crashed without a signal: its exit status
};

struct PoolSettings {
  unsigned Workers = 1;
  unsigned TimeoutSeconds = 0; // per item; 0 = no limit
};

/// The job of one worker process: the answer for item I.
using WorkerJob = std::function<std::string(size_t I)>;

/// Runs items 0..Count-1 in Settings.Workers worker processes. Each new worker process calls
/// StartWorker once, after the fork, to build its job (state it keeps from item to item).
/// OnOutcome runs in the calling process, once per item, in the order items finish.
/// Must be called while the process has a single thread: workers are made with fork().
void runInWorkers(size_t Count, const PoolSettings &Settings,
                  const std::function<WorkerJob()> &StartWorker,
                  const std::function<void(size_t I, WorkOutcome)> &OnOutcome);

} // namespace async_lint::cli

#endif
