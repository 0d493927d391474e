//===--- WorkerPool.cpp - work items in crash-isolated worker processes ---===//
//
// One Unix socket per worker. The supervisor writes an item's index (8 bytes); the worker
// answers with the answer's size (8 bytes) and the answer. A worker that dies closes its end,
// which the supervisor sees as end-of-file; the kernel tells how it died.
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace async_lint::cli {
namespace {

using Clock = std::chrono::steady_clock;

bool sendAll(int Socket, const void *Data, size_t Size) {
  const char *Bytes = static_cast<const char *>(Data);
  while (Size > 0) {
    ssize_t Sent = send(Socket, Bytes, Size, MSG_NOSIGNAL); // a dead peer is EPIPE, not SIGPIPE
    if (Sent < 0 && errno == EINTR)
      continue;
    if (Sent <= 0)
      return false;
    Bytes += Sent;
    Size -= static_cast<size_t>(Sent);
  }
  return true;
}

bool receiveAll(int Socket, void *Data, size_t Size) {
  char *Bytes = static_cast<char *>(Data);
  while (Size > 0) {
    ssize_t Received = recv(Socket, Bytes, Size, 0);
    if (Received < 0 && errno == EINTR)
      continue;
    if (Received <= 0)
      return false;
    Bytes += Received;
    Size -= static_cast<size_t>(Received);
  }
  return true;
}

/// The worker process: answers items until the supervisor closes the socket. Never returns
/// into the caller's code, and leaves without running the supervisor's exit-time work.
[[noreturn]] void serve(int Socket, const std::function<WorkerJob()> &StartWorker) {
  WorkerJob Job = StartWorker();
  uint64_t Item = 0;
  while (receiveAll(Socket, &Item, sizeof Item)) {
    std::string Answer = Job(static_cast<size_t>(Item));
    uint64_t Size = Answer.size();
    if (!sendAll(Socket, &Size, sizeof Size) || !sendAll(Socket, Answer.data(), Answer.size()))
      break;
  }
  _exit(0);
}

struct Worker {
  pid_t Pid = -1;
  int Socket = -1;
  std::optional<size_t> Item; // the item it is working on
  Clock::time_point Deadline;
  std::string Received; // the answer so far: size, then bytes
};

class Supervisor {
public:
  Supervisor(size_t Count, const PoolSettings &Settings,
             const std::function<WorkerJob()> &StartWorker,
             const std::function<void(size_t, WorkOutcome)> &OnOutcome)
      : Count(Count), Settings(Settings), StartWorker(StartWorker), OnOutcome(OnOutcome) {}

  void run() {
    size_t Wanted = std::max<size_t>(1, std::min<size_t>(Settings.Workers, Count));
    Workers.reserve(Wanted);
    for (size_t I = 0; I < Wanted && Next < Count; ++I) {
      Workers.emplace_back();
      if (!start(Workers.back())) {
        Workers.pop_back();
        break;
      }
      assign(Workers.back());
    }
    if (Workers.empty())
      return runHere();
    while (Finished < Count)
      waitForWorkers();
    for (Worker &W : Workers)
      retire(W);
  }

private:
  /// Forks W's process. False if the system refuses.
  bool start(Worker &W) {
    int Ends[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Ends) != 0) {
      StartProblem = std::strerror(errno);
      return false;
    }
    // The child starts with copies of unwritten output buffers: empty them first.
    std::cout.flush();
    std::fflush(nullptr);
    llvm::outs().flush();
    pid_t Supervisor = getpid();
    pid_t Pid = fork();
    if (Pid < 0) {
      StartProblem = std::strerror(errno);
      close(Ends[0]);
      close(Ends[1]);
      return false;
    }
    if (Pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL); // no orphan outlives an interrupted run
      if (getppid() != Supervisor)
        _exit(1);
      close(Ends[0]);
      for (const Worker &Other : Workers)
        if (Other.Socket >= 0)
          close(Other.Socket);
      serve(Ends[1], StartWorker);
    }
    close(Ends[1]);
    W = Worker();
    W.Pid = Pid;
    W.Socket = Ends[0];
    return true;
  }

  /// Gives W the next item, or lets it go when there is none.
  void assign(Worker &W) {
    if (Next == Count)
      return retire(W);
    W.Item = Next++;
    W.Received.clear();
    W.Deadline = Clock::now() + std::chrono::seconds(Settings.TimeoutSeconds);
    uint64_t Item = *W.Item;
    sendAll(W.Socket, &Item, sizeof Item); // if W has died, its end-of-file says so
  }

  void retire(Worker &W) {
    if (W.Socket < 0)
      return;
    close(W.Socket); // the worker reads end-of-file and exits
    W.Socket = -1;
    waitpid(W.Pid, nullptr, 0);
  }

  void waitForWorkers() {
    std::vector<pollfd> Polled;
    std::vector<Worker *> Busy;
    for (Worker &W : Workers)
      if (W.Item) {
        Polled.push_back({W.Socket, POLLIN, 0});
        Busy.push_back(&W);
      }
    int Ready = poll(Polled.data(), Polled.size(), pollTimeout(Busy));
    if (Ready < 0)
      return; // EINTR: look again
    for (size_t I = 0; I < Polled.size(); ++I)
      if (Polled[I].revents)
        readFrom(*Busy[I]);
    for (Worker *W : Busy)
      if (W->Item && Settings.TimeoutSeconds && Clock::now() >= W->Deadline) {
        kill(W->Pid, SIGKILL);
        WorkOutcome Outcome;
        Outcome.How = WorkOutcome::Ending::TimedOut;
        replace(*W, std::move(Outcome));
      }
  }

  /// Milliseconds until the earliest deadline, or -1 (no limit).
  int pollTimeout(const std::vector<Worker *> &Busy) const {
    if (!Settings.TimeoutSeconds || Busy.empty())
      return -1;
    Clock::time_point Earliest = Busy.front()->Deadline;
    for (const Worker *W : Busy)
      Earliest = std::min(Earliest, W->Deadline);
    auto Left = std::chrono::ceil<std::chrono::milliseconds>(Earliest - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(Left, 0, 60'000));
  }

  void readFrom(Worker &W) {
    char Buffer[65536];
    ssize_t Size = recv(W.Socket, Buffer, sizeof Buffer, MSG_DONTWAIT);
    if (Size < 0 && (errno == EAGAIN || errno == EINTR))
      return;
    if (Size <= 0) { // end-of-file: the worker died
      int Status = 0;
      kill(W.Pid, SIGKILL); // in case it only closed the socket
      waitpid(W.Pid, &Status, 0);
      W.Pid = -1;
      WorkOutcome Outcome;
      Outcome.How = WorkOutcome::Ending::Crashed;
      if (WIFSIGNALED(Status))
        Outcome.Signal = WTERMSIG(Status);
      else
        Outcome.ExitStatus = WEXITSTATUS(Status);
      return replace(W, std::move(Outcome));
    }
    W.Received.append(Buffer, static_cast<size_t>(Size));
    uint64_t Expected = 0;
    if (W.Received.size() < sizeof Expected)
      return;
    std::memcpy(&Expected, W.Received.data(), sizeof Expected);
    if (W.Received.size() < sizeof Expected + Expected)
      return;
    WorkOutcome Outcome;
    Outcome.Answer = W.Received.substr(sizeof Expected, Expected);
    report(W, std::move(Outcome));
    assign(W);
  }

  void report(Worker &W, WorkOutcome Outcome) {
    size_t Item = *W.Item;
    W.Item.reset();
    ++Finished;
    OnOutcome(Item, std::move(Outcome));
  }

  /// Reports W's item as Outcome says, and puts a fresh process in W's place.
  void replace(Worker &W, WorkOutcome Outcome) {
    if (W.Pid > 0)
      waitpid(W.Pid, nullptr, 0);
    close(W.Socket);
    W.Socket = -1;
    report(W, std::move(Outcome));
    if (Next == Count)
      return;
    if (start(W))
      return assign(W);
    if (llvm::none_of(Workers, [](const Worker &Other) { return Other.Socket >= 0; }))
      runHere(); // the others take the remaining items, if there are others
  }

  /// When the system refuses every new process: the remaining items unprotected, in this
  /// process, rather than none.
  void runHere() {
    std::cerr << "warning: cannot start a worker process (" << StartProblem
              << "); continuing without crash isolation\n";
    WorkerJob Job = StartWorker();
    for (; Next < Count; ++Next) {
      WorkOutcome Outcome;
      Outcome.Answer = Job(Next);
      ++Finished;
      OnOutcome(Next, std::move(Outcome));
    }
  }

  size_t Count;
  const PoolSettings &Settings;
  const std::function<WorkerJob()> &StartWorker;
  const std::function<void(size_t, WorkOutcome)> &OnOutcome;
  std::vector<Worker> Workers; // never resized once running: waitForWorkers holds pointers
  size_t Next = 0, Finished = 0;
  std::string StartProblem; // why the last start() failed
};

} // namespace

void runInWorkers(size_t Count, const PoolSettings &Settings,
                  const std::function<WorkerJob()> &StartWorker,
                  const std::function<void(size_t I, WorkOutcome)> &OnOutcome) {
  if (Count == 0)
    return;
  Supervisor(Count, Settings, StartWorker, OnOutcome).run();
}

} // namespace async_lint::cli
