# Included after project(): a compiler given that is not clang (see DefaultCompiler.cmake)
# stops the configuration here, not at the link ten minutes later. (A message that starts
# with a space is printed as one line: CMake wraps the others.)
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR " ${CMAKE_CXX_COMPILER} is ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}, not clang: Debian's LLVM libraries link only with clang++; configure a new build directory with no compiler given (it builds with ${ASYNC_LINT_DEFAULT_CXX})")
endif()
