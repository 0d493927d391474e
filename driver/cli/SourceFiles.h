//===--- SourceFiles.h - file texts, read once, shared by threads ---------===//

#ifndef ASYNC_LINT_DRIVER_CLI_SOURCEFILES_H
#define ASYNC_LINT_DRIVER_CLI_SOURCEFILES_H

#include "Finding.h"
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace async_lint::cli {

/// The text of one file with its line starts: turns offsets into lines and columns.
class SourceText {
public:
  explicit SourceText(std::string Text);

  /// Line and column (1-based, bytes) of a byte offset.
  Position position(const std::string &File, unsigned Offset) const;
  /// The text of a 1-based line, without its line break; empty past the end.
  std::string_view line(unsigned Line) const;
  /// The 1-based column, in UTF-16 code units (SARIF's unit), of a 1-based byte column.
  unsigned utf16Column(unsigned Line, unsigned ByteColumn) const;
  /// GitHub's primaryLocationLineHash of a 1-based line (computed on first use).
  const std::string &lineHash(unsigned Line) const;
  const std::string &text() const { return Text; }

private:
  std::string Text;
  std::vector<unsigned> LineStarts;
  mutable std::once_flag HashesOnce;
  mutable std::vector<std::string> Hashes;
};

/// Every file a report mentions, read from disk once; safe to share between threads.
class SourceFiles {
public:
  /// The file's text, or nullptr if it cannot be read.
  const SourceText *get(const std::string &File);

private:
  std::mutex Lock;
  std::map<std::string, std::unique_ptr<SourceText>> Files;
};

/// Rewrites every column of R (findings, notes, fix-its, compile errors) from bytes to UTF-16
/// code units, for SARIF. Lines of files that cannot be read keep their byte columns.
void useUtf16Columns(Report &R, SourceFiles &Sources);

} // namespace async_lint::cli

#endif
