//===--- LineHashDump.cpp - LineHash.cpp's output in the reference's format ===//
//
// `line_hash_dump FILE...` prints `== FILE`, then `line:hash` per line, for each file, as
// line_hash_reference.js does, so that line_hash_matches_reference.py can compare them on real
// files (in one process each: a node start per file would cost more than the hashing).
//
//===----------------------------------------------------------------------===//

#include "LineHash.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: line_hash_dump FILE...\n";
    return 2;
  }
  for (int Arg = 1; Arg < argc; ++Arg) {
    std::ifstream In(argv[Arg], std::ios::binary);
    if (!In) {
      std::cerr << "line_hash_dump: cannot read " << argv[Arg] << "\n";
      return 1;
    }
    std::ostringstream Text;
    Text << In.rdbuf();
    auto Hashes = async_lint::cli::primaryLocationLineHashes(Text.str());
    std::cout << "== " << argv[Arg] << '\n';
    for (std::size_t I = 0; I < Hashes.size(); ++I)
      std::cout << I + 1 << ':' << Hashes[I] << '\n';
  }
}
