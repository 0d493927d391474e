//===--- CheckSelection.cpp - which async checks a run enables ------------===//

#include "CheckSelection.h"
#include "Paths.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include "utils/LlvmCompat.h" // the module registry
#include <map>
#include <set>

namespace async_lint::cli {
namespace {

using namespace clang::tidy;

std::vector<std::string> asyncChecks() {
  ClangTidyCheckFactories Factories;
  for (const auto &Entry : ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    if (Factory.getKey().starts_with("async-"))
      Names.push_back(Factory.getKey().str());
  llvm::sort(Names);
  return Names;
}

/// "--checks '-*,async-nope'" and "Checks '-async-*' in /p/.clang-tidy": the user's globs
/// in force for File, from each place that gave some.
std::string globsFor(ClangTidyOptionsProvider &Provider, const std::string &File) {
  std::vector<std::string> Places;
  for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
    if (!Options.Checks || Options.Checks->empty() || Source == OwnLayer ||
        Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary)
      continue;
    if (Source == ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption)
      Places.push_back("--checks '" + *Options.Checks + "'");
    else
      Places.push_back("Checks '" + *Options.Checks + "' in " + Source);
  }
  return Places.empty() ? "the configuration" : llvm::join(Places, " and ");
}

} // namespace

std::variant<CheckSelection, std::string>
selectChecks(const ConfigBase &Config, const std::vector<std::string> &Files,
             ConfigErrors &Errors) {
  std::unique_ptr<ClangTidyOptionsProvider> Owned = makeOptionsProvider(Config, Errors);
  ClangTidyOptionsProvider &Provider = *Owned;
  ClangTidyContext Context(std::move(Owned));
  ClangTidyASTConsumerFactory Factory(Context);
  CheckSelection Selection;
  Selection.All = asyncChecks();
  std::set<std::string> Enabled;
  // Units mostly share a configuration, and listing the checks costs a millisecond (it lists
  // the static analyzer's too): once per distinct Checks value.
  std::map<std::string, std::vector<std::string>> NamesByGlobs;
  for (const std::string &File : Files) {
    Context.setCurrentFile(File);
    auto [Names, New] = NamesByGlobs.try_emplace(Context.getOptions().Checks.value_or(""));
    if (New)
      Names->second = Factory.getCheckNames();
    size_t Found = 0;
    for (const std::string &Name : Names->second)
      if (llvm::StringRef(Name).starts_with("async-")) {
        ++Found;
        Enabled.insert(Name);
      }
    if (Found == 0)
      return "no async-* check is enabled for " + relativeTo(File, currentDirectory()) +
             " by " + globsFor(Provider, File) +
             "; the checks are: " + llvm::join(Selection.All, ", ");
  }
  Selection.Enabled.assign(Enabled.begin(), Enabled.end());
  return Selection;
}

} // namespace async_lint::cli
