# bilevel family tests (t6xx): solvers/bilevel, problems/bilevel, io/ LIBSVM reader
tessera_add_unit(t601-lvhba-toy)
tessera_add_test(NAME t601-lvhba-toy TARGET t601)
