//===--- Sarif.cpp - the report as SARIF 2.1.0 -----------------------------===//

#include "Sarif.h"
#include "CheckDocs.h"
#include "Paths.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>

namespace async_lint::cli {
namespace {

using nlohmann::json;

const char *const SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
const char *const SrcRoot = "%SRCROOT%";
const std::string InformationUri = "https://github.com/async-lint/async-lint";

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
    if (std::string Relative = relativeTo(File, Root); hasRoot() && Relative != File)
      return {{"uri", encodePath(Relative)}, {"uriBaseId", SrcRoot}};
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
                   {"level", severityName(F.Level)},
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
    json Notification = {{"level", "error"},
                         {"descriptor", {{"id", "compile-error"}}},
                         {"message", {{"text", F.Message}}}};
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
    Notifications.push_back({{"level", "error"},
                             {"descriptor", {{"id", "configuration-error"}}},
                             {"message", {{"text", Error}}}});
  json Invocation = {{"executionSuccessful", Notifications.empty() && R.FailedUnits.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  json Driver = {{"name", SarifToolName},
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

} // namespace async_lint::cli
