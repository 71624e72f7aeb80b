# Runs CMD (a '|'-separated command line with the test flags already in it), which must fail cleanly:
# nonzero exit, a PETSc error message matching REGEX, no crash.
include(${CMAKE_CURRENT_LIST_DIR}/harness.cmake)
string(REPLACE "|" ";" CMD "${CMD}")
tessera_expect_error("expected error" "${REGEX}" NO_FLAGS COMMAND ${CMD})
