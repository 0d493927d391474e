//===--- UnitResultCodecTest.cpp - a unit's result across processes -------===//

#include "UnitResultCodec.h"
#include "ContentHash.h"

#include <gtest/gtest.h>

using namespace async_lint::cli;

namespace {

Position at(const std::string &File, unsigned Offset, unsigned Line, unsigned Column) {
  Position Where;
  Where.File = File;
  Where.Offset = Offset;
  Where.Line = Line;
  Where.Column = Column;
  Where.EndLine = Line;
  Where.EndColumn = Column + 4;
  return Where;
}

TEST(UnitResultCodecTest, EveryFieldRoundTrips) {
  UnitResult Result;
  Result.File = "/p/src/a.cpp";
  Result.Compiled = false;
  Finding F;
  F.Check = "async-missing-co-await";
  F.Level = Severity::Error;
  F.Where = at("/p/src/a.cpp", 120, 7, 3);
  F.Message = "'save' returns a lazy 'Task<void>' \xe9\xff that is never awaited"; // not UTF-8
  F.Function = "ns::f";
  F.Notes.push_back({at("/p/include/a.h", 5, 1, 1), "declared here"});
  Edit Fix;
  Fix.File = "/p/src/a.cpp";
  Fix.Offset = 120;
  Fix.Length = 0;
  Fix.Text = "co_await ";
  Fix.Where = at("/p/src/a.cpp", 120, 7, 3);
  F.Fix.push_back(Fix);
  Result.Findings.push_back(F);
  Finding Error;
  Error.Check = "clang-diagnostic-error";
  Error.Level = Severity::Error;
  Error.Message = "src/a.cpp: analysis crashed (signal 11)"; // no position at all
  Result.CompileErrors.push_back(Error);
  Result.ConfigurationErrors = {"invalid rule pack: x.json: at /blocking: problem"};
  Result.Filters.Include = "src/.*";
  Result.Inputs = {{"/p/include/a b.h", "00112233445566778899aabbccddeeff"},
                   {"/p/src/caf\xe9.cpp", "ffeeddccbbaa99887766554433221100"}, // not UTF-8
                   {"/usr/include/gone.h", UnreadableFile}};

  UnitResult Back = decodeUnitResult(encodeUnitResult(Result));
  EXPECT_EQ(Back.File, Result.File);
  EXPECT_EQ(Back.Compiled, false);
  ASSERT_EQ(Back.Findings.size(), 1u);
  const Finding &G = Back.Findings[0];
  EXPECT_EQ(G.Check, F.Check);
  EXPECT_EQ(G.Level, Severity::Error);
  EXPECT_EQ(G.Where, F.Where);
  EXPECT_EQ(G.Message, F.Message);
  EXPECT_EQ(G.Function, "ns::f");
  ASSERT_EQ(G.Notes.size(), 1u);
  EXPECT_EQ(G.Notes[0].Where, F.Notes[0].Where);
  EXPECT_EQ(G.Notes[0].Message, "declared here");
  ASSERT_EQ(G.Fix.size(), 1u);
  EXPECT_EQ(G.Fix[0].File, "/p/src/a.cpp");
  EXPECT_EQ(G.Fix[0].Offset, 120u);
  EXPECT_EQ(G.Fix[0].Length, 0u);
  EXPECT_EQ(G.Fix[0].Text, "co_await ");
  EXPECT_EQ(G.Fix[0].Where, Fix.Where);
  ASSERT_EQ(Back.CompileErrors.size(), 1u);
  EXPECT_EQ(Back.CompileErrors[0].Where, Position());
  EXPECT_EQ(Back.CompileErrors[0].Message, Error.Message);
  EXPECT_EQ(Back.ConfigurationErrors, Result.ConfigurationErrors);
  EXPECT_EQ(Back.Filters.Include, std::optional<std::string>("src/.*"));
  EXPECT_EQ(Back.Filters.Exclude, std::nullopt);
  EXPECT_EQ(Back.Inputs, Result.Inputs);
}

TEST(UnitResultCodecTest, NoInputs) {
  UnitResult Result;
  Result.File = "/p/a.cpp";
  EXPECT_EQ(decodeUnitResult(encodeUnitResult(Result)).Inputs, std::vector<InputFile>());
}

TEST(UnitResultCodecTest, ForeignBytesAreAnError) {
  EXPECT_THROW(decodeUnitResult("not cbor"), std::runtime_error);
}

} // namespace
