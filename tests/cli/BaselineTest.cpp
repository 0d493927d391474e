//===--- BaselineTest.cpp - findings accepted once, reported only when new ===//

#include "Baseline.h"

#include "ScratchDirectory.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace async_lint::cli;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

class BaselineTest : public ::testing::Test {
protected:
  /// Writes Text as a file of the scratch directory; returns its path.
  std::string file(const std::string &Name, const std::string &Text) {
    return Scratch.write(Name, Text);
  }

  std::string readError(const std::string &Text) {
    std::string Path = file("baseline.json", Text);
    auto Read = readBaseline(Path);
    if (auto *Error = std::get_if<std::string>(&Read))
      return *Error;
    ADD_FAILURE() << "expected an error for " << Text;
    return "";
  }

  ScratchDirectory Scratch;
  const std::string &Directory = Scratch.Root;
};

Finding finding(const std::string &Fingerprint, const std::string &File,
                const std::string &Function = "ns::run") {
  Finding F;
  F.Check = "async-blocking-call";
  F.Where.File = File;
  F.Where.Line = 7;
  F.Function = Function;
  F.Message = "blocking call 'sleep' in coroutine 'run'";
  F.Fingerprint = Fingerprint;
  return F;
}

TEST_F(BaselineTest, WriteThenReadRoundTrip) {
  Report R;
  R.Findings = {finding("00000000000000aa", "/project/src/a.cpp"),
                finding("00000000000000bb", "/elsewhere/b.h", ""),
                finding("00000000000000aa", "/project/src/a.cpp")};
  std::string Path = Directory + "/baseline.json";
  EXPECT_EQ(writeBaseline(Path, R, "/project"), std::nullopt);

  auto Read = readBaseline(Path);
  ASSERT_TRUE(std::holds_alternative<std::set<std::string>>(Read)) << std::get<std::string>(Read);
  EXPECT_EQ(std::get<std::set<std::string>>(Read),
            (std::set<std::string>{"00000000000000aa", "00000000000000bb"}));
}

TEST_F(BaselineTest, WrittenFileIsReadableJson) {
  Report R;
  R.Findings = {finding("00000000000000aa", "/project/src/a.cpp"),
                finding("00000000000000bb", "/elsewhere/b.h", "")};
  std::string Path = Directory + "/baseline.json";
  ASSERT_EQ(writeBaseline(Path, R, "/project"), std::nullopt);
  std::ifstream In(Path);
  json Written = json::parse(In);
  json Expected = {
      {"version", 1},
      {"tool", "async-lint"},
      {"findings",
       {{{"fingerprint", "00000000000000aa"}, {"check", "async-blocking-call"},
         {"file", "src/a.cpp"}, {"function", "ns::run"},
         {"message", "blocking call 'sleep' in coroutine 'run'"}},
        {{"fingerprint", "00000000000000bb"}, {"check", "async-blocking-call"},
         {"file", "/elsewhere/b.h"}, {"function", ""},
         {"message", "blocking call 'sleep' in coroutine 'run'"}}}}};
  EXPECT_EQ(Written, Expected);
  // Indented for review, one key per line.
  std::ostringstream Text;
  Text << std::ifstream(Path).rdbuf();
  EXPECT_NE(Text.str().find("\n  \"findings\": [\n"), std::string::npos) << Text.str();
}

TEST_F(BaselineTest, EmptyReportWritesAnEmptyBaseline) {
  std::string Path = Directory + "/baseline.json";
  ASSERT_EQ(writeBaseline(Path, Report(), "/project"), std::nullopt);
  auto Read = readBaseline(Path);
  ASSERT_TRUE(std::holds_alternative<std::set<std::string>>(Read));
  EXPECT_TRUE(std::get<std::set<std::string>>(Read).empty());
}

TEST_F(BaselineTest, UnwritablePath) {
  std::string Path = Directory + "/no-such-directory/baseline.json";
  EXPECT_EQ(writeBaseline(Path, Report(), "/project"), "cannot write baseline '" + Path + "'");
}

TEST_F(BaselineTest, UnreadablePath) {
  std::string Path = Directory + "/absent.json";
  auto Read = readBaseline(Path);
  ASSERT_TRUE(std::holds_alternative<std::string>(Read));
  EXPECT_EQ(std::get<std::string>(Read), "cannot read baseline '" + Path + "'");
}

TEST_F(BaselineTest, MalformedBaselines) {
  std::string Prefix = "malformed baseline '" + Directory + "/baseline.json': ";
  EXPECT_EQ(readError(""), Prefix + "not valid json");
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": ["), Prefix + "not valid json");
  EXPECT_EQ(readError("fingerprints"), Prefix + "not valid json");

  const std::string Shape = Prefix + "expected version 1 and a findings array";
  EXPECT_EQ(readError("[]"), Shape);
  EXPECT_EQ(readError("{}"), Shape);
  EXPECT_EQ(readError("{\"findings\": []}"), Shape);
  EXPECT_EQ(readError("{\"version\": 2, \"findings\": []}"), Shape);
  EXPECT_EQ(readError("{\"version\": 1}"), Shape);
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": {}}"), Shape);
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": null}"), Shape);

  const std::string NoFingerprint = Prefix + "a finding without a fingerprint";
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": [{}]}"), NoFingerprint);
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": [\"abc\"]}"), NoFingerprint);
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": [{\"fingerprint\": 12}]}"), NoFingerprint);
  EXPECT_EQ(readError("{\"version\": 1, \"findings\": "
                      "[{\"fingerprint\": \"aa\"}, {\"check\": \"async-blocking-call\"}]}"),
            NoFingerprint);
}

// A version of the wrong type is a malformed baseline like any other, not an exception.
TEST_F(BaselineTest, VersionOfTheWrongTypeIsAnError) {
  const std::string Shape =
      "malformed baseline '" + Directory + "/baseline.json': expected version 1 and a findings array";
  std::string Error;
  EXPECT_NO_THROW(Error = readError("{\"version\": \"1\", \"findings\": []}"));
  EXPECT_EQ(Error, Shape);
  EXPECT_NO_THROW(Error = readError("{\"version\": null, \"findings\": []}"));
  EXPECT_EQ(Error, Shape);
}

TEST_F(BaselineTest, ExtraKeysAreIgnored) {
  std::string Path = file("baseline.json", R"({"version": 1, "tool": "async-lint", "note": "x",
      "findings": [{"fingerprint": "ab", "check": "c", "extra": [1, 2]}]})");
  auto Read = readBaseline(Path);
  ASSERT_TRUE(std::holds_alternative<std::set<std::string>>(Read));
  EXPECT_EQ(std::get<std::set<std::string>>(Read), std::set<std::string>{"ab"});
}

TEST(RemoveBaselinedTest, DropsKnownFindingsAndCountsThem) {
  std::vector<Finding> Findings = {finding("01", "/p/a.cpp"), finding("02", "/p/b.cpp"),
                                   finding("03", "/p/c.cpp"), finding("01", "/p/d.cpp")};
  EXPECT_EQ(removeBaselined(Findings, {"01", "03", "99"}), 3u);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Fingerprint, "02");
  EXPECT_EQ(Findings[0].Where.File, "/p/b.cpp");
}

TEST(RemoveBaselinedTest, KeepsOrderOfNewFindings) {
  std::vector<Finding> Findings = {finding("05", "/p/a.cpp"), finding("01", "/p/b.cpp"),
                                   finding("04", "/p/c.cpp")};
  EXPECT_EQ(removeBaselined(Findings, {"01"}), 1u);
  ASSERT_EQ(Findings.size(), 2u);
  EXPECT_EQ(Findings[0].Fingerprint, "05");
  EXPECT_EQ(Findings[1].Fingerprint, "04");
  EXPECT_EQ(removeBaselined(Findings, {}), 0u);
  EXPECT_EQ(Findings.size(), 2u);
}

} // namespace
