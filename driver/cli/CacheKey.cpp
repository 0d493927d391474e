//===--- CacheKey.cpp - everything that can change a unit's result --------===//

#include "CacheKey.h"
#include "ContentHash.h"
#include "RulePack.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include <cstdlib>

namespace async_lint::cli {
namespace {

using nlohmann::json;
namespace rules = async_lint::rules;

template <typename T> json optionalJson(const std::optional<T> &Value) {
  return Value ? json(*Value) : json();
}

/// Everything clang-tidy's options hold, in a stable order (json objects sort their keys).
json optionsJson(const clang::tidy::ClangTidyOptions &O, const HeaderFilters &Filters) {
  json CheckOptions = json::object();
  for (const auto &Entry : O.CheckOptions)
    CheckOptions[Entry.getKey().str()] = Entry.getValue().Value;
  return {{"checks", optionalJson(O.Checks)},
          {"warningsAsErrors", optionalJson(O.WarningsAsErrors)},
          {"headerFileExtensions", optionalJson(O.HeaderFileExtensions)},
          {"implementationFileExtensions", optionalJson(O.ImplementationFileExtensions)},
          {"headerFilterRegex", optionalJson(O.HeaderFilterRegex)},
          {"excludeHeaderFilterRegex", optionalJson(O.ExcludeHeaderFilterRegex)},
          {"systemHeaders", optionalJson(O.SystemHeaders)},
          {"formatStyle", optionalJson(O.FormatStyle)},
          {"user", optionalJson(O.User)},
          {"checkOptions", CheckOptions},
          {"extraArgs", optionalJson(O.ExtraArgs)},
          {"extraArgsBefore", optionalJson(O.ExtraArgsBefore)},
          {"reportedHeaders", {optionalJson(Filters.Include), optionalJson(Filters.Exclude)}}};
}

/// The binary that runs: a rebuild with other checks keeps the version number.
std::string binaryHash() {
  static const std::string Hash = fileHash("/proc/self/exe");
  return Hash;
}

std::string builtinPacksHash() {
  std::string Texts;
  for (std::string_view Name : rules::builtinPackNames())
    Texts += std::string(Name) + '\n' + std::string(rules::builtinPackText(Name)) + '\n';
  return contentHash(Texts);
}

nlohmann::json runPart() {
  json Run = {{"asyncLint", ASYNC_LINT_VERSION},
              {"binary", binaryHash()},
              {"llvm", LLVM_VERSION_STRING},
              {"builtinPacks", builtinPacksHash()}};
  // Include directories the compile commands do not show.
  for (const char *Variable : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH",
                               "OBJC_INCLUDE_PATH", "OBJCPLUS_INCLUDE_PATH"})
    if (const char *Value = std::getenv(Variable))
      Run["environment"][Variable] = Value;
  return Run;
}

/// A global (RulePacks) or per-check (async-blocking-call.RulePacks) list of user packs.
bool namesUserPacks(llvm::StringRef Option) {
  return Option == rules::RulePacksOption ||
         Option.ends_with(std::string(".") + rules::RulePacksOption);
}

} // namespace

CacheKeys::CacheKeys(const ConfigBase &Config,
                     const clang::tooling::CompilationDatabase &Database)
    : RunPart(runPart()), Provider(makeOptionsProvider(Config, Unreported)),
      Database(Database) {}

CacheKeys::~CacheKeys() = default;

std::string CacheKeys::keyOf(const std::string &File) {
  clang::tidy::ClangTidyOptions Options = Provider->getOptions(File);
  json Packs = json::object();
  for (const auto &Entry : Options.CheckOptions)
    if (namesUserPacks(Entry.getKey()))
      for (const std::string &Path :
           rules::LoadOptions::fromOptions(Entry.getValue().Value, "", "").UserPackPaths)
        Packs[Path] = PackHashes.of(Path); // as the pack loader reads it
  json Commands = json::array();
  for (const clang::tooling::CompileCommand &Command : Database.getCompileCommands(File))
    Commands.push_back({Command.Directory, Command.Filename, Command.CommandLine});
  json Unit = {{"run", RunPart},
               {"file", File},
               {"configuration", optionsJson(Options, headerFiltersFor(*Provider, File))},
               {"userPacks", Packs},
               {"commands", Commands}};
  // CBOR rather than json text: a path or a flag that is not UTF-8 is kept as it is.
  std::vector<std::uint8_t> Bytes = json::to_cbor(Unit);
  return contentHash(llvm::StringRef(reinterpret_cast<const char *>(Bytes.data()), Bytes.size()));
}

} // namespace async_lint::cli
