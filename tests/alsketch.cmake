# alsketch family: KSP type sketch (t201), problems/nlp registry, Tao type alsketch, examples nlp and bench_alsketch
tessera_add_unit(t201-sketch)
target_link_libraries(t201 PRIVATE lapack)
tessera_add_test(NAME t201-sketch TARGET t201)
tessera_add_test(NAME t201-sketch-np2 TARGET t201 NP 2)
set(ALSKETCH_TSV ${CMAKE_SOURCE_DIR}/../shared/data/eq_constrained_problems.tsv)
tessera_add_unit(t202-nlp)
tessera_add_test(NAME t202-nlp TARGET t202 ARGS -tsv ${ALSKETCH_TSV})
