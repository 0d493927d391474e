//===--- ChangedLines.cpp - what changed since a git revision -------------===//

#include "ChangedLines.h"
#include "Paths.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include <algorithm>

namespace async_lint::cli {
namespace {

struct GitOutput {
  int Status = 0;
  std::string Out, Err;
};

/// `git -C Directory Args...`, or the line that says why git could not run.
std::variant<GitOutput, std::string> runGit(const std::vector<std::string> &Args,
                                            const std::string &Directory) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return "cannot run git: " + Git.getError().message();
  llvm::SmallString<128> OutFile, ErrFile;
  using llvm::sys::fs::createTemporaryFile;
  if (std::error_code Error = createTemporaryFile("async-lint-git", "out", OutFile))
    return "cannot run git: " + Error.message();
  if (std::error_code Error = createTemporaryFile("async-lint-git", "err", ErrFile)) {
    llvm::sys::fs::remove(OutFile);
    return "cannot run git: " + Error.message();
  }
  std::vector<llvm::StringRef> Argv = {*Git, "-C", Directory};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::string Problem;
  GitOutput Output;
  Output.Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt,
                                            {std::nullopt, OutFile.str(), ErrFile.str()}, 0, 0,
                                            &Problem);
  for (auto [File, Into] : {std::pair{&OutFile, &Output.Out}, std::pair{&ErrFile, &Output.Err}}) {
    if (auto Text = llvm::MemoryBuffer::getFile(*File))
      *Into = (*Text)->getBuffer().str();
    llvm::sys::fs::remove(*File);
  }
  if (Output.Status < 0)
    return "cannot run git: " + Problem;
  return Output;
}

/// The NUL-separated paths of Text, relative to WorkTree, as real paths.
std::vector<std::string> pathsOf(llvm::StringRef Text, const std::string &WorkTree) {
  llvm::SmallVector<llvm::StringRef> Names;
  Text.split(Names, '\0', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Paths;
  for (llvm::StringRef Name : Names)
    Paths.push_back(realPath(Name.str(), WorkTree));
  return Paths;
}

/// A path as a diff header spells it: C-quoted when it holds unusual characters.
std::string unquoted(llvm::StringRef Name) {
  if (!Name.starts_with("\"") || !Name.ends_with("\""))
    return Name.str();
  Name = Name.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < Name.size(); ++I) {
    if (Name[I] != '\\' || I + 1 == Name.size()) {
      Out += Name[I];
      continue;
    }
    char C = Name[++I];
    if (C >= '0' && C <= '7' && I + 2 < Name.size()) { // \303: one byte in octal
      Out += static_cast<char>((C - '0') * 64 + (Name[I + 1] - '0') * 8 + (Name[I + 2] - '0'));
      I += 2;
      continue;
    }
    Out += C == 'n' ? '\n' : C == 't' ? '\t' : C == 'a' ? '\a' : C == 'b' ? '\b'
         : C == 'f' ? '\f' : C == 'r' ? '\r' : C == 'v' ? '\v' : C;
  }
  return Out;
}

/// "+c" or "+c,d" of a hunk header: the first new line and the number of new lines.
std::optional<std::pair<unsigned, unsigned>> newRange(llvm::StringRef Header) {
  size_t Plus = Header.find(" +");
  if (Plus == llvm::StringRef::npos)
    return std::nullopt;
  llvm::StringRef Range = Header.substr(Plus + 2);
  Range = Range.take_until([](char C) { return C == ' '; });
  auto [First, Count] = Range.split(',');
  unsigned Start = 0, Lines = 1;
  if (First.getAsInteger(10, Start) || (!Count.empty() && Count.getAsInteger(10, Lines)))
    return std::nullopt;
  return std::pair{Start, Lines};
}

} // namespace

bool ChangedLines::touches(const std::string &File) const { return Files.count(File) != 0; }

bool ChangedLines::touches(const std::string &File, unsigned First, unsigned Last) const {
  if (NewFiles.count(File))
    return true;
  auto Found = Lines.find(File);
  if (Found == Lines.end())
    return false;
  return llvm::any_of(Found->second, [&](const std::pair<unsigned, unsigned> &Range) {
    return Range.first <= Last && First <= Range.second;
  });
}

size_t removeUnchanged(std::vector<Finding> &Findings, const ChangedLines &Changes) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    const Position &Where = F.Where;
    // The range ends before EndColumn: one that ends at a line's start leaves that line out.
    unsigned Last = Where.EndLine > Where.Line && Where.EndColumn <= 1 ? Where.EndLine - 1
                                                                       : Where.EndLine;
    return !Changes.touches(Where.File, Where.Line, std::max(Where.Line, Last));
  });
  return Before - Findings.size();
}

void addHunks(llvm::StringRef Diff, const std::string &WorkTree, ChangedLines &Into) {
  std::string File; // the file the hunks are in; empty after `+++ /dev/null`
  for (llvm::StringRef Line : llvm::split(Diff, '\n')) {
    if (Line.consume_front("+++ ")) {
      // git ends a name that holds a space with a tab.
      std::string Name = unquoted(Line.rtrim('\t'));
      File = llvm::StringRef(Name).starts_with("b/") ? realPath(Name.substr(2), WorkTree) : "";
      continue;
    }
    if (!Line.starts_with("@@ ") || File.empty())
      continue;
    if (auto Range = newRange(Line); Range && Range->second > 0)
      Into.Lines[File].push_back({Range->first, Range->first + Range->second - 1});
  }
}

std::variant<ChangedLines, std::string> changedSince(const std::string &Revision,
                                                     const std::string &Directory) {
  auto Top = runGit({"rev-parse", "--show-toplevel"}, Directory);
  if (auto *Error = std::get_if<std::string>(&Top))
    return "--changed-since: " + *Error;
  if (std::get<GitOutput>(Top).Status != 0)
    return "--changed-since: '" + Directory + "' is not in a git work tree";
  std::string WorkTree = realPath(llvm::StringRef(std::get<GitOutput>(Top).Out).rtrim("\n").str());
  auto Known = runGit({"rev-parse", "--verify", "--quiet", Revision + "^{commit}"}, WorkTree);
  if (Revision.empty() || Revision[0] == '-' || !std::holds_alternative<GitOutput>(Known) ||
      std::get<GitOutput>(Known).Status != 0)
    return "--changed-since: unknown git revision '" + Revision + "'";

  // Options that keep the user's git configuration out of the output's shape.
  std::vector<std::string> Diff = {"-c", "core.quotePath=false", "diff", "--no-color",
                                   "--no-ext-diff", "--no-textconv", "--no-relative",
                                   "--ignore-submodules", "--src-prefix=a/", "--dst-prefix=b/"};
  auto Named = Diff;
  Named.insert(Named.end(), {"--name-only", "--no-renames", "-z", Revision, "--"});
  auto Hunks = Diff;
  Hunks.insert(Hunks.end(), {"-U0", "-M", Revision, "--"});
  auto Untracked = std::vector<std::string>{"ls-files", "--others", "--exclude-standard", "-z"};
  ChangedLines Changes;
  Changes.Revision = Revision;
  for (auto *Args : {&Named, &Hunks, &Untracked}) {
    auto Output = runGit(*Args, WorkTree);
    if (auto *Error = std::get_if<std::string>(&Output))
      return "--changed-since: " + *Error;
    const GitOutput &Git = std::get<GitOutput>(Output);
    if (Git.Status != 0)
      return std::string("--changed-since: git ") + (Args == &Untracked ? "ls-files" : "diff") +
             " failed: " + llvm::StringRef(Git.Err).trim().str();
    if (Args == &Hunks) {
      addHunks(Git.Out, WorkTree, Changes);
      continue;
    }
    for (std::string &Path : pathsOf(Git.Out, WorkTree)) {
      if (Args == &Untracked)
        Changes.NewFiles.insert(Path);
      Changes.Files.insert(std::move(Path));
    }
  }
  return Changes;
}

} // namespace async_lint::cli
