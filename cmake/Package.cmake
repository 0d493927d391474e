# `cpack` in a build directory makes the Debian package of its LLVM major:
# async-lint_VERSION+llvmN_amd64.deb, installable with `apt install ./async-lint_*.deb`.
# Its Depends are what dpkg-shlibdeps finds the programs linked against (libclang-cpp and
# libllvm of that major, clangd's gRPC runtime, ...) plus clang's built-in headers of that
# LLVM, which the programs parse with; the plugin is for that major's clang-tidy. Packages of
# different majors replace each other: each holds /usr/bin/async-lint.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME async-lint)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}+llvm${ASYNC_LINT_LLVM_MAJOR}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Clang-based linter for C++20 coroutine code (LLVM ${ASYNC_LINT_LLVM_MAJOR})")
set(CPACK_PACKAGE_DESCRIPTION "async-lint finds missing co_await, blocking calls in coroutines, \
unbounded concurrency and swallowed cancellation: the async-lint CLI for whole compile \
databases, a clang-tidy-${ASYNC_LINT_LLVM_MAJOR} plugin and async-lint-clangd for editors.")
set(ASYNC_LINT_PACKAGE_MAINTAINER "async-lint maintainers" CACHE STRING
    "the Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${ASYNC_LINT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-${ASYNC_LINT_LLVM_MAJOR}-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-${ASYNC_LINT_LLVM_MAJOR}")
set(CPACK_OUTPUT_FILE_PREFIX "${PROJECT_BINARY_DIR}/package")
include(CPack)
