//===--- Sarif.cpp - the report as SARIF 2.1.0 -----------------------------===//

#include "Sarif.h"
#include "CheckDocs.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>

namespace async_lint::cli {
namespace {

using nlohmann::json;

const char *const ToolName = "async-lint";
const char *const SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
const char *const SrcRoot = "%SRCROOT%";
const std::string InformationUri = "https://github.com/async-lint/async-lint";

const char *levelName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

/// "async-blocking-call" -> "AsyncBlockingCall": SARIF's rule name is an
/// identifier, the id stays the check's name.
std::string camelCase(std::string_view Check) {
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (C == '-' || C == '.' || C == '_') {
      Upper = true;
      continue;
    }
    Name += Upper && C >= 'a' && C <= 'z' ? static_cast<char>(C - 'a' + 'A') : C;
    Upper = false;
  }
  return Name;
}

/// Percent-encodes what a URI path cannot hold as is. ':' is encoded too: in a
/// relative URI it would read as the end of a scheme.
std::string encodePath(std::string_view Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Uri;
  for (char C : Path) {
    auto B = static_cast<unsigned char>(C);
    if ((B >= 'a' && B <= 'z') || (B >= 'A' && B <= 'Z') || (B >= '0' && B <= '9') ||
        std::string_view("-._~/+,=@").find(C) != std::string_view::npos) {
      Uri += C;
    } else {
      Uri += '%';
      Uri += Hex[B >> 4];
      Uri += Hex[B & 0xF];
    }
  }
  return Uri;
}

class Writer {
public:
  explicit Writer(const SarifOptions &O) : Root(O.Root) {
    while (Root.size() > 1 && Root.back() == '/')
      Root.pop_back();
  }

  json rootUri() const { return {{"uri", "file://" + encodePath(Root == "/" ? "/" : Root + "/")}}; }
  bool hasRoot() const { return !Root.empty(); }

  json artifactLocation(const std::string &File) const {
    std::string Prefix = Root == "/" ? "/" : Root + "/";
    if (hasRoot() && File.size() > Prefix.size() && File.starts_with(Prefix))
      return {{"uri", encodePath(File.substr(Prefix.size()))}, {"uriBaseId", SrcRoot}};
    return {{"uri", "file://" + encodePath(File)}};
  }

  static json region(const Position &P) {
    json Region = {{"startLine", P.Line}};
    if (P.Column)
      Region["startColumn"] = P.Column;
    if (P.EndLine) {
      Region["endLine"] = P.EndLine;
      if (P.EndColumn)
        Region["endColumn"] = P.EndColumn;
    }
    return Region;
  }

  /// A location object; without a file, only its message (if any).
  json location(const Position &P) const {
    json Location = json::object();
    if (P.File.empty())
      return Location;
    json Physical = {{"artifactLocation", artifactLocation(P.File)}};
    if (P.Line)
      Physical["region"] = region(P);
    Location["physicalLocation"] = std::move(Physical);
    return Location;
  }

  /// One fix: the edits grouped by file, files in the order of their first edit.
  json fix(const Finding &F) const {
    json Changes = json::array();
    std::map<std::string, std::size_t> ChangeOfFile;
    for (const Edit &E : F.Fix) {
      auto [It, New] = ChangeOfFile.try_emplace(E.File, Changes.size());
      if (New)
        Changes.push_back(
            {{"artifactLocation", artifactLocation(E.File)}, {"replacements", json::array()}});
      Changes[It->second]["replacements"].push_back(
          {{"deletedRegion", region(E.Where)}, {"insertedContent", {{"text", E.Text}}}});
    }
    return {{"description", {{"text", "Apply the fix-it of " + F.Check}}},
            {"artifactChanges", std::move(Changes)}};
  }

  json result(const Finding &F, std::size_t RuleIndex) const {
    json Result = {{"ruleId", F.Check},
                   {"ruleIndex", RuleIndex},
                   {"level", levelName(F.Level)},
                   {"message", {{"text", F.Message}}}};
    if (!F.Where.File.empty())
      Result["locations"] = json::array({location(F.Where)});
    if (!F.Notes.empty()) {
      json Related = json::array();
      for (std::size_t I = 0; I < F.Notes.size(); ++I) {
        json Location = location(F.Notes[I].Where);
        Location["id"] = I + 1;
        Location["message"] = {{"text", F.Notes[I].Message}};
        Related.push_back(std::move(Location));
      }
      Result["relatedLocations"] = std::move(Related);
    }
    if (!F.Fix.empty())
      Result["fixes"] = json::array({fix(F)});
    if (!F.LineHash.empty())
      Result["partialFingerprints"] = {{"primaryLocationLineHash", F.LineHash}};
    if (!F.Fingerprint.empty())
      Result["fingerprints"] = {{"asyncLint/v1", F.Fingerprint}};
    return Result;
  }

  json notification(const Finding &F) const {
    json Notification = {{"level", "error"}, {"message", {{"text", F.Message}}}};
    if (!F.Where.File.empty())
      Notification["locations"] = json::array({location(F.Where)});
    return Notification;
  }

private:
  std::string Root;
};

json rule(const std::string &Check) {
  json Rule = {{"id", Check}, {"name", camelCase(Check)}};
  if (const CheckDoc *Doc = findCheckDoc(Check)) {
    Rule["shortDescription"] = {{"text", Doc->Summary}};
    Rule["fullDescription"] = {{"text", checkDescription(*Doc)}};
    Rule["help"] = {{"text", Doc->Markdown}, {"markdown", Doc->Markdown}};
    // GitHub shows help and ignores helpUri; other SARIF viewers link it.
    Rule["helpUri"] = InformationUri + "/blob/main/docs/checks/" +
                      Check.substr(std::string_view("async-").size()) + ".md";
  } else {
    // Not one of ours (a clang-tidy check enabled alongside): GitHub still
    // wants a description and help for every rule.
    std::string Text = "Diagnostics of the clang-tidy check " + Check + ".";
    Rule["shortDescription"] = {{"text", Text}};
    Rule["fullDescription"] = {{"text", Text}};
    Rule["help"] = {{"text", Text}};
  }
  Rule["defaultConfiguration"] = {{"level", "warning"}};
  Rule["properties"] = {{"tags", {"correctness", "concurrency", "coroutines"}},
                        {"precision", "high"},
                        {"problem.severity", "warning"}};
  return Rule;
}

json sarifLog(json Run) {
  return {{"$schema", SchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(Run)})}};
}

} // namespace

nlohmann::json toSarif(const Report &R, const SarifOptions &O) {
  Writer W(O);
  std::set<std::string> RuleIds(O.EnabledChecks.begin(), O.EnabledChecks.end());
  for (const Finding &F : R.Findings)
    RuleIds.insert(F.Check);
  json Rules = json::array();
  std::map<std::string, std::size_t> RuleIndex;
  for (const std::string &Id : RuleIds) {
    RuleIndex[Id] = Rules.size();
    Rules.push_back(rule(Id));
  }

  json Results = json::array();
  for (const Finding &F : R.Findings)
    Results.push_back(W.result(F, RuleIndex[F.Check]));

  json Notifications = json::array();
  for (const Finding &F : R.CompileErrors)
    Notifications.push_back(W.notification(F));
  for (const std::string &Error : R.ConfigurationErrors)
    Notifications.push_back({{"level", "error"}, {"message", {{"text", Error}}}});
  json Invocation = {{"executionSuccessful", Notifications.empty() && R.FailedUnits.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  json Driver = {{"name", ToolName},
                 {"version", O.ToolVersion},
                 {"semanticVersion", O.ToolVersion},
                 {"informationUri", InformationUri},
                 {"rules", std::move(Rules)}};
  if (!O.LlvmVersion.empty())
    Driver["properties"] = {{"llvmVersion", O.LlvmVersion}};
  json Run = {{"tool", {{"driver", std::move(Driver)}}},
              {"invocations", json::array({std::move(Invocation)})},
              {"columnKind", "utf16CodeUnits"},
              {"results", std::move(Results)}};
  if (W.hasRoot())
    Run["originalUriBaseIds"] = {{SrcRoot, W.rootUri()}};
  return sarifLog(std::move(Run));
}

// ---- merge ------------------------------------------------------------------

namespace {

/// The one run of Log, checked to be async-lint's; Which names the log in errors.
const json &asyncLintRun(const json &Log, const std::string &Which) {
  auto Fail = [&](const std::string &Problem) {
    throw std::runtime_error(Which + " is not an async-lint SARIF log: " + Problem);
  };
  if (!Log.is_object())
    Fail("not a JSON object");
  if (Log.value("version", json()) != "2.1.0")
    Fail("its \"version\" is not \"2.1.0\"");
  const json *Runs = Log.contains("runs") ? &Log["runs"] : nullptr;
  if (!Runs || !Runs->is_array() || Runs->size() != 1)
    Fail("it does not have exactly one run");
  const json &Run = (*Runs)[0];
  const json *Driver = Run.is_object() && Run.contains("tool") && Run["tool"].is_object() &&
                               Run["tool"].contains("driver")
                           ? &Run["tool"]["driver"]
                           : nullptr;
  if (!Driver || !Driver->is_object() || Driver->value("name", json()) != ToolName)
    Fail("its tool.driver.name is not \"async-lint\"");
  if (!Driver->contains("rules") || !(*Driver)["rules"].is_array())
    Fail("tool.driver.rules is missing");
  if (Run.contains("results") && !Run["results"].is_array())
    Fail("its results are not an array");
  return Run;
}

/// Results are sorted by (uri, line, column, ruleId) and are the same result
/// when the message is the same too.
using ResultKey = std::tuple<std::string, long, long, std::string, std::string>;

ResultKey keyOf(const json &Result) {
  const json Missing = json::object();
  const json &Physical = Result.contains("locations") && !Result["locations"].empty()
                             ? Result["locations"][0].value("physicalLocation", Missing)
                             : Missing;
  const json Artifact = Physical.value("artifactLocation", Missing);
  const json Region = Physical.value("region", Missing);
  return {Artifact.value("uri", ""), Region.value("startLine", 0L),
          Region.value("startColumn", 0L), Result.value("ruleId", ""),
          Result.contains("message") ? Result["message"].value("text", "") : ""};
}

} // namespace

nlohmann::json mergeSarif(const std::vector<nlohmann::json> &Logs) {
  if (Logs.empty())
    throw std::runtime_error("no SARIF logs to merge");
  std::vector<const json *> Runs;
  for (std::size_t I = 0; I < Logs.size(); ++I)
    Runs.push_back(&asyncLintRun(Logs[I], "log " + std::to_string(I + 1)));

  json Merged = *Runs.front();
  const json &Driver = Merged["tool"]["driver"];
  for (std::size_t I = 1; I < Runs.size(); ++I)
    if ((*Runs[I])["tool"]["driver"].value("version", "") != Driver.value("version", ""))
      throw std::runtime_error("log " + std::to_string(I + 1) + " is from async-lint " +
                               (*Runs[I])["tool"]["driver"].value("version", "") +
                               ", log 1 from " + Driver.value("version", "") +
                               ": merge logs of one version");

  // Rules by id: a shard that enabled other checks adds rules, never replaces.
  std::map<std::string, json> Rules;
  std::map<ResultKey, json> Results;
  json Notifications = json::array();
  bool Successful = true;
  for (std::size_t I = 0; I < Runs.size(); ++I) {
    const json &Run = *Runs[I];
    try {
      for (const json &Rule : Run["tool"]["driver"]["rules"])
        Rules.try_emplace(Rule.at("id").get<std::string>(), Rule);
      for (const json &Result : Run.value("results", json::array())) {
        if (!Rules.count(Result.at("ruleId").get<std::string>()))
          throw std::runtime_error("result of rule " + Result["ruleId"].get<std::string>() +
                                   " without the rule");
        Results.try_emplace(keyOf(Result), Result);
      }
      for (const json &Invocation : Run.value("invocations", json::array())) {
        Successful = Successful && Invocation.value("executionSuccessful", true);
        for (const json &N : Invocation.value("toolExecutionNotifications", json::array()))
          if (std::find(Notifications.begin(), Notifications.end(), N) == Notifications.end())
            Notifications.push_back(N); // a header's compile error, seen by several shards
      }
      json BaseIds = Run.value("originalUriBaseIds", json::object());
      for (const auto &[Id, Base] : BaseIds.items())
        if (!Merged["originalUriBaseIds"].contains(Id))
          Merged["originalUriBaseIds"][Id] = Base;
    } catch (const std::exception &E) {
      throw std::runtime_error("log " + std::to_string(I + 1) +
                               " is not an async-lint SARIF log: " + E.what());
    }
  }

  json MergedRules = json::array();
  std::map<std::string, std::size_t> RuleIndex;
  for (auto &[Id, Rule] : Rules) {
    RuleIndex[Id] = MergedRules.size();
    MergedRules.push_back(std::move(Rule));
  }
  json MergedResults = json::array();
  for (auto &[Key, Result] : Results) {
    Result["ruleIndex"] = RuleIndex[Result.value("ruleId", "")];
    MergedResults.push_back(std::move(Result));
  }

  Merged["tool"]["driver"]["rules"] = std::move(MergedRules);
  Merged["results"] = std::move(MergedResults);
  json Invocation = {{"executionSuccessful", Successful}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  Merged["invocations"] = json::array({std::move(Invocation)});
  return sarifLog(std::move(Merged));
}

} // namespace async_lint::cli
