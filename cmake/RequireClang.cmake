# Included after project(): a compiler given that is not clang (see DefaultCompiler.cmake)
# stops the configuration here, not at the link ten minutes later.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "${CMAKE_CXX_COMPILER} is ${CMAKE_CXX_COMPILER_ID}, not clang: Debian's LLVM libraries link only with clang++; configure a new build directory without a compiler (for ${ASYNC_LINT_DEFAULT_CXX}) or with -DCMAKE_CXX_COMPILER=${ASYNC_LINT_DEFAULT_CXX}")
endif()
