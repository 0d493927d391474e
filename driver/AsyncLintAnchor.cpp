// Pulls the check module's registration out of the static check library into a program.
extern volatile int AsyncLintModuleAnchorSource;
[[maybe_unused]] static int AsyncLintModuleAnchorDestination = AsyncLintModuleAnchorSource;
