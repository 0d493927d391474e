//===--- PluginEntry.cpp - the clang-tidy plugin --------------------------===//
//
// Built as a MODULE and loaded with `clang-tidy --load`: keeping a reference to the module's
// anchor is all it takes to bring the check registration into the shared object.
//
//===----------------------------------------------------------------------===//

extern volatile int AsyncLintModuleAnchorSource;
[[maybe_unused]] static int AsyncLintModuleAnchorDestination = AsyncLintModuleAnchorSource;
