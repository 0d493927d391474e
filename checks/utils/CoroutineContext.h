//===--- CoroutineContext.h - where an expression sits in a coroutine -----===//
//
// Questions the checks ask about an expression's surroundings: which function (or lambda) it
// belongs to, whether that function is a coroutine, whether a co_await could be inserted there,
// and whether its value is thrown away.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_COROUTINECONTEXT_H
#define ASYNC_LINT_CHECKS_UTILS_COROUTINECONTEXT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::async::utils {

/// A function is a coroutine when its body contains co_await, co_yield or co_return.
bool isCoroutine(const FunctionDecl *Function);

/// The innermost function or lambda call operator whose body contains the statement.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Context);

/// True when the statement sits in a catch handler of its enclosing function, where C++20
/// forbids co_await.
bool isInCatchHandler(const Stmt &S, ASTContext &Context);

/// How diagnostics name a function: `'fetch'`, or `the lambda` for a lambda's call operator.
std::string describeFunction(const FunctionDecl &Function);

/// How diagnostics name a coroutine: `coroutine 'fetch'`, or `a lambda coroutine`.
std::string describeCoroutine(const FunctionDecl &Coroutine);

/// E without the nodes that pass a value on unchanged: conversions, temporaries, copies, moves
/// and std::move/std::forward.
const Expr *passedThrough(const Expr *E);

/// The variable an expression names, through the nodes passedThrough() skips.
const VarDecl *namedVariable(const Expr &E);

enum class Discard {
  No,        ///< The value is used.
  Statement, ///< The expression is a statement (or a discarded operand of one).
  VoidCast,  ///< The value is explicitly cast to void.
};

/// Whether the value of E is thrown away, looking through the implicit nodes that wrap a
/// temporary, parentheses, comma operands and the operands of a discarded conditional.
Discard discardKind(const Expr &E, ASTContext &Context);

} // namespace clang::tidy::async::utils

#endif
