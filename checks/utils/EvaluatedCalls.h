//===--- EvaluatedCalls.h - the calls a function body really makes --------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_EVALUATEDCALLS_H
#define ASYNC_LINT_CHECKS_UTILS_EVALUATEDCALLS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/FunctionExtras.h"

namespace clang::tidy::async::utils {

/// Calls `Visit(Call, Callee)` for every call and construction that runs when Body runs, in
/// source order: not those in unevaluated operands (sizeof, decltype, noexcept, requires),
/// nor in the bodies of lambdas and local classes defined there, which run only if called
/// (a call to a lambda is itself visited, with the lambda's call operator as callee).
/// Callee is null for calls through pointers and for dependent calls.
void forEachEvaluatedCall(const Stmt &Body,
                          llvm::function_ref<void(const Expr &Call, const FunctionDecl *Callee)>
                              Visit);

/// The qualified name of a function as rule packs spell it: no template arguments, no inline
/// namespaces nor namespaces a using-directive opens into their parent, members as
/// `Class::member`.
std::string packName(const NamedDecl &Decl);

} // namespace clang::tidy::async::utils

#endif
