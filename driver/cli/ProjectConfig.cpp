//===--- ProjectConfig.cpp - .clang-tidy files, as clang-tidy reads them --===//

#include "ProjectConfig.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace async_lint::cli {
namespace {

using clang::tidy::ClangTidyGlobalOptions;
using clang::tidy::ClangTidyOptions;

/// The entries of a configuration file's Checks that name async checks ("async-*",
/// "-async-blocking-call"); nullopt if none does. A project's `-*` was written for
/// clang-tidy's own checks, long before async-lint: it is not a decision about ours.
std::optional<std::string> asyncEntries(llvm::StringRef Checks) {
  std::string Kept;
  for (llvm::StringRef Line : llvm::split(Checks, '\n'))
    for (llvm::StringRef Entry : llvm::split(Line, ',')) {
      Entry = Entry.trim();
      llvm::StringRef Pattern = Entry;
      Pattern.consume_front("-");
      if (Pattern.ltrim().starts_with("async"))
        Kept += (Kept.empty() ? "" : ",") + Entry.str();
    }
  if (Kept.empty())
    return std::nullopt;
  return Kept;
}

/// Parses one configuration file's text; a problem comes back as "file:line:col: message".
std::variant<ClangTidyOptions, std::string> parseConfig(llvm::MemoryBufferRef Text) {
  std::string Problem;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(
      Text, [&](const llvm::SMDiagnostic &Diag) {
        if (Problem.empty())
          Problem = (Text.getBufferIdentifier() + ":" + llvm::Twine(Diag.getLineNo()) + ":" +
                     llvm::Twine(Diag.getColumnNo() + 1) + ": " + Diag.getMessage())
                        .str();
      });
  if (!Parsed)
    return Problem.empty() ? (Text.getBufferIdentifier() + ": " + Parsed.getError().message()).str()
                           : Problem;
  if (Parsed->Checks)
    Parsed->Checks = asyncEntries(*Parsed->Checks);
  return *Parsed;
}

/// Why Pattern is not a valid regular expression, if it is not (empty is valid: no headers).
std::optional<std::string> regexProblem(const std::optional<std::string> &Pattern) {
  std::string Problem;
  if (!Pattern || Pattern->empty() || llvm::Regex(*Pattern).isValid(Problem))
    return std::nullopt;
  return Problem;
}

/// clang-tidy's file provider, with a .clang-tidy parser that reports problems to us (and
/// not to stderr) and a last layer that lets every header's diagnostics through.
class ProjectOptionsProvider : public clang::tidy::FileOptionsProvider {
public:
  ProjectOptionsProvider(const ConfigBase &Base, ConfigErrors &Errors)
      : FileOptionsProvider(ClangTidyGlobalOptions(), Base.Defaults, Base.Overrides,
                            handlers(Errors)),
        Base(Base), Errors(Errors) {
    FS = llvm::vfs::getRealFileSystem(); // this constructor of clang-tidy's leaves it unset
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Sources =
        Base.ConfigFile ? configFileSources() : FileOptionsProvider::getRawOptions(FileName);
    ClangTidyOptions Merged;
    for (const OptionsSource &Source : Sources)
      Merged.mergeWith(Source.first, 0);
    HeaderFilters &Filters = Recorded[FileName.str()];
    Filters.Include = Base.CommandLineFilters.Include ? Base.CommandLineFilters.Include
                                                      : Merged.HeaderFilterRegex;
    Filters.Exclude = Base.CommandLineFilters.Exclude ? Base.CommandLineFilters.Exclude
                                                      : Merged.ExcludeHeaderFilterRegex;
    for (auto [Filter, Name] : {std::pair{&Filters.Include, "HeaderFilterRegex"},
                                std::pair{&Filters.Exclude, "ExcludeHeaderFilterRegex"}})
      if (auto Problem = regexProblem(*Filter)) {
        Errors.add(std::string(Name) + ":" + **Filter,
                   std::string(Name) + " '" + **Filter + "' (for " + FileName.str() +
                       "): " + *Problem);
        Filter->reset();
      }
    ClangTidyOptions Last;
    Last.HeaderFilterRegex = ".*";
    Last.ExcludeHeaderFilterRegex = "";
    Last.SystemHeaders = false;
    // async-lint runs async checks only, whatever `--checks=*` says: not the static
    // analyzer, and not compiler warnings as findings (compile errors are always reported).
    Last.Checks = "-clang-analyzer-*,-clang-diagnostic-*";
    Sources.emplace_back(Last, OwnLayer);
    return Sources;
  }

  std::map<std::string, HeaderFilters> Recorded;

private:
  static ConfigFileHandlers handlers(ConfigErrors &Errors) {
    ConfigFileHandlers Handlers;
    Handlers.emplace_back(".clang-tidy",
                          [&Errors](llvm::MemoryBufferRef Text) -> llvm::ErrorOr<ClangTidyOptions> {
                            auto Parsed = parseConfig(Text);
                            if (auto *Problem = std::get_if<std::string>(&Parsed)) {
                              Errors.add(Text.getBufferIdentifier().str(), *Problem);
                              return ClangTidyOptions();
                            }
                            return std::get<ClangTidyOptions>(Parsed);
                          });
    return Handlers;
  }

  std::vector<OptionsSource> configFileSources() {
    return {{Base.Defaults, OptionsSourceTypeDefaultBinary},
            {*Base.ConfigFile, Base.ConfigFilePath},
            {Base.Overrides, OptionsSourceTypeCheckCommandLineOption}};
  }

  const ConfigBase &Base;
  ConfigErrors &Errors;
};

} // namespace

void ConfigErrors::add(const std::string &File, const std::string &Problem) {
  std::lock_guard<std::mutex> Guard(Lock);
  ByFile.emplace(File, "malformed configuration: " + Problem);
}

std::vector<std::string> ConfigErrors::lines() const {
  std::lock_guard<std::mutex> Guard(Lock);
  std::vector<std::string> Lines;
  for (const auto &Entry : ByFile)
    Lines.push_back(Entry.second);
  return Lines;
}

std::variant<ConfigBase, std::string> makeConfigBase(const CliOptions &Options) {
  ConfigBase Base;
  Base.Defaults = ClangTidyOptions::getDefaults();
  // Only our checks by default; a .clang-tidy's Checks are appended to this, as clang-tidy
  // appends them to its own defaults.
  Base.Defaults.Checks = "-*,async-*";
  // Headers are reported by the root unless a configuration or the command line names a
  // filter; clang-tidy's defaults name one from LLVM 22 on (".*", every header).
  Base.Defaults.HeaderFilterRegex.reset();
  Base.Defaults.ExcludeHeaderFilterRegex.reset();
  if (Options.Checks)
    Base.Overrides.Checks = *Options.Checks;
  Base.CommandLineFilters = {Options.HeaderFilter, Options.ExcludeHeaderFilter};
  for (auto [Filter, Name] : {std::pair{&Options.HeaderFilter, "--header-filter"},
                              std::pair{&Options.ExcludeHeaderFilter, "--exclude-header-filter"}})
    if (auto Problem = regexProblem(*Filter))
      return std::string("option '") + Name + "': invalid regular expression '" + **Filter +
             "': " + *Problem;
  if (Options.ConfigFile.empty())
    return Base;
  auto Text = llvm::MemoryBuffer::getFile(Options.ConfigFile);
  if (!Text)
    return "cannot read configuration file '" + Options.ConfigFile +
           "': " + Text.getError().message();
  auto Parsed = parseConfig((*Text)->getMemBufferRef());
  if (auto *Problem = std::get_if<std::string>(&Parsed))
    return "malformed configuration: " + *Problem;
  Base.ConfigFile = std::get<ClangTidyOptions>(Parsed);
  Base.ConfigFilePath = Options.ConfigFile;
  return Base;
}

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const ConfigBase &Base, ConfigErrors &Errors) {
  return std::make_unique<ProjectOptionsProvider>(Base, Errors);
}

HeaderFilters headerFiltersFor(clang::tidy::ClangTidyOptionsProvider &Provider,
                               llvm::StringRef File) {
  auto &Project = static_cast<ProjectOptionsProvider &>(Provider);
  auto Found = Project.Recorded.find(File.str());
  if (Found == Project.Recorded.end()) {
    Project.getRawOptions(File);
    Found = Project.Recorded.find(File.str());
  }
  return Found->second;
}

} // namespace async_lint::cli
