/*
   tesserabilevel.h - the Bilevel class: constrained bilevel optimisation

     min_{x, y} F(x, y)  s.t.  (x, y) in C,  y in argmin_{y in Y} { f(x, y) : g(x, y) <= 0 (or = 0) }

   with user callbacks (Vecs in, Vecs out) for F, f, g, the transposed Jacobian of g, the projections onto C and
   Y and, for BO-REP and implicit, the lower-level Hessian-vector products. Types: BILEVELLVHBA, BILEVELBOREP,
   BILEVELIMPLICIT.
*/
#if !defined(TESSERABILEVEL_H)
  #define TESSERABILEVEL_H

  #include <petscvec.h>
  #include <petscviewer.h>
  #include <petsctao.h>
  #include <tesserasys.h>

/* SUBMANSEC = Bilevel */

/*S
  Bilevel - Abstract tessera object that solves bilevel optimisation problems

  Level: beginner

.seealso: `BilevelCreate()`, `BilevelSetType()`, `BilevelType`, `BilevelSolve()`
S*/
typedef struct _p_Bilevel *Bilevel;

/*J
  BilevelType - String with the name of a bilevel method

  Level: beginner

.seealso: `BilevelSetType()`, `Bilevel`
J*/
typedef const char *BilevelType;
  #define BILEVELLVHBA    "lvhba"
  #define BILEVELBOREP    "borep"
  #define BILEVELIMPLICIT "implicit"

/*E
  BilevelConstraintType - Whether the lower-level constraints g are inequalities g <= 0 or equalities g = 0

  Level: beginner

.seealso: `BilevelSetLowerConstraints()`
E*/
typedef enum { BILEVEL_CONSTRAINT_INEQUALITY, BILEVEL_CONSTRAINT_EQUALITY } BilevelConstraintType;
TESSERA_EXTERN const char *const BilevelConstraintTypes[];

/*E
  BilevelImplicitSelectionType - How the `BILEVELIMPLICIT` type treats a lower level whose solution set S(x) is not a
  single point

  Values:
+ `BILEVEL_IMPLICIT_SELECTION_NONE`  - none: the lower level must be strongly convex in y (on the null space of active constraints)
- `BILEVEL_IMPLICIT_SELECTION_UPPER` - the optimistic selection argmin_{y in S(x)} F(x, y) through the regularised lower
                                       level f + sigma F, a continuation in sigma and Richardson extrapolation to sigma = 0

  Level: intermediate

.seealso: `BilevelImplicitSetSelection()`, `BILEVELIMPLICIT`
E*/
typedef enum { BILEVEL_IMPLICIT_SELECTION_NONE, BILEVEL_IMPLICIT_SELECTION_UPPER } BilevelImplicitSelectionType;
TESSERA_EXTERN const char *const BilevelImplicitSelectionTypes[];

/*E
  BilevelConvergedReason - Why `BilevelSolve()` stopped

  Level: beginner

.seealso: `BilevelGetConvergedReason()`, `BilevelSetTolerances()`
E*/
typedef enum {
  BILEVEL_DIVERGED_STAGNATION  = -5, /* the upper-level objective stopped decreasing before the tolerance was met */
  BILEVEL_DIVERGED_INSTABILITY = -4, /* the inner saddle-point iteration blew up: step size too large */
  BILEVEL_DIVERGED_NAN         = -3, /* an objective, residual or gap is not finite */
  BILEVEL_DIVERGED_MAXIT       = -2, /* maximum number of iterations reached */
  BILEVEL_DIVERGED_USER        = -1, /* stopped by a user convergence test */
  BILEVEL_CONVERGED_ITERATING  = 0,
  BILEVEL_CONVERGED_TOL        = 1, /* residual <= max(atol, rtol res0) and |gap| <= max(gap_atol, gap_rtol |f|) */
  BILEVEL_CONVERGED_USER       = 2
} BilevelConvergedReason;
TESSERA_EXTERN const char *const *BilevelConvergedReasons;

/*S
  BilevelObjectiveFn - Callback giving the value and the gradients of the upper- or lower-level objective F(x, y) or f(x, y)

  Input Parameters:
+ bl  - the solver
. x   - the upper-level variable
. y   - the lower-level variable
- ctx - the user context

  Output Parameters:
+ val - the value
. gx  - the gradient with respect to x
- gy  - the gradient with respect to y

  Level: beginner

.seealso: `BilevelSetUpperObjective()`, `BilevelSetLowerObjective()`
S*/
typedef PetscErrorCode (*BilevelObjectiveFn)(Bilevel bl, Vec x, Vec y, PetscReal *val, Vec gx, Vec gy, void *ctx);

/*S
  BilevelConstraintFn - Callback giving the lower-level constraints g(x, y)

  Input Parameters:
+ bl  - the solver
. x   - the upper-level variable
. y   - the lower-level variable
- ctx - the user context

  Output Parameter:
. g   - the constraint values

  Level: beginner

.seealso: `BilevelSetLowerConstraints()`, `BilevelConstraintType`
S*/
typedef PetscErrorCode (*BilevelConstraintFn)(Bilevel bl, Vec x, Vec y, Vec g, void *ctx);

/*S
  BilevelJacobianTransposeFn - Callback giving sum_i lambda_i grad g_i(x, y), the transposed constraint Jacobian applied to the multipliers

  Input Parameters:
+ bl     - the solver
. x      - the upper-level variable
. y      - the lower-level variable
. lambda - the multipliers
- ctx    - the user context

  Output Parameters:
+ jx     - the x part
- jy     - the y part

  Level: beginner

.seealso: `BilevelSetLowerConstraintsJacobianTranspose()`
S*/
typedef PetscErrorCode (*BilevelJacobianTransposeFn)(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy, void *ctx);

/*S
  BilevelProjectionFn - Callback projecting (x, y) onto the upper-level feasible set C, in place

  Input Parameters:
+ bl  - the solver
. x   - the upper-level variable, projected on return
. y   - the lower-level variable, projected on return
- ctx - the user context

  Level: beginner

.seealso: `BilevelSetProjection()`, `BilevelProject()`
S*/
typedef PetscErrorCode (*BilevelProjectionFn)(Bilevel bl, Vec x, Vec y, void *ctx);

/*S
  BilevelLowerProjectionFn - Callback projecting y onto the lower-level feasible set Y, in place

  Input Parameters:
+ bl  - the solver
. y   - the lower-level variable, projected on return
- ctx - the user context

  Level: beginner

.seealso: `BilevelSetLowerProjection()`
S*/
typedef PetscErrorCode (*BilevelLowerProjectionFn)(Bilevel bl, Vec y, void *ctx);

/*S
  BilevelHessianProductFn - Callback giving the lower-level Hessian products grad^2_xy f(x, y) v and grad^2_yy f(x, y) v

  Input Parameters:
+ bl  - the solver
. x   - the upper-level variable
. y   - the lower-level variable
. v   - the vector (of the size of y)
- ctx - the user context

  Output Parameters:
+ hx  - grad^2_xy f v (size of x)
- hy  - grad^2_yy f v (size of y)

  Level: beginner

.seealso: `BilevelSetLowerHessianProducts()`
S*/
typedef PetscErrorCode (*BilevelHessianProductFn)(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx);

/*S
  BilevelMonitorFn - Callback called after every iteration of `BilevelSolve()`

  Input Parameters:
+ bl  - the solver
. it  - the iteration number
. F   - the upper-level objective
. res - the residual
. gap - the lower-level gap
- ctx - the monitor context

  Level: beginner

.seealso: `BilevelMonitorSet()`
S*/
typedef PetscErrorCode (*BilevelMonitorFn)(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ctx);

/*S
  BilevelConvergenceTestFn - Callback deciding whether `BilevelSolve()` stops

  Input Parameters:
+ bl     - the solver
. it     - the iteration number
. res    - the residual
. gap    - the lower-level gap
- ctx    - the test context

  Output Parameter:
. reason - `BILEVEL_CONVERGED_ITERATING` to continue, or the reason to stop

  Level: beginner

.seealso: `BilevelSetConvergenceTest()`, `BilevelConvergedReason`
S*/
typedef PetscErrorCode (*BilevelConvergenceTestFn)(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ctx);
TESSERA_EXTERN PetscClassId BILEVEL_CLASSID;

TESSERA_EXTERN PetscErrorCode BilevelRegister(const char name[], PetscErrorCode (*create)(Bilevel));
TESSERA_EXTERN PetscErrorCode BilevelCreate(MPI_Comm comm, Bilevel *newbl);
TESSERA_EXTERN PetscErrorCode BilevelSetType(Bilevel bl, BilevelType type);
TESSERA_EXTERN PetscErrorCode BilevelGetType(Bilevel bl, BilevelType *type);
TESSERA_EXTERN PetscErrorCode BilevelSetOptionsPrefix(Bilevel bl, const char prefix[]);
TESSERA_EXTERN PetscErrorCode BilevelAppendOptionsPrefix(Bilevel bl, const char prefix[]);
TESSERA_EXTERN PetscErrorCode BilevelGetOptionsPrefix(Bilevel bl, const char *prefix[]);
TESSERA_EXTERN PetscErrorCode BilevelSetFromOptions(Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelSetUp(Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelSolve(Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelView(Bilevel bl, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode BilevelViewFromOptions(Bilevel bl, PetscObject obj, const char name[]);
TESSERA_EXTERN PetscErrorCode BilevelReset(Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelDestroy(Bilevel *bl);

TESSERA_EXTERN PetscErrorCode BilevelSetSolution(Bilevel bl, Vec x, Vec y);
TESSERA_EXTERN PetscErrorCode BilevelGetSolution(Bilevel bl, Vec *x, Vec *y);
TESSERA_EXTERN PetscErrorCode BilevelSetUpperObjective(Bilevel bl, Vec gx, Vec gy, BilevelObjectiveFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerObjective(Bilevel bl, Vec gx, Vec gy, BilevelObjectiveFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerConstraints(Bilevel bl, Vec g, BilevelConstraintType type, BilevelConstraintFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerConstraintsJacobianTranspose(Bilevel bl, Vec jx, Vec jy, BilevelJacobianTransposeFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetProjection(Bilevel bl, BilevelProjectionFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetProjectionBuiltin(Bilevel bl, PetscBool use);
TESSERA_EXTERN PetscErrorCode BilevelGetProjectionTao(Bilevel bl, Tao *tao);
TESSERA_EXTERN PetscErrorCode BilevelSetUpperBounds(Bilevel bl, Vec xl, Vec xu);
TESSERA_EXTERN PetscErrorCode BilevelSetInitialMultipliers(Bilevel bl, Vec lambda);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerProjection(Bilevel bl, BilevelLowerProjectionFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerHessianProducts(Bilevel bl, Vec hx, Vec hy, BilevelHessianProductFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelSetHessianFiniteDifference(Bilevel bl, PetscBool use, PetscReal h);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerHessianProducts(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy);
TESSERA_EXTERN PetscErrorCode BilevelSetUpperHessianProducts(Bilevel bl, Vec hx, Vec hy, BilevelHessianProductFn func, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelComputeUpperHessianProducts(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy);
TESSERA_EXTERN PetscErrorCode BilevelProject(Bilevel bl, Vec x, Vec y);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerConstraints(Bilevel bl, Vec x, Vec y, Vec g);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerConstraintsJacobianTranspose(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy);
TESSERA_EXTERN PetscErrorCode BilevelComputeUpperObjective(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerObjective(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy);
TESSERA_EXTERN PetscErrorCode BilevelGetLowerConstraints(Bilevel bl, Vec *g, BilevelConstraintType *type);
TESSERA_EXTERN PetscErrorCode BilevelGetUpperBounds(Bilevel bl, Vec *xl, Vec *xu);

TESSERA_EXTERN PetscErrorCode BilevelSetTolerances(Bilevel bl, PetscReal atol, PetscReal rtol, PetscReal gap_atol, PetscReal gap_rtol, PetscInt max_it);
TESSERA_EXTERN PetscErrorCode BilevelGetTolerances(Bilevel bl, PetscReal *atol, PetscReal *rtol, PetscReal *gap_atol, PetscReal *gap_rtol, PetscInt *max_it);
TESSERA_EXTERN PetscErrorCode BilevelSetConvergenceTest(Bilevel bl, BilevelConvergenceTestFn test, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelConvergedDefault(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelMonitorSet(Bilevel bl, BilevelMonitorFn monitor, void *ctx, PetscErrorCode (*destroy)(void **));
TESSERA_EXTERN PetscErrorCode BilevelMonitorCancel(Bilevel bl);
TESSERA_EXTERN PetscErrorCode BilevelMonitorDefault(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ctx);
TESSERA_EXTERN PetscErrorCode BilevelGetConvergedReason(Bilevel bl, BilevelConvergedReason *reason);
TESSERA_EXTERN PetscErrorCode BilevelGetIterationNumber(Bilevel bl, PetscInt *its);
TESSERA_EXTERN PetscErrorCode BilevelGetObjectives(Bilevel bl, PetscReal *F, PetscReal *f);
TESSERA_EXTERN PetscErrorCode BilevelGetResidual(Bilevel bl, PetscReal *res, PetscReal *gap);
TESSERA_EXTERN PetscErrorCode BilevelGetConvergenceHistory(Bilevel bl, const PetscReal *F[], const PetscReal *f[], const PetscReal *res[], const PetscReal *gap[], const PetscReal *time[], PetscInt *n);
TESSERA_EXTERN PetscErrorCode BilevelHistoryWrite(Bilevel bl, PetscViewer viewer);
TESSERA_EXTERN PetscErrorCode BilevelSetCheckpoint(Bilevel bl, const char file[], PetscInt interval);
TESSERA_EXTERN PetscErrorCode BilevelSetRestart(Bilevel bl, const char file[]);

TESSERA_EXTERN PetscErrorCode BilevelLVHBASetStepSizes(Bilevel bl, PetscReal alpha, PetscReal beta, PetscReal eta, PetscReal eta_lambda);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetStepSizes(Bilevel bl, PetscReal *alpha, PetscReal *beta, PetscReal *eta, PetscReal *eta_lambda);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetProximal(Bilevel bl, PetscReal gamma1, PetscReal gamma2);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetPenalty(Bilevel bl, PetscReal cbar, PetscReal p);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetMultiplierBound(Bilevel bl, PetscReal r);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetProximal(Bilevel bl, PetscReal *gamma1, PetscReal *gamma2);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetPenalty(Bilevel bl, PetscReal *cbar, PetscReal *p, PetscReal *r);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetMultipliers(Bilevel bl, Vec *lambda, Vec *z);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetProximalPoint(Bilevel bl, Vec *theta);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAComputeValueFunction(Bilevel bl, Vec x, Vec y, Vec z, PetscReal tol, PetscInt maxit, PetscReal *v, Vec gx, Vec gy, Vec gz);

TESSERA_EXTERN PetscErrorCode BilevelBOREPSetStepSizes(Bilevel bl, PetscReal eta, PetscReal gamma, PetscReal nu);
TESSERA_EXTERN PetscErrorCode BilevelBOREPSetMomentum(Bilevel bl, PetscReal beta);
TESSERA_EXTERN PetscErrorCode BilevelBOREPSetSchedule(Bilevel bl, PetscInt period, PetscInt nsteps, PetscInt ninit, PetscReal q);
TESSERA_EXTERN PetscErrorCode BilevelBOREPGetAdjoint(Bilevel bl, Vec *z);

TESSERA_EXTERN PetscErrorCode BilevelInitializePackage(void);

TESSERA_EXTERN PetscErrorCode BilevelImplicitGetSolvers(Bilevel bl, Tao *upper, Tao *lower, KSP *adjoint);
TESSERA_EXTERN PetscErrorCode BilevelImplicitSetSelection(Bilevel bl, BilevelImplicitSelectionType type, PetscReal sigma, PetscReal q, PetscInt max_stages, PetscReal rtol);
TESSERA_EXTERN PetscErrorCode BilevelImplicitGetSelection(Bilevel bl, BilevelImplicitSelectionType *type, PetscReal *sigma, PetscReal *q, PetscInt *max_stages, PetscReal *rtol);

#endif
