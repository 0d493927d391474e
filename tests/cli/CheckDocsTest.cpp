//===--- CheckDocsTest.cpp - the embedded check pages ----------------------===//

#include "CheckDocs.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;

namespace {

TEST(CheckDocsTest, OnePagePerCheckSortedByName) {
  std::vector<std::string> Names;
  for (const CheckDoc &Doc : checkDocs())
    Names.push_back(Doc.Name);
  EXPECT_EQ(Names, (std::vector<std::string>{"async-blocking-call", "async-missing-co-await",
                                             "async-swallowed-cancellation",
                                             "async-unbounded-concurrency"}));
}

TEST(CheckDocsTest, FindsByCheckName) {
  const CheckDoc *Doc = findCheckDoc("async-blocking-call");
  ASSERT_TRUE(Doc);
  EXPECT_EQ(Doc->Summary, "Finds calls that block the thread inside coroutines, directly or "
                          "through helper functions, stalling every task on the event loop.");
  EXPECT_TRUE(Doc->Markdown.starts_with("# async-blocking-call\n\nFinds calls"));
  EXPECT_EQ(findCheckDoc("blocking-call"), nullptr);
  EXPECT_EQ(findCheckDoc("async-nonexistent"), nullptr);
}

// The rule of first_sentence() in tests/plugin/consistency.py.
TEST(CheckDocsTest, FirstSentence) {
  EXPECT_EQ(firstSentence("# title\n\nFinds bugs\nacross lines. Then more.\n"),
            "Finds bugs across lines.");
  EXPECT_EQ(firstSentence("# t\n\nSee e.g. this. And that."), "See e.g.");
  EXPECT_EQ(firstSentence("No period at all"), "No period at all");
  EXPECT_EQ(firstSentence("# only a heading\n"), "");
}

TEST(CheckDocsTest, DescriptionIsSummaryAndTheNextProseParagraph) {
  CheckDoc Doc{"async-x", "Finds x.",
               "# async-x\n\nFinds x.\n\n```cpp\nint x; // code.\n```\n\n## Why\n\n"
               "Because x\nis bad.\n\nMore.\n"};
  EXPECT_EQ(checkDescription(Doc), "Finds x.\n\nBecause x is bad.");
  Doc.Markdown = "# async-x\n\nFinds x.\n";
  EXPECT_EQ(checkDescription(Doc), "Finds x.");
}

} // namespace
