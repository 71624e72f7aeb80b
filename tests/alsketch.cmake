# alsketch family: KSP type sketch (t201), problems/nlp registry, Tao type alsketch, examples nlp and bench_alsketch
tessera_add_unit(t201-sketch)
target_link_libraries(t201 PRIVATE lapack)
tessera_add_test(NAME t201-sketch TARGET t201)
tessera_add_test(NAME t201-sketch-np2 TARGET t201 NP 2)
set(ALSKETCH_TSV ${CMAKE_SOURCE_DIR}/problems/nlp/eq_constrained_problems.tsv)
tessera_add_unit(t202-nlp)
tessera_add_test(NAME t202-nlp TARGET t202 ARGS -tsv ${ALSKETCH_TSV})
# derivatives of logreg with labels as read (heart_scale relabelled 1/2, written below: the Hessian carries y_i^2) on a
# random 70 % training split
tessera_add_test(NAME t202-nlp-logreg-raw TARGET t202 ARGS -tsv ${ALSKETCH_TSV} -logreg_labels raw -logreg_data ${CMAKE_CURRENT_BINARY_DIR}/logreg_data/heart_12 -logreg_test_fraction 0.3)
tessera_add_unit(t203-alsketch-set)
tessera_add_test(NAME t203-alsketch-adaptive TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part adaptive)
tessera_add_test(NAME t203-alsketch-paper TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part paper)
tessera_add_test(NAME t203-alsketch-almm TARGET t203 ARGS -tsv ${ALSKETCH_TSV} -part almm)
tessera_add_unit(t204-alsketch-pde)
# N = 3 with randomized Kaczmarz inner solves: KKT0 = 19.19 (authors) and the exact QP solution
tessera_add_test(NAME t204-alsketch-pde-rk TARGET t204 ARGS -kkt0 19.1867 -tao_gatol 1e-8 -tao_alsketch_ksp_sketch_type kaczmarz -tol 1e-8)
# distributed DMDA N = 16 with exact inner solves (MUMPS): same answer on 1 and 2 ranks (sketch iterates depend on the
# global ordering, which a DMDA changes with the number of ranks; t201-sketch-np2 checks rank independence). MUMPS's
# workspace estimate is too small for these KKT matrices with its default ICNTL(14) = 20 (INFOG(1) = -9): the inner
# solve factorizes again with ICNTL(14) raised (no -tao_alsketch_mat_mumps_icntl_14 needed), on 1 and 2 ranks
tessera_add_test(NAME t204-alsketch-pde-np2 TARGET t204 NP 2 ARGS -pde_n 16 -tao_gatol 1e-6 -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps
                 -direct_mat_mumps_icntl_14 200 -compare_seq -tol 1e-10)
tessera_add_test(NAME t204-alsketch-pde-mumps-retry TARGET t204 ARGS -pde_n 15 -tao_gatol 1e-8 -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps
                 -direct_mat_mumps_icntl_14 200 -tol 1e-8)
# the raised ICNTL(14) is kept for the factorizations of the later Newton steps (a new K makes a new factor with the
# default 20): CONTROL N = 15 with MUMPS inner solves ran out of workspace again at every step and stopped after the
# fourth raise (DIVERGED_USER at iteration 4); now one raise at iteration 0, CONVERGED_GATOL in 5
tessera_add_test(NAME t204-alsketch-control-mumps-sticky TARGET nlp ARGS -problem CONTROL -tao_gatol 1e-8 -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu
                 -tao_alsketch_pc_factor_mat_solver_type mumps -test)
# one argument per EXPECT_ERROR run: the harness passes a multi-argument ARGS list as one argument
tessera_add_unit(t205-alsketch-bad)
tessera_add_test(NAME t205-alsketch-missing-jacobian TARGET t205 ARGS -case_missing_jacobian EXPECT_ERROR "needs the Jacobian of the equality constraints")
tessera_add_test(NAME t205-alsketch-missing-hessian TARGET t205 ARGS -case_missing_hessian EXPECT_ERROR "needs the Hessian of the Lagrangian")
tessera_add_test(NAME t205-alsketch-sizes TARGET t205 ARGS -case_sizes EXPECT_ERROR "inconsistent sizes: the constraint Jacobian is 1 x 4")
tessera_add_test(NAME t205-alsketch-multipliers TARGET t205 ARGS -case_multipliers EXPECT_ERROR "inconsistent sizes: 5 initial multipliers for 1 constraints")
tessera_add_test(NAME t205-alsketch-inequality TARGET t205 ARGS -case_inequality EXPECT_ERROR "equality constraints only: inequality constraints")
tessera_add_test(NAME t205-alsketch-bounds TARGET t205 ARGS -case_bounds EXPECT_ERROR "equality constraints only: finite variable bounds")
tessera_add_test(NAME t205-alsketch-singular TARGET t205 ARGS -case_singular)
tessera_add_test(NAME t205-alsketch-singular-regularized TARGET t205 ARGS -case_singular_regularized)
tessera_add_test(NAME t205-alsketch-nan TARGET t205 ARGS -case_nan)
tessera_add_test(NAME t205-alsketch-nan-trial TARGET t205 ARGS -case_nan_trial)
tessera_add_test(NAME t205-alsketch-alpha-min TARGET t205 ARGS -case_alpha_min)
tessera_add_test(NAME t205-alsketch-inner-cap TARGET t205 ARGS -case_inner_cap)
tessera_add_test(NAME t205-alsketch-inner-cap-fallback TARGET t205 ARGS -case_inner_cap_fallback)
tessera_add_test(NAME t206-nlp-example TARGET nlp ARGS -test -tao_gatol 1e-8)
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
# robust outer loop (issue 14 item 1), each against the known solution: a start where the Jacobian has rank 1 (HS61, x0 = 0:
# regularized steps), the same problem with rows scaled by 1e6 and 1e-4 (automatic gradient-based scaling), the sphere
# problem with f* ~ 1e4 and exact (MUMPS) inner solves (steps below the merit's round-off accepted by the KKT residual;
# without that rule the run ends at the 10000-iteration limit) and with an unattainable gatol (stagnation exit, not the limit)
tessera_add_unit(t208-alsketch-robust)
set(ALSKETCH_MUMPS -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps)
tessera_add_test(NAME t208-alsketch-rankdef TARGET t208 ARGS -problem HS61 -min_regularized 1 -max_its 40)
tessera_add_test(NAME t208-alsketch-scaled-rows TARGET t208 ARGS -problem HS61SCALED -max_its 60)
tessera_add_test(NAME t208-alsketch-roundoff TARGET t208 ARGS -problem SPHERE -tao_gatol 1e-10 -xtol 1e-10 -max_its 40 ${ALSKETCH_MUMPS})
tessera_add_test(NAME t208-alsketch-stagnation TARGET t208 ARGS -problem SPHERE -tao_gatol 1e-20 -expect stagnation -xtol 1e-10 -max_its 60 ${ALSKETCH_MUMPS})
# a failed inner solve (MUMPS out of workspace with an explicit ICNTL(14) = 1, re-applied at every refactorization) ends
# with DIVERGED_USER and the termination inner_solver naming the PC failure, not DIVERGED_NAN
# the block KKT preconditioner on a problem that gives no Schur approximation: a clear error, not a silent fallback
tessera_add_test(NAME t208-alsketch-block-without-schur TARGET nlp ARGS -problem HS7 -tao_alsketch_inner block
                 EXPECT_ERROR "-tao_alsketch_inner block needs a Schur approximation of the problem: call TaoALSketchSetSchurApproximation")
tessera_add_test(NAME t208-alsketch-inner-failure TARGET t208 ARGS -problem PDE -pde_n 15 -expect inner_solver -max_its 2 ${ALSKETCH_MUMPS} -tao_alsketch_mat_mumps_icntl_14 1)
# bad option values and Tao types (issue 11): a clear error naming the option, never a crash or a silent answer
foreach(bad "hess-mod-tol-nan;-tao_alsketch_hess_mod_tol|nan;Option -tao_alsketch_hess_mod_tol nan.? is not a finite number"
            "theta-negative;-tao_alsketch_theta|-1;Option -tao_alsketch_theta -1.? is out of range"
            "alpha-min-zero;-tao_alsketch_alpha_min|0;Option -tao_alsketch_alpha_min 0.? is out of range"
            "jacobian-guard-nan;-tao_alsketch_jacobian_guard|nan;Option -tao_alsketch_jacobian_guard nan.? is not a finite number"
            "fallback-after-negative;-tao_alsketch_fallback_after|-1;Option -tao_alsketch_fallback_after -1 is out of range"
            "block-size-zero;-tao_alsketch_ksp_sketch_block_size|0;Option -tao_alsketch_ksp_sketch_block_size 0 is out of range"
            "pde-n-one;-problem|PDE|-pde_n|1;Option -pde_n 1 is out of range"
            "sphere-scale-inf;-problem|SPHERE|-sphere_scale|inf;Option -sphere_scale inf.? is not a finite number"
            "test-tol-nan;-test|-test_tol|nan;Option -test_tol nan.? is not a finite number"
            "ksp-max-it-zero;-tao_alsketch_ksp_max_it|0;Option -tao_alsketch_ksp_max_it 0 is out of range"
            "ksp-max-it-negative;-problem|CONTROL|-tao_alsketch_ksp_max_it|-5;Option -tao_alsketch_ksp_max_it -5 is out of range"
            "fallback-max-it-zero;-tao_alsketch_fallback_ksp_max_it|0;Option -tao_alsketch_fallback_ksp_max_it 0 is out of range"
            "x0-scale-nan;-nlp_x0_scale|nan;Option -nlp_x0_scale nan.? is not a finite number"
            "x0-perturb-negative;-nlp_x0_perturb|-1;Option -nlp_x0_perturb -1.? is out of range"
            "pdipm;-tao_type|pdipm;Tao type pdipm cannot take it"
            "lmvm;-tao_type|lmvm;Tao type lmvm cannot take it")
  list(GET bad 0 case)
  list(GET bad 1 opts)
  list(GET bad 2 msg)
  string(REPLACE "|" ";" opts "${opts}")
  tessera_add_test(NAME t209-nlp-bad-${case} TARGET nlp ARGS ${opts} EXPECT_ERROR "${msg}")
endforeach()
tessera_add_test(NAME t209-bench-repeat-zero TARGET bench_alsketch ARGS -problems HS7 -bench_repeat 0 EXPECT_ERROR "Option -bench_repeat 0 is out of range")
tessera_add_test(NAME t209-bench-gatol-nan TARGET bench_alsketch ARGS -problems HS7 -bench_gatol nan EXPECT_ERROR "Option -bench_gatol nan.? is not a finite number")
tessera_add_test(NAME t209-bench-solvers-unknown TARGET bench_alsketch ARGS -problems HS7 -bench_solvers lu,foo EXPECT_ERROR "Unknown solver 'foo' in -bench_solvers")
tessera_add_test(NAME t209-bench-ipopt-cpu-nan TARGET bench_alsketch ARGS -problems HS7 -bench_ipopt_max_cpu_time nan EXPECT_ERROR "Option -bench_ipopt_max_cpu_time nan.? is not a finite number")
# IPOPT stopped by -bench_ipopt_max_cpu_time is reported as such; 3 repeats give the median column
pkg_check_modules(IPOPT_T QUIET ipopt)
if(IPOPT_T_FOUND)
  tessera_add_test(NAME t209-bench-ipopt-limit TARGET bench_alsketch ARGS -problems CONTROL -control_n 63 -bench_solvers gv,ipopt -bench_repeat 3 -bench_ipopt_max_cpu_time 0.001)
  set_tests_properties(t209-bench-ipopt-limit PROPERTIES PASS_REGULAR_EXPRESSION "tmed\\[s\\].*\nCONTROL +GV .*CONVERGED_GATOL\nCONTROL +IPOPT .*IPOPT not solved in the limit \\(max_cpu_time 0.001 s\\)")
endif()
# the PDE problem with an odd grid on 2 ranks (multipliers in the DMDA's layout): converges, exact inner solves
tessera_add_test(NAME t209-nlp-pde-odd-np2 TARGET nlp NP 2 ARGS -problem PDE -pde_n 7 -test -tao_gatol 1e-8 -test_tol 1e-8 ${ALSKETCH_MUMPS} -tao_alsketch_mat_mumps_icntl_14 200)

# constrained logistic regression (problem logreg, issue 14 item 2): heart_scale (d = 13, odd) and breast_cancer_scale
# (d = 30, even) to KKT <= 1e-6 with the constraints to 1e-8 (default sketch inner solver); on 2 ranks (exact MUMPS
# inner solves, for time) the objective of the serial solve to 1e-10
tessera_add_unit(t211-logreg)
tessera_add_test(NAME t211-logreg-heart TARGET t211)
tessera_add_test(NAME t211-logreg-breast TARGET t211 ARGS -logreg_data ${CMAKE_BINARY_DIR}/share/tessera/breast_cancer_scale)
tessera_add_test(NAME t211-logreg-heart-np2 TARGET t211 NP 2 ARGS ${ALSKETCH_MUMPS})
tessera_add_test(NAME t211-logreg-breast-np2 TARGET t211 NP 2 ARGS -logreg_data ${CMAKE_BINARY_DIR}/share/tessera/breast_cancer_scale -logreg_constraints 9 ${ALSKETCH_MUMPS})
# a seeded 80/20 train/test split (the same on 1 and 2 ranks: the 2-rank objective equals the serial one to 1e-10)
tessera_add_test(NAME t211-logreg-heart-split TARGET t211 ARGS -logreg_test_fraction 0.2)
tessera_add_test(NAME t211-logreg-heart-split-np2 TARGET t211 NP 2 ARGS -logreg_test_fraction 0.2 -logreg_split_seed 7 ${ALSKETCH_MUMPS})

# bad data and constraint setups: a clear error naming the file, the index or the option
set(_lr ${CMAKE_CURRENT_BINARY_DIR}/logreg_data)
file(WRITE ${_lr}/malformed "+1 1:0.5 2:0.25\n-1 1:0.5 2=0.25\n")
file(WRITE ${_lr}/empty "")
file(WRITE ${_lr}/huge_index "+1 1:0.5 5000:1\n-1 2:0.25\n")
file(WRITE ${_lr}/three_labels "+1 1:0.5 2:1\n-1 1:1 2:0.5\n2 1:1 2:1\n")
# heart_scale with the labels 2 (+1) and 1 (-1), as LIBSVM's mushrooms is labelled: -logreg_labels raw poses another problem
file(READ ${CMAKE_SOURCE_DIR}/problems/bilevel/data/heart_scale _heart)
string(REGEX REPLACE "(^|\n)\\+1 " "\\12 " _heart "${_heart}")
string(REGEX REPLACE "(^|\n)-1 " "\\11 " _heart "${_heart}")
file(WRITE ${_lr}/heart_12 "${_heart}")
file(WRITE ${_lr}/three_samples "+1 1:0.5 2:1 3:1\n-1 1:1 2:0.5 3:1\n-1 1:1 2:1 3:0.5\n")
foreach(bad "malformed;-logreg_data|${_lr}/malformed;Malformed LIBSVM file .*malformed, line 2: expected index:value, found '2=0.25'"
            "empty;-logreg_data|${_lr}/empty;LIBSVM file .*empty contains no samples"
            "index-out-of-range;-logreg_features|5;feature index 13 is out of range: -logreg_features is 5"
            "index-too-large;-logreg_data|${_lr}/huge_index;feature index 5000 is out of range: the dense Hessian of problem logreg takes at most 4096"
            "three-labels;-logreg_data|${_lr}/three_labels;sample 1 has label 1.? besides -1.? and 2"
            "missing;-logreg_data|${_lr}/nonexistent;cannot open LIBSVM file .*nonexistent"
            "too-many-constraints;-logreg_constraints|13;Infeasible constraint setup: -logreg_constraints 13 plus .*x.*= 1 are more constraints than the 13 variables"
            "infeasible-draws;-logreg_constraints|12|-logreg_max_draws|100;Infeasible constraint setup: in 100 draws .-logreg_max_draws. of -logreg_seed 2023 the 12 random constraints"
            "constraints-negative;-logreg_constraints|-1;Option -logreg_constraints -1 is out of range"
            "seed-negative;-logreg_seed|-5;Option -logreg_seed -5 is out of range"
            "max-draws-zero;-logreg_max_draws|0;Option -logreg_max_draws 0 is out of range"
            "test-fraction-nan;-logreg_test_fraction|nan;Option -logreg_test_fraction nan.? is not a finite number"
            "test-fraction-large;-logreg_test_fraction|0.95;Option -logreg_test_fraction 0.95 is out of range"
            "test-fraction-empty;-logreg_data|${_lr}/three_samples|-logreg_constraints|1|-logreg_test_fraction|0.1;-logreg_test_fraction 0.1 of the 3 samples of .*three_samples leaves 0 test"
            "labels-unknown;-logreg_labels|signed;Unknown option signed for -logreg_labels")
  list(GET bad 0 case)
  list(GET bad 1 opts)
  list(GET bad 2 msg)
  string(REPLACE "|" ";" opts "${opts}")
  tessera_add_test(NAME t211-logreg-bad-${case} TARGET nlp ARGS -problem logreg ${opts} EXPECT_ERROR "${msg}")
endforeach()
# labels as read (the authors' code): heart_scale relabelled 1/2 is another problem than with -1/+1 labels; it must still
# converge (KKT <= 1e-6, constraints to 1e-8), and on 2 ranks to the serial objective; its derivatives in t202-nlp-logreg-raw
tessera_add_test(NAME t211-logreg-heart12-raw TARGET t211 ARGS -logreg_data ${_lr}/heart_12 -logreg_labels raw ${ALSKETCH_MUMPS})
tessera_add_test(NAME t211-logreg-heart12-raw-np2 TARGET t211 NP 2 ARGS -logreg_data ${_lr}/heart_12 -logreg_labels raw ${ALSKETCH_MUMPS})
if(TESSERA_HAVE_PYTHON_HDF5)
  tessera_add_script_test(NAME t211-logreg-figure SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/logreg_figure.cmake
                          DEFINES -DEXE=$<TARGET_FILE:logreg> -DPY=${TESSERA_PYTHON} -DFIG=${CMAKE_SOURCE_DIR}/examples/figures/fig_logreg.py)
endif()

if(TESSERA_HAVE_PYTHON_HDF5)
  tessera_add_script_test(NAME t214-pde-control-figure SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/pde_control_figure.cmake
                          DEFINES -DEXE=$<TARGET_FILE:pde_control> -DPY=${TESSERA_PYTHON} -DFIG=${CMAKE_SOURCE_DIR}/examples/figures/fig_pde_control.py)
endif()

# checkpoints and restart (issue 18): killed during seeded random checkpoint writes, resumed to the same final
# iterate, iteration count and history bit for bit; HS7 (CUTEst-style) on 1 rank, the distributed PDE problem on 2
set(_ck_common -DEXE=$<TARGET_FILE:nlp> -DCOMPARE=$<TARGET_FILE:t002> -DCKPT=-tao_alsketch_checkpoint -DINTERVAL_OPT=-tao_alsketch_checkpoint_interval
               -DRESTART_OPT=-tao_alsketch_restart -DVIEW_OPT=-tao_view "-DITS_REGEX=CONVERGED_[A-Z_]+ after ([0-9]+) iterations"
               "-DRESUMED_REGEX=resumed from checkpoint ck.h5 at iteration [0-9]+")
tessera_add_script_test(NAME t210-alsketch-checkpoint-hs7 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake LABELS alsketch io
                        DEFINES ${_ck_common} "-DDATASETS=/solution:x|/solution:lambda|/history:kkt_residual" -DNP=1 "-DARGS=-problem|HS7|-tao_gatol|1e-10" -DINTERVAL=1 -DTRIALS=4 -DSEED=18 -DMAXWRITE=150)
tessera_add_script_test(NAME t210-alsketch-checkpoint-pde-np2 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_kill.cmake NP 2 LABELS alsketch io mpi
                        DEFINES ${_ck_common} "-DDATASETS=/solution:x:2:6,6|/history:kkt_residual" -DNP=2
                                "-DARGS=-problem|PDE|-pde_n|6|-tao_gatol|1e-6|-tao_alsketch_ksp_max_it|300" -DINTERVAL=1 -DTRIALS=2 -DSEED=3 -DMAXWRITE=36)
# across rank counts: a 2-rank checkpoint of the PDE problem resumed on 1 rank, and a 1-rank one on 2, reach the
# uninterrupted run's x and multipliers to 1e-9 relative in the same number of iterations (the uninterrupted 1- and
# 2-rank runs differ by 5e-11 relative in x; inner solves by MINRES,
# whose iterates do not depend on the ordering; the sketch's draws follow the DMDA's ordering, which changes with the
# number of ranks)
set(_ck_ranks ${_ck_common} "-DDATASETS=/solution:x:2:6,6|/solution:lambda" -DTOL=1e-9 -DINTERVAL=1 -DKILLWRITE=45
              "-DARGS=-problem|PDE|-pde_n|6|-tao_gatol|1e-8|-tao_alsketch_ksp_type|minres|-tao_alsketch_pc_type|none")
tessera_add_script_test(NAME t210-alsketch-checkpoint-ranks-2to1 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_ranks.cmake NP 2 LABELS alsketch io mpi
                        DEFINES ${_ck_ranks} -DNPA=2 -DNPB=1)
tessera_add_script_test(NAME t210-alsketch-checkpoint-ranks-1to2 SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/checkpoint_ranks.cmake NP 2 LABELS alsketch io mpi
                        DEFINES ${_ck_ranks} -DNPA=1 -DNPB=2)
# a user's own Tao problem (callbacks in the test, not a registered problem): interrupted, resumed bit for bit
tessera_add_unit(t213-alsketch-checkpoint-user)
tessera_add_test(NAME t213-alsketch-checkpoint-user TARGET t213 LABELS alsketch io)
if(TESSERA_HAVE_PYTHON_HDF5)
  set(_ck_py ${TESSERA_PYTHON})
endif()
tessera_add_script_test(NAME t210-alsketch-checkpoint-bad SCRIPT ${CMAKE_CURRENT_SOURCE_DIR}/alsketch_checkpoint_bad.cmake LABELS alsketch io
                        DEFINES -DEXE=$<TARGET_FILE:nlp> -DPY=${_ck_py})

# the semilinear elliptic control problem CONTROL (issue 14): Newton counts flat over three meshes, f converging at
# second order in h, ||c|| below the tolerance; on 2 ranks (odd and even sizes) the objective of the one-rank solve
tessera_add_unit(t214-alsketch-control)
set(CONTROL_MUMPS ${ALSKETCH_MUMPS} -tao_alsketch_mat_mumps_icntl_14 200 -tao_gatol 1e-8)
tessera_add_test(NAME t214-alsketch-control TARGET t214 ARGS -sizes 15,31,63 ${CONTROL_MUMPS})
tessera_add_test(NAME t214-alsketch-control-np2 TARGET t214 NP 2 ARGS -sizes 7,15,31 -compare_seq ${CONTROL_MUMPS})
tessera_add_test(NAME t214-alsketch-control-even-np2 TARGET t214 NP 2 ARGS -sizes 8,16,32 -compare_seq ${CONTROL_MUMPS})
# the block preconditioner (FGMRES, [diag(B) G^T; 0 -S~], Pearson-Wathen S~ by a geometric multigrid V-cycle on the
# state grid): Newton within 2 and inner iterations within 15 % of their mean over three meshes (the QP: per Newton
# iteration), for CONTROL in 2-D and 3-D and the PDE QP; 2 ranks = 1 rank (odd and even sizes; the 3-D one skips
# the dense checks, whose O(n^3) loops take seconds per Newton step at n + m = 1536)
set(CONTROL_BLOCK -tao_alsketch_inner block -tao_gatol 1e-8)
tessera_add_test(NAME t214-alsketch-control-block TARGET t214 ARGS -sizes 31,63,127 -inner_spread 0.15 ${CONTROL_BLOCK})
tessera_add_test(NAME t214-alsketch-pde-block TARGET t214 ARGS -problem PDE -sizes 31,63,127 -inner_spread 0.15 -inner_per_newton ${CONTROL_BLOCK})
tessera_add_test(NAME t214-alsketch-control-block-np2 TARGET t214 NP 2 ARGS -sizes 16,32,64 -inner_spread 0.15 -compare_seq ${CONTROL_BLOCK})
tessera_add_test(NAME t214-alsketch-control-block-odd-np2 TARGET t214 NP 2 ARGS -sizes 9,17,33 -inner_spread 0.15 -compare_seq ${CONTROL_BLOCK})
tessera_add_test(NAME t214-alsketch-control-3d-block TARGET t214 ARGS -control_dim 3 -sizes 7,15,31 -inner_spread 0.15 ${CONTROL_BLOCK})
tessera_add_test(NAME t214-alsketch-control-3d-block-np2 TARGET t214 NP 2 ARGS -control_dim 3 -sizes 7,15,31 -inner_spread 0.15 -compare_seq ${CONTROL_BLOCK} -tao_alsketch_dense_max 200)
tessera_add_test(NAME t214-alsketch-control-3d TARGET t214 LABELS long ARGS -control_dim 3 -sizes 3,7,15 ${CONTROL_MUMPS} -tao_alsketch_mat_mumps_icntl_7 5)
tessera_add_test(NAME t214-control-bad-dim TARGET nlp ARGS -problem CONTROL -control_dim 4 EXPECT_ERROR "Option -control_dim 4 is out of range")
tessera_add_test(NAME t214-control-bad-alpha TARGET nlp ARGS -problem CONTROL -control_alpha nan EXPECT_ERROR "Option -control_alpha nan.? is not a finite number")
tessera_add_test(NAME t214-control-bad-n3d TARGET nlp ARGS -problem CONTROL -control_dim 3 -control_n 2000 EXPECT_ERROR "exceed the 32-bit indices")
# a stall the merit cannot see (issue 14): objective and gradient with evaluation noise (far above the merit's round-off
# estimate), gatol below the noise floor: the stagnation exit, not the iteration limit; without noise it converges
tessera_add_unit(t215-alsketch-noisy)
tessera_add_test(NAME t215-alsketch-noisy-stagnation TARGET t215 ARGS -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps)
tessera_add_test(NAME t215-alsketch-noisy-sketch TARGET t215)
tessera_add_test(NAME t215-alsketch-noiseless TARGET t215 ARGS -noise_f 0 -noise_g 0 -expect converged -tao_alsketch_ksp_type preonly -tao_alsketch_pc_type lu -tao_alsketch_pc_factor_mat_solver_type mumps)
# small Tikhonov weights on the small meshes where the dense checks run (n + m <= dense_max): the authors' absolute
# threshold 1e-6 on lambda_min(Z^T H Z) shifted the positive definite reduced Hessian (h^2 alpha = 3.9e-9) by
# xi_B + ||H||_F, and the run crawled at KKT 0.0158 to the iteration limit; adaptive mode shifts only a reduced Hessian
# that is not positive definite (7 and 9 Newton iterations)
tessera_add_test(NAME t214-alsketch-control-small-alpha TARGET nlp ARGS -problem CONTROL -control_n 15 -control_alpha 1e-6 -tao_gatol 1e-8 -tao_max_it 30 -test -test_tol 1e-8)
tessera_add_test(NAME t214-alsketch-control-tiny-alpha TARGET nlp ARGS -problem CONTROL -control_n 16 -control_alpha 1e-8 -tao_gatol 1e-8 -tao_max_it 30 -test -test_tol 1e-8)
