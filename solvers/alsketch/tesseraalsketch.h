/*
   tesseraalsketch.h - TAOALSKETCH, the exact augmented Lagrangian method with randomized iterative sketching
   (AdaSketch-Newton) for equality-constrained optimization, registered as the Tao type "alsketch".
*/
#if !defined(TESSERAALSKETCH_H)
  #define TESSERAALSKETCH_H

  #include <petsctao.h>
  #include <tesserasys.h>

  /* SUBMANSEC = Tao */

  /*J
  TAOALSKETCH - "alsketch": exact augmented Lagrangian merit with inexact (sketched) Newton-KKT steps

  Level: intermediate

.seealso: `TaoALSketchSetMultipliers()`, `TaoALSketchGetHistory()`, `TaoALSketchSetCheckpoint()`, `KSPSKETCH`
J*/
  #define TAOALSKETCH "alsketch"

/*E
  TaoALSketchAccuracy - rule that stops the inner (sketch) solve of each Newton-KKT system

$ TAO_ALSKETCH_ACCURACY_ADAPTIVE - ||K z - b|| <= theta_t delta ||b||, theta_t = min(theta, ||grad L||^gamma)
$ TAO_ALSKETCH_ACCURACY_PAPER    - the authors' rule ||K||_F psi ||K z - b|| <= delta ||b|| with their constants

  Level: intermediate

.seealso: `TAOALSKETCH`
E*/
typedef enum { TAO_ALSKETCH_ACCURACY_ADAPTIVE, TAO_ALSKETCH_ACCURACY_PAPER } TaoALSketchAccuracy;
TESSERA_EXTERN const char *const TaoALSketchAccuracies[];

/*E
  TaoALSketchJacobianGuardAction - what `TAOALSKETCH` does when lambda_min(G G^T) is below -tao_alsketch_jacobian_guard

$ TAO_ALSKETCH_GUARD_REGULARIZE - solve the regularized system [B G^T; G -delta_c I] with delta_c = min(1, ||grad L||)
$                                 and B positive definite (stabilized SQP step); the default
$ TAO_ALSKETCH_GUARD_ABORT      - stop with TAO_DIVERGED_USER (the authors' rule; the default of -tao_alsketch_accuracy paper)

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchGetTermination()`
E*/
typedef enum { TAO_ALSKETCH_GUARD_REGULARIZE, TAO_ALSKETCH_GUARD_ABORT } TaoALSketchJacobianGuardAction;
TESSERA_EXTERN const char *const TaoALSketchJacobianGuardActions[];

/*E
  TaoALSketchScaling - automatic scaling of the problem by `TAOALSKETCH`

$ TAO_ALSKETCH_SCALING_NONE     - the problem as given
$ TAO_ALSKETCH_SCALING_GRADIENT - gradient-based scaling at the start point, as IPOPT: the objective by
$                                 min(1, g_max/||grad f(x0)||_inf), constraint i by min(1, g_max/||grad c_i(x0)||_inf),
$                                 g_max = -tao_alsketch_scaling_max_gradient (100), factors at least 1e-8; beyond IPOPT, a
$                                 constraint with 0 < ||grad c_i(x0)||_inf < g_min = -tao_alsketch_scaling_min_gradient (1)
$                                 is scaled up to g_min (by at most 1e4)

  Level: intermediate

.seealso: `TAOALSKETCH`
E*/
typedef enum { TAO_ALSKETCH_SCALING_NONE, TAO_ALSKETCH_SCALING_GRADIENT } TaoALSketchScaling;
TESSERA_EXTERN const char *const TaoALSketchScalings[];

/*E
  TaoALSketchInner - the inner (Newton-KKT) solver of `TAOALSKETCH`

$ TAO_ALSKETCH_INNER_AUTO  - block when a Schur approximation was given (`TaoALSketchSetSchurApproximation()`), n + m
$                            exceeds -tao_alsketch_dense_max and neither -tao_alsketch_ksp_type nor -tao_alsketch_pc_type
$                            was given; otherwise ksp
$ TAO_ALSKETCH_INNER_KSP   - the inner KSP as configured (`KSPSKETCH` by default)
$ TAO_ALSKETCH_INNER_BLOCK - FGMRES with the block upper-triangular preconditioner [diag(B) G^T; 0 -S~] of the KKT
$                            matrix, S~ the Schur approximation of the problem

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchSetSchurApproximation()`
E*/
typedef enum { TAO_ALSKETCH_INNER_AUTO, TAO_ALSKETCH_INNER_KSP, TAO_ALSKETCH_INNER_BLOCK } TaoALSketchInner;
TESSERA_EXTERN const char *const TaoALSketchInners[];

/*S
  TaoALSketchSchurSetUpFn - Callback setting up the Schur approximation of `TAOALSKETCH`'s block preconditioner for an
  outer iteration

  Input Parameters:
+ tao - the solver
. d   - the diagonal of the (1,1) block B of the KKT matrix (positive entries)
. G   - the constraint Jacobian of the iteration
- ctx - the context given to `TaoALSketchSetSchurApproximation()`

  Level: advanced

.seealso: `TaoALSketchSetSchurApproximation()`, `TaoALSketchSchurApplyFn`
S*/
typedef PetscErrorCode (*TaoALSketchSchurSetUpFn)(Tao tao, Vec d, Mat G, void *ctx);

/*S
  TaoALSketchSchurApplyFn - Callback applying the inverse of the Schur approximation S~ of G diag(d)^{-1} G^T

  Input Parameters:
+ ctx - the context given to `TaoALSketchSetSchurApproximation()`
- r   - the vector (layout of the constraints)

  Output Parameter:
. z - S~^{-1} r

  Level: advanced

.seealso: `TaoALSketchSetSchurApproximation()`, `TaoALSketchSchurSetUpFn`
S*/
typedef PetscErrorCode (*TaoALSketchSchurApplyFn)(void *ctx, Vec r, Vec z);

/*S
  TaoALSketchSchurDestroyFn - Callback freeing the context of a Schur approximation

  Input Parameter:
. ctx - pointer to the context

  Level: advanced

.seealso: `TaoALSketchSetSchurApproximation()`
S*/
typedef PetscErrorCode (*TaoALSketchSchurDestroyFn)(void **ctx);

/*E
  TaoALSketchTermination - why `TAOALSKETCH` stopped when the TAO converged reason alone does not say it

$ TAO_ALSKETCH_TERMINATION_NONE           - the TAO converged reason says it (tolerance, iteration limit, NaN, ...)
$ TAO_ALSKETCH_TERMINATION_STAGNATION     - TAO_DIVERGED_USER: the merit change predicted for the full step is below the
$                                           merit's round-off, and the KKT residual at the full step did not decrease
$                                           (or did not halve over -tao_alsketch_stagnation_max such steps)
$ TAO_ALSKETCH_TERMINATION_JACOBIAN_GUARD - TAO_DIVERGED_USER: lambda_min(G G^T) below the guard with the action abort
$ TAO_ALSKETCH_TERMINATION_INNER_SOLVER   - TAO_DIVERGED_USER: the inner linear solver failed (its preconditioner failed,
$                                           e.g. a factorization out of memory or a zero pivot, or it returned Inf/NaN);
$                                           the message names the KSP and PC failure reasons

  Level: intermediate

.seealso: `TAOALSKETCH`, `TaoALSketchGetTermination()`
E*/
typedef enum { TAO_ALSKETCH_TERMINATION_NONE, TAO_ALSKETCH_TERMINATION_STAGNATION, TAO_ALSKETCH_TERMINATION_JACOBIAN_GUARD, TAO_ALSKETCH_TERMINATION_INNER_SOLVER } TaoALSketchTermination;
TESSERA_EXTERN const char *const TaoALSketchTerminations[];

/*E
  TaoALSketchHistoryField - per-iteration records of `TAOALSKETCH` (entry 0 is the starting point)

  Level: intermediate

.seealso: `TaoALSketchGetHistory()`
E*/
typedef enum {
  TAO_ALSKETCH_HISTORY_KKT,
  TAO_ALSKETCH_HISTORY_F,
  TAO_ALSKETCH_HISTORY_CNORM,
  TAO_ALSKETCH_HISTORY_ALPHA,
  TAO_ALSKETCH_HISTORY_MU,
  TAO_ALSKETCH_HISTORY_NU,
  TAO_ALSKETCH_HISTORY_DELTA,
  TAO_ALSKETCH_HISTORY_THETA,
  TAO_ALSKETCH_HISTORY_SKETCH_ITS,
  TAO_ALSKETCH_HISTORY_CAP_HIT,
  TAO_ALSKETCH_HISTORY_DESCENT_PASSES,
  TAO_ALSKETCH_HISTORY_HESSIAN_SHIFT,
  TAO_ALSKETCH_HISTORY_EXTENSIONS,
  TAO_ALSKETCH_HISTORY_REGULARIZATION,
  TAO_ALSKETCH_HISTORY_ROUNDOFF,
  TAO_ALSKETCH_HISTORY_NFIELDS
} TaoALSketchHistoryField;
TESSERA_EXTERN const char *const TaoALSketchHistoryFields[];

TESSERA_EXTERN PetscErrorCode TaoCreate_ALSketch(Tao tao);
TESSERA_EXTERN PetscErrorCode TaoALSketchSetMultipliers(Tao tao, Vec lam);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetKSP(Tao tao, KSP *ksp);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetHistory(Tao tao, TaoALSketchHistoryField field, PetscInt *len, const PetscReal **values);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetTotalSketchIterations(Tao tao, PetscInt *its);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetTermination(Tao tao, TaoALSketchTermination *term);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetTerminationMessage(Tao tao, const char **msg);
TESSERA_EXTERN PetscErrorCode TaoALSketchComputeMerit(Tao tao, Vec x, Vec lam, PetscReal mu, PetscReal nu, PetscReal *merit, Vec gx, Vec gl);
TESSERA_EXTERN PetscErrorCode TaoALSketchSetCheckpoint(Tao tao, const char file[], PetscInt interval);
TESSERA_EXTERN PetscErrorCode TaoALSketchSetRestart(Tao tao, const char file[]);
TESSERA_EXTERN PetscErrorCode TaoALSketchSetSchurApproximation(Tao tao, TaoALSketchSchurSetUpFn setup, TaoALSketchSchurApplyFn apply, TaoALSketchSchurDestroyFn destroy, void *ctx);

TESSERA_EXTERN PetscErrorCode TaoALSketchInitializePackage(void);

#endif
