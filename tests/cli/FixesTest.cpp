//===--- FixesTest.cpp - applying and exporting fix-its -------------------===//

#include "Fixes.h"
#include "clang/Tooling/DiagnosticsYaml.h"

#include "ScratchDirectory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace async_lint::cli;
namespace fs = std::filesystem;

namespace {

const std::string Coroutine = "task<int> run() {\n"
                              "  fetch();\n"
                              "  sleep(1);\n"
                              "  return 0;\n"
                              "}\n";

class FixesTest : public ::testing::Test {
protected:
  std::string write(const std::string &Name, const std::string &Text) {
    return Scratch.write(Name, Text);
  }

  static std::string read(const std::string &Path) { return ScratchDirectory::read(Path); }

  ScratchDirectory Scratch;
  const std::string &Directory = Scratch.Root;
};

Edit edit(const std::string &File, size_t Offset, unsigned Length, const std::string &Text) {
  Edit E;
  E.File = File;
  E.Offset = static_cast<unsigned>(Offset);
  E.Length = Length;
  E.Text = Text;
  E.Where.File = File;
  E.Where.Offset = E.Offset;
  return E;
}

Finding fixable(const std::string &Check, std::vector<Edit> Edits) {
  Finding F;
  F.Check = Check;
  F.Message = Check + " message";
  if (!Edits.empty()) {
    F.Where.File = Edits.front().File;
    F.Where.Offset = Edits.front().Offset;
  }
  F.Fix = std::move(Edits);
  return F;
}

TEST_F(FixesTest, AppliesFixesAndSkipsOverlappingOnesWhole) {
  std::string A = write("a.cpp", Coroutine);
  std::string B = write("b.cpp", "void g() { sleep(2); }\n");
  size_t Sleep = Coroutine.find("sleep");
  std::vector<Finding> Findings = {
      fixable("async-blocking-call", {edit(A, Sleep, 8, "co_await async_sleep(1)")}),
      // Overlaps the first: skipped.
      fixable("async-other", {edit(A, Sleep, 5, "std::this_thread::sleep_for")}),
      fixable("async-missing-co-await", {edit(A, Coroutine.find("fetch"), 0, "co_await ")}),
      // One edit would fit, the other overlaps the first finding's: none is applied.
      fixable("async-two-edits", {edit(A, Coroutine.find("return"), 6, "co_return"),
                                  edit(A, Coroutine.find("(1)"), 3, "(10)")}),
      fixable("async-no-fix", {}),
      fixable("async-blocking-call", {edit(B, 11, 8, "co_await async_sleep(2)")}),
  };
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(read(A), "task<int> run() {\n"
                     "  co_await fetch();\n"
                     "  co_await async_sleep(1);\n"
                     "  return 0;\n"
                     "}\n");
  EXPECT_EQ(read(B), "void g() { co_await async_sleep(2); }\n");
  EXPECT_EQ(Outcome.Applied,
            (std::vector<const Finding *>{&Findings[0], &Findings[2], &Findings[5]}));
  EXPECT_EQ(Outcome.Conflicting, (std::vector<const Finding *>{&Findings[1], &Findings[3]}));
  EXPECT_TRUE(Outcome.Errors.empty());
}

TEST_F(FixesTest, OneFindingWithSeveralEdits) {
  std::string A = write("a.cpp", Coroutine);
  std::vector<Finding> Findings = {
      fixable("async-missing-co-await",
              {edit(A, Coroutine.find("return"), 6, "co_return"),
               edit(A, Coroutine.find("task<int>"), 0, "[[nodiscard]] "),
               edit(A, Coroutine.find("fetch"), 0, "co_await ")}),
      // Touches the previous range without overlapping it.
      fixable("async-adjacent", {edit(A, Coroutine.find(" 0;"), 2, " 1")})};
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(read(A), "[[nodiscard]] task<int> run() {\n"
                     "  co_await fetch();\n"
                     "  sleep(1);\n"
                     "  co_return 1;\n"
                     "}\n");
  EXPECT_EQ(Outcome.Applied.size(), 2u);
  EXPECT_TRUE(Outcome.Conflicting.empty());
}

TEST_F(FixesTest, AFindingWhoseOwnEditsOverlapIsSkipped) {
  std::string A = write("a.cpp", Coroutine);
  std::vector<Finding> Findings = {fixable(
      "async-self", {edit(A, Coroutine.find("sleep"), 5, "x"), edit(A, Coroutine.find("leep"), 2, "y")})};
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(read(A), Coroutine);
  EXPECT_TRUE(Outcome.Applied.empty());
  EXPECT_EQ(Outcome.Conflicting, std::vector<const Finding *>{&Findings[0]});
}

// The same insertion offered by two findings must not be made twice: `co_await co_await`.
TEST_F(FixesTest, SameInsertionTwiceIsAConflict) {
  std::string A = write("a.cpp", Coroutine);
  size_t Fetch = Coroutine.find("fetch");
  std::vector<Finding> Findings = {
      fixable("async-missing-co-await", {edit(A, Fetch, 0, "co_await ")}),
      fixable("async-other", {edit(A, Fetch, 0, "co_await ")})};
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(read(A), "task<int> run() {\n"
                     "  co_await fetch();\n"
                     "  sleep(1);\n"
                     "  return 0;\n"
                     "}\n");
  EXPECT_EQ(Outcome.Applied, std::vector<const Finding *>{&Findings[0]});
  EXPECT_EQ(Outcome.Conflicting, std::vector<const Finding *>{&Findings[1]});
}

TEST_F(FixesTest, CrLfFileKeepsItsLineEndings) {
  std::string Text = "void f() {\r\n  fetch();\r\n}\r\n";
  std::string A = write("a.cpp", Text);
  std::vector<Finding> Findings = {
      fixable("async-missing-co-await", {edit(A, Text.find("fetch"), 0, "co_await ")})};
  applyFixes(Findings);
  EXPECT_EQ(read(A), "void f() {\r\n  co_await fetch();\r\n}\r\n");
}

// A fix-it that was not applied is reported as an error, not as applied.
TEST_F(FixesTest, UnreadableFile) {
  std::string Absent = Directory + "/absent.cpp";
  std::vector<Finding> Findings = {fixable("async-missing-co-await", {edit(Absent, 0, 0, "x")})};
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(Outcome.Errors,
            std::vector<std::string>{"cannot read '" + Absent + "': No such file or directory"});
  EXPECT_TRUE(Outcome.Applied.empty());
  EXPECT_FALSE(fs::exists(Absent));
}

TEST_F(FixesTest, EditPastTheEndOfTheFile) {
  std::string A = write("a.cpp", "int x;\n");
  std::vector<Finding> Findings = {fixable("async-missing-co-await", {edit(A, 100, 1, "y")})};
  FixOutcome Outcome = applyFixes(Findings);
  EXPECT_EQ(read(A), "int x;\n");
  ASSERT_EQ(Outcome.Errors.size(), 1u);
  EXPECT_EQ(Outcome.Errors[0].rfind("fix-it past the end of '" + A + "': ", 0), 0u)
      << Outcome.Errors[0];
  EXPECT_EQ(read(A), "int x;\n");
  EXPECT_TRUE(Outcome.Applied.empty());
}

TEST_F(FixesTest, ExportedYamlHoldsTheExactReplacements) {
  std::string A = Directory + "/a.cpp";
  Finding Missing = fixable("async-missing-co-await",
                            {edit(A, 20, 0, "co_await "), edit(A, 60, 6, "co_return")});
  Missing.Message = "task 'fetch' is created and never awaited";
  Finding Blocking = fixable("async-blocking-call", {edit(A, 31, 8, "co_await async_sleep(1)")});
  Blocking.Level = Severity::Error;
  Blocking.Message = "blocking call 'sleep'";
  Finding Unfixable = fixable("async-unbounded-concurrency", {});
  Unfixable.Where.File = A;
  Unfixable.Where.Offset = 44;
  Unfixable.Message = "multi\nline: 'quoted'";
  std::string Path = Directory + "/fixes.yaml";
  ASSERT_EQ(exportFixes(Path, {Missing, Blocking, Unfixable}), std::nullopt);

  std::string Text = read(Path);
  EXPECT_NE(Text.find("ReplacementText: 'co_await '\n"), std::string::npos) << Text;
  EXPECT_NE(Text.find("ReplacementText: 'co_await async_sleep(1)'\n"), std::string::npos) << Text;
  EXPECT_NE(Text.find("ReplacementText: co_return\n"), std::string::npos) << Text;
  EXPECT_NE(Text.find("DiagnosticName:  async-missing-co-await\n"), std::string::npos) << Text;

  // What clang-apply-replacements reads.
  clang::tooling::TranslationUnitDiagnostics Read;
  llvm::yaml::Input Yaml(Text);
  Yaml >> Read;
  ASSERT_FALSE(Yaml.error());
  ASSERT_EQ(Read.Diagnostics.size(), 3u);
  const auto &First = Read.Diagnostics[0];
  EXPECT_EQ(First.DiagnosticName, "async-missing-co-await");
  EXPECT_EQ(First.DiagLevel, clang::tooling::Diagnostic::Warning);
  EXPECT_EQ(First.Message.Message, "task 'fetch' is created and never awaited");
  EXPECT_EQ(First.Message.FilePath, A);
  EXPECT_EQ(First.Message.FileOffset, 20u);
  ASSERT_EQ(First.Message.Fix.count(A), 1u);
  std::vector<clang::tooling::Replacement> Edits(First.Message.Fix.at(A).begin(),
                                                 First.Message.Fix.at(A).end());
  ASSERT_EQ(Edits.size(), 2u);
  EXPECT_EQ(Edits[0].getFilePath(), A);
  EXPECT_EQ(Edits[0].getOffset(), 20u);
  EXPECT_EQ(Edits[0].getLength(), 0u);
  EXPECT_EQ(Edits[0].getReplacementText(), "co_await ");
  EXPECT_EQ(Edits[1].getOffset(), 60u);
  EXPECT_EQ(Edits[1].getLength(), 6u);
  EXPECT_EQ(Edits[1].getReplacementText(), "co_return");

  const auto &Second = Read.Diagnostics[1];
  EXPECT_EQ(Second.DiagnosticName, "async-blocking-call");
  EXPECT_EQ(Second.DiagLevel, clang::tooling::Diagnostic::Error);
  ASSERT_EQ(Second.Message.Fix.count(A), 1u);
  const clang::tooling::Replacement &Replace = *Second.Message.Fix.at(A).begin();
  EXPECT_EQ(Replace.getOffset(), 31u);
  EXPECT_EQ(Replace.getLength(), 8u);
  EXPECT_EQ(Replace.getReplacementText(), "co_await async_sleep(1)");

  const auto &Third = Read.Diagnostics[2];
  EXPECT_EQ(Third.Message.Message, "multi\nline: 'quoted'");
  EXPECT_EQ(Third.Message.FileOffset, 44u);
  EXPECT_TRUE(Third.Message.Fix.empty());
}

TEST_F(FixesTest, ExportToAnUnwritablePath) {
  std::string Path = Directory + "/no-such-directory/fixes.yaml";
  EXPECT_EQ(exportFixes(Path, {}), "cannot write '" + Path + "': No such file or directory");
}

} // namespace
