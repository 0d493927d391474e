//===--- StartSummaries.cpp - bounded starts across translation units -----===//

#include "StartSummaries.h"
#include "CoroutineContext.h"
#include "SummaryIndexFile.h"
#include "UnitSummaryBuilder.h"

namespace clang::tidy::async::utils {

bool StartSummaries::acquiresFirstElsewhere(const FunctionDecl *Elsewhere,
                                            ASTContext &AST) const {
  if (!Elsewhere || IndexPath.empty() || SummaryRecording::current())
    return false;
  std::shared_ptr<const UnitSummary> Index =
      loadSummaryIndex(IndexPath, AST.getSourceManager(), Context);
  return Index && Index->LimitedCoroutines.count(summaryKey(*Elsewhere));
}

void StartSummaries::recordConditional(SourceLocation Loc, const FunctionDecl *Elsewhere,
                                       ASTContext &AST) const {
  UnitSummary *Recording = SummaryRecording::current();
  if (!Recording || !Elsewhere)
    return;
  if (std::string Key = summaryKey(*Elsewhere); !Key.empty())
    Recording->Starts.push_back({sourcePoint(Loc, AST), Key});
}

void StartSummaries::recordLimited(const FunctionDecl &Function, const LimiterSet &Limiters,
                                   ASTContext &AST) const {
  // Other units can start only what this one defines with external linkage in its main file.
  UnitSummary *Recording = SummaryRecording::current();
  const SourceManager &SM = AST.getSourceManager();
  if (!Recording || !Function.isExternallyVisible() || Function.isTemplated() ||
      Function.isTemplateInstantiation() ||
      !SM.isInMainFile(SM.getExpansionLoc(Function.getLocation())) ||
      !isCoroutine(&Function) || !Limiters.acquiresFirst(Function))
    return;
  if (std::string Key = summaryKey(Function); !Key.empty())
    Recording->LimitedCoroutines.insert(Key);
}

} // namespace clang::tidy::async::utils
