//===--- SarifMerge.cpp - one SARIF log from the logs of CI shards ---------===//

#include "Sarif.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <tuple>

namespace async_lint::cli {

using nlohmann::json;

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
  if (!Driver || !Driver->is_object() || Driver->value("name", json()) != SarifToolName)
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
  json Log = Logs.front();
  Log["runs"] = json::array({std::move(Merged)});
  return Log;
}

} // namespace async_lint::cli
