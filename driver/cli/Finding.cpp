//===--- Finding.cpp - what async-lint reports ----------------------------===//

#include "Finding.h"
#include <tuple>

namespace async_lint::cli {

const char *severityName(Severity S) {
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

bool Position::operator<(const Position &Other) const {
  return std::tie(File, Line, Column, EndLine, EndColumn) <
         std::tie(Other.File, Other.Line, Other.Column, Other.EndLine, Other.EndColumn);
}

bool Finding::sameAs(const Finding &Other) const {
  return Check == Other.Check && Where.File == Other.Where.File &&
         Where.Offset == Other.Where.Offset && Message == Other.Message;
}

} // namespace async_lint::cli
