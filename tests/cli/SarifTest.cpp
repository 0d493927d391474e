//===--- SarifTest.cpp - the SARIF log of a hand-built report, and merging -===//

#include "CheckDocs.h"
#include "Sarif.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace async_lint::cli;
using nlohmann::json;

namespace {

const std::string Root = "/src/proj";
const std::string Crawler = Root + "/src/crawler.cpp";

Position at(std::string File, unsigned Line, unsigned Column, unsigned EndLine,
            unsigned EndColumn) {
  Position P;
  P.File = std::move(File);
  P.Line = Line;
  P.Column = Column;
  P.EndLine = EndLine;
  P.EndColumn = EndColumn;
  return P;
}

Finding blockingCall() {
  Finding F;
  F.Check = "async-blocking-call";
  F.Where = at(Crawler, 94, 3, 94, 49);
  F.Message = "blocking call to 'std::this_thread::sleep_for' in coroutine 'load_robots'";
  F.Notes = {{at(Crawler, 88, 17, 88, 28), "coroutine 'load_robots' is here"}};
  F.Fix = {{Crawler, 2000, 45, "co_await aio::sleep(state.crawl_delay)",
            at(Crawler, 94, 3, 94, 48)},
           {Root + "/include/my dir/x.h", 0, 0, "#include <aio/sleep.h>\n", at("", 1, 1, 1, 1)},
           {Crawler, 10, 0, "#include <aio/sleep.h>\n", at(Crawler, 1, 1, 1, 1)}};
  F.Fingerprint = "0123abcd";
  F.LineHash = "1eff873daa028706:1";
  return F;
}

Finding missingCoAwait() { // outside the root
  Finding F;
  F.Check = "async-missing-co-await";
  F.Where = at("/usr/include/lib/task.h", 10, 5, 10, 20);
  F.Message = "'save' returns a lazy 'Task<void>' that is never awaited";
  return F;
}

Finding otherCheck() { // a check that was not enabled, at a path that needs encoding
  Finding F;
  F.Check = "misc-foo";
  F.Level = Severity::Note;
  F.Where = at(Root + "/a:b.cpp", 2, 1, 2, 4);
  F.Message = "foo";
  return F;
}

Finding compileError(unsigned Line) {
  Finding F;
  F.Check = "clang-diagnostic-error";
  F.Level = Severity::Error;
  F.Where = at(Root + "/src/broken.cpp", Line, 7, Line, 8);
  F.Message = "expected ';' after expression";
  return F;
}

SarifOptions options(std::vector<std::string> Checks) {
  return {Root, "0.3.0", "19.1.7", std::move(Checks)};
}

json sarif() {
  Report R;
  R.Findings = {blockingCall(), missingCoAwait(), otherCheck()};
  R.CompileErrors = {compileError(3)};
  R.ConfigurationErrors = {
      "invalid rule pack: /src/proj/lint.json: at /blocking: expected an array"};
  R.FailedUnits = {Root + "/src/broken.cpp"};
  return toSarif(R, options({"async-missing-co-await", "async-blocking-call",
                             "async-swallowed-cancellation"}));
}

TEST(SarifTest, LogAndTool) {
  json Log = sarif();
  EXPECT_EQ(Log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(Log["version"], "2.1.0");
  ASSERT_EQ(Log["runs"].size(), 1u);
  json Driver = Log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(Driver["name"], "async-lint");
  EXPECT_EQ(Driver["version"], "0.3.0");
  EXPECT_EQ(Driver["semanticVersion"], "0.3.0");
  EXPECT_EQ(Driver["properties"], json({{"llvmVersion", "19.1.7"}}));
  EXPECT_EQ(Log["runs"][0]["originalUriBaseIds"],
            json::parse(R"({"%SRCROOT%": {"uri": "file:///src/proj/"}})"));
}

// One rule per enabled check and per other check a result uses, sorted by id.
TEST(SarifTest, RulesCarryTheCheckPages) {
  json Rules = sarif()["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(Rules.size(), 4u);
  std::vector<std::string> Ids;
  for (const json &Rule : Rules)
    Ids.push_back(Rule["id"]);
  EXPECT_EQ(Ids, (std::vector<std::string>{"async-blocking-call", "async-missing-co-await",
                                           "async-swallowed-cancellation", "misc-foo"}));
  const json &Rule = Rules[0];
  const CheckDoc *Doc = findCheckDoc("async-blocking-call");
  ASSERT_TRUE(Doc);
  EXPECT_EQ(Rule["name"], "AsyncBlockingCall");
  EXPECT_EQ(Rule["shortDescription"]["text"], Doc->Summary);
  EXPECT_EQ(Rule["fullDescription"]["text"], checkDescription(*Doc));
  EXPECT_EQ(Rule["help"]["text"], Doc->Markdown);
  EXPECT_EQ(Rule["help"]["markdown"], Doc->Markdown);
  EXPECT_EQ(Rule["helpUri"],
            "https://github.com/async-lint/async-lint/blob/main/docs/checks/blocking-call.md");
  EXPECT_EQ(Rule["defaultConfiguration"], json::parse(R"({"level": "warning"})"));
  EXPECT_EQ(Rule["properties"], json::parse(R"({
    "tags": ["correctness", "concurrency", "coroutines"],
    "precision": "high", "problem.severity": "warning"})"));
  // GitHub requires a description and help for every rule (GH2012).
  EXPECT_EQ(Rules[3]["name"], "MiscFoo");
  EXPECT_EQ(Rules[3]["fullDescription"]["text"],
            "Diagnostics of the clang-tidy check misc-foo.");
  EXPECT_EQ(Rules[3]["help"]["text"], "Diagnostics of the clang-tidy check misc-foo.");
  EXPECT_FALSE(Rules[3].contains("helpUri"));
}

TEST(SarifTest, ResultWithNotesFixesAndFingerprints) {
  json Result = sarif()["runs"][0]["results"][0];
  EXPECT_EQ(Result, json::parse(R"json({
    "ruleId": "async-blocking-call", "ruleIndex": 0, "level": "warning",
    "message": {"text": "blocking call to 'std::this_thread::sleep_for' in coroutine 'load_robots'"},
    "locations": [{"physicalLocation": {
      "artifactLocation": {"uri": "src/crawler.cpp", "uriBaseId": "%SRCROOT%"},
      "region": {"startLine": 94, "startColumn": 3, "endLine": 94, "endColumn": 49}}}],
    "relatedLocations": [{"id": 1, "physicalLocation": {
      "artifactLocation": {"uri": "src/crawler.cpp", "uriBaseId": "%SRCROOT%"},
      "region": {"startLine": 88, "startColumn": 17, "endLine": 88, "endColumn": 28}},
      "message": {"text": "coroutine 'load_robots' is here"}}],
    "fixes": [{"description": {"text": "Apply the fix-it of async-blocking-call"},
      "artifactChanges": [
        {"artifactLocation": {"uri": "src/crawler.cpp", "uriBaseId": "%SRCROOT%"},
         "replacements": [
          {"deletedRegion": {"startLine": 94, "startColumn": 3, "endLine": 94, "endColumn": 48},
           "insertedContent": {"text": "co_await aio::sleep(state.crawl_delay)"}},
          {"deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
           "insertedContent": {"text": "#include <aio/sleep.h>\n"}}]},
        {"artifactLocation": {"uri": "include/my%20dir/x.h", "uriBaseId": "%SRCROOT%"},
         "replacements": [
          {"deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
           "insertedContent": {"text": "#include <aio/sleep.h>\n"}}]}]}],
    "partialFingerprints": {"primaryLocationLineHash": "1eff873daa028706:1"},
    "fingerprints": {"asyncLint/v1": "0123abcd"}})json"));
}

TEST(SarifTest, ResultOutsideTheRootAndLevels) {
  json Results = sarif()["runs"][0]["results"];
  ASSERT_EQ(Results.size(), 3u);
  EXPECT_EQ(Results[1], json::parse(R"({
    "ruleId": "async-missing-co-await", "ruleIndex": 1, "level": "warning",
    "message": {"text": "'save' returns a lazy 'Task<void>' that is never awaited"},
    "locations": [{"physicalLocation": {
      "artifactLocation": {"uri": "file:///usr/include/lib/task.h"},
      "region": {"startLine": 10, "startColumn": 5, "endLine": 10, "endColumn": 20}}}]})"));
  EXPECT_EQ(Results[2]["ruleIndex"], 3);
  EXPECT_EQ(Results[2]["level"], "note");
  EXPECT_EQ(Results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "a%3Ab.cpp");
}

TEST(SarifTest, CompileAndConfigurationErrorsAreNotifications) {
  EXPECT_EQ(sarif()["runs"][0]["invocations"], json::parse(R"([{
    "executionSuccessful": false,
    "toolExecutionNotifications": [
      {"level": "error", "descriptor": {"id": "compile-error"},
       "message": {"text": "expected ';' after expression"},
       "locations": [{"physicalLocation": {
         "artifactLocation": {"uri": "src/broken.cpp", "uriBaseId": "%SRCROOT%"},
         "region": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 8}}}]},
      {"level": "error", "descriptor": {"id": "configuration-error"}, "message": {"text":
         "invalid rule pack: /src/proj/lint.json: at /blocking: expected an array"}}]}])"));
  EXPECT_EQ(toSarif(Report{}, options({}))["runs"][0]["invocations"],
            json::parse(R"([{"executionSuccessful": true}])"));
}

// ---- merge ------------------------------------------------------------------

json shardA() {
  Report R;
  R.Findings = {blockingCall(), missingCoAwait()};
  return toSarif(R, options({"async-blocking-call", "async-missing-co-await"}));
}

json shardB() { // a duplicate of shard A's finding (a shared header), another rule
  Report R;
  R.Findings = {blockingCall(), otherCheck()};
  R.CompileErrors = {compileError(5)};
  return toSarif(R, options({"async-blocking-call", "async-swallowed-cancellation"}));
}

TEST(SarifTest, MergeUnitesRulesAndDeduplicatesResults) {
  json Log = mergeSarif({shardA(), shardB()});
  ASSERT_EQ(Log["runs"].size(), 1u);
  const json &Run = Log["runs"][0];
  std::vector<std::string> Ids;
  for (const json &Rule : Run["tool"]["driver"]["rules"])
    Ids.push_back(Rule["id"]);
  EXPECT_EQ(Ids, (std::vector<std::string>{"async-blocking-call", "async-missing-co-await",
                                           "async-swallowed-cancellation", "misc-foo"}));
  // Sorted by uri; ruleIndex points into the merged rules (misc-foo was 2 in shard B).
  std::vector<std::tuple<std::string, int, std::string>> Results;
  for (const json &Result : Run["results"])
    Results.emplace_back(Result["ruleId"], Result["ruleIndex"],
                         Result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  EXPECT_EQ(Results, (std::vector<std::tuple<std::string, int, std::string>>{
                         {"misc-foo", 3, "a%3Ab.cpp"},
                         {"async-missing-co-await", 1, "file:///usr/include/lib/task.h"},
                         {"async-blocking-call", 0, "src/crawler.cpp"}}));
  EXPECT_EQ(Run["results"][2], shardA()["runs"][0]["results"][0]);
  EXPECT_EQ(Run["invocations"].size(), 1u);
  EXPECT_EQ(Run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(Run["invocations"][0]["toolExecutionNotifications"].size(), 1u);
  EXPECT_EQ(Run["originalUriBaseIds"], shardA()["runs"][0]["originalUriBaseIds"]);
}

// Merging only reorders; a log already in (uri, line, column) order stays as it is.
TEST(SarifTest, MergeOfOneSortedLogIsThatLog) {
  Report R;
  R.Findings = {otherCheck(), blockingCall()};
  R.CompileErrors = {compileError(5)};
  json Log = toSarif(R, options({"async-blocking-call"}));
  EXPECT_TRUE(mergeSarif({Log}) == Log);
}

TEST(SarifTest, MergeRejectsOtherLogs) {
  auto Error = [](std::vector<json> Logs) -> std::string {
    try {
      mergeSarif(Logs);
    } catch (const std::runtime_error &E) {
      return E.what();
    }
    return "no error";
  };
  EXPECT_EQ(Error({shardA(), json::array()}),
            "log 2 is not an async-lint SARIF log: not a JSON object");
  json OtherTool = shardA();
  OtherTool["runs"][0]["tool"]["driver"]["name"] = "CodeQL";
  EXPECT_EQ(Error({OtherTool}),
            "log 1 is not an async-lint SARIF log: its tool.driver.name is not \"async-lint\"");
  json NoRule = shardA();
  NoRule["runs"][0]["results"][0]["ruleId"] = "async-nonexistent";
  EXPECT_EQ(Error({NoRule}), "log 1 is not an async-lint SARIF log: result of rule "
                             "async-nonexistent without the rule");
  json Newer = shardB();
  Newer["runs"][0]["tool"]["driver"]["version"] = "0.4.0";
  EXPECT_EQ(Error({shardA(), Newer}),
            "log 2 is from async-lint 0.4.0, log 1 from 0.3.0: merge logs of one version");
  EXPECT_EQ(Error({}), "no SARIF logs to merge");
}

} // namespace
