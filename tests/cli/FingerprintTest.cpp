//===--- FingerprintTest.cpp - finding identities that survive edits ------===//
//
// Also the inputs of a fingerprint: SourceText's lines and positions, the enclosing
// function (FunctionIndex) and normalised paths.
//
// Expected hashes were computed independently of this code, with Python:
//   def fnv(s):
//       h = 0xcbf29ce484222325
//       for b in s.encode(): h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
//       return "%016x" % h
// ("", "a" and "foobar" are also the published FNV-1a 64 test vectors.)
//
//===----------------------------------------------------------------------===//

#include "FindingConversion.h"
#include "Fingerprints.h"
#include "LineHash.h"
#include "Paths.h"
#include "ScratchDirectory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace async_lint::cli;
namespace fs = std::filesystem;

namespace {

const char *const Check = "async-missing-co-await";

Finding finding(const std::string &File, unsigned Line, const std::string &Function,
                const std::string &CheckName = Check) {
  Finding F;
  F.Check = CheckName;
  F.Where.File = File;
  F.Where.Line = Line;
  F.Where.Column = 5;
  F.Function = Function;
  F.Message = "task 'fetch' is created and never awaited";
  return F;
}

/// The fingerprint of one finding, computed with its own SourceFiles (files read afresh).
std::string fingerprintOf(Finding F, const std::string &Root) {
  SourceFiles Sources;
  std::vector<Finding> Findings{std::move(F)};
  assignFingerprints(Findings, Root, Sources);
  return Findings[0].Fingerprint;
}

const char *const Original = "void g();\n"
                             "void f() {\n"
                             "    fetch();\n"
                             "}\n";

TEST(StableHashTest, KnownValues) {
  EXPECT_EQ(stableHash(""), "cbf29ce484222325");
  EXPECT_EQ(stableHash("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(stableHash("foobar"), "85944171f73967e8");
  EXPECT_EQ(stableHash("async-lint"), "6feb8dea2817094f");
}

TEST(RelativeToTest, UnderRootOrUnchanged) {
  EXPECT_EQ(relativeTo("/p/src/a.cpp", "/p"), "src/a.cpp");
  EXPECT_EQ(relativeTo("/p/a.cpp", "/p"), "a.cpp");
  EXPECT_EQ(relativeTo("/a.cpp", "/"), "a.cpp");
  EXPECT_EQ(relativeTo("/usr/include/x.h", "/"), "usr/include/x.h");
  // Outside the root, a mere prefix, the root itself, no file: unchanged.
  EXPECT_EQ(relativeTo("/q/a.cpp", "/p"), "/q/a.cpp");
  EXPECT_EQ(relativeTo("/pq/a.cpp", "/p"), "/pq/a.cpp");
  EXPECT_EQ(relativeTo("/p", "/p"), "/p");
  EXPECT_EQ(relativeTo("", "/p"), "");
  EXPECT_EQ(relativeTo("", "/"), "");
}

TEST(FingerprintTest, ExactValueAndLineHash) {
  ScratchDirectory Project;
  std::string File = Project.write("src/a.cpp", Original);
  SourceFiles Sources;
  std::vector<Finding> Findings{finding(File, 3, "ns::f")};
  assignFingerprints(Findings, Project.Root, Sources);
  // fnv("async-missing-co-await\nsrc/a.cpp\nns::f\nfetch();\n1")
  EXPECT_EQ(Findings[0].Fingerprint, "fa828aab04d3dd0d");
  EXPECT_EQ(Findings[0].LineHash, primaryLocationLineHashes(Original)[2]);
}

TEST(FingerprintTest, DuplicatesAreCountedByOccurrence) {
  ScratchDirectory Project;
  std::string File = Project.write("src/a.cpp", Original);
  SourceFiles Sources;
  std::vector<Finding> Findings{finding(File, 3, "ns::f"), finding(File, 1, "ns::g"),
                                finding(File, 3, "ns::f")};
  assignFingerprints(Findings, Project.Root, Sources);
  EXPECT_EQ(Findings[0].Fingerprint, "fa828aab04d3dd0d");
  // fnv("async-missing-co-await\nsrc/a.cpp\nns::f\nfetch();\n2"): a finding in between with
  // another identity does not count.
  EXPECT_EQ(Findings[2].Fingerprint, "fa8287ab04d3d7f4");
  EXPECT_NE(Findings[1].Fingerprint, Findings[0].Fingerprint);
  EXPECT_NE(Findings[1].Fingerprint, Findings[2].Fingerprint);
}

TEST(FingerprintTest, UnchangedWhenTheLineMoves) {
  ScratchDirectory Project;
  std::string File = Project.write("src/a.cpp", Original);
  std::string Before = fingerprintOf(finding(File, 3, "ns::f"), Project.Root);
  Project.write("src/a.cpp", "#include <vector>\n\n// A comment.\n"
                             "void g();\nvoid f() {\n\tfetch( );   \n}\n");
  Finding Moved = finding(File, 6, "ns::f");
  Moved.Where.Column = 2;
  Moved.Where.Offset = 50;
  Moved.Message = "another wording of the message";
  EXPECT_EQ(fingerprintOf(Moved, Project.Root), Before);
}

TEST(FingerprintTest, UnchangedWhenTheProjectMoves) {
  ScratchDirectory First, Second;
  std::string Here = First.write("src/a.cpp", Original);
  std::string There = Second.write("src/a.cpp", Original);
  EXPECT_EQ(fingerprintOf(finding(Here, 3, "ns::f"), First.Root),
            fingerprintOf(finding(There, 3, "ns::f"), Second.Root));
}

TEST(FingerprintTest, ChangedByCheckFunctionTextOrFile) {
  ScratchDirectory Project;
  std::string File = Project.write("src/a.cpp", Original);
  std::string Other = Project.write("src/b.cpp", Original);
  std::string Base = fingerprintOf(finding(File, 3, "ns::f"), Project.Root);
  EXPECT_NE(fingerprintOf(finding(File, 3, "ns::f", "async-blocking-call"), Project.Root), Base);
  EXPECT_NE(fingerprintOf(finding(File, 3, "ns::h"), Project.Root), Base);
  EXPECT_NE(fingerprintOf(finding(Other, 3, "ns::f"), Project.Root), Base);
  Project.write("src/a.cpp", "void g();\nvoid f() {\n    fetch(1);\n}\n");
  EXPECT_NE(fingerprintOf(finding(File, 3, "ns::f"), Project.Root), Base);
}

TEST(FingerprintTest, UnreadableFileHashesAnEmptyLine) {
  ScratchDirectory Project;
  std::string File = Project.Root + "/src/missing.cpp";
  SourceFiles Sources;
  std::vector<Finding> Findings{finding(File, 3, "ns::f")};
  assignFingerprints(Findings, Project.Root, Sources);
  EXPECT_EQ(Findings[0].Fingerprint,
            stableHash(std::string(Check) + "\nsrc/missing.cpp\nns::f\n\n1"));
  EXPECT_EQ(Findings[0].LineHash, "");
}

TEST(FingerprintTest, FindingWithoutALocation) {
  SourceFiles Sources;
  Finding F;
  F.Check = "async-blocking-call";
  std::vector<Finding> Findings{F};
  assignFingerprints(Findings, "/p", Sources);
  // fnv("async-blocking-call\n\n\n\n1")
  EXPECT_EQ(Findings[0].Fingerprint, "cd01ad873959b8e3");
  EXPECT_EQ(Findings[0].LineHash, "");
}

TEST(SourceTextTest, LineFeeds) {
  SourceText Text("ab\ncd\n");
  EXPECT_EQ(Text.line(0), "");
  EXPECT_EQ(Text.line(1), "ab");
  EXPECT_EQ(Text.line(2), "cd");
  EXPECT_EQ(Text.line(3), ""); // the empty line after the final newline
  EXPECT_EQ(Text.line(4), "");
  Position Where = Text.position("/p/a.cpp", 4);
  EXPECT_EQ(Where.File, "/p/a.cpp");
  EXPECT_EQ(Where.Offset, 4u);
  EXPECT_EQ(Where.Line, 2u);
  EXPECT_EQ(Where.Column, 2u);
  EXPECT_EQ(Where.EndLine, 2u);
  EXPECT_EQ(Where.EndColumn, 2u);
  EXPECT_EQ(Text.position("/p/a.cpp", 2).Line, 1u); // the '\n' ends line 1
  EXPECT_EQ(Text.position("/p/a.cpp", 2).Column, 3u);
  EXPECT_EQ(Text.position("/p/a.cpp", 6).Line, 3u);
  EXPECT_EQ(Text.position("/p/a.cpp", 6).Column, 1u);
}

TEST(SourceTextTest, CarriageReturnLineFeeds) {
  SourceText Text("ab\r\ncd\r\nef");
  EXPECT_EQ(Text.line(1), "ab");
  EXPECT_EQ(Text.line(2), "cd");
  EXPECT_EQ(Text.line(3), "ef");
  EXPECT_EQ(Text.line(4), "");
  auto At = [&](unsigned Offset) {
    Position Where = Text.position("f", Offset);
    return std::make_pair(Where.Line, Where.Column);
  };
  EXPECT_EQ(At(0), std::make_pair(1u, 1u));
  EXPECT_EQ(At(2), std::make_pair(1u, 3u)); // '\r'
  EXPECT_EQ(At(3), std::make_pair(1u, 4u)); // '\n'
  EXPECT_EQ(At(4), std::make_pair(2u, 1u));
  EXPECT_EQ(At(5), std::make_pair(2u, 2u));
  EXPECT_EQ(At(8), std::make_pair(3u, 1u));
  EXPECT_EQ(At(9), std::make_pair(3u, 2u));
  EXPECT_EQ(At(10), std::make_pair(3u, 3u)); // the end of a last line without newline
  EXPECT_EQ(Text.lineHash(2), primaryLocationLineHashes("ab\r\ncd\r\nef")[1]);
  EXPECT_EQ(Text.lineHash(4), "");
  EXPECT_EQ(Text.lineHash(0), "");
}

TEST(SourceTextTest, LastLineWithoutNewline) {
  SourceText Text("int a;\n  co_return;");
  EXPECT_EQ(Text.line(2), "  co_return;");
  EXPECT_EQ(Text.line(3), "");
  EXPECT_EQ(Text.position("f", 9).Line, 2u);
  EXPECT_EQ(Text.position("f", 9).Column, 3u);
  EXPECT_EQ(Text.text(), "int a;\n  co_return;");
}

TEST(SourceTextTest, EmptyText) {
  SourceText Text("");
  EXPECT_EQ(Text.line(1), "");
  EXPECT_EQ(Text.position("f", 0).Line, 1u);
  EXPECT_EQ(Text.position("f", 0).Column, 1u);
}

// Clang, GitHub's line hashes (LineHash.h) and SARIF all end a line at a lone CR too.
TEST(SourceTextTest, LoneCarriageReturnEndsALineAsInClang) {
  const char *Content = "a\rb\nc";
  SourceText Text(Content);
  EXPECT_EQ(Text.position("f", 2).Line, 2u); // 'b'
  EXPECT_EQ(Text.position("f", 2).Column, 1u);
  EXPECT_EQ(Text.position("f", 4).Line, 3u); // 'c'
  EXPECT_EQ(Text.line(2), "b");
  EXPECT_EQ(Text.line(3), "c");
  EXPECT_EQ(Text.lineHash(3), primaryLocationLineHashes(Content)[2]);
}

TEST(SourceFilesTest, ReadsOnceAndKeepsMissingFilesAbsent) {
  ScratchDirectory Project;
  std::string File = Project.write("a.cpp", "x\r\ny");
  SourceFiles Sources;
  const SourceText *First = Sources.get(File);
  ASSERT_NE(First, nullptr);
  EXPECT_EQ(First->text(), "x\r\ny"); // bytes as they are, CR included
  Project.write("a.cpp", "changed");
  EXPECT_EQ(Sources.get(File), First);
  EXPECT_EQ(Sources.get(File)->text(), "x\r\ny");
  EXPECT_EQ(Sources.get(Project.Root + "/none.cpp"), nullptr);
}

TEST(RealPathTest, PathsThatDoNotExistAreCleanedAsText) {
  EXPECT_EQ(realPath("/a/./b/../c.h", "/x"), "/a/c.h");
  EXPECT_EQ(realPath("../inc/x.h", "/build/sub"), "/build/inc/x.h");
  EXPECT_EQ(realPath("src/./a.cpp", "/build"), "/build/src/a.cpp");
  EXPECT_EQ(realPath("/p//q/a.cpp", ""), "/p/q/a.cpp");
  EXPECT_EQ(realPath("/p/", ""), "/p"); // a root given with a final slash
  EXPECT_EQ(realPath("/p/q/..", ""), "/p");
  EXPECT_EQ(realPath("x.h", ""), (fs::canonical(fs::current_path()) / "x.h").string());
}

// clang reads `inc/../h.hpp` through the symlink: from where `inc` points, not next to it.
TEST(RealPathTest, SymlinksAreResolvedBeforeDotDot) {
  fs::path Root = fs::canonical(fs::temp_directory_path()) / ("async-lint-paths-" +
                                                               std::to_string(::getpid()));
  fs::create_directories(Root / "real" / "lib");
  fs::create_directories(Root / "src");
  std::ofstream(Root / "real" / "h.hpp") << "// the header clang reads\n";
  std::ofstream(Root / "src" / "h.hpp") << "// an unrelated header\n";
  fs::create_directory_symlink(Root / "real" / "lib", Root / "src" / "inc");
  EXPECT_EQ(realPath("inc/../h.hpp", (Root / "src").string()), (Root / "real" / "h.hpp").string());
  EXPECT_EQ(realPath((Root / "src" / "inc" / ".." / "h.hpp").string()),
            (Root / "real" / "h.hpp").string());
  fs::remove_all(Root);
}

TEST(FunctionIndexTest, InnermostEnclosingFunction) {
  FunctionIndex Index;
  Index.Directory = "/build";
  Index.add("../src/a.cpp", 10, 100, "ns::outer");
  Index.add("/src/a.cpp", 20, 50, "ns::outer()::(lambda)");
  Index.add("/src/b.cpp", 0, 1000, "other");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 9), "");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 10), "ns::outer");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 19), "ns::outer");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 20), "ns::outer()::(lambda)");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 50), "ns::outer()::(lambda)");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 51), "ns::outer");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 100), "ns::outer");
  EXPECT_EQ(Index.enclosing("/src/a.cpp", 101), "");
  EXPECT_EQ(Index.enclosing("/src/c.cpp", 30), "");
  EXPECT_EQ(Index.enclosing("/src/b.cpp", 30), "other");
}

} // namespace

// SARIF counts columns in UTF-16 code units: "é" is two bytes and one unit, "😀" four bytes
// and two units (a surrogate pair); ASCII columns and columns past the end are unchanged.
TEST(SourceTextTest, Utf16Columns) {
  SourceText Text("x = \"\xC3\xA9\xF0\x9F\x98\x80\"; f();\nplain();\n");
  EXPECT_EQ(Text.utf16Column(1, 1), 1u);
  EXPECT_EQ(Text.utf16Column(1, 6), 6u);  // the é
  EXPECT_EQ(Text.utf16Column(1, 8), 7u);  // the 😀, after é's two bytes
  EXPECT_EQ(Text.utf16Column(1, 12), 9u); // the closing quote, after 😀's four bytes
  EXPECT_EQ(Text.utf16Column(1, 15), 12u); // f
  EXPECT_EQ(Text.utf16Column(1, 20), 17u); // two past the end of the line (18 bytes, 15 units)
  EXPECT_EQ(Text.utf16Column(2, 3), 3u);
}
