//===--- EmbeddedDocs.h - the check pages embedded at build time (internal) ===//
//
// Defined in a source that driver/cli/EmbedDocs.cmake generates from
// docs/checks/*.md; read through CheckDocs.h.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_EMBEDDEDDOCS_H
#define ASYNC_LINT_DRIVER_CLI_EMBEDDEDDOCS_H

#include <cstddef>
#include <string_view>

namespace async_lint::cli::detail {

struct EmbeddedDoc {
  std::string_view Name;     ///< the check, "async-" and the page's file stem
  std::string_view Markdown; ///< the whole page
};

extern const EmbeddedDoc EmbeddedDocs[];
extern const std::size_t NumEmbeddedDocs;

} // namespace async_lint::cli::detail

#endif
