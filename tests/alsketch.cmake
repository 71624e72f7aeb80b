# alsketch family: KSP type sketch (t201), problems/nlp registry, Tao type alsketch, examples nlp and bench_alsketch
tessera_add_unit(t201-sketch)
target_link_libraries(t201 PRIVATE lapack)
tessera_add_test(NAME t201-sketch TARGET t201)
tessera_add_test(NAME t201-sketch-np2 TARGET t201 NP 2)
set(ALSKETCH_TSV ${CMAKE_SOURCE_DIR}/problems/nlp/eq_constrained_problems.tsv)
tessera_add_unit(t202-nlp)
tessera_add_test(NAME t202-nlp TARGET t202 ARGS -tsv ${ALSKETCH_TSV})
tessera_add_unit(t203-alsketch-set)
tessera_add_test(NAME t203-alsketch-adaptive TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part adaptive)
tessera_add_test(NAME t203-alsketch-paper TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part paper)
tessera_add_test(NAME t203-alsketch-almm TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part almm)
tessera_add_unit(t204-alsketch-pde)
# N = 3 with randomized Kaczmarz inner solves: KKT0 = 19.19 (authors) and the exact QP solution
tessera_add_test(NAME t204-alsketch-pde-rk TARGET t204 ARGS -kkt0 19.1867 -tao_gatol 1e-8 -tao_alsketch_ksp_sketch_type kaczmarz -tol 1e-8)
# distributed DMDA N = 16 with exact inner solves (MUMPS): same answer on 1 and 2 ranks (sketch iterates depend on the
# global ordering, which a DMDA changes with the number of ranks; t201-sketch-np2 checks rank independence)
tessera_add_test(NAME t204-alsketch-pde-np2 TARGET t204 NP 2 ARGS -pde_n 16 -tao_gatol 1e-6 -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps
                 -tao_alsketch_mat_mumps_icntl_14 200 -direct_mat_mumps_icntl_14 200 -compare_seq -tol 1e-10)
# one argument per EXPECT_ERROR run: the harness passes a multi-argument ARGS list as one argument
tessera_add_unit(t205-alsketch-bad)
tessera_add_test(NAME t205-alsketch-missing-jacobian TARGET t205 ARGS -case_missing_jacobian EXPECT_ERROR "needs the Jacobian of the equality constraints")
tessera_add_test(NAME t205-alsketch-missing-hessian TARGET t205 ARGS -case_missing_hessian EXPECT_ERROR "needs the Hessian of the Lagrangian")
tessera_add_test(NAME t205-alsketch-sizes TARGET t205 ARGS -case_sizes EXPECT_ERROR "inconsistent sizes: the constraint Jacobian is 1 x 4")
tessera_add_test(NAME t205-alsketch-multipliers TARGET t205 ARGS -case_multipliers EXPECT_ERROR "inconsistent sizes: 5 initial multipliers for 1 constraints")
tessera_add_test(NAME t205-alsketch-inequality TARGET t205 ARGS -case_inequality EXPECT_ERROR "equality constraints only: inequality constraints")
tessera_add_test(NAME t205-alsketch-bounds TARGET t205 ARGS -case_bounds EXPECT_ERROR "equality constraints only: finite variable bounds")
tessera_add_test(NAME t205-alsketch-singular TARGET t205 ARGS -case_singular)
tessera_add_test(NAME t205-alsketch-nan TARGET t205 ARGS -case_nan)
tessera_add_test(NAME t205-alsketch-nan-trial TARGET t205 ARGS -case_nan_trial)
tessera_add_test(NAME t205-alsketch-alpha-min TARGET t205 ARGS -case_alpha_min)
tessera_add_test(NAME t205-alsketch-inner-cap TARGET t205 ARGS -case_inner_cap)
tessera_add_test(NAME t205-alsketch-inner-cap-fallback TARGET t205 ARGS -case_inner_cap_fallback)
tessera_add_test(NAME t206-nlp-example TARGET nlp ARGS -test)
if(TESSERA_HAVE_PYTHON_HDF5)
  tessera_add_script_test(NAME t206-alsketch-figure SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/alsketch_figure.cmake
                          DEFINES -DEXE=$<TARGET_FILE:nlp> -DPY=${TESSERA_PYTHON} -DRATES=${CMAKE_CURRENT_SOURCE_DIR}/alsketch_rates.py
                                  -DFIG=${CMAKE_SOURCE_DIR}/examples/figures/fig_alsketch.py)
endif()
# PDE scale path: FGMRES with a Schur-complement field split (x, lambda blocks from TAOALSKETCH) under the same
# accuracy control; the QP solution of N = 31
tessera_add_test(NAME t204-alsketch-pde-fieldsplit TARGET t204 ARGS -pde_n 31 -tao_gatol 1e-8 -tol 1e-8 -direct_mat_mumps_icntl_14 200 -tao_alsketch_dense_max 0
                 -tao_alsketch_ksp_type fgmres -tao_alsketch_pc_type fieldsplit -tao_alsketch_pc_fieldsplit_type schur
                 -tao_alsketch_pc_fieldsplit_schur_fact_type full -tao_alsketch_pc_fieldsplit_schur_precondition selfp
                 -tao_alsketch_fieldsplit_x_pc_type jacobi -tao_alsketch_fieldsplit_lambda_pc_type hypre -tao_alsketch_ksp_max_it 1000)
# the inner KSPs' prefixes follow a Tao prefix set after TaoSetType() (re-derived in TaoSetFromOptions, as TAOALMM)
tessera_add_unit(t207-alsketch-prefix)
tessera_add_test(NAME t207-alsketch-prefix TARGET t207 ARGS -outer_tao_gatol 1e-10 -outer_tao_alsketch_ksp_type preonly -outer_tao_alsketch_pc_type lu -outer_tao_alsketch_pc_factor_mat_solver_type mumps -outer_tao_alsketch_fallback_ksp_type minres)
