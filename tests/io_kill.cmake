# Kill-and-resume loop (the reliability review's kill trials, as a test): TRIALS runs of EXE, each killed with SIGKILL in
# the middle of a seeded pseudo-random checkpoint write (-io_kill_during_write N, N in 1..WRITES drawn from a linear
# congruential generator started at SEED), on 1 rank for odd trials and 2 ranks for even ones. Each run resumes from
# the checkpoint it left behind (from scratch if it died before the first one was committed) and its final state
# must equal the uninterrupted run on the same number of ranks:
#   MODE rd:    bit for bit (t002 -tol 0 on /solution/uv)
#   MODE self:  through the program's own -compare (chemotaxis: -compare_tol TOL, as its restart does not restore
#               the step-size controller's history it is not bit for bit; atom: the total energy within the
#               example's 1e-9 Ha; its SCF restart drops the mixing history)
# The checkpoint left must be readable and a partial <ck>.<random>.tmp must sit beside it.
# Definitions: EXE, COMMON (|-separated arguments), INTERVAL, WRITES, MODE, EXPECT (regex of a good -compare),
# SEED, TRIALS, COMPARE (t002, MODE rd), TOL (MODE self with -compare_tol).
include(${HARNESS})
string(REPLACE "|" ";" common "${COMMON}")
file(GLOB stale *.h5 *.tmp)
if(stale)
  file(REMOVE ${stale})
endif()
tessera_run(out COMMAND ${EXE} ${common} -output full1.h5)
tessera_run(out NP 2 COMMAND ${EXE} ${common} -output full2.h5)
set(x ${SEED})
set(killed 0)
foreach(trial RANGE 1 ${TRIALS})
  math(EXPR x "(1103515245 * ${x} + 12345) % 2147483648")
  math(EXPR n "1 + (${x} / 65536) % ${WRITES}")
  math(EXPR np "2 - ${trial} % 2")
  file(GLOB stale ck.h5 ck.h5.*.tmp res.h5)
  if(stale)
    file(REMOVE ${stale})
  endif()
  message("trial ${trial}: ${np} rank(s), killed during Vec write ${n}")
  tessera_run_killed("trial ${trial}" ${np} ${n} ck.h5 COMMAND ${EXE} ${common} -checkpoint ck.h5 -checkpoint_interval ${INTERVAL} -io_kill_during_write ${n})
  set(restart)
  if(EXISTS ${CMAKE_CURRENT_BINARY_DIR}/ck.h5)
    set(restart -restart ck.h5)
    math(EXPR killed "${killed} + 1")
  endif()
  if(MODE STREQUAL "rd")
    tessera_run(out NP ${np} COMMAND ${EXE} ${common} ${restart} -output res.h5)
    tessera_run(out NP ${np} COMMAND ${COMPARE} -a full${np}.h5 -b res.h5 -group /solution -name uv -bs 2 -grid 24,24 -tol 0)
    tessera_expect("${out}" "ok: [^\n]*agrees to relative 0[.]? " "trial ${trial}: resumed final state equals the uninterrupted one bit for bit")
  else()
    set(tol)
    if(DEFINED TOL)
      set(tol -compare_tol ${TOL})
    endif()
    tessera_run(out NP ${np} COMMAND ${EXE} ${common} ${restart} -compare full${np}.h5 ${tol})
    tessera_expect("${out}" "${EXPECT}" "trial ${trial}: resumed final state equals the uninterrupted one")
  endif()
endforeach()
message("check: ${killed} of ${TRIALS} trials resumed from a checkpoint, the others from scratch: yes")
