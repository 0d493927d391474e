//===--- UnitSummaryBuilder.cpp - a translation unit's summary from its AST ===//

#include "UnitSummaryBuilder.h"
#include "CoroutineContext.h"
#include "EvaluatedCalls.h"
#include "PackCalls.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::async::utils {
namespace {

thread_local UnitSummary *Recording = nullptr;

/// A file's absolute path, as the file system gave it when clang opened it.
std::string pathOf(FileEntryRef File, const SourceManager &SM) {
  StringRef Real = File.getFileEntry().tryGetRealPathName();
  if (!Real.empty())
    return Real.str();
  SmallString<256> Path(File.getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

} // namespace

SummaryRecording::SummaryRecording(UnitSummary &Into) : Previous(Recording) {
  Recording = &Into;
}

SummaryRecording::~SummaryRecording() { Recording = Previous; }

UnitSummary *SummaryRecording::current() { return Recording; }

std::string summaryKey(const FunctionDecl &Function) {
  SmallString<128> Usr;
  if (index::generateUSRForDecl(&Function, Usr))
    return "";
  if (Function.isExternallyVisible())
    return std::string(Usr);
  const SourceManager &SM = Function.getASTContext().getSourceManager();
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  return (Main ? pathOf(*Main, SM) : std::string()) + "#" + std::string(Usr);
}

SourcePoint sourcePoint(SourceLocation Loc, const ASTContext &Context, SourceRange Range) {
  const SourceManager &SM = Context.getSourceManager();
  SourcePoint Point;
  if (Loc.isInvalid())
    return Point;
  auto [File, Offset] = SM.getDecomposedLoc(SM.getFileLoc(Loc));
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return Point;
  Point.File = pathOf(*Entry, SM);
  Point.Offset = Offset;
  Point.Line = SM.getLineNumber(File, Offset);
  Point.Column = SM.getColumnNumber(File, Offset);
  if (Range.isValid()) {
    CharSourceRange Chars = Lexer::makeFileCharRange(CharSourceRange::getTokenRange(Range), SM,
                                                     Context.getLangOpts());
    if (Chars.isValid() && SM.getDecomposedLoc(Chars.getBegin()) == std::make_pair(File, Offset) &&
        SM.getFileID(Chars.getEnd()) == File)
      Point.Length = SM.getFileOffset(Chars.getEnd()) - Offset;
  }
  return Point;
}

FunctionName functionName(const FunctionDecl &Function) {
  return {describeFunction(Function), packName(Function),
          Function.getIdentifier() ? Function.getName().str() : ""};
}

std::string enclosingFunctionName(const FunctionDecl &Function) {
  const FunctionDecl *Current = &Function;
  for (const auto *Method = dyn_cast<CXXMethodDecl>(Current);
       Method && Method->getParent()->isLambda(); Method = dyn_cast<CXXMethodDecl>(Current)) {
    Current = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
    if (!Current) // a lambda at namespace scope
      return "";
  }
  if (const FunctionDecl *Pattern = Current->getTemplateInstantiationPattern())
    Current = Pattern;
  return Current->getQualifiedNameAsString();
}

UnitSummaryBuilder::UnitSummaryBuilder(BlockingSummaries &Summaries, ASTContext &Context,
                                       bool AsError)
    : Summaries(Summaries), Context(Context), AsError(AsError) {}

void UnitSummaryBuilder::addHelper(const FunctionDecl &Definition) {
  SmallVector<const FunctionDecl *, 16> Work{&Definition};
  while (!Work.empty()) {
    const FunctionDecl *Helper = Work.pop_back_val();
    std::string Key = summaryKey(*Helper);
    if (Key.empty() || Summary.Helpers.count(Key))
      continue;
    HelperFacts &Facts = Summary.Helpers[Key];
    Facts.Name = functionName(*Helper);
    for (const BlockingSummaries::CallEdge &Edge : Summaries.callsOf(*Helper)) {
      SourcePoint At = sourcePoint(Edge.Call->getBeginLoc(), Context);
      if (Edge.Rule) {
        Facts.Blocks = DirectBlock{callName(*Edge.Call, *Edge.Callee), Edge.Rule->Reason,
                                   Edge.Rule->Cat == async_lint::rules::Category::IO, At};
        break;
      }
      std::string CalleeKey = summaryKey(*Edge.Callee);
      if (CalleeKey.empty())
        continue;
      Facts.Calls.push_back({CalleeKey, describeFunction(*Edge.Callee), At});
      if (!Edge.Open)
        Work.push_back(Edge.Callee);
    }
  }
}

bool UnitSummaryBuilder::addOpenCall(const Expr &Call, const FunctionDecl &Callee,
                                     const FunctionDecl &Coroutine) {
  bool Helper = Summaries.isHelper(Callee);
  std::string Key = summaryKey(Helper ? *Callee.getDefinition() : Callee);
  if (Key.empty())
    return false;
  if (Helper)
    addHelper(*Callee.getDefinition());
  auto [Known, New] = Readiness.try_emplace(&Coroutine);
  if (New)
    Known->second = awaitsReadiness(Coroutine);
  Summary.OpenCalls.push_back({sourcePoint(Call.getBeginLoc(), Context, Call.getSourceRange()),
                               Key, describeCoroutine(Coroutine),
                               enclosingFunctionName(Coroutine), Known->second, AsError});
  return true;
}

void UnitSummaryBuilder::prune() {
  // Keep the helpers that block directly or make an open call, and those that reach them.
  llvm::StringMap<SmallVector<StringRef, 2>> Callers;
  llvm::StringSet<> Keep;
  SmallVector<StringRef, 64> Work;
  for (const auto &[Key, Facts] : Summary.Helpers) {
    bool Seed = Facts.Blocks.has_value();
    for (const SummaryCall &Call : Facts.Calls) {
      if (Summary.Helpers.count(Call.Callee))
        Callers[Call.Callee].push_back(Key);
      else
        Seed = true;
    }
    if (Seed && Keep.insert(Key).second)
      Work.push_back(Key);
  }
  while (!Work.empty())
    for (StringRef Caller : Callers.lookup(Work.pop_back_val()))
      if (Keep.insert(Caller).second)
        Work.push_back(Caller);
  auto Dropped = [&](const std::string &Key) {
    return Summary.Helpers.count(Key) && !Keep.contains(Key);
  };
  for (auto &[Key, Facts] : Summary.Helpers)
    llvm::erase_if(Facts.Calls, [&](const SummaryCall &Call) { return Dropped(Call.Callee); });
  llvm::erase_if(Summary.OpenCalls,
                 [&](const CoroutineCall &Call) { return Dropped(Call.Callee); });
  for (auto It = Summary.Helpers.begin(); It != Summary.Helpers.end();)
    It = Keep.contains(It->first) ? std::next(It) : Summary.Helpers.erase(It);
}

UnitSummary UnitSummaryBuilder::take(bool Prune) {
  if (Prune)
    prune();
  return std::move(Summary);
}

} // namespace clang::tidy::async::utils
