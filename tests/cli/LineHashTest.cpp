//===--- LineHashTest.cpp - primaryLocationLineHash as codeql-action has it ===//
//
// Expected values: the "upstream" tests are copied from github/codeql-action
// src/fingerprints.test.ts; every other one was produced by running
// `node tests/cli/line_hash_reference.js FILE` (a transcription of
// fingerprints.ts hash()) on the same bytes.
//
//===----------------------------------------------------------------------===//

#include "LineHash.h"

#include <gtest/gtest.h>

using async_lint::cli::primaryLocationLineHashes;
using Hashes = std::vector<std::string>;

namespace {

// The hash of the empty line after a final newline, and of an empty file.
const char *const EmptyLine = "c129715d7a2bc9a3:1";

TEST(LineHashTest, UpstreamEmptyFileHasOneLine) {
  EXPECT_EQ(primaryLocationLineHashes(""), Hashes{EmptyLine});
}

TEST(LineHashTest, UpstreamSkipsSpacesAndTabs) {
  EXPECT_EQ(primaryLocationLineHashes(" a\nb\n  \t\tc\n d"),
            (Hashes{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                    "a23a3dc5e078b07b:1"}));
}

TEST(LineHashTest, UpstreamEveryLineEndingHashesAlike) {
  Hashes Expected = {"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
                     "e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
                     EmptyLine};
  EXPECT_EQ(primaryLocationLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"),
            Expected);
  EXPECT_EQ(primaryLocationLineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"),
            Expected);
  EXPECT_EQ(primaryLocationLineHashes(
                " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"),
            Expected);
}

TEST(LineHashTest, UpstreamRepeatedLines) {
  std::string Text;
  for (int I = 0; I < 10; ++I)
    Text += "Lorem ipsum dolor sit amet.\n";
  EXPECT_EQ(primaryLocationLineHashes(Text),
            (Hashes{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
                    "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                    "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
                    "cc97dc7b1d7d8f7b:1", EmptyLine}));
}

TEST(LineHashTest, CrlfAndTabs) {
  EXPECT_EQ(primaryLocationLineHashes(
                "task<int> f() {\r\n\tco_await g();\r\n\t\tsleep(1);\r\n}\r\n"),
            (Hashes{"1eff873daa028706:1", "85cf7c52d7132c72:1", "7109738e43b0c0be:1",
                    "32dce9ccfdbc9d3e:1", EmptyLine}));
}

TEST(LineHashTest, LoneCarriageReturnsEndLines) {
  EXPECT_EQ(primaryLocationLineHashes("a\rb\r\rc"),
            (Hashes{"4850bf53658d4e53:1", "b0367d257df6d03c:1", "1c206f60a702cfe8:1",
                    "188ff2f224477a1e:1"}));
}

// A line's hash covers the 100 characters from its start, so only lines with
// the same next 100 characters share a hash; the suffix counts them.
TEST(LineHashTest, RepeatedLineGetsCountSuffix) {
  std::string Text;
  for (int I = 0; I < 10; ++I)
    Text += "co_await g();\n";
  EXPECT_EQ(primaryLocationLineHashes(Text),
            (Hashes{"b2b07fa28b77ce26:1", "b2b07fa28b77ce26:2", "b2b07fa28b77ce26:3",
                    "b5e1067486454ce3:1", "ec8c307b59bf9723:1", "1f2e9bf6674ab663:1",
                    "bf9572350c4ceea3:1", "9c4680af7aee53e3:1", "7854353864a70a23:1",
                    "b5bc963c7f728563:1", EmptyLine}));
}

// UTF-16 code units, as JavaScript strings have them: U+1F600 counts twice.
TEST(LineHashTest, NonAsciiHashesUtf16CodeUnits) {
  EXPECT_EQ(primaryLocationLineHashes("// caf\u00e9 \u2713 \U0001F600\nint x;\n"),
            (Hashes{"4724a7c58b0d6eca:1", "22bd3bea0af67823:1", EmptyLine}));
}

// Node's decoder turns each ill-formed sequence into one U+FFFD.
TEST(LineHashTest, InvalidUtf8HashesAsReplacementCharacters) {
  EXPECT_EQ(primaryLocationLineHashes("a\xff\xc3(b\xe2\x82\n\xf0\x9f\x98\n"),
            (Hashes{"ffa8e2ab33ca4cb2:1", "a88b3c201b7e6ebe:1", EmptyLine}));
}

TEST(LineHashTest, NoTrailingNewline) {
  EXPECT_EQ(primaryLocationLineHashes("int a;\nint b;"),
            (Hashes{"1a4bc13632159888:1", "e60ab5650dc8087f:1"}));
}

TEST(LineHashTest, LineLongerThanTheWindow) {
  EXPECT_EQ(primaryLocationLineHashes(std::string(150, 'x') + "\ny\n"),
            (Hashes{"52b56201ffb58620:1", "c33be7e0cf7c3ca:1", EmptyLine}));
}

} // namespace
