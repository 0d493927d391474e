//===--- Baseline.cpp - findings accepted once, reported only when new ----===//

#include "Baseline.h"
#include "Fingerprints.h"
#include <fstream>
#include <nlohmann/json.hpp>

namespace async_lint::cli {

std::optional<std::string> writeBaseline(const std::string &Path, const Report &R,
                                         const std::string &Root) {
  nlohmann::json Entries = nlohmann::json::array();
  for (const Finding &F : R.Findings)
    Entries.push_back({{"fingerprint", F.Fingerprint}, {"check", F.Check},
                       {"file", relativeTo(F.Where.File, Root)}, {"function", F.Function},
                       {"message", F.Message}});
  std::ofstream Out(Path);
  Out << nlohmann::json{{"version", 1}, {"tool", "async-lint"}, {"findings", Entries}}.dump(2)
      << '\n';
  if (!Out)
    return "cannot write baseline '" + Path + "'";
  return std::nullopt;
}

std::variant<std::set<std::string>, std::string> readBaseline(const std::string &Path) {
  std::ifstream In(Path);
  if (!In)
    return "cannot read baseline '" + Path + "'";
  nlohmann::json Json = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
  if (Json.is_discarded())
    return "malformed baseline '" + Path + "': not valid json";
  if (!Json.is_object() || Json.value("version", nlohmann::json()) != 1 ||
      !Json.contains("findings") || !Json["findings"].is_array())
    return "malformed baseline '" + Path + "': expected version 1 and a findings array";
  std::set<std::string> Known;
  for (const nlohmann::json &Entry : Json["findings"]) {
    if (!Entry.is_object() || !Entry.contains("fingerprint") || !Entry["fingerprint"].is_string())
      return "malformed baseline '" + Path + "': a finding without a fingerprint";
    Known.insert(Entry["fingerprint"].get<std::string>());
  }
  return Known;
}

size_t removeBaselined(std::vector<Finding> &Findings, const std::set<std::string> &Known) {
  size_t Before = Findings.size();
  std::erase_if(Findings, [&](const Finding &F) { return Known.count(F.Fingerprint) != 0; });
  return Before - Findings.size();
}

} // namespace async_lint::cli
