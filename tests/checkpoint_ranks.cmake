# Cross-rank resume of a solver's checkpoint (issue 18): the uninterrupted run on NPA ranks; a run on NPA ranks that
# writes a checkpoint every INTERVAL iterations and is killed during dataset write KILLWRITE (a write of a later
# checkpoint, so a committed one is left); the run resumed from that checkpoint on NPB ranks must take the same
# number of iterations and end at the uninterrupted run's datasets to relative TOL (round-off: the reductions differ
# with the number of ranks). Each dataset is also compared with the uninterrupted run on NPB ranks.
# Defines: EXE, COMPARE, NPA, NPB, ARGS ('|'-separated), CKPT, INTERVAL_OPT, INTERVAL, RESTART_OPT, KILLWRITE,
#          DATASETS ('|'-separated group:name[:bs:Mx,My]), TOL, ITS_REGEX (one capture), RESUMED_REGEX, VIEW_OPT
include(${HARNESS})
tessera_checkpoint_script_begin()
foreach(np ${NPA} ${NPB})
  tessera_run(out NP ${np} COMMAND ${EXE} ${ARGS} -output full${np}.h5)
  string(REGEX MATCH "${ITS_REGEX}" m "${out}")
  if(NOT m)
    message(FATAL_ERROR "no iteration count in the output of the uninterrupted run on ${np} rank(s)")
  endif()
  set(its${np} ${CMAKE_MATCH_1})
  message("uninterrupted run on ${np} rank(s): ${CMAKE_MATCH_1} iterations")
endforeach()
tessera_run_killed("checkpointing run on ${NPA} rank(s)" ${NPA} ${KILLWRITE} ck.h5 COMMAND ${EXE} ${ARGS} ${CKPT} ck.h5 ${INTERVAL_OPT} ${INTERVAL} -io_kill_during_write ${KILLWRITE})
if(NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/ck.h5)
  message(FATAL_ERROR "no committed checkpoint before write ${KILLWRITE}: raise KILLWRITE")
endif()
tessera_run(out NP ${NPB} COMMAND ${EXE} ${ARGS} ${RESTART_OPT} ck.h5 ${VIEW_OPT} -output res.h5)
tessera_expect("${out}" "${RESUMED_REGEX}" "the ${NPA}-rank checkpoint resumes on ${NPB} rank(s)")
string(REGEX MATCH "${ITS_REGEX}" m "${out}")
if(NOT m OR NOT CMAKE_MATCH_1 EQUAL its${NPA})
  message(FATAL_ERROR "the resumed run took '${CMAKE_MATCH_1}' iterations, the uninterrupted one on ${NPA} rank(s) ${its${NPA}}")
endif()
message("check: resumed on ${NPB} rank(s): same iteration count ${its${NPA}}: yes")
foreach(ds ${DATASETS})
  foreach(np ${NPA} ${NPB})
    tessera_compare_dataset(${COMPARE} full${np}.h5 res.h5 ${ds} ${TOL} "of the resumed run agrees with the uninterrupted run on ${np} rank(s)")
  endforeach()
endforeach()
