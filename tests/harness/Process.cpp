//===--- Process.cpp - run a command and capture what it prints -----------===//

#include "Process.h"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace async_lint::harness {

ProcessResult runProcess(const std::vector<std::string> &Argv,
                         const std::vector<std::string> &Environment, unsigned TimeoutSeconds) {
  ProcessResult Result;
  int Out[2], Err[2];
  if (pipe2(Out, O_CLOEXEC) != 0 || pipe2(Err, O_CLOEXEC) != 0) {
    Result.Errors = "pipe failed";
    return Result;
  }
  std::vector<std::string> Env;
  for (char **E = environ; *E; ++E)
    Env.emplace_back(*E);
  Env.insert(Env.end(), Environment.begin(), Environment.end());
  std::vector<char *> ArgPtrs, EnvPtrs;
  for (const std::string &A : Argv)
    ArgPtrs.push_back(const_cast<char *>(A.c_str()));
  ArgPtrs.push_back(nullptr);
  for (const std::string &E : Env)
    EnvPtrs.push_back(const_cast<char *>(E.c_str()));
  EnvPtrs.push_back(nullptr);

  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], 1);
  posix_spawn_file_actions_adddup2(&Actions, Err[1], 2);
  pid_t Pid = 0;
  int SpawnError = posix_spawnp(&Pid, ArgPtrs[0], &Actions, nullptr, ArgPtrs.data(),
                                EnvPtrs.data());
  posix_spawn_file_actions_destroy(&Actions);
  close(Out[1]);
  close(Err[1]);
  if (SpawnError != 0) {
    close(Out[0]);
    close(Err[0]);
    Result.Errors = "cannot run " + Argv[0];
    return Result;
  }

  // Drain both pipes until they close or the time limit passes.
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(TimeoutSeconds);
  pollfd Fds[2] = {{Out[0], POLLIN, 0}, {Err[0], POLLIN, 0}};
  std::string *Sinks[2] = {&Result.Output, &Result.Errors};
  bool TimedOut = false;
  for (int Open = 2; Open > 0;) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    if (Left.count() <= 0) {
      TimedOut = true;
      kill(Pid, SIGKILL);
      break;
    }
    if (poll(Fds, 2, static_cast<int>(Left.count())) < 0 && errno != EINTR)
      break;
    for (int I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char Buffer[65536];
      ssize_t N = read(Fds[I].fd, Buffer, sizeof Buffer);
      if (N > 0) {
        Sinks[I]->append(Buffer, static_cast<size_t>(N));
      } else {
        close(Fds[I].fd);
        Fds[I].fd = -1;
        --Open;
      }
    }
  }
  for (pollfd &Fd : Fds)
    if (Fd.fd >= 0)
      close(Fd.fd);
  int Status = 0;
  waitpid(Pid, &Status, 0);
  if (TimedOut)
    Result.ExitCode = 124;
  else if (WIFEXITED(Status))
    Result.ExitCode = WEXITSTATUS(Status);
  else if (WIFSIGNALED(Status))
    Result.ExitCode = 128 + WTERMSIG(Status);
  return Result;
}

} // namespace async_lint::harness
