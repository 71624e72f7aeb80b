# bilevel family tests (t6xx): solvers/bilevel, problems/bilevel, io/ LIBSVM reader
tessera_add_unit(t601-lvhba-toy)
tessera_add_test(NAME t601-lvhba-toy TARGET t601)
tessera_add_unit(t602-borep)
tessera_add_test(NAME t602-borep TARGET t602)
tessera_add_unit(t603-svm)
tessera_add_test(NAME t603-svm TARGET t603)
