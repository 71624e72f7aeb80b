# Fixture of the t007-io-corpus-* tests: a good rd checkpoint ck.h5 and the damaged copies in corpus/.
include(${HARNESS})
file(REMOVE_RECURSE corpus ck.h5)
tessera_run(out COMMAND ${RD} -da_grid_x 32 -da_grid_y 32 -ts_max_time 20 -checkpoint ck.h5 -checkpoint_interval 3 -test)
tessera_run(out NO_FLAGS COMMAND ${PYTHON} ${CORPUS} --make ck.h5 ${WEIGHTS} corpus)
tessera_expect("${out}" "io_corpus: [0-9]+ files in corpus" "corpus written")
