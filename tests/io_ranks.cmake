# The same content is written with 1 and 2 MPI ranks: datasets compared bit for bit with h5diff.
include(${HARNESS})
tessera_run(out COMMAND ${EXE} -file ranks-np1.h5)
tessera_run(out NP 2 COMMAND ${EXE} -file ranks-np2.h5)
foreach(ds /solution/u /history/residual)
  tessera_run(out NO_FLAGS COMMAND ${H5DIFF} -r ranks-np1.h5 ranks-np2.h5 ${ds} ${ds})
  tessera_expect("${out}" "0 differences found" "${ds} identical with 1 and 2 ranks")
endforeach()
