//===--- UnitAnalyzer.cpp - runs the checks on one translation unit -------===//
//
// What clang-tidy's runClangTidy does for one file, with two differences: the compile
// command is run here (so that a failure is known per unit, and quietly), and the matchers
// see only the project's declarations (see ProjectScopeConsumer).
//
//===----------------------------------------------------------------------===//

#include "UnitAnalyzer.h"
#include "FindingConversion.h"
#include "SourceLanguage.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "utils/LlvmCompat.h"
#include "utils/UnitSummaryBuilder.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace async_lint::cli {
namespace {

using namespace clang;
using tidy::ClangTidyASTConsumerFactory;
using tidy::ClangTidyContext;
using tidy::ClangTidyDiagnosticConsumer;
using tidy::async::utils::attachDiagnosticsEngine;

/// Records where each function of the project's code begins and ends, so that a finding
/// can name its enclosing function (the baseline's fingerprint). Walks declarations only,
/// never statements: findings inside lambdas belong to the function that holds them.
void indexFunctions(const Decl *D, const SourceManager &SM, FunctionIndex &Index) {
  if (const auto *Template = dyn_cast<TemplateDecl>(D)) {
    if (const Decl *Pattern = Template->getTemplatedDecl())
      indexFunctions(Pattern, SM, Index);
    return;
  }
  if (const auto *Function = dyn_cast<FunctionDecl>(D)) {
    if (!Function->doesThisDeclarationHaveABody())
      return;
    SourceLocation Begin = SM.getFileLoc(Function->getBeginLoc());
    SourceLocation End = SM.getFileLoc(Function->getEndLoc());
    if (SM.getFileID(Begin) != SM.getFileID(End))
      return;
    Index.add(std::string(SM.getFilename(Begin)), SM.getFileOffset(Begin),
              SM.getFileOffset(End), Function->getQualifiedNameAsString());
    return;
  }
  if (const auto *Context = dyn_cast<DeclContext>(D))
    for (const Decl *Child : Context->decls())
      indexFunctions(Child, SM, Index);
}

/// clang-tidy's AST consumer, limited to the project's own declarations: the checks never
/// report in system headers, so matching them (and building the parent map over them, the
/// largest cost of the checks) is wasted work. Standard and Asio headers are most of a TU.
class ProjectScopeConsumer : public MultiplexConsumer {
public:
  ProjectScopeConsumer(std::unique_ptr<ASTConsumer> Tidy, FunctionIndex &Index)
      : MultiplexConsumer(consumers(std::move(Tidy))), Index(Index) {}

  void Initialize(ASTContext &Context) override {
    SM = &Context.getSourceManager();
    MultiplexConsumer::Initialize(Context);
  }

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    for (Decl *D : Group)
      if (!SM->isInSystemHeader(SM->getExpansionLoc(D->getLocation())))
        ProjectDecls.push_back(D);
    return MultiplexConsumer::HandleTopLevelDecl(Group);
  }

  void HandleTranslationUnit(ASTContext &Context) override {
    Context.setTraversalScope(ProjectDecls);
    MultiplexConsumer::HandleTranslationUnit(Context);
    for (const Decl *D : ProjectDecls)
      indexFunctions(D, *SM, Index);
  }

private:
  static std::vector<std::unique_ptr<ASTConsumer>> consumers(std::unique_ptr<ASTConsumer> C) {
    std::vector<std::unique_ptr<ASTConsumer>> List;
    List.push_back(std::move(C));
    return List;
  }

  FunctionIndex &Index;
  const SourceManager *SM = nullptr;
  std::vector<Decl *> ProjectDecls;
};

class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  /// Inputs, when given, receives the files each parse read.
  TidyActionFactory(ClangTidyASTConsumerFactory &Tidy, FunctionIndex &Index,
                    std::vector<InputFile> *Inputs)
      : Tidy(Tidy), Index(Index), Inputs(Inputs) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Tidy, Index, Inputs);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *Consumer) override {
    // Unlike clang-tidy, no __clang_analyzer__: code hides things from the static analyzer
    // behind it, which async-lint does not run; the checks must see what the compiler sees.
    // Findings are rendered by async-lint; clang's "N warnings generated." is noise.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files, PCHContainerOps, Consumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Tidy, FunctionIndex &Index,
           std::vector<InputFile> *Inputs)
        : Tidy(Tidy), Index(Index), Inputs(Inputs) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   StringRef File) override {
      return std::make_unique<ProjectScopeConsumer>(Tidy.createASTConsumer(Compiler, File),
                                                    Index);
    }
    // The source manager still holds the buffers the parse read.
    void EndSourceFileAction() override {
      if (Inputs)
        addInputs(getCompilerInstance(), *Inputs);
    }

  private:
    ClangTidyASTConsumerFactory &Tidy;
    FunctionIndex &Index;
    std::vector<InputFile> *Inputs;
  };

  ClangTidyASTConsumerFactory &Tidy;
  FunctionIndex &Index;
  std::vector<InputFile> *Inputs;
};

/// The compile command as clang-tidy adjusts it: syntax only, no outputs or plugins, the
/// configuration's ExtraArgs, and our LLVM's resource directory (the default one is found
/// next to the running executable, which is not where clang's headers are).
std::vector<std::string> adjustCommand(const tooling::CompileCommand &Command,
                                       const tidy::ClangTidyOptions &Options) {
  tooling::ArgumentsAdjuster Adjust = tooling::combineAdjusters(
      tooling::getClangStripOutputAdjuster(),
      tooling::combineAdjusters(tooling::getClangSyntaxOnlyAdjuster(),
                                tooling::getClangStripDependencyFileAdjuster()));
  Adjust = tooling::combineAdjusters(Adjust, tooling::getStripPluginsAdjuster());
  std::vector<std::string> Args = Adjust(Command.CommandLine, Command.Filename);
  if (Options.ExtraArgsBefore)
    Args.insert(Args.begin() + (Args.empty() ? 0 : 1), Options.ExtraArgsBefore->begin(),
                Options.ExtraArgsBefore->end());
  if (Options.ExtraArgs) // before a `--` that ends the options, as clang-tidy inserts them
    Args.insert(llvm::find(Args, "--"), Options.ExtraArgs->begin(), Options.ExtraArgs->end());
  bool HasResourceDir = llvm::any_of(
      Args, [](llvm::StringRef Arg) { return Arg.starts_with("-resource-dir"); });
  if (!HasResourceDir)
    Args.insert(Args.begin() + (Args.empty() ? 0 : 1),
                std::string("-resource-dir=") + ASYNC_LINT_RESOURCE_DIR);
  return Args;
}

} // namespace

struct UnitAnalyzer::State {
  State(const ConfigBase &Config, ConfigErrors &Errors, SourceFiles &Sources,
        const tooling::CompilationDatabase &Database, bool RecordInputs)
      : Provider(makeOptionsProvider(Config, Errors).release()),
        Context(std::unique_ptr<tidy::ClangTidyOptionsProvider>(Provider)),
        Consumer(Context), Engine(attachDiagnosticsEngine(Context, Consumer)),
        Sources(Sources), Database(Database), RecordInputs(RecordInputs) {
    Tidy = std::make_unique<ClangTidyASTConsumerFactory>(Context);
  }

  tidy::ClangTidyOptionsProvider *Provider; // owned by Context
  ClangTidyContext Context;
  ClangTidyDiagnosticConsumer Consumer;
  std::unique_ptr<DiagnosticsEngine> Engine;
  std::unique_ptr<ClangTidyASTConsumerFactory> Tidy;
  SourceFiles &Sources;
  const tooling::CompilationDatabase &Database;
  bool RecordInputs;
  // Each thread keeps its own working directory: the real file system's is the process's.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = llvm::vfs::createPhysicalFileSystem();
  std::shared_ptr<PCHContainerOperations> PCH = std::make_shared<PCHContainerOperations>();
};

UnitAnalyzer::UnitAnalyzer(const ConfigBase &Config, ConfigErrors &Errors,
                           SourceFiles &Sources,
                           const tooling::CompilationDatabase &Database, bool RecordInputs)
    : S(std::make_unique<State>(Config, Errors, Sources, Database, RecordInputs)) {}

UnitAnalyzer::~UnitAnalyzer() = default;

std::vector<std::string> enabledChecks(const ConfigBase &Config, const std::string &File) {
  ConfigErrors Ignored; // reported by the analysis itself
  ClangTidyContext Context(makeOptionsProvider(Config, Ignored));
  Context.setCurrentFile(File);
  return ClangTidyASTConsumerFactory(Context).getCheckNames();
}

UnitResult UnitAnalyzer::analyse(const std::string &File) {
  UnitResult Result;
  Result.File = File;
  Result.Filters = headerFiltersFor(*S->Provider, File);
  std::vector<tooling::CompileCommand> Commands = S->Database.getCompileCommands(File);
  if (Commands.empty()) {
    Result.Compiled = false;
    Result.CompileErrors.push_back(locationlessError("no compile command for " + File));
    return Result;
  }
  FunctionIndex Index;
  tidy::async::utils::SummaryRecording Recording(Result.Summary); // the checks' summaries
  bool RanCleanly = true;
  for (const tooling::CompileCommand &Command : Commands) {
    if (!compilesCxx(Command)) // a file compiled both as C and as C++: its C++ commands
      continue;
    S->FS->setCurrentWorkingDirectory(Command.Directory);
    Index.Directory = Command.Directory;
    llvm::IntrusiveRefCntPtr<FileManager> Files(new FileManager(FileSystemOptions(), S->FS));
    TidyActionFactory Factory(*S->Tidy, Index, S->RecordInputs ? &Result.Inputs : nullptr);
    tooling::ToolInvocation Invocation(
        adjustCommand(Command, S->Context.getOptionsForFile(File)), &Factory, Files.get(),
        S->PCH);
    Invocation.setDiagnosticConsumer(&S->Consumer);
    S->Consumer.clear(); // clang judges a unit by the consumer's error count: start at zero
    RanCleanly &= Invocation.run();
  }
  for (const tidy::ClangTidyError &Error : S->Consumer.take())
    classify(convertError(Error, Index, S->Sources), Error, Result);
  // clang counts a check's configuration error (a bad rule pack) as an error of the unit:
  // only compile errors, or a failure that reported nothing, mean it did not compile.
  if (!RanCleanly && Result.CompileErrors.empty() && Result.ConfigurationErrors.empty())
    Result.CompileErrors.push_back(locationlessError("analysis of " + File + " failed"));
  Result.Compiled = Result.CompileErrors.empty();
  sortInputs(Result.Inputs);
  return Result;
}

} // namespace async_lint::cli
