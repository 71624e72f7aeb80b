# t005-tests-use-helper: every test program tests/t*.c uses the one check helper tests/tesseratest.h, so that no
# printed verdict goes unasserted. A program must
#   1. include "tesseratest.h",
#   2. end with `return TesseraTestReturn();` (the exit status counts every TesseraTestCheck()),
#   3. print no verdict of its own: no "yes"/"no", "pass"/"FAIL", "PASS"/"FAIL", "ok"/"FAILED" and no comparison
#      "<"/">=" chosen by a condition (`cond ? "yes" : "no"`, `err < tol ? "<" : ">="`); such a line becomes
#      TesseraTestCheck(comm, cond, "...").
# Bad-input programs that must end with a PETSc error include the header too (their EXPECT_ERROR tests check the
# error). The programs are globbed when the test runs, so a new test program is checked without reconfiguring.
#
# usage: cmake -DSOURCE=<the tests directory> -P testhelper.cmake
if(NOT SOURCE)
  message(FATAL_ERROR "give -DSOURCE=<the tests directory>")
endif()
file(GLOB programs "${SOURCE}/t[0-9]*.c")
list(LENGTH programs n)
if(n EQUAL 0)
  message(FATAL_ERROR "no test programs t*.c found in ${SOURCE}")
endif()
set(problems 0)
foreach(file IN LISTS programs)
  get_filename_component(name "${file}" NAME)
  file(READ "${file}" text)
  if(NOT text MATCHES "(^|\n)[ \t]*#[ \t]*include[ \t]+[\"<]tesseratest\\.h[\">]")
    message("${name}: does not include tesseratest.h (use TesseraTestCheck() for every verdict)")
    math(EXPR problems "${problems} + 1")
  endif()
  if(NOT text MATCHES "return[ \t]+TesseraTestReturn\\(\\)[ \t]*;")
    message("${name}: does not end with `return TesseraTestReturn();`")
    math(EXPR problems "${problems} + 1")
  endif()
  if(text MATCHES "\\?[ \t\r\n]*\"(yes|pass|PASS|ok)\"[ \t\r\n]*:[ \t\r\n]*\"(no|NO|fail|FAIL|FAILED)\"")
    message("${name}: prints a verdict of its own (${CMAKE_MATCH_0}); make it a TesseraTestCheck()")
    math(EXPR problems "${problems} + 1")
  endif()
  # a comparison chosen by a condition is a verdict in a PetscPrintf() (up to its first semicolon), but may describe
  # the case inside a TesseraTestCheck() message (t503: "grows as predicted by nbar > ...")
  string(REGEX MATCHALL "PetscPrintf\\([^;]*" prints "${text}")
  foreach(print IN LISTS prints)
    if(print MATCHES "\\?[ \t\r\n]*\"(<|<=|>|>=)\"[ \t\r\n]*:[ \t\r\n]*\"(<|<=|>|>=)\"")
      message("${name}: prints a verdict of its own (${CMAKE_MATCH_0}); make it a TesseraTestCheck()")
      math(EXPR problems "${problems} + 1")
    endif()
  endforeach()
endforeach()
if(problems GREATER 0)
  message(FATAL_ERROR "${problems} problem(s) in the ${n} test programs of ${SOURCE}")
endif()
message("all ${n} test programs include tesseratest.h, return TesseraTestReturn() and print no verdict of their own")
