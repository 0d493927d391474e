//===--- NoLint.cpp - NOLINT comments for findings made without clang -----===//

#include "NoLint.h"
#include <optional>
#include <string_view>

namespace async_lint::cli {
namespace {

enum class Scope { ThisLine, NextLine, Begin, End };

/// Whether Name matches Glob, where `*` stands for any run of characters.
bool globMatches(std::string_view Glob, std::string_view Name) {
  size_t Star = Glob.find('*');
  if (Star == std::string_view::npos)
    return Glob == Name;
  if (Name.substr(0, Star) != Glob.substr(0, Star))
    return false;
  std::string_view Rest = Glob.substr(Star + 1);
  for (size_t From = Star; From <= Name.size(); ++From)
    if (globMatches(Rest, Name.substr(From)))
      return true;
  return false;
}

std::string_view trimmed(std::string_view Text) {
  while (!Text.empty() && (Text.front() == ' ' || Text.front() == '\t'))
    Text.remove_prefix(1);
  while (!Text.empty() && (Text.back() == ' ' || Text.back() == '\t'))
    Text.remove_suffix(1);
  return Text;
}

/// Whether a list "a, b-*" (or no list: every check) names Check.
bool namesCheck(std::optional<std::string_view> List, std::string_view Check) {
  if (!List)
    return true;
  while (!List->empty()) {
    size_t Comma = List->find(',');
    if (globMatches(trimmed(List->substr(0, Comma)), Check))
      return true;
    List->remove_prefix(Comma == std::string_view::npos ? List->size() : Comma + 1);
  }
  return false;
}

/// Calls Visit(scope, check list) for each NOLINT directive in Line.
template <class VisitFn> void forEachDirective(std::string_view Line, VisitFn Visit) {
  constexpr std::string_view Marker = "NOLINT";
  for (size_t At = Line.find(Marker); At != std::string_view::npos;
       At = Line.find(Marker, At + 1)) {
    std::string_view Rest = Line.substr(At + Marker.size());
    Scope S = Scope::ThisLine;
    for (auto [Suffix, Kind] : {std::pair{std::string_view("NEXTLINE"), Scope::NextLine},
                                {"BEGIN", Scope::Begin},
                                {"END", Scope::End}})
      if (Rest.substr(0, Suffix.size()) == Suffix) {
        S = Kind;
        Rest.remove_prefix(Suffix.size());
        break;
      }
    std::optional<std::string_view> Checks;
    if (!Rest.empty() && Rest.front() == '(') {
      size_t Close = Rest.find(')');
      if (Close == std::string_view::npos)
        continue; // malformed: clang-tidy ignores it too
      Checks = Rest.substr(1, Close - 1);
    }
    Visit(S, Checks);
  }
}

} // namespace

bool isSilencedByComment(const Finding &F, SourceFiles &Sources) {
  const SourceText *Text = F.Where.File.empty() ? nullptr : Sources.get(F.Where.File);
  if (!Text || F.Where.Line == 0)
    return false;
  bool Silenced = false;
  int OpenRegions = 0;
  for (unsigned Line = 1; Line <= F.Where.Line && !Silenced; ++Line)
    forEachDirective(Text->line(Line), [&](Scope S, std::optional<std::string_view> Checks) {
      if (!namesCheck(Checks, F.Check))
        return;
      Silenced |= (S == Scope::ThisLine && Line == F.Where.Line) ||
                  (S == Scope::NextLine && Line + 1 == F.Where.Line);
      OpenRegions += S == Scope::Begin ? 1 : S == Scope::End ? -1 : 0;
    });
  return Silenced || OpenRegions > 0;
}

} // namespace async_lint::cli
