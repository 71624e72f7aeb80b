# Kill-and-resume test of a solver's checkpoints (alsketch: examples/nlp, bilevel: examples/bilevel), in the shape of
# io_kill.cmake: one uninterrupted run; then TRIALS runs that write a checkpoint every INTERVAL iterations and are
# killed with SIGKILL in the middle of a seeded pseudo-random checkpoint write (-io_kill_during_write N, N drawn from
# a linear congruential generator started at SEED, among the first MAXWRITE dataset writes, all of which belong to
# checkpoints). Each killed run must leave a partial <ck>.<random>.tmp; the run resumed from the checkpoint left
# (from scratch if the first one was never committed) must end with the iterate, the iteration count and the whole
# history of the uninterrupted run, bit for bit (same number of ranks, same options).
# Defines: EXE, COMPARE, NP, ARGS ('|'-separated), CKPT (checkpoint option), INTERVAL_OPT, INTERVAL, RESTART_OPT,
#          TRIALS, SEED, MAXWRITE, DATASETS ('|'-separated group:name[:bs:Mx,My] for DMDA fields), ITS_REGEX (one capture:
#          iterations),
#          RESUMED_REGEX (printed by -VIEW_OPT of a resumed run), VIEW_OPT, RUN_FLAG (optional: NOT_CONVERGED for runs
#          that end at their iteration budget, see tessera_run)
include(${HARNESS})
tessera_checkpoint_script_begin()
tessera_run(out NP ${NP} ${RUN_FLAG} COMMAND ${EXE} ${ARGS} -output full.h5)
string(REGEX MATCH "${ITS_REGEX}" m "${out}")
if(NOT m)
  message(FATAL_ERROR "no iteration count in the output of the uninterrupted run")
endif()
set(fullits ${CMAKE_MATCH_1})
message("uninterrupted run: ${fullits} iterations")
set(x ${SEED})
set(resumed 0)
foreach(trial RANGE 1 ${TRIALS})
  math(EXPR x "(1103515245 * ${x} + 12345) % 2147483648")
  math(EXPR n "1 + (${x} / 65536) % ${MAXWRITE}")
  file(GLOB stale ck.h5 ck.h5.*.tmp res.h5)
  if(stale)
    file(REMOVE ${stale})
  endif()
  message("trial ${trial}: ${NP} rank(s), killed during dataset write ${n}")
  tessera_run_killed("trial ${trial}" ${NP} ${n} ck.h5 COMMAND ${EXE} ${ARGS} ${CKPT} ck.h5 ${INTERVAL_OPT} ${INTERVAL} -io_kill_during_write ${n})
  if(EXISTS ${CMAKE_CURRENT_BINARY_DIR}/ck.h5)
    tessera_run(out NP ${NP} ${RUN_FLAG} COMMAND ${EXE} ${ARGS} ${RESTART_OPT} ck.h5 ${VIEW_OPT} -output res.h5)
    tessera_expect("${out}" "${RESUMED_REGEX}" "trial ${trial}: resumed from the checkpoint")
    math(EXPR resumed "${resumed} + 1")
  else()
    tessera_run(out NP ${NP} ${RUN_FLAG} COMMAND ${EXE} ${ARGS} -output res.h5)
  endif()
  string(REGEX MATCH "${ITS_REGEX}" m "${out}")
  if(NOT m OR NOT CMAKE_MATCH_1 EQUAL fullits)
    message(FATAL_ERROR "trial ${trial}: the resumed run took '${CMAKE_MATCH_1}' iterations, the uninterrupted one ${fullits}")
  endif()
  message("check: trial ${trial}: same iteration count ${fullits}: yes")
  foreach(ds ${DATASETS})
    tessera_compare_dataset(${COMPARE} full.h5 res.h5 ${ds} 0 "trial ${trial}: equals the uninterrupted run's")
  endforeach()
endforeach()
if(resumed EQUAL 0)
  message(FATAL_ERROR "no trial resumed from a checkpoint: raise MAXWRITE")
endif()
message("check: ${resumed} of ${TRIALS} trials resumed from a checkpoint, the others from scratch: yes")
