//===--- RulePackOptions.h - the rule packs a check runs with -------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_RULEPACKOPTIONS_H
#define ASYNC_LINT_CHECKS_UTILS_RULEPACKOPTIONS_H

#include "RulePack.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <memory>

namespace clang::tidy::async::utils {

/// The rule packs of one check, chosen by the RulePacks, EnabledRulePacks and
/// DisabledRulePacks options (the check's own, or global ones shared by every async check).
/// Each distinct choice is loaded once per process; a malformed pack is reported once per
/// clang-tidy run as a configuration error naming the file, the JSON path and the problem, and
/// the other packs still apply.
class RulePackOptions {
public:
  RulePackOptions(ClangTidyCheck::OptionsView &Options, ClangTidyContext &Context);
  void store(ClangTidyCheck::OptionsView &Options, ClangTidyOptions::OptionMap &Opts) const;
  const async_lint::rules::RuleSet &rules() const { return *Rules; }

private:
  const std::string UserPacks, EnabledPacks, DisabledPacks;
  std::shared_ptr<const async_lint::rules::RuleSet> Rules;
};

/// The names of a list of pack entries (or the strings of a list), for hasAnyName().
template <class Entries, class Projection>
std::vector<StringRef> namesOf(const Entries &List, Projection Name) {
  std::vector<StringRef> Names;
  for (const auto &Entry : List)
    Names.push_back(Name(Entry));
  return Names;
}
inline std::vector<StringRef> namesOf(const std::vector<std::string> &List) {
  return namesOf(List, [](const std::string &Name) -> StringRef { return Name; });
}

} // namespace clang::tidy::async::utils

#endif
