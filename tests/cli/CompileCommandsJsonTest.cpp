//===--- CompileCommandsJsonTest.cpp - why a database is malformed --------===//
//
// Each way a compile_commands.json can be malformed, with the exact line, column and
// problem; and that what clang accepts has no problem.
//
//===----------------------------------------------------------------------===//

#include "CompileCommandsJson.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;

namespace {

std::string problem(const std::string &Text) {
  return compileCommandsProblem(Text).value_or("(none)");
}

const char *const Good = R"([
  {"directory": "/b", "command": "clang++ -c a.cpp", "file": "a.cpp"},
  {"directory": "/b", "arguments": ["clang++", "-c", "b.cpp"], "file": "b.cpp",
   "output": "b.o"}
])";

TEST(CompileCommandsJsonTest, WellFormed) {
  EXPECT_EQ(problem(Good), "(none)");
  EXPECT_EQ(problem("[]"), "(none)"); // empty is a separate error: see CompilationUnits
}

TEST(CompileCommandsJsonTest, SyntaxErrors) {
  EXPECT_EQ(problem(""), "1:1: syntax error while parsing value - unexpected end of input; "
                         "expected '[', '{', or a literal");
  EXPECT_EQ(problem("[\n  {\"directory\": \"/b\",}\n]"),
            "2:22: syntax error while parsing object key - unexpected '}'; expected string "
            "literal");
  EXPECT_EQ(problem("[\n  {\"directory\": \"/b\"}\n  {\"file\": \"a\"}\n]"),
            "3:3: syntax error while parsing array - unexpected '{'; expected ']'");
  EXPECT_EQ(problem("[{\"file\": \"a.cpp}]"), // at the end of the text
            "1:19: syntax error while parsing value - invalid string: missing closing quote; "
            "last read: '\"a.cpp}]'");
  EXPECT_EQ(problem("[1, 2,]"), "1:7: syntax error while parsing value - unexpected ']'; "
                                "expected '[', '{', or a literal");
}

TEST(CompileCommandsJsonTest, NotAnArray) {
  EXPECT_EQ(problem("{}"), "1:1: expected an array of compile commands, got an object");
  EXPECT_EQ(problem("\n\n  \"a\""), "3:3: expected an array of compile commands, got a string");
}

TEST(CompileCommandsJsonTest, BadEntries) {
  EXPECT_EQ(problem("[\n  \"a.cpp\"\n]"), "2:3: a compile command must be an object, got a string");
  EXPECT_EQ(problem(R"([{"directory": "/b", "command": "c", "file": "a"},
    {"directory": "/b", "command": "c", "file": "b", "flags": "-O2"}])"),
            "2:5: unknown key \"flags\"; expected directory, file, command, arguments or output");
  EXPECT_EQ(problem(R"([{"directory": 5, "command": "c", "file": "a"}])"),
            "1:2: \"directory\" must be a string, got a number");
  EXPECT_EQ(problem(R"([{"directory": "/b", "arguments": "clang++ a", "file": "a"}])"),
            "1:2: \"arguments\" must be an array of strings, got a string");
  EXPECT_EQ(problem(R"([{"directory": "/b", "arguments": ["clang++", 1], "file": "a"}])"),
            "1:2: \"arguments\" must be an array of strings, got an array");
  EXPECT_EQ(problem(R"([{"directory": "/b", "command": "c"}])"), "1:2: missing \"file\"");
  EXPECT_EQ(problem(R"([{"directory": "/b", "file": "a"}])"),
            "1:2: missing \"command\" or \"arguments\"");
  EXPECT_EQ(problem(R"([{"command": "c", "file": "a"}])"), "1:2: missing \"directory\"");
}

// Strings with brackets, commas and escaped quotes do not move the entries' positions.
TEST(CompileCommandsJsonTest, PositionsSkipStrings) {
  EXPECT_EQ(problem(R"([{"directory": "/b[,{", "command": "c \"]\", {", "file": "a"},
 {"directory": "/b"}])"),
            "2:2: missing \"file\"");
}

} // namespace
