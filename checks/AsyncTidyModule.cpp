//===--- AsyncTidyModule.cpp - the async-lint check list ------------------===//
//
// The ONE list of async-lint checks, alphabetical. The plugin, the async-lint CLI and
// async-lint-clangd all register the module through this file.
//
//===----------------------------------------------------------------------===//

#include "BlockingCallCheck.h"
#include "MissingCoAwaitCheck.h"
#include "SwallowedCancellationCheck.h"
#include "UnboundedConcurrencyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR < 22 // later versions declare the registry in ClangTidyModule.h
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

namespace clang::tidy::async {

class AsyncModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingCallCheck>("async-blocking-call");
    Factories.registerCheck<MissingCoAwaitCheck>("async-missing-co-await");
    Factories.registerCheck<SwallowedCancellationCheck>("async-swallowed-cancellation");
    Factories.registerCheck<UnboundedConcurrencyCheck>("async-unbounded-concurrency");
  }
};

// Registers the module with whichever clang-tidy registry this code is linked into.
static ClangTidyModuleRegistry::Add<AsyncModule>
    X("async-module", "Checks for C++20 coroutine code: missing co_await, blocking calls, "
                      "unbounded concurrency, swallowed cancellation.");

} // namespace clang::tidy::async

// Referenced from each binary's entry point so that the linker keeps the registration above.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int AsyncLintModuleAnchorSource = 0;
