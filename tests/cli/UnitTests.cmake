# Unit tests of the CLI's parts: see tests/cli/CMakeLists.txt.
