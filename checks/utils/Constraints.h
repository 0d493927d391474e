//===--- Constraints.h - decide a template's constraints for one type -----===//
//
// A generic `template <class T> auto operator co_await(T&&) requires IsFuture<
// std::decay_t<T>>::value` makes only the types its constraint accepts awaitable. Without Sema
// a check cannot instantiate templates, but the common ways of writing such constraints can be
// read from the AST: concepts, type traits (`Trait<T>::value`, `Trait_v<T>`) decided by their
// explicit and partial specializations, `std::decay_t` and its kin, and `&&`, `||`, `!`.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CONSTRAINTS_H
#define ASYNC_LINT_CHECKS_UTILS_CONSTRAINTS_H

#include "clang/AST/DeclTemplate.h"
#include <optional>

namespace clang::tidy::async::utils {

/// Whether the constraints of Template (its requires clauses and the type constraint of its
/// first template parameter) hold with that parameter bound to Argument: true or false where
/// the AST decides it, nothing where it cannot (a constraint this reader does not follow).
/// A template without constraints holds for every argument.
std::optional<bool> constraintsHold(const FunctionTemplateDecl &Template, QualType Argument);

} // namespace clang::tidy::async::utils

#endif
