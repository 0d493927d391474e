//===- BuiltinPacks.h - the packs embedded at build time (internal) -------===//
//
// Defined in a source that rules/EmbedPacks.cmake generates from rules/*.json.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_RULES_BUILTINPACKS_H
#define ASYNC_LINT_RULES_BUILTINPACKS_H

#include <cstddef>
#include <string_view>

namespace async_lint::rules::detail {

struct EmbeddedPack {
  std::string_view Name; ///< the file's stem
  std::string_view Json;
};

extern const EmbeddedPack EmbeddedPacks[];
extern const std::size_t NumEmbeddedPacks;

} // namespace async_lint::rules::detail

#endif // ASYNC_LINT_RULES_BUILTINPACKS_H
