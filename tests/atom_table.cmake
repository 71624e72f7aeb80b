# examples/atom_table on 1 and 2 MPI ranks writes the same /table (h5diff), every atom within 1e-8 Ha.
include(${HARNESS})
tessera_run(out COMMAND ${EXE} -z_min ${ZMIN} -z_max ${ZMAX} -reference ${REF} -output np1.h5 -test)
tessera_expect("${out}" "all converged: yes" "every atom converges (1 rank)")
tessera_expect("${out}" "within 1e-8 of the reference: yes" "every atom within 1e-8 Ha")
tessera_run(out NP 2 COMMAND ${EXE} -z_min ${ZMIN} -z_max ${ZMAX} -reference ${REF} -output np2.h5 -test)
tessera_expect("${out}" "all converged: yes" "every atom converges (2 ranks)")
tessera_run(out NO_FLAGS COMMAND ${H5DIFF} np1.h5 np2.h5 /table /table)
message("check: /table identical on 1 and 2 ranks: yes")
