# Included before project(). Debian's clang-tidy and clangd libraries carry explicit template
# instantiations mangled the way clang mangles them (ClangTidyCheck::OptionsView::get<bool>,
# ...): g++, CMake's usual default, compiles the project and then fails to link it. So when
# no compiler is given, async-lint builds with the clang++ of the LLVM it links.
set(ASYNC_LINT_DEFAULT_CXX "${ASYNC_LINT_LLVM_PREFIX}/bin/clang++")

if(NOT DEFINED CMAKE_CXX_COMPILER AND "$ENV{CXX}" STREQUAL "")
  if(NOT EXISTS "${ASYNC_LINT_DEFAULT_CXX}")
    message(FATAL_ERROR " no ${ASYNC_LINT_DEFAULT_CXX}: async-lint builds with the clang++ of the LLVM it links; install clang-${ASYNC_LINT_LLVM_MAJOR} (scripts/setup.sh ${ASYNC_LINT_LLVM_MAJOR} does)")
  endif()
  set(CMAKE_CXX_COMPILER "${ASYNC_LINT_DEFAULT_CXX}" CACHE FILEPATH "C++ compiler")
endif()
