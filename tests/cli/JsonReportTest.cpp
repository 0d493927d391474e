//===--- JsonReportTest.cpp - the json format, written, read back, merged -===//

#include "JsonReport.h"
#include "Runner.h"

#include <gtest/gtest.h>

#include <sstream>

using namespace async_lint::cli;
using nlohmann::json;

namespace {

Position at(const std::string &File, unsigned Offset, unsigned Line, unsigned Column,
            unsigned EndLine, unsigned EndColumn) {
  Position Where;
  Where.File = File;
  Where.Offset = Offset;
  Where.Line = Line;
  Where.Column = Column;
  Where.EndLine = EndLine;
  Where.EndColumn = EndColumn;
  return Where;
}

Finding finding(const std::string &Check, Position Where, const std::string &Message) {
  Finding F;
  F.Check = Check;
  F.Where = std::move(Where);
  F.Message = Message;
  return F;
}

/// Every field of a finding, one per line: a readable diff when two differ.
std::string describe(const Finding &F) {
  std::ostringstream Out;
  auto Where = [&](const Position &P) {
    Out << P.File << ':' << P.Line << ':' << P.Column << '-' << P.EndLine << ':' << P.EndColumn
        << " @" << P.Offset << '\n';
  };
  Out << F.Check << ' ' << severityName(F.Level) << '\n';
  Where(F.Where);
  Out << F.Message << '\n' << F.Function << '\n' << F.Fingerprint << '\n' << F.LineHash << '\n';
  for (const Note &N : F.Notes) {
    Out << "note ";
    Where(N.Where);
    Out << N.Message << '\n';
  }
  for (const Edit &E : F.Fix) {
    Out << "edit " << E.File << " @" << E.Offset << '+' << E.Length << " '" << E.Text << "' ";
    Where(E.Where);
  }
  return Out.str();
}

std::vector<std::string> describe(const std::vector<Finding> &Findings) {
  std::vector<std::string> Result;
  for (const Finding &F : Findings)
    Result.push_back(describe(F));
  return Result;
}

void expectSameReport(const Report &Actual, const Report &Expected) {
  EXPECT_EQ(describe(Actual.Findings), describe(Expected.Findings));
  EXPECT_EQ(describe(Actual.CompileErrors), describe(Expected.CompileErrors));
  EXPECT_EQ(Actual.ConfigurationErrors, Expected.ConfigurationErrors);
  EXPECT_EQ(Actual.Units, Expected.Units);
  EXPECT_EQ(Actual.FailedUnits, Expected.FailedUnits);
}

/// A report with every field set, under Root (which may be "/").
Report sampleReport(const std::string &Root) {
  std::string Base = Root == "/" ? "" : Root;
  Report R;
  Finding Missing = finding("async-missing-co-await", at(Base + "/src/a.cpp", 42, 3, 5, 3, 10),
                            "task 'fetch' is created and never awaited");
  Missing.Function = "ns::run";
  Missing.Fingerprint = "0123456789abcdef";
  Missing.LineHash = "a1b2c3d4e5f60718:1";
  Missing.Notes.push_back({at(Base + "/include/task.h", 7, 2, 1, 2, 5), "task type is lazy"});
  Edit Insert;
  Insert.File = Base + "/src/a.cpp";
  Insert.Offset = 42;
  Insert.Length = 0;
  Insert.Text = "co_await ";
  Insert.Where = at(Base + "/src/a.cpp", 42, 3, 5, 3, 5);
  Missing.Fix.push_back(Insert);
  R.Findings.push_back(Missing);

  Finding Blocking = finding("async-blocking-call", at("/usr/include/unistd.h", 100, 9, 1, 9, 6),
                             "blocking call 'sleep' in coroutine");
  Blocking.Level = Severity::Error;
  R.Findings.push_back(Blocking);

  Finding Noted = finding("async-unbounded-concurrency", at(Base + "/src/b.cpp", 0, 1, 1, 1, 2),
                          "one task per item");
  Noted.Level = Severity::Note;
  R.Findings.push_back(Noted);

  Finding Compile = finding("clang-diagnostic-error", at(Base + "/src/c.cpp", 12, 2, 3, 2, 4),
                            "use of undeclared identifier 'x'");
  Compile.Level = Severity::Error;
  R.CompileErrors.push_back(Compile);
  Finding Locationless = finding("clang-diagnostic-error", Position(), "no such file");
  Locationless.Level = Severity::Error;
  R.CompileErrors.push_back(Locationless);

  R.ConfigurationErrors = {"malformed configuration: /p/.clang-tidy:1:1: bad key"};
  R.Units = {Base + "/src/a.cpp", Base + "/src/b.cpp", Base + "/src/c.cpp"};
  R.FailedUnits = {Base + "/src/c.cpp"};
  return R;
}

TEST(JsonReportTest, ExactDocument) {
  json Expected = json::parse(R"({
    "version": 1,
    "tool": {"name": "async-lint", "version": "1.2.3"},
    "root": "/project",
    "findings": [
      {"file": "src/a.cpp", "line": 3, "column": 5, "endLine": 3, "endColumn": 10,
       "offset": 42, "check": "async-missing-co-await", "severity": "warning",
       "message": "task 'fetch' is created and never awaited", "function": "ns::run",
       "fingerprint": "0123456789abcdef", "lineHash": "a1b2c3d4e5f60718:1",
       "notes": [{"file": "include/task.h", "line": 2, "column": 1, "endLine": 2,
                  "endColumn": 5, "offset": 7, "message": "task type is lazy"}],
       "fixes": [{"file": "src/a.cpp", "line": 3, "column": 5, "endLine": 3, "endColumn": 5,
                  "offset": 42, "length": 0, "replacement": "co_await "}]},
      {"file": "/usr/include/unistd.h", "line": 9, "column": 1, "endLine": 9, "endColumn": 6,
       "offset": 100, "check": "async-blocking-call", "severity": "error",
       "message": "blocking call 'sleep' in coroutine", "function": "", "fingerprint": "",
       "lineHash": "", "notes": [], "fixes": []},
      {"file": "src/b.cpp", "line": 1, "column": 1, "endLine": 1, "endColumn": 2,
       "offset": 0, "check": "async-unbounded-concurrency", "severity": "note",
       "message": "one task per item", "function": "", "fingerprint": "", "lineHash": "",
       "notes": [], "fixes": []}
    ],
    "compileErrors": [
      {"file": "src/c.cpp", "line": 2, "column": 3, "endLine": 2, "endColumn": 4,
       "offset": 12, "check": "clang-diagnostic-error", "severity": "error",
       "message": "use of undeclared identifier 'x'", "function": "", "fingerprint": "",
       "lineHash": "", "notes": [], "fixes": []},
      {"file": "", "line": 0, "column": 0, "endLine": 0, "endColumn": 0, "offset": 0,
       "check": "clang-diagnostic-error", "severity": "error", "message": "no such file",
       "function": "", "fingerprint": "", "lineHash": "", "notes": [], "fixes": []}
    ],
    "configurationErrors": ["malformed configuration: /p/.clang-tidy:1:1: bad key"],
    "units": ["src/a.cpp", "src/b.cpp", "src/c.cpp"],
    "failedUnits": ["src/c.cpp"]
  })");
  EXPECT_EQ(toJson(sampleReport("/project"), "/project", "1.2.3"), Expected);
}

TEST(JsonReportTest, EmptyReportHasEveryKey) {
  json Written = toJson(Report(), "/project", "0.1");
  std::vector<std::string> Keys;
  for (const auto &[Key, Value] : Written.items())
    Keys.push_back(Key);
  EXPECT_EQ(Keys, (std::vector<std::string>{"compileErrors", "configurationErrors",
                                            "failedUnits", "findings", "root", "tool", "units",
                                            "version"}));
  EXPECT_EQ(Written["findings"], json::array());
  EXPECT_EQ(Written["configurationErrors"], json::array());
  EXPECT_EQ(Written["units"], json::array());
}

TEST(JsonReportTest, RoundTrip) {
  for (const std::string Root : {"/project", "/"}) {
    SCOPED_TRACE(Root);
    Report Original = sampleReport(Root);
    std::string Text = toJson(Original, Root, "1.2.3").dump(2);
    std::string ReadRoot = "unset";
    Report Read = fromJson(json::parse(Text), ReadRoot);
    EXPECT_EQ(ReadRoot, Root);
    expectSameReport(Read, Original);
    // And written again, the very same document.
    EXPECT_EQ(toJson(Read, ReadRoot, "1.2.3").dump(2), Text);
  }
}

TEST(JsonReportTest, OptionalKeysMayBeAbsent) {
  json Minimal = json::parse(R"({"version": 1, "root": "/r", "findings": [
      {"file": "a.cpp", "line": 1, "column": 2, "endLine": 1, "endColumn": 3,
       "check": "async-blocking-call", "severity": "warning", "message": "m"}]})");
  std::string Root;
  Report Read = fromJson(Minimal, Root);
  EXPECT_EQ(Root, "/r");
  ASSERT_EQ(Read.Findings.size(), 1u);
  Finding Expected = finding("async-blocking-call", at("/r/a.cpp", 0, 1, 2, 1, 3), "m");
  EXPECT_EQ(describe(Read.Findings[0]), describe(Expected));
  EXPECT_TRUE(Read.CompileErrors.empty());
  EXPECT_TRUE(Read.ConfigurationErrors.empty());
  EXPECT_TRUE(Read.Units.empty());
  EXPECT_TRUE(Read.FailedUnits.empty());
}

TEST(JsonReportTest, NotAReport) {
  const char *const NotAReport = "not an async-lint json report (version 1 with root and findings)";
  for (const char *Text : {R"([])", R"({})", R"("findings")",
                           R"({"version": 1, "findings": []})",
                           R"({"version": 1, "root": "/r"})",
                           R"({"version": 2, "root": "/r", "findings": []})",
                           R"({"root": "/r", "findings": []})"}) {
    SCOPED_TRACE(Text);
    std::string Root;
    try {
      fromJson(json::parse(Text), Root);
      ADD_FAILURE() << "expected std::runtime_error";
    } catch (const std::runtime_error &Error) {
      EXPECT_STREQ(Error.what(), NotAReport);
    }
  }
}

// Documented: std::runtime_error for anything that is not a report, a version of the
// wrong type included (not nlohmann's own type_error).
TEST(JsonReportTest, VersionOfTheWrongTypeIsNotAReport) {
  std::string Root;
  EXPECT_THROW(fromJson(json::parse(R"({"version": "1", "root": "/r", "findings": []})"), Root),
               std::runtime_error);
}

TEST(JsonReportTest, MalformedFindingNamesTheProblem) {
  const std::string Prefix = "malformed async-lint json report: ";
  struct Case {
    const char *Json;
    const char *Mentions;
  } Cases[] = {
      {R"({"version": 1, "root": "/r", "findings": [{"file": "a.cpp", "column": 2,
           "endLine": 1, "endColumn": 3, "check": "c", "severity": "warning",
           "message": "m"}]})",
       "key 'line' not found"},
      {R"({"version": 1, "root": "/r", "findings": [{"file": "a.cpp", "line": "1",
           "column": 2, "endLine": 1, "endColumn": 3, "check": "c", "severity": "warning",
           "message": "m"}]})",
       "type must be number, but is string"},
      {R"({"version": 1, "root": 5, "findings": []})", "type must be string, but is number"},
      {R"({"version": 1, "root": "/r", "findings": [{"file": "a.cpp", "line": 1,
           "column": 2, "endLine": 1, "endColumn": 3, "check": "c", "severity": "warning",
           "message": "m", "fixes": [{"file": "a.cpp", "line": 1, "column": 2, "endLine": 1,
           "endColumn": 3, "offset": 1, "length": 1}]}]})",
       "key 'replacement' not found"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Json);
    std::string Root;
    try {
      fromJson(json::parse(C.Json), Root);
      ADD_FAILURE() << "expected std::runtime_error";
    } catch (const std::runtime_error &Error) {
      std::string What = Error.what();
      EXPECT_EQ(What.rfind(Prefix, 0), 0u) << What;
      EXPECT_NE(What.find(C.Mentions), std::string::npos) << What;
    }
  }
}

TEST(SortAndDeduplicateTest, ByPositionThenCheckThenMessage) {
  std::vector<Finding> Findings = {
      finding("async-c", at("/p/b.cpp", 10, 2, 1, 2, 4), "m"),
      finding("async-b", at("/p/a.cpp", 50, 5, 3, 5, 9), "z"),
      finding("async-b", at("/p/a.cpp", 50, 5, 3, 5, 9), "a"),
      finding("async-a", at("/p/a.cpp", 50, 5, 3, 5, 9), "z"),
      finding("async-a", at("/p/a.cpp", 40, 4, 9, 4, 12), "m"),
      finding("async-a", at("/p/a.cpp", 48, 5, 1, 5, 2), "m"),
      finding("async-a", at("/p/a.cpp", 50, 5, 3, 5, 4), "m"),
  };
  sortAndDeduplicate(Findings);
  std::vector<std::string> Order;
  for (const Finding &F : Findings)
    Order.push_back(F.Where.File + ":" + std::to_string(F.Where.Line) + ":" +
                    std::to_string(F.Where.Column) + "-" + std::to_string(F.Where.EndColumn) +
                    " " + F.Check + " " + F.Message);
  EXPECT_EQ(Order, (std::vector<std::string>{
                       "/p/a.cpp:4:9-12 async-a m", "/p/a.cpp:5:1-2 async-a m",
                       "/p/a.cpp:5:3-4 async-a m", "/p/a.cpp:5:3-9 async-a z",
                       "/p/a.cpp:5:3-9 async-b a", "/p/a.cpp:5:3-9 async-b z",
                       "/p/b.cpp:2:1-4 async-c m"}));
}

TEST(SortAndDeduplicateTest, KeepsTheFirstOfTheSame) {
  Finding First = finding("async-a", at("/p/h.h", 10, 2, 1, 2, 4), "m");
  First.Fingerprint = "first";
  Finding Second = First;
  Second.Fingerprint = "second";
  Finding Other = finding("async-a", at("/p/a.cpp", 10, 2, 1, 2, 4), "m");
  std::vector<Finding> Findings = {First, Other, Second};
  sortAndDeduplicate(Findings);
  ASSERT_EQ(Findings.size(), 2u);
  EXPECT_EQ(Findings[0].Where.File, "/p/a.cpp");
  EXPECT_EQ(Findings[1].Fingerprint, "first");
}

TEST(MergeReportsTest, DeduplicatesAndSorts) {
  Report A, B, C;
  Finding Header = finding("async-missing-co-await", at("/p/include/h.h", 30, 3, 7, 3, 12),
                           "task 'h' is created and never awaited");
  Header.Fingerprint = "from-a";
  A.Findings = {finding("async-blocking-call", at("/p/src/b.cpp", 80, 6, 3, 6, 8), "blocks"),
                Header};
  A.Units = {"/p/src/b.cpp", "/p/src/d.cpp"};
  A.FailedUnits = {"/p/src/d.cpp"};
  A.ConfigurationErrors = {"malformed configuration: e1", "malformed configuration: e2"};
  Finding LocationlessError = finding("clang-diagnostic-error", Position(), "no such file");
  LocationlessError.Level = Severity::Error;
  A.CompileErrors = {LocationlessError};

  Header.Fingerprint = "from-b";
  B.Findings = {finding("async-blocking-call", at("/p/src/a.cpp", 90, 9, 1, 9, 5), "blocks"),
                Header,
                finding("async-blocking-call", at("/p/src/a.cpp", 20, 2, 1, 2, 5), "blocks")};
  B.Units = {"/p/src/a.cpp", "/p/src/c.cpp"};
  B.FailedUnits = {"/p/src/c.cpp"};
  B.ConfigurationErrors = {"malformed configuration: e2", "malformed configuration: e0"};
  B.CompileErrors = {LocationlessError};
  // C: an empty shard.

  Report Merged = mergeReports({A, B, C});
  std::vector<std::string> Order;
  for (const Finding &F : Merged.Findings)
    Order.push_back(F.Where.File + ":" + std::to_string(F.Where.Line) + " " + F.Fingerprint);
  EXPECT_EQ(Order, (std::vector<std::string>{"/p/include/h.h:3 from-a", "/p/src/a.cpp:2 ",
                                             "/p/src/a.cpp:9 ", "/p/src/b.cpp:6 "}));
  EXPECT_EQ(describe(Merged.CompileErrors), describe(std::vector<Finding>{LocationlessError}));
  // In the order first seen: the first shard's are the configuration's own.
  EXPECT_EQ(Merged.ConfigurationErrors,
            (std::vector<std::string>{"malformed configuration: e1",
                                      "malformed configuration: e2",
                                      "malformed configuration: e0"}));
  EXPECT_EQ(Merged.Units, (std::vector<std::string>{"/p/src/a.cpp", "/p/src/b.cpp",
                                                    "/p/src/c.cpp", "/p/src/d.cpp"}));
  EXPECT_EQ(Merged.FailedUnits, (std::vector<std::string>{"/p/src/c.cpp", "/p/src/d.cpp"}));
}

TEST(MergeReportsTest, SameUnitInTwoPartsCountsOnce) {
  Report A, B;
  A.Units = {"/p/a.cpp"};
  B.Units = {"/p/a.cpp"};
  A.FailedUnits = B.FailedUnits = {"/p/a.cpp"};
  Report Merged = mergeReports({A, B});
  EXPECT_EQ(Merged.Units, std::vector<std::string>{"/p/a.cpp"});
  EXPECT_EQ(Merged.FailedUnits, std::vector<std::string>{"/p/a.cpp"});
}

TEST(MergeReportsTest, JsonShardsMergeLikeOneRun) {
  Report Whole = sampleReport("/project");
  Report First = Whole, Second = Whole;
  First.Findings.erase(First.Findings.begin() + 1, First.Findings.end());
  First.Units = {"/project/src/a.cpp"};
  First.FailedUnits.clear();
  Second.Units = {"/project/src/b.cpp", "/project/src/c.cpp"};
  std::string Root;
  Report Merged = mergeReports(
      {fromJson(json::parse(toJson(Second, "/project", "1").dump()), Root),
       fromJson(json::parse(toJson(First, "/project", "1").dump()), Root)});
  sortAndDeduplicate(Whole.Findings);
  sortAndDeduplicate(Whole.CompileErrors);
  expectSameReport(Merged, Whole);
}

} // namespace
