//===--- UnitResultCodec.cpp - a unit's result across the worker boundary -===//
//
// The json report's own finding layout, in CBOR: CBOR carries source text that is not valid
// UTF-8 (a message quoting a Latin-1 line) unchanged, where json text would reject it.
//
//===----------------------------------------------------------------------===//

#include "UnitResultCodec.h"
#include "JsonReport.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
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

/// The inputs as one byte string, "hash NUL path NUL" each: a unit lists hundreds of files,
/// and the result cache decodes every unit's list on every run.
json inputsJson(const std::vector<InputFile> &Inputs) {
  std::vector<std::uint8_t> Bytes;
  for (const InputFile &Input : Inputs)
    for (const std::string *Part : {&Input.Hash, &Input.Path}) {
      Bytes.insert(Bytes.end(), Part->begin(), Part->end());
      Bytes.push_back(0);
    }
  return json::binary(std::move(Bytes));
}

std::vector<InputFile> inputsFrom(const json &Blob) {
  const std::vector<std::uint8_t> &Bytes = Blob.get_binary();
  llvm::SmallVector<llvm::StringRef> Parts;
  llvm::StringRef(reinterpret_cast<const char *>(Bytes.data()), Bytes.size())
      .split(Parts, '\0', -1, /*KeepEmpty=*/true);
  if (Parts.size() % 2 != 1 || !Parts.back().empty()) // ends with a NUL
    throw std::runtime_error("malformed unit result: its inputs do not end with a NUL");
  std::vector<InputFile> Inputs;
  Inputs.reserve(Parts.size() / 2);
  for (size_t I = 0; I + 1 < Parts.size(); I += 2)
    Inputs.push_back({Parts[I + 1].str(), Parts[I].str()});
  return Inputs;
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
                  {"inputs", inputsJson(Result.Inputs)},
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
    Result.Inputs = inputsFrom(Encoded.at("inputs"));
    Result.Summary = clang::tidy::async::utils::unitSummaryFromJson(Encoded.at("summary"));
    return Result;
  } catch (const json::exception &Error) {
    throw std::runtime_error(std::string("malformed unit result: ") + Error.what());
  }
}

} // namespace async_lint::cli
