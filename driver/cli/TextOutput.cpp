//===--- TextOutput.cpp - clang's diagnostic style ------------------------===//

#include "TextOutput.h"
#include "Fingerprints.h"
#include <cstdio>

namespace async_lint::cli {
namespace {

// clang's colours: bold locations, magenta warnings, red errors, cyan notes, green carets.
constexpr const char *Bold = "\033[1m", *Reset = "\033[0m", *Green = "\033[1;32m";

const char *levelColour(Severity Level) {
  switch (Level) {
  case Severity::Error:
    return "\033[1;31m";
  case Severity::Warning:
    return "\033[1;35m";
  case Severity::Note:
    return "\033[1;36m";
  }
  return "";
}

class Printer {
public:
  Printer(const TextStyle &Style, SourceFiles &Sources, std::ostream &Out)
      : Style(Style), Sources(Sources), Out(Out) {}

  void message(const Position &Where, Severity Level, const std::string &Text,
               const std::string &Check, const std::vector<Edit> &Fix) {
    if (!Where.File.empty())
      Out << paint(Bold) << relativeTo(Where.File, Style.BaseDirectory) << ':' << Where.Line
          << ':' << Where.Column << ": " << paint(Reset);
    Out << paint(levelColour(Level)) << severityName(Level) << ": " << paint(Reset)
        << paint(Bold) << Text << (Check.empty() ? "" : " [" + Check + "]") << paint(Reset)
        << '\n';
    snippet(Where, Fix);
  }

private:
  std::string paint(const char *Code) const { return Style.Colour ? Code : ""; }

  /// "   12 |   g();" then "      |   ^~" and the fix-it's inserted text, as clang 19 prints.
  void snippet(const Position &Where, const std::vector<Edit> &Fix) {
    const SourceText *Text = Where.File.empty() ? nullptr : Sources.get(Where.File);
    if (!Text || Where.Line == 0)
      return;
    std::string_view Line = Text->line(Where.Line);
    char Number[16];
    std::snprintf(Number, sizeof Number, "%5u", Where.Line);
    std::string Margin(5, ' ');
    Out << Number << " | " << Line << '\n';
    std::string Caret = indentLike(Line, Where.Column - 1) + '^';
    if (Where.EndLine == Where.Line && Where.EndColumn > Where.Column + 1)
      Caret += std::string(Where.EndColumn - Where.Column - 1, '~');
    Out << Margin << " | " << paint(Green) << Caret << paint(Reset) << '\n';
    for (const Edit &E : Fix)
      if (E.File == Where.File && E.Where.Line == Where.Line && E.Text.find('\n') == std::string::npos)
        Out << Margin << " | " << paint(Green) << indentLike(Line, E.Where.Column - 1) << E.Text
            << paint(Reset) << '\n';
  }

  /// Spaces up to Column, keeping the line's tabs so that the caret lines up.
  static std::string indentLike(std::string_view Line, unsigned Column) {
    std::string Indent;
    for (unsigned I = 0; I < Column && I < Line.size(); ++I)
      Indent += Line[I] == '\t' ? '\t' : ' ';
    return Indent;
  }

  const TextStyle &Style;
  SourceFiles &Sources;
  std::ostream &Out;
};

} // namespace

void writeText(const Report &R, const TextStyle &Style, SourceFiles &Sources, std::ostream &Out) {
  Printer Print(Style, Sources, Out);
  for (const Finding &Error : R.CompileErrors) {
    Print.message(Error.Where, Error.Level, Error.Message, "", {});
    for (const Note &N : Error.Notes)
      Print.message(N.Where, Severity::Note, N.Message, "", {});
  }
  for (const Finding &F : R.Findings) {
    Print.message(F.Where, F.Level, F.Message, F.Check, F.Fix);
    for (const Note &N : F.Notes)
      Print.message(N.Where, Severity::Note, N.Message, "", {});
  }
}

} // namespace async_lint::cli
