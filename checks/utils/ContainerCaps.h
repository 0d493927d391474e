//===--- ContainerCaps.h - containers that code keeps under a size --------===//
//
// A loop over a container whose size is known only at run time starts one task per element.
// Code often caps that size where it decides what goes in: a guard that refuses a larger
// container before the loop, or a class that refuses to add past a cap to a container of its
// own. async-unbounded-concurrency takes such a cap as the limit the code chose.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CONTAINERCAPS_H
#define ASYNC_LINT_CHECKS_UTILS_CONTAINERCAPS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::async::utils {

/// `v.size()` -> `v`; else null.
const Expr *sizedContainer(const Expr *E);

/// A non-const member function of a standard container that gives access to its elements or
/// its storage (`begin`, `front`, `at`, `data`, `reserve`...) without changing how many it holds.
bool leavesSizeAlone(StringRef Method);

/// `std::vector<T> v;`, `std::vector<T> v{};`: constructed empty (every argument defaulted).
bool constructedEmpty(const Expr &Init);

/// The cap that code around S puts on Container's size where S runs: an earlier `if` of a
/// block around S that leaves (`if (replicas.empty() || replicas.size() > kMax) throw ...;`),
/// or an `if` whose branch holds S and whose condition keeps the size below the cap (`if
/// (members_.size() < kMax) members_.insert(m);`). With WithinIteration, not across a loop
/// around S (a guard outside a loop of insertions caps none of them). The cap, or null.
const Expr *sizeCapAround(const Stmt &S, const ValueDecl &Container, ASTContext &Context,
                          bool WithinIteration);

/// A private data member container that its class grows only behind a cap: empty when
/// constructed, its class without friends or member templates, and every mention of it in the
/// class's member functions (and their lambdas) either leaves its size alone (reads,
/// iteration, erase, clear, element access) or adds one element where sizeCapAround finds a
/// cap with no suspension between the test and the insertion (`if (members_.size() >= kMax)
/// return false; members_.insert(m);`). The first cap found, or null.
const Expr *capWhereItGrows(const FieldDecl &Container, ASTContext &Context);

} // namespace clang::tidy::async::utils

#endif
