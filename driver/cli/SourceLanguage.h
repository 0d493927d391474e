//===--- SourceLanguage.h - which compile commands compile C++ ------------===//
//
// Real compilation databases list assembler and C files next to the C++ ones. The checks
// are for C++20 only, and parsing such a file as C++ fails: those entries are skipped.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_SOURCELANGUAGE_H
#define ASYNC_LINT_DRIVER_CLI_SOURCELANGUAGE_H

#include "clang/Tooling/CompilationDatabase.h"

namespace async_lint::cli {

/// Whether Command compiles its file as C++ (or Objective-C++, CUDA, HIP), deciding as
/// clang's driver does: the last `-x LANG` before the file (`/TP`, `/TC` in cl mode), else
/// the file's extension, read as C++ for a C file when the driver runs as a C++ compiler
/// (`clang++`, `g++`, `--driver-mode=g++`).
bool compilesCxx(const clang::tooling::CompileCommand &Command);

} // namespace async_lint::cli

#endif
