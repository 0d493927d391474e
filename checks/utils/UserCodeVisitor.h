//===--- UserCodeVisitor.h - a walk of the translation unit's own code ----===//
//
// Some facts are about the whole translation unit (which objects some code cancels, how each
// coroutine is used): a RecursiveASTVisitor over it, without the system headers' declarations,
// which are no user's code and most of the AST.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_USERCODEVISITOR_H
#define ASYNC_LINT_CHECKS_UTILS_USERCODEVISITOR_H

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::async::utils {

/// A RecursiveASTVisitor (Derived's, by CRTP) that skips declarations in system headers.
template <typename Derived> class UserCodeVisitor : public RecursiveASTVisitor<Derived> {
public:
  explicit UserCodeVisitor(const SourceManager &SM) : SM(SM) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor<Derived>::TraverseDecl(D);
  }

protected:
  const SourceManager &SM;
};

} // namespace clang::tidy::async::utils

#endif
