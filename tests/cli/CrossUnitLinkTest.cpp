//===--- CrossUnitLinkTest.cpp - findings across translation units --------===//

#include "CrossUnitLink.h"
#include "JsonReport.h"
#include "NoLint.h"
#include "ScratchDirectory.h"
#include "UnitResultCodec.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;
namespace utils = clang::tidy::async::utils;

namespace {

/// A project of three files: a coroutine in handler.cpp calls flush (journal.cpp), which
/// calls sync (disk.cpp), which blocks; handler.cpp also starts serve (server.cpp) in a loop.
class CrossUnitLinkTest : public ::testing::Test {
protected:
  void SetUp() override {
    Handler = Scratch.write("src/handler.cpp", "task<> commit() {\n"
                                               "  flush();\n"
                                               "  flush(); // NOLINT(async-*)\n"
                                               "  for (;;) spawn(serve());\n"
                                               "}\n");
    Journal = Scratch.write("src/journal.cpp", "void flush() {\n  sync();\n}\n");
    Disk = Scratch.write("src/disk.cpp", "void sync() {\n  fsync(fd);\n}\n");
    utils::HelperFacts Flush{
        {"'flush'", "flush", "flush"}, {{"k:sync", "'sync'", point(Journal, 2, 3, 17)}}, {}};
    utils::HelperFacts Sync{{"'sync'", "sync", "sync"}, {},
                            utils::DirectBlock{"fsync", "blocks until the file reaches the disk",
                                               true, point(Disk, 2, 3, 16)}};
    Units = {{Disk, {}, {}}, {Handler, {}, {}}, {Journal, {}, {}}};
    Units[0].Summary.Helpers["k:sync"] = Sync;
    for (auto [Line, Offset] : {std::pair{2u, 20u}, {3u, 31u}})
      Units[1].Summary.OpenCalls.push_back({point(Handler, Line, 3, Offset, 7), "k:flush",
                                            "coroutine 'commit'", "commit", false, false});
    Units[1].Summary.Starts.push_back({point(Handler, 4, 12, 70), "k:serve"});
    Units[2].Summary.Helpers["k:flush"] = Flush;
  }

  static utils::SourcePoint point(const std::string &File, unsigned Line, unsigned Column,
                                  unsigned Offset, unsigned Length = 0) {
    return {File, Line, Column, Offset, Length};
  }

  Finding unbounded() const {
    Finding F;
    F.Check = "async-unbounded-concurrency";
    F.Where.File = Handler;
    F.Where.Offset = 70;
    F.Where.Line = 4;
    F.Where.Column = 12;
    F.Message = "'spawn' starts one task per iteration with nothing bounding how many run at once";
    return F;
  }

  ScratchDirectory Scratch;
  std::string Handler, Journal, Disk;
  std::vector<UnitSummaryRecord> Units;
  SourceFiles Sources;
};

TEST_F(CrossUnitLinkTest, ReportsTheChainWithANotePerStep) {
  std::vector<Finding> Findings;
  linkUnits(Units, Scratch.Root, Sources, Findings);
  ASSERT_EQ(Findings.size(), 1u); // the second call is silenced by its NOLINT comment
  const Finding &F = Findings[0];
  EXPECT_EQ(F.Check, "async-blocking-call");
  EXPECT_EQ(F.Level, Severity::Warning);
  EXPECT_EQ(F.Message, "call to 'flush' in coroutine 'commit' blocks: it reaches 'fsync', "
                       "which blocks until the file reaches the disk");
  EXPECT_EQ(F.Where.File, Handler);
  EXPECT_EQ(std::tie(F.Where.Line, F.Where.Column, F.Where.EndLine, F.Where.EndColumn),
            std::make_tuple(2u, 3u, 2u, 10u));
  ASSERT_EQ(F.Notes.size(), 2u);
  EXPECT_EQ(F.Notes[0].Message, "'flush' calls 'sync' here");
  EXPECT_EQ(std::tie(F.Notes[0].Where.File, F.Notes[0].Where.Line, F.Notes[0].Where.Column,
                     F.Notes[0].Where.EndColumn),
            std::make_tuple(Journal, 2u, 3u, 7u)); // the token "sync"
  EXPECT_EQ(F.Notes[1].Message, "'sync' calls 'fsync' here");
  EXPECT_EQ(F.Function, "commit");
  EXPECT_TRUE(F.CrossUnit);
}

TEST_F(CrossUnitLinkTest, ReplacesAnEarlierLinksFindingsAndDropsBoundedStarts) {
  std::vector<Finding> Findings = {unbounded()};
  linkUnits(Units, Scratch.Root, Sources, Findings); // a shard's: serve is unknown there
  ASSERT_EQ(Findings.size(), 2u);
  Findings[1].CrossUnit = false; // as read back from the shard's json

  // merge: server.cpp's unit says serve acquires a limiter first.
  Units.push_back({Scratch.write("src/server.cpp", "\n"), {}, {}});
  Units.back().Summary.LimitedCoroutines.insert("k:serve");
  linkUnits(Units, Scratch.Root, Sources, Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Check, "async-blocking-call");
  EXPECT_TRUE(Findings[0].CrossUnit);
}

TEST_F(CrossUnitLinkTest, FindingsOutsideTheUnitsFiltersAreNotReported) {
  // The coroutine's call in a header that the unit's filter leaves out.
  Units[1].File = Scratch.write("src/other.cpp", "\n");
  Units[1].Filters.Include = ".*/other\\.cpp";
  std::vector<Finding> Findings;
  linkUnits(Units, Scratch.Root, Sources, Findings);
  EXPECT_TRUE(Findings.empty());
}

TEST_F(CrossUnitLinkTest, TheIndexHasEveryHelperOnce) {
  utils::UnitSummary Index = indexOf(Units);
  EXPECT_EQ(Index.Helpers.size(), 2u);
  EXPECT_TRUE(Index.OpenCalls.empty());
  EXPECT_TRUE(Index.Starts.empty());
  std::string Path = Scratch.Root + "/build/async-lint/index.json";
  EXPECT_EQ(writeIndex(Path, Index), std::nullopt);
  EXPECT_EQ(utils::unitSummaryFromJson(nlohmann::json::parse(ScratchDirectory::read(Path))),
            Index);
  EXPECT_EQ(defaultIndexPath("/p/build"), "/p/build/async-lint/index.json");
}

TEST_F(CrossUnitLinkTest, SummariesTravelInWorkerResultsAndShardReports) {
  UnitResult Result;
  Result.File = Handler;
  Result.Summary = Units[1].Summary;
  EXPECT_EQ(decodeUnitResult(encodeUnitResult(Result)).Summary, Result.Summary);

  Report R;
  R.Summaries = Units;
  R.Summaries[1].Filters.Exclude = "gen/.*";
  std::string Root;
  Report Back = fromJson(toJson(R, Scratch.Root, "1.0"), Root);
  ASSERT_EQ(Back.Summaries.size(), 3u);
  for (size_t I = 0; I < 3; ++I) {
    EXPECT_EQ(Back.Summaries[I].File, R.Summaries[I].File);
    EXPECT_EQ(Back.Summaries[I].Filters.Exclude, R.Summaries[I].Filters.Exclude);
    EXPECT_EQ(Back.Summaries[I].Summary, R.Summaries[I].Summary);
  }
  EXPECT_FALSE(toJson(Report(), Scratch.Root, "1.0").contains("summaries"));
}

class NoLintTest : public ::testing::Test {
protected:
  bool silenced(const std::string &Text, unsigned Line,
                const std::string &Check = "async-blocking-call") {
    Finding F;
    F.Check = Check;
    F.Where.File = Scratch.write("f" + std::to_string(++Files) + ".cpp", Text);
    F.Where.Line = Line;
    return isSilencedByComment(F, Sources);
  }
  ScratchDirectory Scratch;
  SourceFiles Sources;
  int Files = 0;
};

TEST_F(NoLintTest, TheFormsClangTidyKnows) {
  EXPECT_FALSE(silenced("f();\n", 1));
  EXPECT_TRUE(silenced("f(); // NOLINT\n", 1));
  EXPECT_TRUE(silenced("f(); // NOLINT(async-blocking-call)\n", 1));
  EXPECT_TRUE(silenced("f(); // NOLINT(bugprone-*, async-*): measured\n", 1));
  EXPECT_FALSE(silenced("f(); // NOLINT(async-missing-co-await)\n", 1));
  EXPECT_TRUE(silenced("// NOLINTNEXTLINE\nf();\n", 2));
  EXPECT_FALSE(silenced("// NOLINTNEXTLINE\n\nf();\n", 3));
  EXPECT_FALSE(silenced("// NOLINTNEXTLINE(async-unbounded-*)\nf();\n", 2));
  EXPECT_TRUE(silenced("// NOLINTBEGIN(async-*)\n\nf();\n// NOLINTEND(async-*)\n", 3));
  EXPECT_FALSE(silenced("// NOLINTBEGIN\n// NOLINTEND\nf();\n", 3));
  EXPECT_FALSE(silenced("f(); // NOLINT(async-blocking-call\n", 1)); // malformed
}

} // namespace
