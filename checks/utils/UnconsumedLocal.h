//===--- UnconsumedLocal.h - paths on which a local is never used ---------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H
#define ASYNC_LINT_CHECKS_UTILS_UNCONSUMEDLOCAL_H

#include "clang/AST/ASTContext.h"
#include <optional>

namespace clang::tidy::async::utils {

/// Follows the control flow of Body from the declaration of Var and returns where Var first
/// dies on a path that never mentions it (the end of its scope, a return, break, continue or
/// throw), or nothing when every path uses it. Any mention counts as a use: awaiting, moving,
/// passing, returning, storing, capturing or calling a member.
std::optional<SourceLocation> findExitWithoutUse(const VarDecl &Var, const Stmt &Body,
                                                 ASTContext &Context);

/// True when Body mentions Var anywhere after its declaration.
bool isMentioned(const VarDecl &Var, const Stmt &Body);

} // namespace clang::tidy::async::utils

#endif
