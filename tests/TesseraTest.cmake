# tessera test harness (style.md section 10).
#
# tessera_add_test(NAME name TARGET target [NP 1|2] [ARGS ...] [LABELS ...] [TIMEOUT s]
#                  [EXPECT_ERROR regex] [WORKING_DIRECTORY dir] [DEPENDS tests...]
#                  [FIXTURES_SETUP f] [FIXTURES_REQUIRED f])
#
# Registers one run of an executable on NP MPI ranks. Every run gets -malloc_dump -options_left and fails on
# a nonzero exit, on a failed TesseraTestCheck() ("FAILED: ..."), on any -malloc_dump leak report (and -objects_dump),
# on unused options and on any PETSc error. With
# EXPECT_ERROR the run must instead exit nonzero with a PETSc error whose text matches the regex, and must not
# crash (signal, segmentation violation).
#
# tessera_add_script_test(NAME name SCRIPT file.cmake [LABELS ...] [DEFINES -Dk=v ...] [NP 1|2]) registers a
# multi-step scenario written as a CMake script run with `cmake -P`; it gets TESSERA_RUN (the command prefix
# with the leak/option flags appended after the arguments by tessera_run()) through -D definitions.

set(TESSERA_TEST_FAIL_REGEX "FAILED: |[0-9]+ bytes .*\\(\\) at |never freed|WARNING! There are options|Option left:|PETSC ERROR|Caught signal|Segmentation|AddressSanitizer|runtime error:")
set(TESSERA_TEST_FLAGS -malloc_dump -objects_dump -options_left)
set(TESSERA_TEST_ENV "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMPI_MCA_pml=ob1;OMPI_MCA_btl=self,vader;OMPI_MCA_rmaps_base_oversubscribe=1;ASAN_OPTIONS=detect_leaks=0")
# tessera_test_env(<var> <test-name>): the environment of one test. Programs run without mpiexec are Open MPI
# 4.1 singletons; OMPI_MCA_ess_singleton_isolated=1 keeps them from forking a supporting orted, whose shutdown
# after the program's exit (it dlclose()s mca_oob_tcp.so while its event thread may still run) crashed once in CI
# with SIGSEGV, printed into the test's output after a correct run (t211-logreg-bad-missing: "[vm:06834] ...
# mca_oob_tcp.so ... Segmentation fault"); it also halves a singleton's start-up. Isolated singletons all have the
# same job id, hence the same session directory, which each removes at exit: two at once in one directory break
# each other (MPI-IO's sharedfp files), so every test gets its own OMPI_MCA_orte_tmpdir_base and a test that runs
# programs concurrently (option_fuzz.py --jobs) gives each run a directory of its own below it.
function(tessera_test_env var name)
  set(tmp ${CMAKE_BINARY_DIR}/tests/ompi/${name})
  file(MAKE_DIRECTORY ${tmp})
  set(${var} "${TESSERA_TEST_ENV};OMPI_MCA_ess_singleton_isolated=1;OMPI_MCA_orte_tmpdir_base=${tmp}" PARENT_SCOPE)
endfunction()

set(TESSERA_EXPECT_ERROR_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/expect_error.cmake)

function(tessera_mpi_prefix var np)
  if(np GREATER 1)
    set(${var} ${MPIEXEC_EXECUTABLE} ${MPIEXEC_NUMPROC_FLAG} ${np} ${MPIEXEC_PREFLAGS} PARENT_SCOPE)
  else()
    set(${var} "" PARENT_SCOPE)
  endif()
endfunction()

function(tessera_add_test)
  cmake_parse_arguments(T "" "NAME;TARGET;NP;TIMEOUT;EXPECT_ERROR;WORKING_DIRECTORY;FIXTURES_SETUP;FIXTURES_REQUIRED" "ARGS;LABELS;DEPENDS" ${ARGN})
  if(NOT T_NP)
    set(T_NP 1)
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  if(NOT T_WORKING_DIRECTORY)
    set(T_WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/tests/run)
  endif()
  file(MAKE_DIRECTORY ${T_WORKING_DIRECTORY})
  tessera_mpi_prefix(prefix ${T_NP})
  if(T_EXPECT_ERROR)
    set(cmd ${prefix} $<TARGET_FILE:${T_TARGET}> ${T_ARGS} ${TESSERA_TEST_FLAGS})
    string(REPLACE ";" "|" cmd "${cmd}")
    add_test(NAME ${T_NAME} COMMAND ${CMAKE_COMMAND} "-DCMD=${cmd}" "-DREGEX=${T_EXPECT_ERROR}" -P ${TESSERA_EXPECT_ERROR_SCRIPT}
             WORKING_DIRECTORY ${T_WORKING_DIRECTORY})
    list(APPEND T_LABELS bad-input)
  else()
    add_test(NAME ${T_NAME} COMMAND ${prefix} $<TARGET_FILE:${T_TARGET}> ${T_ARGS} ${TESSERA_TEST_FLAGS} WORKING_DIRECTORY ${T_WORKING_DIRECTORY})
    set_tests_properties(${T_NAME} PROPERTIES FAIL_REGULAR_EXPRESSION "${TESSERA_TEST_FAIL_REGEX}")
  endif()
  if(T_NP GREATER 1)
    list(APPEND T_LABELS mpi)
  endif()
  tessera_test_env(env ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES PROCESSORS ${T_NP} TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}" LABELS "${T_LABELS}")
  if(T_DEPENDS)
    set_tests_properties(${T_NAME} PROPERTIES DEPENDS "${T_DEPENDS}")
  endif()
  if(T_FIXTURES_SETUP)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_SETUP ${T_FIXTURES_SETUP})
  endif()
  if(T_FIXTURES_REQUIRED)
    set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED ${T_FIXTURES_REQUIRED})
  endif()
endfunction()

function(tessera_add_script_test)
  cmake_parse_arguments(T "" "NAME;SCRIPT;NP;TIMEOUT" "LABELS;DEFINES" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  if(NOT T_NP)
    set(T_NP 1)
  endif()
  set(wd ${CMAKE_BINARY_DIR}/tests/run/${T_NAME})
  file(MAKE_DIRECTORY ${wd})
  string(REPLACE ";" "|" mpiexec "${MPIEXEC_EXECUTABLE};${MPIEXEC_NUMPROC_FLAG}")
  string(REPLACE ";" "|" flags "${TESSERA_TEST_FLAGS}")
  add_test(NAME ${T_NAME} COMMAND ${CMAKE_COMMAND} "-DMPIEXEC=${mpiexec}" "-DFLAGS=${flags}" "-DFAIL_REGEX=${TESSERA_TEST_FAIL_REGEX}"
           "-DHARNESS=${CMAKE_SOURCE_DIR}/tests/harness.cmake" ${T_DEFINES} -P ${T_SCRIPT} WORKING_DIRECTORY ${wd})
  tessera_test_env(env ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES PROCESSORS ${T_NP} TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}" LABELS "${T_LABELS}")
endfunction()
