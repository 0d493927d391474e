//===--- JsonReport.cpp - the json format, written and read back ----------===//

#include "JsonReport.h"
#include "Fingerprints.h"
#include "Runner.h"
#include <algorithm>
#include <stdexcept>

namespace async_lint::cli {
namespace {

using nlohmann::json;

json positionJson(const Position &Where, const std::string &Root) {
  return {{"file", relativeTo(Where.File, Root)}, {"line", Where.Line},
          {"column", Where.Column}, {"endLine", Where.EndLine},
          {"endColumn", Where.EndColumn}, {"offset", Where.Offset}};
}

Position readPosition(const json &Entry, const std::string &Root) {
  Position Where;
  Where.File = underRoot(Entry.at("file").get<std::string>(), Root);
  Where.Line = Entry.at("line");
  Where.Column = Entry.at("column");
  Where.EndLine = Entry.at("endLine");
  Where.EndColumn = Entry.at("endColumn");
  Where.Offset = Entry.value("offset", 0u);
  return Where;
}

json optionalJson(const std::optional<std::string> &Value) {
  return Value ? json(*Value) : json();
}

std::optional<std::string> optionalFrom(const json &Value) {
  if (Value.is_null())
    return std::nullopt;
  return Value.get<std::string>();
}

json summariesJson(const std::vector<UnitSummaryRecord> &Summaries, const std::string &Root) {
  json List = json::array();
  for (const UnitSummaryRecord &Unit : Summaries)
    List.push_back({{"unit", relativeTo(Unit.File, Root)},
                    {"headerFilter", optionalJson(Unit.Filters.Include)},
                    {"excludeHeaderFilter", optionalJson(Unit.Filters.Exclude)},
                    {"summary", clang::tidy::async::utils::toJson(Unit.Summary, Root)}});
  return List;
}

std::vector<UnitSummaryRecord> summariesFrom(const json &List, const std::string &Root) {
  std::vector<UnitSummaryRecord> Summaries;
  for (const json &Entry : List)
    Summaries.push_back(
        {underRoot(Entry.at("unit").get<std::string>(), Root),
         {optionalFrom(Entry.value("headerFilter", json())),
          optionalFrom(Entry.value("excludeHeaderFilter", json()))},
         clang::tidy::async::utils::unitSummaryFromJson(Entry.at("summary"), Root)});
  return Summaries;
}

} // namespace

json findingToJson(const Finding &F, const std::string &Root) {
  json Result = positionJson(F.Where, Root);
  Result["check"] = F.Check;
  Result["severity"] = severityName(F.Level);
  Result["message"] = F.Message;
  Result["function"] = F.Function;
  Result["fingerprint"] = F.Fingerprint;
  Result["lineHash"] = F.LineHash;
  Result["notes"] = json::array();
  for (const Note &N : F.Notes) {
    json Entry = positionJson(N.Where, Root);
    Entry["message"] = N.Message;
    Result["notes"].push_back(std::move(Entry));
  }
  Result["fixes"] = json::array();
  for (const Edit &E : F.Fix) {
    json Entry = positionJson(E.Where, Root);
    Entry["offset"] = E.Offset;
    Entry["length"] = E.Length;
    Entry["replacement"] = E.Text;
    Result["fixes"].push_back(std::move(Entry));
  }
  return Result;
}

Finding findingFromJson(const json &Entry, const std::string &Root) {
  Finding F;
  F.Where = readPosition(Entry, Root);
  F.Check = Entry.at("check");
  std::string Level = Entry.at("severity");
  F.Level = Level == "error" ? Severity::Error : Level == "note" ? Severity::Note : Severity::Warning;
  F.Message = Entry.at("message");
  F.Function = Entry.value("function", "");
  F.Fingerprint = Entry.value("fingerprint", "");
  F.LineHash = Entry.value("lineHash", "");
  for (const json &N : Entry.value("notes", json::array()))
    F.Notes.push_back({readPosition(N, Root), N.at("message")});
  for (const json &Fix : Entry.value("fixes", json::array())) {
    Edit E;
    E.Where = readPosition(Fix, Root);
    E.File = E.Where.File;
    E.Offset = Fix.at("offset");
    E.Length = Fix.at("length");
    E.Text = Fix.at("replacement");
    F.Fix.push_back(std::move(E));
  }
  return F;
}

json toJson(const Report &R, const std::string &Root, const std::string &Version) {
  json Result = {{"version", 1}, {"tool", {{"name", "async-lint"}, {"version", Version}}},
                 {"root", Root}};
  Result["findings"] = json::array();
  for (const Finding &F : R.Findings)
    Result["findings"].push_back(findingToJson(F, Root));
  Result["compileErrors"] = json::array();
  for (const Finding &F : R.CompileErrors)
    Result["compileErrors"].push_back(findingToJson(F, Root));
  Result["configurationErrors"] = R.ConfigurationErrors;
  Result["units"] = json::array();
  for (const std::string &Unit : R.Units)
    Result["units"].push_back(relativeTo(Unit, Root));
  Result["failedUnits"] = json::array();
  for (const std::string &Unit : R.FailedUnits)
    Result["failedUnits"].push_back(relativeTo(Unit, Root));
  if (!R.Summaries.empty()) // a shard's: `merge` links them
    Result["summaries"] = summariesJson(R.Summaries, Root);
  return Result;
}

Report fromJson(const json &Json, std::string &Root) {
  if (!Json.is_object() || Json.value("version", json()) != 1 || !Json.contains("root") ||
      !Json.contains("findings") || !Json["findings"].is_array())
    throw std::runtime_error("not an async-lint json report (version 1 with root and findings)");
  try {
    Root = Json.at("root");
    Report R;
    for (const json &F : Json.at("findings"))
      R.Findings.push_back(findingFromJson(F, Root));
    for (const json &F : Json.value("compileErrors", json::array()))
      R.CompileErrors.push_back(findingFromJson(F, Root));
    R.ConfigurationErrors = Json.value("configurationErrors", std::vector<std::string>());
    for (const json &Unit : Json.value("units", json::array()))
      R.Units.push_back(underRoot(Unit, Root));
    for (const json &Unit : Json.value("failedUnits", json::array()))
      R.FailedUnits.push_back(underRoot(Unit, Root));
    R.Summaries = summariesFrom(Json.value("summaries", json::array()), Root);
    return R;
  } catch (const std::exception &Error) {
    throw std::runtime_error(std::string("malformed async-lint json report: ") + Error.what());
  }
}

Report mergeReports(std::vector<Report> Parts) {
  Report Merged;
  for (Report &Part : Parts) {
    auto Append = [](auto &Into, auto &From) {
      Into.insert(Into.end(), std::make_move_iterator(From.begin()),
                  std::make_move_iterator(From.end()));
    };
    Append(Merged.Findings, Part.Findings);
    Append(Merged.CompileErrors, Part.CompileErrors);
    Append(Merged.Units, Part.Units);
    Append(Merged.FailedUnits, Part.FailedUnits);
    Append(Merged.Summaries, Part.Summaries);
    for (std::string &Line : Part.ConfigurationErrors)
      if (std::find(Merged.ConfigurationErrors.begin(), Merged.ConfigurationErrors.end(), Line) ==
          Merged.ConfigurationErrors.end())
        Merged.ConfigurationErrors.push_back(std::move(Line));
  }
  sortAndDeduplicate(Merged.Findings);
  sortAndDeduplicate(Merged.CompileErrors);
  // In the order of the units, as one run links them.
  std::sort(Merged.Summaries.begin(), Merged.Summaries.end(),
            [](const UnitSummaryRecord &A, const UnitSummaryRecord &B) { return A.File < B.File; });
  for (auto *Units : {&Merged.Units, &Merged.FailedUnits}) {
    std::sort(Units->begin(), Units->end());
    Units->erase(std::unique(Units->begin(), Units->end()), Units->end());
  }
  return Merged;
}

} // namespace async_lint::cli
