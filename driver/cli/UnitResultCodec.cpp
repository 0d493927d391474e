//===--- UnitResultCodec.cpp - a unit's result across the worker boundary -===//
//
// The json report's own finding layout, in CBOR: CBOR carries source text that is not valid
// UTF-8 (a message quoting a Latin-1 line) unchanged, where json text would reject it.
//
//===----------------------------------------------------------------------===//

#include "UnitResultCodec.h"
#include "JsonReport.h"
#include <stdexcept>

namespace async_lint::cli {
namespace {

using nlohmann::json;

const char *const Root = "/"; // positions are absolute: stored without the leading slash

json findingsJson(const std::vector<Finding> &Findings) {
  json List = json::array();
  for (const Finding &F : Findings)
    List.push_back(findingToJson(F, Root));
  return List;
}

std::vector<Finding> findingsFrom(const json &List) {
  std::vector<Finding> Findings;
  for (const json &Entry : List)
    Findings.push_back(findingFromJson(Entry, Root));
  return Findings;
}

json optionalJson(const std::optional<std::string> &Value) {
  return Value ? json(*Value) : json();
}

std::optional<std::string> optionalFrom(const json &Value) {
  if (Value.is_null())
    return std::nullopt;
  return Value.get<std::string>();
}

} // namespace

std::string encodeUnitResult(const UnitResult &Result) {
  json Encoded = {{"file", Result.File},
                  {"compiled", Result.Compiled},
                  {"findings", findingsJson(Result.Findings)},
                  {"compileErrors", findingsJson(Result.CompileErrors)},
                  {"configurationErrors", Result.ConfigurationErrors},
                  {"include", optionalJson(Result.Filters.Include)},
                  {"exclude", optionalJson(Result.Filters.Exclude)},
                  {"summary", clang::tidy::async::utils::toJson(Result.Summary)}};
  std::vector<std::uint8_t> Bytes = json::to_cbor(Encoded);
  return std::string(Bytes.begin(), Bytes.end());
}

UnitResult decodeUnitResult(const std::string &Bytes) {
  try {
    json Encoded = json::from_cbor(Bytes);
    UnitResult Result;
    Result.File = Encoded.at("file");
    Result.Compiled = Encoded.at("compiled");
    Result.Findings = findingsFrom(Encoded.at("findings"));
    Result.CompileErrors = findingsFrom(Encoded.at("compileErrors"));
    Result.ConfigurationErrors = Encoded.at("configurationErrors").get<std::vector<std::string>>();
    Result.Filters.Include = optionalFrom(Encoded.at("include"));
    Result.Filters.Exclude = optionalFrom(Encoded.at("exclude"));
    Result.Summary = clang::tidy::async::utils::unitSummaryFromJson(Encoded.at("summary"));
    return Result;
  } catch (const json::exception &Error) {
    throw std::runtime_error(std::string("malformed unit result: ") + Error.what());
  }
}

} // namespace async_lint::cli
