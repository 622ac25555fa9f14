# workbench_add_test(NAME SOURCES... LIBRARIES... [LABELS...] [ENVIRONMENT...])
# One QtTest executable = one ctest test; run headless (offscreen) with a fixed locale.
function(workbench_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;LABELS;ENVIRONMENT;FIXTURES" ${ARGN})
  qt_add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBRARIES})
  target_compile_definitions(${name} PRIVATE
      WORKBENCH_TEST_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures"
      WORKBENCH_TEST_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name})
  # Sanitized builds run several times slower (the PostgreSQL audit suite needs over 300 s there).
  set(timeout 300)
  if(WORKBENCH_SANITIZE)
    set(timeout 1200)
  endif()
  set_tests_properties(${name} PROPERTIES
      LABELS "${ARG_LABELS}"
      TIMEOUT ${timeout}
      ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;QT_LOGGING_RULES=ccdash.*.debug=false;CCDASH_WORKBENCH_AUDIT_KEY_FILE=${PROJECT_BINARY_DIR}/test-audit-keys/audit-seal.key;${ARG_ENVIRONMENT}")
  if(ARG_FIXTURES)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
endfunction()
