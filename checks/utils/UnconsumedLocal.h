//===--- UnconsumedLocal.h - paths on which a local is never used ---------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H
#define ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H

#include "clang/AST/ASTContext.h"
#include <optional>

namespace clang::tidy::async::utils {

/// Follows the control flow of Body from the declaration of the local Storage and returns
/// where Storage first dies on a path that never mentions Value (the end of its scope, a
/// return, break, continue or throw), or nothing when every path uses it. Value is Storage
/// itself, or one of its structured bindings. Any mention counts as a use: awaiting, moving,
/// passing, returning, storing, capturing or calling a member.
std::optional<SourceLocation> findExitWithoutUse(const VarDecl &Storage, const ValueDecl &Value,
                                                 const Stmt &Body, ASTContext &Context);

/// True when Body mentions Value anywhere.
bool isMentioned(const ValueDecl &Value, const Stmt &Body);

} // namespace clang::tidy::async::utils

#endif
