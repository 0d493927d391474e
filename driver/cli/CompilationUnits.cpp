//===--- CompilationUnits.cpp - which translation units to analyse --------===//

#include "CompilationUnits.h"
#include "CompileCommandsJson.h"
#include "Paths.h"
#include "SourceLanguage.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>
#include <set>

namespace async_lint::cli {
namespace {

using clang::tooling::CompilationDatabase;

bool isSourceFile(llvm::StringRef Path) {
  llvm::StringRef Extension = llvm::sys::path::extension(Path);
  return llvm::is_contained({".cpp", ".cc", ".cxx", ".c++", ".C"}, Extension);
}

/// compile_commands.json at File, named Spelled in errors: a malformed one by the place
/// and the json problem, an empty one as an error (it would make a vacuous clean run).
std::variant<std::unique_ptr<CompilationDatabase>, std::string>
readDatabase(const std::string &File, const std::string &Spelled) {
  std::string Error;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      File, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database) {
    if (auto Text = llvm::MemoryBuffer::getFile(File))
      if (std::optional<std::string> Problem = compileCommandsProblem((*Text)->getBuffer()))
        return "malformed compilation database: " + Spelled + ":" + *Problem;
    return "cannot read the compilation database " + Spelled + ": " + Error;
  }
  if (Database->getAllCompileCommands().empty())
    return Spelled + ": the compilation database has no entries";
  return std::unique_ptr<CompilationDatabase>(std::move(Database));
}

/// The database named by -p, or the first one found upwards from the first path (or the
/// current directory), as clang-tidy finds it; DatabaseDirectory receives its directory.
std::variant<std::unique_ptr<CompilationDatabase>, std::string>
loadDatabase(const CliOptions &Options, std::string &DatabaseDirectory) {
  if (Options.CompilerFlags) {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    return std::unique_ptr<CompilationDatabase>(
        new clang::tooling::FixedCompilationDatabase(Cwd, *Options.CompilerFlags));
  }
  if (!Options.BuildPath.empty()) {
    std::string File = realPath(Options.BuildPath);
    if (!llvm::sys::fs::exists(File))
      return "-p '" + Options.BuildPath + "': no such directory";
    std::string Spelled = Options.BuildPath; // errors name the file as the user would
    if (llvm::sys::fs::is_directory(File))
      Spelled = joinedPath("compile_commands.json", Spelled);
    else // -p build/compile_commands.json
      File = std::string(llvm::sys::path::parent_path(File));
    DatabaseDirectory = File;
    return readDatabase(File + "/compile_commands.json", Spelled);
  }
  std::string Start = Options.Paths.empty() ? realPath(".") : realPath(Options.Paths[0]);
  if (!llvm::sys::fs::is_directory(Start))
    Start = std::string(llvm::sys::path::parent_path(Start));
  for (llvm::StringRef Directory = Start; !Directory.empty();
       Directory = llvm::sys::path::parent_path(Directory)) {
    std::string File = (Directory + "/compile_commands.json").str();
    if (llvm::sys::fs::exists(File)) {
      DatabaseDirectory = Directory.str();
      return readDatabase(File, File);
    }
  }
  return "no compile_commands.json found upwards from '" + Start +
         "'; give one with -p DIR, or compiler flags after `--`";
}

/// Whether Database compiles File as C++ (a file without commands is kept: its analysis
/// says so); Entries receives its number of commands.
bool compiledAsCxx(const CompilationDatabase &Database, const std::string &File,
                   size_t &Entries) {
  std::vector<clang::tooling::CompileCommand> Commands = Database.getCompileCommands(File);
  Entries = Commands.size();
  return Commands.empty() || llvm::any_of(Commands, compilesCxx);
}

struct Selection {
  std::set<std::string> Files;       // the C++ units
  std::map<std::string, size_t> NotCxx; // the other files, with their number of entries
};

/// Adds File to the units, or to the skipped files if it is not compiled as C++.
void select(const CompilationDatabase &Database, const std::string &File, Selection &Into) {
  size_t Entries = 0;
  if (compiledAsCxx(Database, File, Entries))
    Into.Files.insert(File);
  else
    Into.NotCxx.emplace(File, Entries);
}

size_t skippedEntries(const Selection &S) {
  size_t Entries = 0;
  for (const auto &Skipped : S.NotCxx)
    Entries += Skipped.second;
  return Entries;
}

std::string skippedCount(size_t Entries) {
  return std::to_string(Entries) + (Entries == 1 ? " non-C++ entry" : " non-C++ entries");
}

/// Without paths: every unit of the database. A file path: that file (a file the database
/// does not list gets the command of its nearest neighbour). A directory: the database's
/// units under it, or with `--` flags its C++ sources. Files not compiled as C++ are set
/// apart.
std::variant<Selection, std::string> selectFiles(const CliOptions &Options,
                                                 const CompilationDatabase &Database) {
  std::vector<std::string> Known;
  for (const std::string &File : Database.getAllFiles())
    Known.push_back(realPath(File));
  Selection Selected;
  if (Options.Paths.empty()) {
    for (const std::string &File : Known)
      select(Database, File, Selected);
    return Selected;
  }
  for (const std::string &Path : Options.Paths) {
    std::string Absolute = realPath(Path);
    if (!llvm::sys::fs::exists(Absolute))
      return "no such file or directory: '" + Path + "'";
    if (!llvm::sys::fs::is_directory(Absolute)) {
      select(Database, Absolute, Selected);
      continue;
    }
    Selection Under;
    for (const std::string &File : Known)
      if (isUnder(File, Absolute))
        select(Database, File, Under);
    std::error_code Error;
    if (Options.CompilerFlags) {
      for (llvm::sys::fs::recursive_directory_iterator It(Absolute, Error, /*follow=*/false), End;
           It != End && !Error; It.increment(Error))
        if (isSourceFile(It->path()))
          select(Database, realPath(It->path()), Under);
      if (Error)
        return "cannot list '" + Path + "': " + Error.message();
    }
    if (Under.Files.empty() && Under.NotCxx.empty())
      return "no translation unit under '" + Path + "'";
    if (Under.Files.empty())
      return "no C++ translation unit under '" + Path + "' (" +
             skippedCount(skippedEntries(Under)) + " skipped)";
    Selected.Files.insert(Under.Files.begin(), Under.Files.end());
    Selected.NotCxx.insert(Under.NotCxx.begin(), Under.NotCxx.end());
  }
  return Selected;
}

/// The deepest directory holding every source file and the build directory: the project.
std::string commonDirectory(const std::vector<std::string> &Paths) {
  if (Paths.empty())
    return realPath(".");
  llvm::StringRef Common = llvm::sys::path::parent_path(Paths.front());
  for (const std::string &Path : Paths)
    while (!Common.empty() && !isUnder(Path, Common.str()))
      Common = llvm::sys::path::parent_path(Common);
  return Common.empty() ? "/" : std::string(Common);
}

/// The git work tree that holds Directory: the project's root wherever its build directory
/// is, and what GitHub resolves SARIF's relative paths against.
std::optional<std::string> enclosingRepository(const std::string &Directory) {
  for (llvm::StringRef Dir = Directory; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir))
    if (llvm::sys::fs::exists(Dir + "/.git"))
      return Dir.str();
  return std::nullopt;
}

} // namespace

std::vector<std::string> shardOf(const std::vector<std::string> &Files, Shard Slice) {
  std::vector<std::string> Mine;
  for (size_t I = 0; I < Files.size(); ++I)
    if (I % Slice.Count == Slice.Index - 1)
      Mine.push_back(Files[I]);
  return Mine;
}

std::variant<CompilationUnits, std::string> selectUnits(const CliOptions &Options) {
  CompilationUnits Units;
  auto Loaded = loadDatabase(Options, Units.DatabaseDirectory);
  if (auto *Error = std::get_if<std::string>(&Loaded))
    return *Error;
  Units.Database = clang::tooling::inferMissingCompileCommands(
      std::move(std::get<std::unique_ptr<CompilationDatabase>>(Loaded)));
  auto Selected = selectFiles(Options, *Units.Database);
  if (auto *Error = std::get_if<std::string>(&Selected))
    return *Error;
  const Selection &Files = std::get<Selection>(Selected);
  Units.SkippedEntries = skippedEntries(Files);
  if (Files.Files.empty() && Options.CompilerFlags && Options.Paths.empty())
    return std::string("no files to analyse: name them before `--`");
  if (Files.Files.empty())
    return "no C++ translation unit to analyse (" + skippedCount(Units.SkippedEntries) +
           " skipped)";
  Units.Files.assign(Files.Files.begin(), Files.Files.end());
  if (Options.Slice)
    Units.Files = shardOf(Units.Files, *Options.Slice);

  if (!Options.Root.empty()) {
    Units.Root = realPath(Options.Root);
  } else if (Options.CompilerFlags) {
    Units.Root = realPath(".");
  } else {
    std::vector<std::string> Project;
    for (const std::string &File : Units.Database->getAllFiles())
      Project.push_back(realPath(File));
    if (std::optional<std::string> Repository = enclosingRepository(commonDirectory(Project))) {
      Units.Root = *Repository;
    } else {
      for (const auto &Command : Units.Database->getAllCompileCommands())
        Project.push_back(realPath(Command.Directory) + "/");
      Units.Root = commonDirectory(Project);
    }
  }
  return Units;
}

} // namespace async_lint::cli
