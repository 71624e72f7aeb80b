# Fixture of the t007-io-corpus-* tests: good checkpoints of rd (ck.h5), chemotaxis (ct.h5) and atom (atom.h5) and the
# damaged copies in corpus/ (tests/io_corpus.py).
include(${HARNESS})
string(REPLACE "|" ";" CT_ARGS "${CT_ARGS}")
string(REPLACE "|" ";" ATOM_ARGS "${ATOM_ARGS}")
file(REMOVE_RECURSE corpus ck.h5 ct.h5 atom.h5)
tessera_run(out COMMAND ${RD} -da_grid_x 32 -da_grid_y 32 -ts_max_time 20 -checkpoint ck.h5 -checkpoint_interval 3 -test)
tessera_run(out COMMAND ${CHEMOTAXIS} ${CT_ARGS} -checkpoint ct.h5 -checkpoint_interval 3)
tessera_run(out COMMAND ${ATOM} ${ATOM_ARGS} -checkpoint atom.h5 -checkpoint_interval 2)
tessera_run(out NO_FLAGS COMMAND ${PYTHON} ${CORPUS} --make ck.h5 ${WEIGHTS} ct.h5 atom.h5 corpus)
tessera_expect("${out}" "io_corpus: [0-9]+ files in corpus" "corpus written")
