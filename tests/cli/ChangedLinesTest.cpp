//===--- ChangedLinesTest.cpp - the lines --changed-since reports on ------===//
//
// git's diff output as addHunks reads it (quoted and spaced names, hunks that only remove
// lines, deleted files) and which findings removeUnchanged keeps. The git commands
// themselves are run end to end (tests/cli/e2e/changed_since.py).
//
//===----------------------------------------------------------------------===//

#include "ChangedLines.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;
using Ranges = std::vector<std::pair<unsigned, unsigned>>;

namespace {

// Paths that do not exist: realPath keeps them as text under the work tree.
const std::string Tree = "/nonexistent/tree";

TEST(ChangedLinesTest, HunksAddAndChangeLines) {
  ChangedLines Changes;
  addHunks("diff --git a/src/a.cpp b/src/a.cpp\n"
           "index 1111111..2222222 100644\n"
           "--- a/src/a.cpp\n"
           "+++ b/src/a.cpp\n"
           "@@ -3 +3 @@ int f() {\n"
           "-  old();\n"
           "+  new_call();\n"
           "@@ -10,0 +11,2 @@\n"
           "+one\n"
           "+two\n"
           "@@ -20,4 +21,0 @@\n" // lines removed only: no line of the new file
           "-gone\n",
           Tree, Changes);
  EXPECT_EQ(Changes.Lines,
            (std::map<std::string, Ranges>{{Tree + "/src/a.cpp", {{3, 3}, {11, 12}}}}));
}

TEST(ChangedLinesTest, NamesAsGitSpellsThem) {
  ChangedLines Changes;
  addHunks("--- a/src/two words.cpp\n"
           "+++ b/src/two words.cpp\t\n" // a name with a space ends with a tab
           "@@ -1 +1 @@\n"
           "--- \"a/src/tab\\there.cpp\"\n"
           "+++ \"b/src/tab\\there.cpp\"\n" // quoted, with an escape
           "@@ -5,2 +5,3 @@\n"
           "--- \"a/src/caf\\303\\251.cpp\"\n"
           "+++ \"b/src/caf\\303\\251.cpp\"\n" // octal bytes: UTF-8 of é
           "@@ -0,0 +1 @@\n"
           "--- a/src/deleted.cpp\n"
           "+++ /dev/null\n"
           "@@ -1,3 +0,0 @@\n",
           Tree, Changes);
  EXPECT_EQ(Changes.Lines, (std::map<std::string, Ranges>{
                               {Tree + "/src/two words.cpp", {{1, 1}}},
                               {Tree + "/src/tab\there.cpp", {{5, 7}}},
                               {Tree + "/src/caf\xc3\xa9.cpp", {{1, 1}}}}));
}

Finding at(const std::string &File, unsigned Line, unsigned EndLine, unsigned EndColumn) {
  Finding F;
  F.Where = {File, 0, Line, 3, EndLine, EndColumn};
  return F;
}

TEST(ChangedLinesTest, FindingsOnChangedLinesRemain) {
  ChangedLines Changes;
  std::string A = Tree + "/a.cpp", New = Tree + "/new.cpp", Other = Tree + "/other.cpp";
  Changes.Lines[A] = {{10, 12}};
  Changes.NewFiles = {New};
  std::vector<Finding> Findings = {
      at(A, 9, 9, 20),   // before the change
      at(A, 8, 10, 2),   // ends on its first line
      at(A, 12, 12, 9),  // on its last line
      at(A, 13, 13, 9),  // after it
      at(A, 7, 9, 40),   // spans up to the line before
      at(A, 9, 10, 1),   // ends at the start of line 10: line 10 is not flagged
      at(New, 400, 400, 2), // a new file: every line
      at(Other, 10, 10, 2), // another file
  };
  EXPECT_EQ(removeUnchanged(Findings, Changes), 5u);
  std::vector<std::pair<std::string, unsigned>> Kept;
  for (const Finding &F : Findings)
    Kept.push_back({F.Where.File, F.Where.Line});
  EXPECT_EQ(Kept, (std::vector<std::pair<std::string, unsigned>>{{A, 8}, {A, 12}, {New, 400}}));
}

} // namespace
