# Checkpoint/restart of the Gray-Scott example (examples/rd.c):
#   run to T in one go; separately run with checkpoints and kill the process in the middle of writing a later
#   checkpoint; the previous checkpoint must be intact and loadable; restart from it and run to T; the final
#   states must agree to 1e-14 relative. Also on 2 MPI ranks, and the bad-checkpoint cases through the example.
include(${HARNESS})
set(common -da_grid_x 48 -da_grid_y 48 -ts_max_time 400 -test)
file(GLOB stale ck.h5.*.tmp ck2.h5.*.tmp)
file(REMOVE full.h5 ck.h5 restarted.h5 ${stale})

tessera_run(out COMMAND ${RD} ${common} -output full.h5)
tessera_expect("${out}" "converged reason: CONVERGED_TIME" "uninterrupted run reaches T")

# the 3rd checkpoint write is killed (SIGKILL) half-way: 2 complete checkpoints came before
tessera_run(out EXPECT_FAIL COMMAND ${RD} ${common} -checkpoint ck.h5 -checkpoint_interval 3 -io_kill_during_write 3)
tessera_expect("${out}" "killing the process during write number 3" "process killed during a checkpoint write")
file(GLOB partial ${CMAKE_CURRENT_BINARY_DIR}/ck.h5.*.tmp)
if(NOT EXISTS ${CMAKE_CURRENT_BINARY_DIR}/ck.h5 OR NOT partial)
  message(FATAL_ERROR "expected the previous checkpoint ck.h5 and the partial ck.h5.<random>.tmp")
endif()
message("check: previous checkpoint present beside the partial write: yes")

tessera_run(out COMMAND ${RD} ${common} -restart ck.h5 -output restarted.h5)
tessera_expect("${out}" "converged reason: CONVERGED_TIME" "restarted run reaches T")
tessera_run(out COMMAND ${COMPARE} -a full.h5 -b restarted.h5 -group /solution -name uv -bs 2 -grid 48,48 -tol 1e-14)
tessera_expect("${out}" "ok: [^\n]*agrees to relative 1e-14 " "restarted final state equals the uninterrupted one")

# 2 ranks: checkpoint written in parallel, killed, restarted in parallel
file(REMOVE ck2.h5)
tessera_run(out NP 2 COMMAND ${RD} ${common} -output full2.h5)
tessera_run(out NP 2 EXPECT_FAIL COMMAND ${RD} ${common} -checkpoint ck2.h5 -checkpoint_interval 3 -io_kill_during_write 2)
tessera_run(out NP 2 COMMAND ${RD} ${common} -restart ck2.h5 -output restarted2.h5)
tessera_run(out COMMAND ${COMPARE} -a full2.h5 -b restarted2.h5 -group /solution -name uv -bs 2 -grid 48,48 -tol 1e-14)
tessera_expect("${out}" "ok: [^\n]*agrees to relative 1e-14 " "2 ranks: restarted final state equals the uninterrupted one")

# bad checkpoints given to -restart: clear PETSc error naming the file, nonzero exit, no crash
file(WRITE notes.txt "not an HDF5 file\n")
file(SIZE ck.h5 size)
math(EXPR half "${size} / 2")
execute_process(COMMAND head -c ${half} ck.h5 OUTPUT_FILE truncated.h5)
tessera_run(out COMMAND ${COMPARE} -a full.h5 -b full.h5 -name uv -bs 2 -grid 48,48)
foreach(case "missing.h5;does not exist" "notes.txt;is not an HDF5 file" "truncated.h5;truncated or corrupt" "full.h5;has no dataset uv in group /checkpoint"
             "${OTHER};was written by problem 't001', expected problem 'gray-scott'")
  list(GET case 0 f)
  list(GET case 1 msg)
  tessera_expect_error("-restart ${f}" "PETSC ERROR: .*${msg}" COMMAND ${RD} ${common} -restart ${f})
endforeach()
tessera_expect_error("-restart with another grid size" "PETSC ERROR: .*Dataset /checkpoint/uv in HDF5 file ck.h5 has 4608 entries, expected 3840"
                     COMMAND ${RD} -da_grid_x 40 -da_grid_y 48 -ts_max_time 400 -test -restart ck.h5)
