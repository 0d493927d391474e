# The async-lint program end to end: see tests/cli/CMakeLists.txt.
