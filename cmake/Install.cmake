# What `cmake --install` (and so the Debian package) holds: the two programs, the clang-tidy
# plugin named with its LLVM major (the plugins of several majors can sit side by side), the
# documentation, the rule-pack schema, and async-lint's man page, written by help2man from
# the same text as --help. The programs embed the checks' pages and the built-in packs, and
# find clang's built-in headers in the installed LLVM: nothing installed refers back to the
# source or build tree.
include(GNUInstallDirs)

find_program(HELP2MAN help2man REQUIRED)
set(man_page "${PROJECT_BINARY_DIR}/async-lint.1")
add_custom_command(
  OUTPUT "${man_page}"
  COMMAND "${HELP2MAN}" --no-info --name "find coroutine bugs in C++20 code"
          --output "${man_page}" $<TARGET_FILE:async-lint>
  DEPENDS async-lint
  COMMENT "Writing async-lint's man page from its --help"
  VERBATIM)
add_custom_target(async-lint-man-page ALL DEPENDS "${man_page}")

set(ASYNC_LINT_PLUGIN_NAME "libAsyncLint-llvm${ASYNC_LINT_LLVM_MAJOR}.so")
install(TARGETS async-lint async-lint-clangd RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES $<TARGET_FILE:AsyncLintPlugin> DESTINATION lib/async-lint
        RENAME "${ASYNC_LINT_PLUGIN_NAME}")
install(FILES "${man_page}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES README.md DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(DIRECTORY docs DESTINATION "${CMAKE_INSTALL_DOCDIR}" FILES_MATCHING PATTERN "*.md")
install(FILES rules/pack.schema.json DESTINATION "${CMAKE_INSTALL_DATADIR}/async-lint")
