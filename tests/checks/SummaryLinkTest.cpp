//===--- SummaryLinkTest.cpp - blocking chains across units ---------------===//

#include "utils/SummaryLink.h"
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace utils = clang::tidy::async::utils;

namespace async_lint::testing {
namespace {

using Notes = std::vector<std::pair<utils::SourcePoint, std::string>>;

utils::SourcePoint at(const std::string &File, unsigned Line, unsigned Column = 3) {
  return {"/p/" + File, Line, Column, Line * 100 + Column, 0};
}

/// A helper named Name (key "k:Name") that calls Calls (keys "k:...", one line each, from
/// line 10 of Name.cpp) and then, if Blocking is given, calls it (I/O when IO).
utils::HelperFacts helper(const std::string &Name, std::vector<std::string> Calls,
                          const std::string &Blocking = "", bool IO = false) {
  utils::HelperFacts Facts;
  Facts.Name = {"'" + Name + "'", Name, Name.substr(Name.rfind(':') + 1)};
  unsigned Line = 10;
  for (const std::string &Callee : Calls)
    Facts.Calls.push_back({"k:" + Callee, "'" + Callee + "'", at(Name + ".cpp", Line++)});
  if (!Blocking.empty())
    Facts.Blocks = utils::DirectBlock{Blocking, IO ? "blocks until the file reaches the disk"
                                                   : "sleeps the thread",
                                      IO, at(Name + ".cpp", Line)};
  return Facts;
}

void add(utils::UnitSummary &Summary, const std::string &Name, utils::HelperFacts Facts) {
  Summary.Helpers.emplace("k:" + Name, std::move(Facts));
}

utils::CoroutineCall callOf(const std::string &Callee, bool AwaitsReadiness = false) {
  return {at("handler.cpp", 5), "k:" + Callee, "coroutine 'commit'", "commit",
          AwaitsReadiness, false};
}

/// The chain of helper Key as "from->to" steps ("from->!" for the blocking call).
std::vector<std::string> stepsOf(utils::SummaryLinker &Linker, const std::string &Key) {
  utils::LinkedChain Chain = Linker.chain("k:" + Key, ~0U);
  std::vector<std::string> Steps;
  for (const utils::LinkedStep &Step : Chain.Head)
    Steps.push_back(Step.From->Name.Qualified + "->" +
                    (Step.To ? Step.To->Name.Qualified : std::string("!")));
  EXPECT_EQ(Chain.Length, Steps.size());
  return Steps;
}

TEST(SummaryLinkTest, FollowsOpenCallsThroughUnits) {
  utils::UnitSummary Handler, Journal, Disk;
  Handler.OpenCalls.push_back(callOf("flush_journal"));
  add(Journal, "flush_journal", helper("flush_journal", {"note", "sync_to_disk"}));
  add(Disk, "sync_to_disk", helper("sync_to_disk", {}, "fsync", /*IO=*/true));
  utils::SummaryLinker Linker({&Handler, &Journal, &Disk});

  std::optional<utils::LinkedFinding> Found = Linker.findingFor(Handler.OpenCalls[0]);
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Message, "call to 'flush_journal' in coroutine 'commit' blocks: it reaches "
                            "'fsync', which blocks until the file reaches the disk");
  // "note" is in no summary: a call that cannot block (a library function, a coroutine).
  EXPECT_EQ(Found->Notes,
            (Notes{{at("flush_journal.cpp", 11), "'flush_journal' calls 'sync_to_disk' here"},
                   {at("sync_to_disk.cpp", 10), "'sync_to_disk' calls 'fsync' here"}}));
  // I/O is fine in a coroutine that awaits readiness, wherever the helper is.
  EXPECT_FALSE(Linker.findingFor(callOf("flush_journal", /*AwaitsReadiness=*/true)));
  EXPECT_FALSE(Linker.findingFor(callOf("unknown")));
}

TEST(SummaryLinkTest, TheFirstSummaryThatKnowsAHelperWins) {
  // The unit being edited no longer blocks in f; the index of the last run says it does.
  utils::UnitSummary Edited, Index;
  add(Edited, "f", helper("f", {}));
  add(Index, "f", helper("f", {}, "sleep"));
  add(Index, "g", helper("g", {"f"}));
  utils::SummaryLinker Linker({&Edited, &Index});
  EXPECT_EQ(stepsOf(Linker, "f"), std::vector<std::string>{});
  EXPECT_EQ(stepsOf(Linker, "g"), std::vector<std::string>{});
}

TEST(SummaryLinkTest, ACycleIsDecidedTheSameWhereverTheWalkEntersIt) {
  // a -> b -> c -> a; b and c block themselves, a only through them.
  utils::UnitSummary Units;
  add(Units, "a", helper("a", {"b"}));
  add(Units, "b", helper("b", {"c"}, "sleep"));
  add(Units, "c", helper("c", {"a"}, "sleep"));
  for (const std::string &Entry : {"a", "b", "c"}) {
    utils::SummaryLinker Linker({&Units});
    stepsOf(Linker, Entry);
    EXPECT_EQ(stepsOf(Linker, "a"), (std::vector<std::string>{"a->b", "b->!"})) << Entry;
    EXPECT_EQ(stepsOf(Linker, "b"), (std::vector<std::string>{"b->!"})) << Entry;
    EXPECT_EQ(stepsOf(Linker, "c"), (std::vector<std::string>{"c->!"})) << Entry;
  }
  // A cycle that reaches no blocking call ends: nothing blocks.
  utils::UnitSummary Quiet;
  add(Quiet, "x", helper("x", {"y"}));
  add(Quiet, "y", helper("y", {"x", "x"}));
  utils::SummaryLinker Linker({&Quiet});
  EXPECT_EQ(stepsOf(Linker, "x"), std::vector<std::string>{});
}

TEST(SummaryLinkTest, ALongChainShowsItsFirstStepsAndItsEnd) {
  utils::UnitSummary Units;
  for (int I = 1; I < 7; ++I) {
    std::string Name = "h" + std::to_string(I);
    add(Units, Name, helper(Name, {"h" + std::to_string(I + 1)}));
  }
  add(Units, "h7", helper("h7", {}, "usleep"));
  utils::SummaryLinker Linker({&Units});
  std::optional<utils::LinkedFinding> Found = Linker.findingFor(callOf("h1"));
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Notes, (Notes{{at("h1.cpp", 10), "'h1' calls 'h2' here"},
                                 {at("h2.cpp", 10), "'h2' calls 'h3' here"},
                                 {at("h3.cpp", 10), "'h3' calls 'h4' here"},
                                 {at("h4.cpp", 10), "3 more calls lead from 'h4' to 'h7'"},
                                 {at("h7.cpp", 10), "'h7' calls 'usleep' here"}}));
}

TEST(SummaryLinkTest, DeepChainsCostNoStack) {
  constexpr int Depth = 100000;
  utils::UnitSummary Units;
  for (int I = 0; I < Depth; ++I)
    add(Units, std::to_string(I), helper(std::to_string(I), {std::to_string(I + 1)}));
  add(Units, std::to_string(Depth), helper(std::to_string(Depth), {"0"}, "sleep"));
  utils::SummaryLinker Linker({&Units});
  utils::LinkedChain Chain = Linker.chain("k:0", 3);
  EXPECT_EQ(Chain.Length, Depth + 1u);
  EXPECT_EQ(Chain.Head.size(), 3u);
  EXPECT_EQ(Chain.Last.From->Name.Qualified, std::to_string(Depth));
}

TEST(SummaryLinkTest, AHelperNamedLikeTheBlockingFunctionIsQualified) {
  utils::UnitSummary Units;
  add(Units, "client", helper("net::client::recv", {}, "recv"));
  Units.Helpers["k:client"].Name.Identifier = "recv";
  utils::SummaryLinker Linker({&Units});
  std::optional<utils::LinkedFinding> Found = Linker.findingFor(callOf("client"));
  ASSERT_TRUE(Found);
  EXPECT_EQ(Found->Message, "call to 'net::client::recv' in coroutine 'commit' blocks: it "
                            "reaches 'recv', which sleeps the thread");
}

TEST(SummaryLinkTest, LimitedCoroutinesOfAnySummary) {
  utils::UnitSummary A, B;
  B.LimitedCoroutines.insert("k:serve");
  utils::SummaryLinker Linker({&A, &B});
  EXPECT_TRUE(Linker.acquiresFirst("k:serve"));
  EXPECT_FALSE(Linker.acquiresFirst("k:other"));
}

TEST(UnitSummaryTest, JsonRoundTripsWithPathsUnderTheRoot) {
  utils::UnitSummary Summary;
  add(Summary, "f", helper("f", {"g"}, "fsync", true));
  Summary.OpenCalls.push_back(callOf("f", true));
  Summary.OpenCalls[0].At.Length = 12;
  Summary.LimitedCoroutines.insert("k:serve");
  Summary.Starts.push_back({{"/elsewhere/s.cpp", 3, 4, 40, 0}, "k:serve"});
  nlohmann::json Json = utils::toJson(Summary, "/p");
  EXPECT_EQ(Json["helpers"]["k:f"]["calls"][0]["at"], "f.cpp:10:3");
  EXPECT_EQ(Json["conditionalStarts"][0]["at"], "/elsewhere/s.cpp:3:4");
  EXPECT_EQ(utils::unitSummaryFromJson(Json, "/p"), Summary);
  EXPECT_EQ(utils::unitSummaryFromJson(utils::toJson(Summary)), Summary);
}

TEST(UnitSummaryTest, MalformedJsonIsAnError) {
  auto ErrorOf = [](const std::string &Text) -> std::string {
    try {
      utils::unitSummaryFromJson(nlohmann::json::parse(Text));
    } catch (const std::runtime_error &Error) {
      return Error.what();
    }
    return "no error";
  };
  EXPECT_EQ(ErrorOf(R"({"version": 2, "helpers": {}})"),
            "not an async-lint summary of version 1");
  EXPECT_EQ(ErrorOf(R"({"version": 1, "helpers": {"k": {"name": "'f'"}}})"),
            "malformed async-lint summary: [json.exception.out_of_range.403] key 'qualified' "
            "not found");
  EXPECT_EQ(ErrorOf(R"({"version": 1, "helpers": {}, "openCalls": [{"at": "f.cpp", "offset": 1,
                       "callee": "k", "coroutine": "c"}]})"),
            "'f.cpp' is not FILE:LINE:COLUMN");
}

} // namespace
} // namespace async_lint::testing
