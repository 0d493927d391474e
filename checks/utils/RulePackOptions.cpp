//===--- RulePackOptions.cpp - the rule packs a check runs with -----------===//

#include "RulePackOptions.h"
#include <map>
#include <mutex>
#include <set>

namespace clang::tidy::async::utils {
namespace {

namespace rules = async_lint::rules;

struct LoadedRules {
  std::shared_ptr<const rules::RuleSet> Rules;
  std::vector<rules::LoadError> Errors;
  std::set<const ClangTidyContext *> ReportedTo;
};

/// Every check of every translation unit asks for its packs: load each choice once. The CLI
/// analyses translation units on several threads, hence the lock.
std::mutex CacheLock;
std::map<std::string, LoadedRules> Cache;

} // namespace

RulePackOptions::RulePackOptions(ClangTidyCheck::OptionsView &Options,
                                 ClangTidyContext &Context)
    : UserPacks(Options.getLocalOrGlobal(rules::RulePacksOption, "")),
      EnabledPacks(Options.getLocalOrGlobal(rules::EnabledRulePacksOption, "")),
      DisabledPacks(Options.getLocalOrGlobal(rules::DisabledRulePacksOption, "")) {
  std::string Key = UserPacks + '\n' + EnabledPacks + '\n' + DisabledPacks;
  std::lock_guard<std::mutex> Lock(CacheLock);
  auto [It, Inserted] = Cache.try_emplace(Key);
  LoadedRules &Loaded = It->second;
  if (Inserted)
    Loaded.Rules = std::make_shared<const rules::RuleSet>(rules::loadRuleSet(
        rules::LoadOptions::fromOptions(UserPacks, EnabledPacks, DisabledPacks),
        Loaded.Errors));
  Rules = Loaded.Rules;
  if (Loaded.ReportedTo.insert(&Context).second)
    for (const rules::LoadError &Error : Loaded.Errors)
      Context.configurationDiag("invalid rule pack: %0", DiagnosticIDs::Error) << Error.str();
}

void RulePackOptions::store(ClangTidyCheck::OptionsView &Options,
                            ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, rules::RulePacksOption, UserPacks);
  Options.store(Opts, rules::EnabledRulePacksOption, EnabledPacks);
  Options.store(Opts, rules::DisabledRulePacksOption, DisabledPacks);
}

} // namespace clang::tidy::async::utils
