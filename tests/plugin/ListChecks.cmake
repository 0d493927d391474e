# Runs `clang-tidy --load=PLUGIN --checks=-*,async-* --list-checks` and compares its output
# with the EXPECTED file, exactly.
execute_process(COMMAND ${CLANG_TIDY} --load=${PLUGIN} --checks=-*,async-* --list-checks
                OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0 OR NOT actual STREQUAL expected)
  message(FATAL_ERROR "clang-tidy exited with ${status}\n--- expected\n${expected}--- actual\n${actual}${errors}")
endif()
