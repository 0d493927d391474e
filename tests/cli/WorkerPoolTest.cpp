//===--- WorkerPoolTest.cpp - items in crash-isolated worker processes ----===//
//
// Each way a worker can end (answer, signal, exit, stack overflow, hang) with the exact
// outcome, and that the other items are answered all the same.
//
//===----------------------------------------------------------------------===//

#include "WorkerPool.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <unistd.h>

using namespace async_lint::cli;
using Ending = WorkOutcome::Ending;

namespace {

volatile bool StopRecursion = false;

[[gnu::noinline]] int overflowStack(int Depth) {
  volatile char Frame[4096];
  Frame[0] = static_cast<char>(Depth);
  if (StopRecursion)
    return Frame[0];
  return overflowStack(Depth + 1) + Frame[0]; // not a tail call: every frame stays
}

/// Runs Count items with Job in Workers processes; the outcomes by item.
std::map<size_t, WorkOutcome> run(size_t Count, PoolSettings Settings,
                                  std::function<std::string(size_t)> Job) {
  std::map<size_t, WorkOutcome> Outcomes;
  runInWorkers(
      Count, Settings, [&] { return WorkerJob(Job); },
      [&](size_t I, WorkOutcome Outcome) {
        EXPECT_FALSE(Outcomes.count(I)) << "item " << I << " reported twice";
        Outcomes[I] = std::move(Outcome);
      });
  return Outcomes;
}

std::string answer(size_t I) { return "item " + std::to_string(I); }

TEST(WorkerPoolTest, AnswersEveryItemOnce) {
  auto Outcomes = run(10, {3, 0}, answer);
  ASSERT_EQ(Outcomes.size(), 10u);
  for (const auto &[I, Outcome] : Outcomes) {
    EXPECT_EQ(Outcome.How, Ending::Answered) << I;
    EXPECT_EQ(Outcome.Answer, answer(I));
  }
}

TEST(WorkerPoolTest, RunsInOtherProcesses) {
  auto Outcomes = run(1, {1, 0}, [](size_t) { return std::to_string(getpid()); });
  EXPECT_NE(Outcomes.at(0).Answer, std::to_string(getpid()));
}

// Workers live from one item to the next: the state StartWorker builds is reused.
TEST(WorkerPoolTest, AWorkerKeepsItsStateBetweenItems) {
  std::map<size_t, WorkOutcome> Outcomes;
  runInWorkers(
      4, {1, 0},
      [] {
        auto Served = std::make_shared<int>(0);
        return WorkerJob([Served](size_t) { return std::to_string(++*Served); });
      },
      [&](size_t I, WorkOutcome Outcome) { Outcomes[I] = std::move(Outcome); });
  for (size_t I = 0; I < 4; ++I)
    EXPECT_EQ(Outcomes.at(I).Answer, std::to_string(I + 1));
}

TEST(WorkerPoolTest, ACrashLosesOnlyItsItem) {
  auto Outcomes = run(9, {2, 0}, [](size_t I) -> std::string {
    if (I == 2)
      std::raise(SIGSEGV);
    if (I == 4)
      std::abort();
    if (I == 6)
      _exit(7);
    if (I == 8)
      overflowStack(0);
    return answer(I);
  });
  ASSERT_EQ(Outcomes.size(), 9u);
  EXPECT_EQ(Outcomes.at(2).How, Ending::Crashed);
  EXPECT_EQ(Outcomes.at(2).Signal, SIGSEGV);
  EXPECT_EQ(Outcomes.at(4).How, Ending::Crashed);
  EXPECT_EQ(Outcomes.at(4).Signal, SIGABRT);
  EXPECT_EQ(Outcomes.at(6).How, Ending::Crashed);
  EXPECT_EQ(Outcomes.at(6).Signal, 0);
  EXPECT_EQ(Outcomes.at(6).ExitStatus, 7);
  EXPECT_EQ(Outcomes.at(8).How, Ending::Crashed);
  EXPECT_EQ(Outcomes.at(8).Signal, SIGSEGV); // a stack overflow
  for (size_t I : {0, 1, 3, 5, 7}) {
    EXPECT_EQ(Outcomes.at(I).How, Ending::Answered) << I;
    EXPECT_EQ(Outcomes.at(I).Answer, answer(I));
  }
}

// One worker, replaced after each of its crashes, still gets through every item.
TEST(WorkerPoolTest, ADeadWorkerIsReplaced) {
  auto Outcomes = run(8, {1, 0}, [](size_t I) -> std::string {
    if (I % 2 == 0)
      std::raise(SIGKILL);
    return answer(I);
  });
  ASSERT_EQ(Outcomes.size(), 8u);
  for (size_t I = 0; I < 8; ++I) {
    EXPECT_EQ(Outcomes.at(I).How, I % 2 ? Ending::Answered : Ending::Crashed) << I;
    EXPECT_EQ(Outcomes.at(I).Signal, I % 2 ? 0 : SIGKILL) << I;
  }
}

TEST(WorkerPoolTest, AHangIsEndedAtTheTimeLimit) {
  auto Start = std::chrono::steady_clock::now();
  auto Outcomes = run(4, {2, 1}, [](size_t I) -> std::string {
    while (I == 1)
      pause();
    return answer(I);
  });
  auto Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  ASSERT_EQ(Outcomes.size(), 4u);
  EXPECT_EQ(Outcomes.at(1).How, Ending::TimedOut);
  for (size_t I : {0, 2, 3})
    EXPECT_EQ(Outcomes.at(I).Answer, answer(I)) << I;
  EXPECT_GE(Seconds, 1.0);
  EXPECT_LT(Seconds, 10.0);
}

// Answers larger than a socket's buffer arrive whole, from several workers at once.
TEST(WorkerPoolTest, LargeAnswersArriveWhole) {
  auto Big = [](size_t I) { return std::string(3'000'000 + I, static_cast<char>('a' + I)); };
  auto Outcomes = run(4, {2, 0}, Big);
  for (size_t I = 0; I < 4; ++I)
    EXPECT_TRUE(Outcomes.at(I).Answer == Big(I)) << I;
}

TEST(WorkerPoolTest, NoItemsNoWorkers) {
  EXPECT_TRUE(run(0, {4, 0}, answer).empty());
}

} // namespace
