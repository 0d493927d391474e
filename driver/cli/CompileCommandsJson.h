//===--- CompileCommandsJson.h - why a compile_commands.json is malformed -===//
//
// clang reads compile_commands.json with its YAML parser, whose errors name neither the
// json problem nor where it is. When clang refuses a database, this says why, as a json
// reader sees it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_DRIVER_CLI_COMPILECOMMANDSJSON_H
#define ASYNC_LINT_DRIVER_CLI_COMPILECOMMANDSJSON_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace async_lint::cli {

/// The first problem of Text as a compilation database, "LINE:COLUMN: problem" (the json
/// syntax error, or the entry that breaks clang's format), or nullopt if there is none.
std::optional<std::string> compileCommandsProblem(llvm::StringRef Text);

} // namespace async_lint::cli

#endif
