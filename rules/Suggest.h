//===- Suggest.h - "did you mean" for unknown names in rule packs ---------===//

#ifndef ASYNC_LINT_RULES_SUGGEST_H
#define ASYNC_LINT_RULES_SUGGEST_H

#include <string>
#include <string_view>
#include <vector>

namespace async_lint::rules {

/// 'unknown WHAT "VALUE"; did you mean "X"?' when one candidate is close,
/// else (or always, with AlwaysList) '...; expected one of: a, b, c'.
std::string unknownName(std::string_view What, std::string_view Value,
                        const std::vector<std::string_view> &Candidates, bool AlwaysList);

} // namespace async_lint::rules

#endif // ASYNC_LINT_RULES_SUGGEST_H
