//===--- TextOutput.h - clang's diagnostic style --------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_TEXTOUTPUT_H
#define ASYNC_LINT_DRIVER_CLI_TEXTOUTPUT_H

#include "Finding.h"
#include "SourceFiles.h"
#include <ostream>

namespace async_lint::cli {

struct TextStyle {
  bool Colour = false;      // ANSI colours, as clang uses them on a terminal
  std::string BaseDirectory; // paths under it are printed relative to it
};

/// `file:line:col: warning: message [check]`, the source line with a caret under the
/// flagged range and the fix-it's text under it, then the notes; compile errors first.
void writeText(const Report &R, const TextStyle &Style, SourceFiles &Sources, std::ostream &Out);

} // namespace async_lint::cli

#endif
