//===--- ChangedLines.h - what changed since a git revision ---------------===//
//
// --changed-since REF reviews a change, as clang-tidy-diff does: only the units whose files
// changed are analysed, and only findings on changed lines are reported. The lines are those
// `git diff -U0 REF` adds or changes (the working tree, staged or not, against REF); a file
// git does not track yet is new throughout.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_CHANGEDLINES_H
#define ASYNC_LINT_DRIVER_CLI_CHANGEDLINES_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace async_lint::cli {

struct ChangedLines {
  std::string Revision;        // as the user wrote it
  std::set<std::string> Files; // real paths of every file that differs: changed, added, deleted
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Lines; // first, last
  std::set<std::string> NewFiles; // untracked: every line is new

  /// Whether File (a real path) differs from the revision.
  bool touches(const std::string &File) const;
  /// Whether any line from First to Last of File is new or changed.
  bool touches(const std::string &File, unsigned First, unsigned Last) const;
};

/// Drops the findings whose flagged range holds no changed line; returns how many.
size_t removeUnchanged(std::vector<Finding> &Findings, const ChangedLines &Changes);

/// Adds the lines that the hunks of Diff (`git diff -U0` output, paths relative to WorkTree)
/// add or change. Lines a hunk only removes are in no file any more: they are not added.
void addHunks(llvm::StringRef Diff, const std::string &WorkTree, ChangedLines &Into);

/// What changed since Revision in the git work tree holding Directory, or the line that says
/// why that cannot be known (not a work tree, an unknown revision, no git).
std::variant<ChangedLines, std::string> changedSince(const std::string &Revision,
                                                     const std::string &Directory);

} // namespace async_lint::cli

#endif
