//===--- Fingerprints.cpp - finding identities that survive edits ---------===//

#include "Fingerprints.h"
#include "Paths.h"
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>

namespace async_lint::cli {
namespace {

std::string withoutWhitespace(std::string_view Text) {
  std::string Result;
  for (char C : Text)
    if (!std::isspace(static_cast<unsigned char>(C)))
      Result += C;
  return Result;
}

} // namespace

std::string stableHash(const std::string &Text) {
  uint64_t Hash = 0xcbf29ce484222325ULL;
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  char Digits[17];
  std::snprintf(Digits, sizeof Digits, "%016llx", static_cast<unsigned long long>(Hash));
  return Digits;
}

void assignFingerprints(std::vector<Finding> &Findings, const std::string &Root,
                        SourceFiles &Sources) {
  std::map<std::string, unsigned> Occurrences;
  for (Finding &F : Findings) {
    const SourceText *Text = F.Where.File.empty() ? nullptr : Sources.get(F.Where.File);
    std::string Line = Text ? withoutWhitespace(Text->line(F.Where.Line)) : "";
    std::string Identity = F.Check + '\n' + relativeTo(F.Where.File, Root) + '\n' +
                           F.Function + '\n' + Line;
    unsigned Occurrence = ++Occurrences[Identity];
    F.Fingerprint = stableHash(Identity + '\n' + std::to_string(Occurrence));
    F.LineHash = Text ? Text->lineHash(F.Where.Line) : "";
  }
}

} // namespace async_lint::cli
