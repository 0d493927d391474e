//===--- ChainMessages.cpp - the words of a blocking chain ----------------===//

#include "ChainMessages.h"

namespace clang::tidy::async::utils {

std::string helperName(const FunctionName &Helper, llvm::StringRef Blocking) {
  llvm::StringRef Short = Blocking.contains("::") ? Blocking.rsplit("::").second : Blocking;
  if (!Helper.Identifier.empty() && Helper.Identifier == Short && Helper.Qualified != Blocking)
    return "'" + Helper.Qualified + "'";
  return Helper.Described;
}

std::string chainWarning(llvm::StringRef Helper, llvm::StringRef Coroutine,
                         llvm::StringRef Blocking, llvm::StringRef Reason) {
  return "call to " + Helper.str() + " in " + Coroutine.str() + " blocks: it reaches '" +
         Blocking.str() + "', which " + Reason.str();
}

std::string stepNote(llvm::StringRef Caller, llvm::StringRef Callee) {
  return Caller.str() + " calls " + Callee.str() + " here";
}

std::string gapNote(unsigned Count, llvm::StringRef From, llvm::StringRef To) {
  return std::to_string(Count) + " more calls lead from " + From.str() + " to " + To.str();
}

} // namespace clang::tidy::async::utils
