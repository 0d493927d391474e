//===--- Fixture.cpp - a fixture program and the expectations it states ---===//

#include "Fixture.h"
#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace async_lint::harness {
namespace {

// `// expect-warning@+1 [check] message`, `// expect-note message`, `// expect-oracle: {...}`.
const std::regex DirectiveRe(R"(//\s*(expect-warning|expect-note|expect-oracle|expect-exit|)"
                             R"(expect-fix-exit|expect-fix|tidy-config|compile-flags|no-run))"
                             R"((@[+-]\d+)?:?\s*(.*)$)");
const std::regex WarningBodyRe(R"(^\[([\w.-]+)\]\s+(.+)$)");
const std::regex TidyLineRe(R"(^(.+):(\d+):(\d+): (warning|error|note): (.*?)(?: \[([\w.,-]+)\])?$)");

std::string trim(std::string S) {
  auto NotSpace = [](unsigned char C) { return !std::isspace(C); };
  S.erase(S.begin(), std::find_if(S.begin(), S.end(), NotSpace));
  S.erase(std::find_if(S.rbegin(), S.rend(), NotSpace).base(), S.end());
  return S;
}

std::string where(const Fixture &F, unsigned Line) {
  return F.Path + ":" + std::to_string(Line) + ": ";
}

void parseDirective(Fixture &F, unsigned Line, const std::string &Name, int Offset,
                    const std::string &Body) {
  unsigned Target = static_cast<unsigned>(static_cast<int>(Line) + Offset);
  auto Json = [&](std::vector<nlohmann::json> &Into) {
    if (Name == "expect-fix" && Body == "none")
      return;
    nlohmann::json Value = nlohmann::json::parse(Body, nullptr, /*allow_exceptions=*/false);
    if (!Value.is_object())
      F.Errors.push_back(where(F, Line) + Name + " wants a JSON object, got: " + Body);
    else
      Into.push_back(std::move(Value));
  };
  if (Name == "expect-warning") {
    std::smatch M;
    if (!std::regex_match(Body, M, WarningBodyRe))
      F.Errors.push_back(where(F, Line) + "expect-warning wants `[check-name] message`");
    else
      F.Diagnostics.push_back({"warning", Target, M[1], trim(M[2])});
  } else if (Name == "expect-note") {
    F.Diagnostics.push_back({"note", Target, "", Body});
  } else if (Name == "expect-oracle") {
    Json(F.OracleEvents);
  } else if (Name == "expect-fix") {
    F.HasFix = true;
    Json(F.FixedOracleEvents);
  } else if (Name == "expect-exit" || Name == "expect-fix-exit") {
    (Name == "expect-exit" ? F.ExitCode : F.FixedExitCode) = std::stoi(Body);
  } else if (Name == "tidy-config") {
    F.TidyConfig = Body;
  } else if (Name == "compile-flags") {
    F.CompileFlags = Body;
  } else if (Name == "no-run") {
    F.Run = false;
  }
}

} // namespace

std::string Diagnostic::str() const {
  std::string S = "line " + std::to_string(Line) + ": " + Kind + ": " + Message;
  return Check.empty() ? S : S + " [" + Check + "]";
}

Fixture parseFixture(const std::string &Path) {
  Fixture F;
  F.Path = Path;
  std::ifstream In(Path);
  if (!In) {
    F.Errors.push_back(Path + ": cannot read the fixture");
    return F;
  }
  std::string Text;
  for (unsigned Line = 1; std::getline(In, Text); ++Line) {
    std::smatch M;
    if (!std::regex_search(Text, M, DirectiveRe))
      continue;
    int Offset = M[2].matched ? std::stoi(M[2].str().substr(1)) : 0;
    parseDirective(F, Line, M[1], Offset, trim(M[3]));
  }
  return F;
}

std::vector<Diagnostic> parseTidyOutput(const std::string &Output, const std::string &File,
                                        std::vector<std::string> &Elsewhere) {
  std::vector<Diagnostic> Result;
  std::istringstream In(Output);
  std::string Line;
  while (std::getline(In, Line)) {
    std::smatch M;
    if (!std::regex_match(Line, M, TidyLineRe))
      continue;
    if (M[1] != File) {
      Elsewhere.push_back(Line);
      continue;
    }
    Result.push_back({M[4], static_cast<unsigned>(std::stoul(M[2])),
                      M[4] == "note" ? "" : M[6].str(), M[5]});
  }
  return Result;
}

/// Pairs each expected item with a distinct actual item it matches; describes the leftovers.
template <class Expected, class Actual, class Matches, class Show, class ShowActual>
std::vector<std::string> matchOneToOne(const std::vector<Expected> &Wanted,
                                       const std::vector<Actual> &Got, Matches Match,
                                       Show ShowWanted, ShowActual ShowGot) {
  std::vector<std::string> Problems;
  std::vector<bool> Used(Got.size(), false);
  for (const Expected &W : Wanted) {
    bool Found = false;
    for (size_t I = 0; I < Got.size() && !Found; ++I)
      if (!Used[I] && Match(Got[I], W))
        Used[I] = Found = true;
    if (!Found)
      Problems.push_back(ShowWanted(W));
  }
  for (size_t I = 0; I < Got.size(); ++I)
    if (!Used[I])
      Problems.push_back(ShowGot(Got[I]));
  return Problems;
}

std::vector<std::string> compareDiagnostics(const std::vector<Diagnostic> &Expected,
                                            const std::vector<Diagnostic> &Actual) {
  return matchOneToOne(
      Expected, Actual, std::equal_to<>(),
      [](const Diagnostic &D) { return "expected but not reported: " + D.str(); },
      [](const Diagnostic &D) { return "reported but not expected: " + D.str(); });
}

std::vector<std::string> compareEvents(const std::vector<nlohmann::json> &Expected,
                                       const std::vector<nlohmann::json> &Actual) {
  auto Contains = [](const nlohmann::json &Event, const nlohmann::json &Fields) {
    return std::all_of(Fields.items().begin(), Fields.items().end(), [&](const auto &Item) {
      return Event.contains(Item.key()) && Event[Item.key()] == Item.value();
    });
  };
  return matchOneToOne(
      Expected, Actual, Contains,
      [](const nlohmann::json &E) { return "expected oracle event not printed: " + E.dump(); },
      [](const nlohmann::json &E) { return "unexpected oracle event: " + E.dump(); });
}

} // namespace async_lint::harness
