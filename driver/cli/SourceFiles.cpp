//===--- SourceFiles.cpp - file texts, read once, shared by threads -------===//

#include "SourceFiles.h"
#include "LineHash.h"
#include <algorithm>
#include <fstream>
#include <sstream>

namespace async_lint::cli {

SourceText::SourceText(std::string Content) : Text(std::move(Content)) {
  LineStarts.push_back(0);
  // Lines end at LF, CRLF or a lone CR, as clang and GitHub's line hashes count them.
  for (unsigned I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n' || (Text[I] == '\r' && (I + 1 == Text.size() || Text[I + 1] != '\n')))
      LineStarts.push_back(I + 1);
}

Position SourceText::position(const std::string &File, unsigned Offset) const {
  auto After = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
  unsigned Line = After - LineStarts.begin();
  Position Where;
  Where.File = File;
  Where.Offset = Offset;
  Where.Line = Line;
  Where.Column = Offset - LineStarts[Line - 1] + 1;
  Where.EndLine = Where.Line;
  Where.EndColumn = Where.Column;
  return Where;
}

std::string_view SourceText::line(unsigned Line) const {
  if (Line == 0 || Line > LineStarts.size())
    return {};
  unsigned Begin = LineStarts[Line - 1];
  unsigned End = Line < LineStarts.size() ? LineStarts[Line] : Text.size();
  std::string_view Result(Text.data() + Begin, End - Begin);
  while (!Result.empty() && (Result.back() == '\n' || Result.back() == '\r'))
    Result.remove_suffix(1);
  return Result;
}

unsigned SourceText::utf16Column(unsigned Line, unsigned ByteColumn) const {
  std::string_view Text = line(Line);
  unsigned Units = 0;
  for (unsigned I = 0; I + 1 < ByteColumn && I < Text.size(); ++I) {
    auto Byte = static_cast<unsigned char>(Text[I]);
    if ((Byte & 0xC0) != 0x80) // not a continuation byte: a new character
      Units += Byte >= 0xF0 ? 2 : 1; // four-byte sequences are surrogate pairs in UTF-16
  }
  // Past the line's end (an end column just after it), bytes and units advance together.
  return Units + 1 + (ByteColumn > Text.size() + 1 ? ByteColumn - Text.size() - 1 : 0);
}

const std::string &SourceText::lineHash(unsigned Line) const {
  std::call_once(HashesOnce, [this] { Hashes = primaryLocationLineHashes(Text); });
  static const std::string None;
  return Line >= 1 && Line <= Hashes.size() ? Hashes[Line - 1] : None;
}

const SourceText *SourceFiles::get(const std::string &File) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (auto Known = Files.find(File); Known != Files.end())
      return Known->second.get();
  }
  // Read without the lock: a thread that crashes (and is recovered) never holds it.
  std::unique_ptr<SourceText> Read;
  std::ifstream Stream(File, std::ios::binary);
  if (Stream) {
    std::ostringstream Content;
    Content << Stream.rdbuf();
    Read = std::make_unique<SourceText>(Content.str());
  }
  std::lock_guard<std::mutex> Guard(Lock);
  auto [It, Inserted] = Files.try_emplace(File, std::move(Read)); // the first reader wins
  return It->second.get();
}

void useUtf16Columns(Report &R, SourceFiles &Sources) {
  auto Convert = [&](Position &Where) {
    const SourceText *Text = Where.File.empty() ? nullptr : Sources.get(Where.File);
    if (!Text || Where.Line == 0)
      return;
    Where.Column = Text->utf16Column(Where.Line, Where.Column);
    Where.EndColumn = Text->utf16Column(Where.EndLine, Where.EndColumn);
  };
  for (auto *Findings : {&R.Findings, &R.CompileErrors})
    for (Finding &F : *Findings) {
      Convert(F.Where);
      for (Note &N : F.Notes)
        Convert(N.Where);
      for (Edit &E : F.Fix)
        Convert(E.Where);
    }
}

} // namespace async_lint::cli
