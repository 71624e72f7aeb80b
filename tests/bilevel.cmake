# bilevel family tests (t6xx): solvers/bilevel, problems/bilevel, io/ LIBSVM reader
tessera_add_unit(t601-lvhba-toy)
tessera_add_test(NAME t601-lvhba-toy TARGET t601)
tessera_add_unit(t602-borep)
tessera_add_test(NAME t602-borep TARGET t602)
tessera_add_unit(t603-svm)
tessera_add_test(NAME t603-svm TARGET t603)
tessera_add_unit(t604-bad-input)
tessera_add_test(NAME t604-size-mismatch TARGET t604 ARGS -sizemismatch EXPECT_ERROR "Size mismatch between callbacks: the upper-level gradient with respect to x has size 5, but the upper-level variable x has size 4")
tessera_add_test(NAME t604-infeasible-start TARGET t604 ARGS -infeasible EXPECT_ERROR "Infeasible starting point: LV-HBA needs \\(x0, y0\\) in the feasible set C")
tessera_add_test(NAME t604-libsvm-malformed TARGET t604 ARGS -malformed EXPECT_ERROR "Malformed LIBSVM file t604-malformed.libsvm, line 3: expected index:value")
tessera_add_test(NAME t604-libsvm-malformed-np2 TARGET t604 NP 2 ARGS -malformed EXPECT_ERROR "Malformed LIBSVM file t604-malformed.libsvm, line 3: expected index:value")
tessera_add_test(NAME t604-libsvm-missing TARGET t604 ARGS -missing EXPECT_ERROR "cannot open LIBSVM file t604-does-not-exist.libsvm")
tessera_add_test(NAME t604-borep-constraints TARGET t604 ARGS -borepconstraints EXPECT_ERROR "BO-REP needs an unconstrained, strongly convex lower level")
tessera_add_test(NAME t604-unknown-problem TARGET t604 ARGS -unknownproblem EXPECT_ERROR "Unknown bilevel problem 'nosuchproblem'")
tessera_add_test(NAME t605-bilevel-toy-test-mode TARGET bilevel ARGS -test)
# a failed -test check ("relative x error < 1e-12: no" after 10 iterations) makes the run exit nonzero
tessera_add_test(NAME t605-bilevel-test-fails TARGET bilevel ARGS -problem toy -test -tol_error 1e-12 -bilevel_max_it 10 EXPECT_ERROR "1 of the 1 checks printed above failed")
if(TESSERA_HAVE_PYTHON_HDF5)
  set(_bilevel_python ${TESSERA_PYTHON})
endif()
tessera_add_script_test(NAME t605-bilevel-example SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/t605-bilevel-example.cmake NP 2
                        DEFINES -DEXE=$<TARGET_FILE:bilevel> -DPYTHON=${_bilevel_python} -DFIGDIR=${CMAKE_SOURCE_DIR}/examples/figures)
tessera_add_unit(t606-lvhba-inequality)
tessera_add_test(NAME t606-lvhba-inequality TARGET t606)
tessera_add_unit(t607-lvhba-value-function)
tessera_add_test(NAME t607-lvhba-value-function TARGET t607)
tessera_add_unit(t608-lvhba-llsc)
tessera_add_test(NAME t608-lvhba-llsc TARGET t608)
tessera_add_test(NAME t608-lvhba-llsc-np2 TARGET t608 NP 2)
tessera_add_unit(t609-lvhba-quadratic)
tessera_add_test(NAME t609-lvhba-quadratic TARGET t609)
tessera_add_unit(t610-stopping)
tessera_add_test(NAME t610-stopping TARGET t610)
tessera_add_unit(t611-implicit)
tessera_add_test(NAME t611-implicit TARGET t611)
# the toy's lower-level solution set is not a point: implicit with the optimistic selection (set by the problem for
# implicit); without it, a nonsymmetric start makes the adjoint system singular and the error names the option
tessera_add_test(NAME t611-implicit-toy TARGET bilevel ARGS -problem toy -bilevel_type implicit -toy_spread 1 -test)
tessera_add_test(NAME t611-implicit-toy-no-selection TARGET bilevel ARGS -problem toy -bilevel_type implicit -toy_spread 1 -bilevel_implicit_selection none
                 EXPECT_ERROR "A lower level with several solutions needs -bilevel_implicit_selection upper")
tessera_add_unit(t615-implicit-selection)
tessera_add_test(NAME t615-implicit-selection TARGET t615 LABELS bilevel)
tessera_add_test(NAME t615-implicit-selection-np2 TARGET t615 NP 2 LABELS bilevel mpi)
set(_sel -problem toy -bilevel_type implicit)
tessera_add_test(NAME t615-selection-sigma-nan TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_sigma nan EXPECT_ERROR "Option -bilevel_implicit_selection_sigma nan\\.? is not a finite number")
tessera_add_test(NAME t615-selection-sigma-inf TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_sigma inf EXPECT_ERROR "Option -bilevel_implicit_selection_sigma inf\\.? is not a finite number")
tessera_add_test(NAME t615-selection-sigma-zero TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_sigma 0 EXPECT_ERROR "Option -bilevel_implicit_selection_sigma 0\\.? is out of range \\(0\\.?, 1\\.?\\]")
tessera_add_test(NAME t615-selection-sigma-negative TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_sigma -1 EXPECT_ERROR "Option -bilevel_implicit_selection_sigma -1\\.? is out of range")
tessera_add_test(NAME t615-selection-reduction-one TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_reduction 1 EXPECT_ERROR "-bilevel_implicit_selection_reduction 1\\.? must be larger than 1")
tessera_add_test(NAME t615-selection-stages TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_max_stages 1 EXPECT_ERROR "Option -bilevel_implicit_selection_max_stages 1 is out of range \\[2, 30\\]")
tessera_add_test(NAME t615-selection-rtol-zero TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection_rtol 0 EXPECT_ERROR "Option -bilevel_implicit_selection_rtol 0\\.? is out of range")
tessera_add_test(NAME t615-selection-type TARGET bilevel ARGS ${_sel} -bilevel_implicit_selection lower EXPECT_ERROR "lower")
# option values are range-checked where they are read (shared helpers of sys/)
tessera_add_test(NAME t604-lvhba-c-inf TARGET bilevel ARGS -bilevel_lvhba_c inf EXPECT_ERROR "Option -bilevel_lvhba_c inf\\.? is not a finite number")
tessera_add_test(NAME t604-toy-scale-nan TARGET bilevel ARGS -toy_scale nan EXPECT_ERROR "Option -toy_scale nan\\.? is not a finite number")
tessera_add_test(NAME t604-borep-beta TARGET bilevel ARGS -problem quadratic -bilevel_type borep -bilevel_borep_beta 2 EXPECT_ERROR "Option -bilevel_borep_beta 2\\.? is out of range \\[0\\.?, 1\\.?\\]")
tessera_add_test(NAME t604-svm-ntrain-huge TARGET bilevel ARGS -problem svm -svm_ntrain 2147483647 EXPECT_ERROR "-svm_ntrain 2147483647 \\+ -svm_nval 70 must leave a test set")
tessera_add_test(NAME t604-max-it-negative TARGET bilevel ARGS -bilevel_max_it -1 EXPECT_ERROR "Option -bilevel_max_it -1 is out of range")

# checkpoints and restart (issue 18): killed during seeded random checkpoint writes, resumed to the same final
# iterate, iteration count and history bit for bit; LV-HBA on the toy (with lower-level constraints: multipliers),
# BO-REP on the quadratic problem; bad restart files
set(_ck_common -DEXE=$<TARGET_FILE:bilevel> -DCOMPARE=$<TARGET_FILE:t002> -DCKPT=-bilevel_checkpoint -DINTERVAL_OPT=-bilevel_checkpoint_interval
               -DRESTART_OPT=-bilevel_restart -DVIEW_OPT=-bilevel_view "-DITS_REGEX=method [a-z]+: [A-Z_]+ after ([0-9]+) iterations"
               "-DRESUMED_REGEX=resumed from checkpoint ck.h5 before iteration [0-9]+" "-DDATASETS=/solution:x|/solution:y|/history:residual")
tessera_add_script_test(NAME t612-bilevel-checkpoint-lvhba SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake LABELS bilevel io
                        DEFINES ${_ck_common} -DNP=1 "-DARGS=-problem|toy|-bilevel_type|lvhba|-bilevel_max_it|400" -DINTERVAL=50 -DTRIALS=3 -DSEED=612 -DRUN_FLAG=NOT_CONVERGED -DMAXWRITE=70)
tessera_add_script_test(NAME t612-bilevel-checkpoint-lvhba-np2 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake NP 2 LABELS bilevel io mpi
                        DEFINES ${_ck_common} -DNP=2 "-DARGS=-problem|toy|-bilevel_type|lvhba|-bilevel_max_it|200" -DINTERVAL=50 -DTRIALS=2 -DSEED=1612 -DRUN_FLAG=NOT_CONVERGED -DMAXWRITE=30)
tessera_add_script_test(NAME t612-bilevel-checkpoint-borep SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake LABELS bilevel io
                        DEFINES ${_ck_common} -DNP=1 "-DARGS=-problem|quadratic|-bilevel_type|borep|-bilevel_max_it|400" -DINTERVAL=50 -DTRIALS=3 -DSEED=613 -DRUN_FLAG=NOT_CONVERGED -DMAXWRITE=70)
# implicit: the checkpoint holds the log of upper-level evaluations, replayed into the upper-level Tao on restart
tessera_add_script_test(NAME t612-bilevel-checkpoint-implicit SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake LABELS bilevel io
                        DEFINES ${_ck_common} -DNP=1 "-DARGS=-problem|quadratic|-bilevel_type|implicit" -DINTERVAL=5 -DTRIALS=3 -DSEED=614 -DMAXWRITE=130)
# across rank counts: LV-HBA on the quadratic problem (n = 10, m = 20, both distributed; rtol 3e-2: CONVERGED_TOL after
# 2512 iterations), a 2-rank checkpoint resumed on 1 rank and a 1-rank one on 2: same iteration count, x and y of the
# uninterrupted run to 1e-10 relative (measured: 2e-15; the toy orders y by rank and is refused on another number of
# ranks: t612-bilevel-checkpoint-bad)
set(_ck_ranks ${_ck_common} "-DDATASETS=/solution:x|/solution:y" -DTOL=1e-10 -DINTERVAL=500 -DKILLWRITE=25 "-DARGS=-problem|quadratic|-bilevel_type|lvhba|-bilevel_rtol|3e-2")
tessera_add_script_test(NAME t612-bilevel-checkpoint-ranks-2to1 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_ranks.cmake NP 2 LABELS bilevel io mpi
                        DEFINES ${_ck_ranks} -DNPA=2 -DNPB=1)
tessera_add_script_test(NAME t612-bilevel-checkpoint-ranks-1to2 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_ranks.cmake NP 2 LABELS bilevel io mpi
                        DEFINES ${_ck_ranks} -DNPA=1 -DNPB=2)
if(TESSERA_HAVE_PYTHON_HDF5)
  set(_ck_py ${TESSERA_PYTHON})
endif()
tessera_add_script_test(NAME t612-bilevel-checkpoint-bad SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/bilevel_checkpoint_bad.cmake NP 2 LABELS bilevel io mpi
                        DEFINES -DEXE=$<TARGET_FILE:bilevel> -DPY=${_ck_py})
# initial multipliers (issue 15 item 3): LV-HBA starts from them (closed-form lambda* of `inequality`); bad ones refused
tessera_add_unit(t613-bilevel-multipliers)
tessera_add_test(NAME t613-bilevel-multipliers TARGET t613 LABELS bilevel)
tessera_add_test(NAME t613-bilevel-multipliers-size TARGET t613 LABELS bilevel ARGS -case size EXPECT_ERROR "Size mismatch between callbacks: the initial multipliers has size 5, but the lower-level constraints has size 4")
tessera_add_test(NAME t613-bilevel-multipliers-negative TARGET t613 LABELS bilevel ARGS -case negative EXPECT_ERROR "Initial multiplier 0 is -0.5: multipliers of inequality constraints must be nonnegative")
tessera_add_test(NAME t613-bilevel-multipliers-nan TARGET t613 LABELS bilevel ARGS -case nan EXPECT_ERROR "the initial multipliers")
tessera_add_test(NAME t613-bilevel-multipliers-unconstrained TARGET t613 LABELS bilevel ARGS -case unconstrained EXPECT_ERROR "Initial multipliers were set .BilevelSetInitialMultipliers... but the lower level has no constraints")
tessera_add_test(NAME t613-bilevel-multipliers-bound TARGET t613 LABELS bilevel ARGS -case bound EXPECT_ERROR "The initial multipliers reach 2000\\.?, beyond the LV-HBA multiplier bound r = 1000")
tessera_add_unit(t614-bilevel-projection)
tessera_add_test(NAME t614-bilevel-projection TARGET t614 LABELS bilevel)
tessera_add_test(NAME t614-bilevel-projection-np2 TARGET t614 NP 2 LABELS bilevel mpi)
tessera_add_test(NAME t614-bilevel-projection-maxit TARGET t614 LABELS bilevel ARGS -case maxit -bilevel_projection_tao_max_it 1 EXPECT_ERROR "Built-in projection onto C failed: constraint violation")
tessera_add_test(NAME t614-bilevel-projection-empty TARGET t614 LABELS bilevel ARGS -case empty EXPECT_ERROR "Built-in projection onto C failed: constraint violation")
tessera_add_test(NAME t614-bilevel-projection-starts TARGET t614 LABELS bilevel long ARGS -case starts)
tessera_add_test(NAME t614-bilevel-projection-infeasible-start TARGET t614 LABELS bilevel ARGS -case infeasible-start EXPECT_ERROR "Infeasible starting point: LV-HBA needs")
tessera_add_test(NAME t614-bilevel-implicit-infeasible TARGET t614 LABELS bilevel ARGS -case implicit-empty EXPECT_ERROR "the augmented-Lagrangian penalty grew to .* the lower level is infeasible at this x")
