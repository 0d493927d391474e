//===--- LlvmCompat.h - the clang APIs that differ between LLVM majors ----===//
//
// async-lint builds against LLVM 19 and 22 from the same sources (ASYNC_LINT_LLVM_MAJOR).
// Where clang's API changed between them, the checks and the CLI use the names below; all
// else they use is the same in both.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_LLVMCOMPAT_H
#define ASYNC_LINT_CHECKS_UTILS_LLVMCOMPAT_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/utils/Matchers.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/NestedNameSpecifier.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/Config/llvm-config.h"
#include <memory>
#if LLVM_VERSION_MAJOR < 22 // later majors declare the module registry in ClangTidyModule.h
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::async::utils {

/// clang-tidy's matcher of declarations against a list of name regexes (renamed in LLVM 22).
#if LLVM_VERSION_MAJOR >= 22
using AnyListedNameMatcher = matchers::MatchesAnyListedRegexNameMatcher;
#else
using AnyListedNameMatcher = matchers::MatchesAnyListedNameMatcher;
#endif

/// The type that qualifies a name (`Trait<T>` in `Trait<T>::value`), or null when the name
/// is unqualified or its qualifier is a namespace. LLVM 22 made the qualifier a value.
template <typename QualifiedNode> const Type *qualifierType(const QualifiedNode &Node) {
#if LLVM_VERSION_MAJOR >= 22
  NestedNameSpecifier Qualifier = Node.getQualifier();
  return Qualifier.getKind() == NestedNameSpecifier::Kind::Type ? Qualifier.getAsType()
                                                                 : nullptr;
#else
  const NestedNameSpecifier *Qualifier = Node.getQualifier();
  return Qualifier ? Qualifier->getAsType() : nullptr;
#endif
}

/// A function's trailing requires-clause, or null (LLVM 22 wraps it in AssociatedConstraint).
inline const Expr *trailingRequiresClause(const FunctionDecl &Function) {
#if LLVM_VERSION_MAJOR >= 22
  return Function.getTrailingRequiresClause().ConstraintExpr;
#else
  return Function.getTrailingRequiresClause();
#endif
}

/// Where a call begins and ends, as its own class says (`out` in `out << x`). From LLVM 22
/// on, CallExpr::getBeginLoc() and getEndLoc() are not dispatched: on an overloaded
/// operator's call seen as a CallExpr they give the operator's location.
inline SourceRange callRange(const Expr &Call) { return Call.getSourceRange(); }

/// A diagnostics engine that reports to Consumer, attached to Context as clang-tidy attaches
/// its own. LLVM 22's engine borrows its options and the context owns them.
inline std::unique_ptr<DiagnosticsEngine> attachDiagnosticsEngine(ClangTidyContext &Context,
                                                                  DiagnosticConsumer &Consumer) {
#if LLVM_VERSION_MAJOR >= 22
  auto Options = std::make_unique<DiagnosticOptions>();
  auto Engine = std::make_unique<DiagnosticsEngine>(DiagnosticIDs::create(), *Options,
                                                    &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(Options), Engine.get());
#else
  auto Engine = std::make_unique<DiagnosticsEngine>(new DiagnosticIDs, new DiagnosticOptions,
                                                    &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(Engine.get());
#endif
  return Engine;
}

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_CHECKS_UTILS_LLVMCOMPAT_H
