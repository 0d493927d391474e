//===--- ChainMessages.h - the words of a blocking chain ------------------===//
//
// async-blocking-call reports a chain of helper calls the same way whether the check found
// it in one translation unit or the link step found it across several: these are the words
// and the notes' layout, for both.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_CHECKS_UTILS_CHAINMESSAGES_H
#define ASYNC_LINT_CHECKS_UTILS_CHAINMESSAGES_H

#include "UnitSummary.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/FunctionExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::async::utils {

/// Notes shown for a chain of helper calls; a longer chain shows its first steps, one note
/// for the calls between, and the blocking call.
constexpr unsigned MaxChainNotes = 5;

/// How a chain names a helper: as usual (`'flush'`, `the lambda`), or qualified where its name
/// would read like the blocking function's (a member `recv` that calls `::recv`).
std::string helperName(const FunctionName &Helper, llvm::StringRef Blocking);

/// "call to 'flush' in coroutine 'commit' blocks: it reaches 'fsync', which waits for ...".
std::string chainWarning(llvm::StringRef Helper, llvm::StringRef Coroutine,
                         llvm::StringRef Blocking, llvm::StringRef Reason);

/// "'flush' calls 'fsync' here": one step of a chain.
std::string stepNote(llvm::StringRef Caller, llvm::StringRef Callee);

/// "12 more calls lead from 'h3' to 'h15'": the steps a long chain does not show.
std::string gapNote(unsigned Count, llvm::StringRef From, llvm::StringRef To);

/// Lays out the notes of a chain of Length steps whose first steps are Head (at least
/// min(Length, MaxChainNotes) of them): a note per step, or for a longer chain the first
/// MaxChainNotes - 2 steps, the gap (from the step where it begins, over Count calls) and the
/// last step.
template <class Step>
void forEachChainNote(llvm::ArrayRef<Step> Head, const Step &Last, unsigned Length,
                      llvm::function_ref<void(const Step &)> Note,
                      llvm::function_ref<void(const Step &GapStart, unsigned Count)> Gap) {
  if (Length <= MaxChainNotes) {
    for (const Step &S : Head)
      Note(S);
    return;
  }
  for (const Step &S : Head.take_front(MaxChainNotes - 2))
    Note(S);
  Gap(Head[MaxChainNotes - 2], Length - (MaxChainNotes - 2) - 1);
  Note(Last);
}

} // namespace clang::tidy::async::utils

#endif
