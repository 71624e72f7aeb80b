# Helpers for scenario tests run with cmake -P (see tessera_add_script_test).
# MPIEXEC and FLAGS arrive as '|'-separated lists.
string(REPLACE "|" ";" MPIEXEC "${MPIEXEC}")
string(REPLACE "|" ";" FLAGS "${FLAGS}")
#
# tessera_run(<out-var> [NP n] [EXPECT_FAIL] COMMAND exe args...) runs a program with the leak/option flags,
# fails the test on a nonzero exit (unless EXPECT_FAIL), on leak reports, unused options or PETSc errors,
# and returns the combined output.
function(tessera_run outvar)
  cmake_parse_arguments(R "EXPECT_FAIL;NO_FLAGS" "NP" "COMMAND" ${ARGN})
  set(cmd ${R_COMMAND})
  if(NOT R_NO_FLAGS)
    list(APPEND cmd ${FLAGS})
  endif()
  if(R_NP AND R_NP GREATER 1)
    set(cmd ${MPIEXEC} ${R_NP} ${cmd})
  endif()
  string(REPLACE ";" " " pretty "${cmd}")
  message("$ ${pretty}")
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(all "${out}${err}")
  message("${all}")
  if(R_EXPECT_FAIL)
    if(rv EQUAL 0)
      message(FATAL_ERROR "expected this run to fail")
    endif()
  else()
    if(NOT rv EQUAL 0)
      message(FATAL_ERROR "exit status ${rv}")
    endif()
    if(all MATCHES "${FAIL_REGEX}")
      message(FATAL_ERROR "output matches the failure pattern: ${CMAKE_MATCH_0}")
    endif()
  endif()
  set(${outvar} "${all}" PARENT_SCOPE)
endfunction()

# tessera_expect(<text> <regex> <what>) fails the test unless text matches regex.
function(tessera_expect text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "check failed: ${what} (no match for '${regex}')")
  endif()
  message("check: ${what}: yes")
endfunction()

# tessera_expect_error(<what> <regex> [NP n] [NO_FLAGS] COMMAND exe args...) runs a program that must fail
# cleanly: nonzero exit, a PETSc error message matching regex, and no crash (signal, sanitizer report).
function(tessera_expect_error what regex)
  tessera_run(out EXPECT_FAIL ${ARGN})
  tessera_expect("${out}" "PETSC ERROR" "${what}: PETSc error raised")
  tessera_expect("${out}" "${regex}" "${what}: message")
  if(out MATCHES "Caught signal|Segmentation|AddressSanitizer|runtime error:")
    message(FATAL_ERROR "${what}: the program crashed instead of failing cleanly")
  endif()
endfunction()

# tessera_run_killed(<what> <np> <n> <ck> COMMAND exe args...) runs a program (with the leak/option flags) that writes
# checkpoints to <ck> with -io_kill_during_write <n> among its arguments: it must die during write <n> and leave
# exactly one partial <ck>.<random>.tmp beside the checkpoint (the io layer's atomic writes).
function(tessera_run_killed what np n ck)
  cmake_parse_arguments(R "" "" "COMMAND" ${ARGN})
  set(cmd ${R_COMMAND} ${FLAGS})
  if(np GREATER 1)
    set(cmd ${MPIEXEC} ${np} ${cmd})
  endif()
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rv EQUAL 0)
    message(FATAL_ERROR "${what}: the run was not killed (write ${n} never happened):\n${out}${err}")
  endif()
  tessera_expect("${out}" "killing the process during write number ${n}" "${what}: killed during a checkpoint write")
  file(GLOB partial ${ck}.*.tmp)
  list(LENGTH partial npartial)
  if(NOT npartial EQUAL 1)
    message(FATAL_ERROR "${what}: expected one partial ${ck}.<random>.tmp, found ${npartial}")
  endif()
endfunction()
