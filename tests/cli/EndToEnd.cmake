# The async-lint program end to end: see tests/cli/CMakeLists.txt. Each script copies the
# sample project (e2e/project/) to a temporary directory and checks exact outputs.
set(e2e_dir "${CMAKE_CURRENT_SOURCE_DIR}/e2e")
set(e2e_args $<TARGET_FILE:async-lint> "${PROJECT_SOURCE_DIR}")
set(e2e_sarif_args "${SARIF_MULTITOOL}" "${CMAKE_CURRENT_SOURCE_DIR}/validate_sarif.py")

set(e2e_tests)
foreach(script text_output json_output header_dedup exit_codes configuration baseline fixes
               parallel_and_paths isolation compile_databases checks_in_force cache
               changed_since)
  add_test(NAME cli_e2e_${script} COMMAND python3 "${e2e_dir}/${script}.py" ${e2e_args})
  list(APPEND e2e_tests cli_e2e_${script})
endforeach()
foreach(script sarif_output shards_merge)
  add_test(NAME cli_e2e_${script}
    COMMAND python3 "${e2e_dir}/${script}.py" ${e2e_args} ${e2e_sarif_args})
  list(APPEND e2e_tests cli_e2e_${script})
endforeach()
# Findings across translation units, from the CLI and from the plugin reading its index.
add_test(NAME cli_e2e_cross_unit
  COMMAND python3 "${e2e_dir}/cross_unit.py" ${e2e_args} "${ASYNC_LINT_CLANG_TIDY}"
          $<TARGET_FILE:AsyncLintPlugin>)
list(APPEND e2e_tests cli_e2e_cross_unit)
# No __pycache__ in the source tree (the scripts import e2e/project.py); the LLVM that
# async-lint was built with gives the tests their compiler and llvm-config.
set_tests_properties(${e2e_tests} PROPERTIES ENVIRONMENT
  "PYTHONDONTWRITEBYTECODE=1;ASYNC_LINT_LLVM_PREFIX=${ASYNC_LINT_LLVM_PREFIX}")
# The result cache is the CLI's own bookkeeping (keys, entries, eviction), built alike against
# every LLVM major: CI runs it against LLVM 19 only (label llvm-independent, .ci/run).
set_tests_properties(cli_e2e_cache PROPERTIES LABELS llvm-independent)
