# t008-io-error-exit: a run that ends by an error in the middle of a file write (-io_error_during_write N, the
# testing hook that raises a PETSc error after the N-th Vec write) leaves no temporary <target>.<random>.tmp file
# and leaves the previous checkpoint and output files byte for byte as they were. (A killed run leaves its partial
# temporary file: t007-io-kill-*.) Run on NP ranks with EXE = rd.
include(${HARNESS})
if(NOT NP)
  set(NP 1)
endif()
set(common -da_grid_x 32 -da_grid_y 32 -ts_max_time 20 -test)
file(GLOB old *.h5 *.xmf *.tmp)
if(old)
  file(REMOVE ${old})
endif()
# the previous files: a checkpoint and an output with its XDMF description
tessera_run(out NP ${NP} COMMAND ${EXE} ${common} -checkpoint ck.h5 -checkpoint_interval 2 -output out.h5)
foreach(f ck.h5 out.h5 out.xmf)
  file(SHA256 ${f} before_${f})
endforeach()
# 1. the error during the first checkpoint write of the next run (ck.h5 exists); 2. during the output write
foreach(case "ck;1;-checkpoint|ck.h5|-checkpoint_interval|2|-output|out.h5" "out;1;-output|out.h5")
  list(GET case 0 what)
  list(GET case 1 n)
  list(GET case 2 args)
  string(REPLACE "|" ";" args "${args}")
  tessera_expect_error("${what}: error during write ${n}" "error raised during write number ${n} \\(-io_error_during_write\\)" NP ${NP}
                       COMMAND ${EXE} ${common} ${args} -io_error_during_write ${n})
  file(GLOB left *.tmp)
  if(left)
    message(FATAL_ERROR "${what}: the error exit left temporary files behind: ${left}")
  endif()
  message("check: ${what}: no temporary file left by the error exit: yes")
  foreach(f ck.h5 out.h5 out.xmf)
    file(SHA256 ${f} after)
    if(NOT after STREQUAL before_${f})
      message(FATAL_ERROR "${what}: ${f} changed although the run failed before committing it")
    endif()
  endforeach()
  message("check: ${what}: ck.h5, out.h5 and out.xmf unchanged: yes")
endforeach()
