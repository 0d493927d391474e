# Builds the Debian package of a build directory afresh, as `cpack` does there:
#   cmake -DCPACK=cpack -DBUILD_DIR=build -DPACKAGE_DIR=build/package -P BuildPackage.cmake
file(REMOVE_RECURSE "${PACKAGE_DIR}")
execute_process(COMMAND "${CPACK}" --config "${BUILD_DIR}/CPackConfig.cmake"
                WORKING_DIRECTORY "${BUILD_DIR}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cpack failed (${status})")
endif()
