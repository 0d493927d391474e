//===--- LineHash.cpp - GitHub's primaryLocationLineHash -------------------===//
//
// A transcription of hash() in github/codeql-action src/fingerprints.ts. Names
// follow that file so the two can be read side by side. Its Long arithmetic is
// signed 64-bit and wraps; unsigned 64-bit arithmetic gives the same bits.
//
//===----------------------------------------------------------------------===//

#include "LineHash.h"

#include <array>
#include <cstdint>
#include <map>

namespace async_lint::cli {
namespace {

constexpr char16_t Tab = u'\t', Space = u' ', Lf = u'\n', Cr = u'\r';
constexpr char16_t Eof = 65535;
constexpr int BlockSize = 100;
constexpr std::uint64_t Mod = 37;

/// fingerprints.ts reads the file with Node's "utf8" decoding and hashes UTF-16
/// code units. This is the WHATWG decoder Node uses: each maximal ill-formed
/// subsequence becomes one U+FFFD, so even invalid files hash the same.
std::u16string decodeUtf8(std::string_view Bytes) {
  std::u16string Out;
  Out.reserve(Bytes.size());
  auto Emit = [&Out](char32_t C) {
    if (C < 0x10000) {
      Out.push_back(static_cast<char16_t>(C));
      return;
    }
    C -= 0x10000;
    Out.push_back(static_cast<char16_t>(0xD800 + (C >> 10)));
    Out.push_back(static_cast<char16_t>(0xDC00 + (C & 0x3FF)));
  };
  char32_t Code = 0;
  int Needed = 0, Seen = 0;
  unsigned char Lower = 0x80, Upper = 0xBF;
  for (std::size_t I = 0; I < Bytes.size(); ++I) {
    auto B = static_cast<unsigned char>(Bytes[I]);
    if (Needed == 0) {
      if (B <= 0x7F) {
        Emit(B);
      } else if (B >= 0xC2 && B <= 0xDF) {
        Needed = 1;
        Code = B & 0x1F;
      } else if (B >= 0xE0 && B <= 0xEF) {
        Lower = B == 0xE0 ? 0xA0 : 0x80; // no overlong forms
        Upper = B == 0xED ? 0x9F : 0xBF; // no surrogates
        Needed = 2;
        Code = B & 0x0F;
      } else if (B >= 0xF0 && B <= 0xF4) {
        Lower = B == 0xF0 ? 0x90 : 0x80;
        Upper = B == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        Needed = 3;
        Code = B & 0x07;
      } else {
        Emit(0xFFFD);
      }
      continue;
    }
    if (B < Lower || B > Upper) {
      // The sequence so far is one error; B starts afresh.
      Needed = Seen = 0;
      Lower = 0x80;
      Upper = 0xBF;
      Emit(0xFFFD);
      --I;
      continue;
    }
    Lower = 0x80;
    Upper = 0xBF;
    Code = (Code << 6) | (B & 0x3F);
    if (++Seen == Needed) {
      Emit(Code);
      Needed = Seen = 0;
    }
  }
  if (Needed != 0)
    Emit(0xFFFD);
  return Out;
}

std::string toHex(std::uint64_t V) {
  static const char Digits[] = "0123456789abcdef";
  std::string S;
  do {
    S.insert(S.begin(), Digits[V & 0xF]);
    V >>= 4;
  } while (V != 0);
  return S;
}

} // namespace

std::vector<std::string> primaryLocationLineHashes(std::string_view FileText) {
  std::vector<std::string> Hashes;
  std::array<std::uint64_t, BlockSize> Window{};
  std::array<long, BlockSize> LineNumbers;
  LineNumbers.fill(-1);
  std::uint64_t HashRaw = 0;
  std::uint64_t FirstMod = 1;
  for (int I = 0; I < BlockSize; ++I)
    FirstMod *= Mod;
  int Index = 0;
  long LineNumber = 0;
  bool LineStart = true, PrevCr = false;
  std::map<std::string, unsigned> HashCounts;

  // fingerprints.ts's callback(lineNumbers[index], hash): the line whose
  // window of BlockSize characters, starting at its first, is now complete.
  auto OutputHash = [&] {
    std::string HashValue = toHex(HashRaw);
    unsigned Count = ++HashCounts[HashValue];
    Hashes[LineNumbers[Index] - 1] = HashValue + ":" + std::to_string(Count);
    LineNumbers[Index] = -1;
  };
  auto UpdateHash = [&](std::uint64_t Current) {
    std::uint64_t Begin = Window[Index];
    Window[Index] = Current;
    HashRaw = Mod * HashRaw + Current - FirstMod * Begin;
    Index = (Index + 1) % BlockSize;
  };
  auto ProcessCharacter = [&](char16_t Current) {
    if (Current == Space || Current == Tab || (PrevCr && Current == Lf)) {
      PrevCr = false;
      return;
    }
    if (Current == Cr) {
      Current = Lf;
      PrevCr = true;
    } else {
      PrevCr = false;
    }
    if (LineNumbers[Index] != -1)
      OutputHash();
    if (LineStart) {
      LineStart = false;
      LineNumbers[Index] = ++LineNumber;
      Hashes.emplace_back();
    }
    if (Current == Lf)
      LineStart = true;
    UpdateHash(Current);
  };

  for (char16_t C : decodeUtf8(FileText))
    ProcessCharacter(C);
  ProcessCharacter(Eof);
  for (int I = 0; I < BlockSize; ++I) {
    if (LineNumbers[Index] != -1)
      OutputHash();
    UpdateHash(0);
  }
  return Hashes;
}

} // namespace async_lint::cli
