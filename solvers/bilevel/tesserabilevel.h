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
  BilevelConvergedReason - Why `BilevelSolve()` stopped

  Level: beginner

.seealso: `BilevelGetConvergedReason()`, `BilevelSetTolerances()`
E*/
typedef enum {
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

TESSERA_EXTERN PetscErrorCode BilevelRegister(const char[], PetscErrorCode (*)(Bilevel));
TESSERA_EXTERN PetscErrorCode BilevelCreate(MPI_Comm, Bilevel *);
TESSERA_EXTERN PetscErrorCode BilevelSetType(Bilevel, BilevelType);
TESSERA_EXTERN PetscErrorCode BilevelGetType(Bilevel, BilevelType *);
TESSERA_EXTERN PetscErrorCode BilevelSetOptionsPrefix(Bilevel, const char[]);
TESSERA_EXTERN PetscErrorCode BilevelAppendOptionsPrefix(Bilevel, const char[]);
TESSERA_EXTERN PetscErrorCode BilevelGetOptionsPrefix(Bilevel, const char *[]);
TESSERA_EXTERN PetscErrorCode BilevelSetFromOptions(Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelSetUp(Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelSolve(Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelView(Bilevel, PetscViewer);
TESSERA_EXTERN PetscErrorCode BilevelViewFromOptions(Bilevel, PetscObject, const char[]);
TESSERA_EXTERN PetscErrorCode BilevelReset(Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelDestroy(Bilevel *);

TESSERA_EXTERN PetscErrorCode BilevelSetSolution(Bilevel, Vec, Vec);
TESSERA_EXTERN PetscErrorCode BilevelGetSolution(Bilevel, Vec *, Vec *);
TESSERA_EXTERN PetscErrorCode BilevelSetUpperObjective(Bilevel, Vec, Vec, BilevelObjectiveFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerObjective(Bilevel, Vec, Vec, BilevelObjectiveFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerConstraints(Bilevel, Vec, BilevelConstraintType, BilevelConstraintFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerConstraintsJacobianTranspose(Bilevel, Vec, Vec, BilevelJacobianTransposeFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetProjection(Bilevel, BilevelProjectionFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetUpperBounds(Bilevel, Vec, Vec);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerProjection(Bilevel, BilevelLowerProjectionFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetLowerHessianProducts(Bilevel, Vec, Vec, BilevelHessianProductFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelSetHessianFiniteDifference(Bilevel, PetscBool, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerHessianProducts(Bilevel, Vec, Vec, Vec, Vec, Vec);
TESSERA_EXTERN PetscErrorCode BilevelProject(Bilevel, Vec, Vec);
TESSERA_EXTERN PetscErrorCode BilevelComputeLowerConstraints(Bilevel, Vec, Vec, Vec);

TESSERA_EXTERN PetscErrorCode BilevelSetTolerances(Bilevel, PetscReal, PetscReal, PetscReal, PetscReal, PetscInt);
TESSERA_EXTERN PetscErrorCode BilevelGetTolerances(Bilevel, PetscReal *, PetscReal *, PetscReal *, PetscReal *, PetscInt *);
TESSERA_EXTERN PetscErrorCode BilevelSetConvergenceTest(Bilevel, BilevelConvergenceTestFn, void *);
TESSERA_EXTERN PetscErrorCode BilevelConvergedDefault(Bilevel, PetscInt, PetscReal, PetscReal, BilevelConvergedReason *, void *);
TESSERA_EXTERN PetscErrorCode BilevelMonitorSet(Bilevel, BilevelMonitorFn, void *, PetscErrorCode (*)(void **));
TESSERA_EXTERN PetscErrorCode BilevelMonitorCancel(Bilevel);
TESSERA_EXTERN PetscErrorCode BilevelMonitorDefault(Bilevel, PetscInt, PetscReal, PetscReal, PetscReal, void *);
TESSERA_EXTERN PetscErrorCode BilevelGetConvergedReason(Bilevel, BilevelConvergedReason *);
TESSERA_EXTERN PetscErrorCode BilevelGetIterationNumber(Bilevel, PetscInt *);
TESSERA_EXTERN PetscErrorCode BilevelGetObjectives(Bilevel, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode BilevelGetResidual(Bilevel, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode BilevelGetConvergenceHistory(Bilevel, const PetscReal *[], const PetscReal *[], const PetscReal *[], const PetscReal *[], const PetscReal *[], PetscInt *);
TESSERA_EXTERN PetscErrorCode BilevelHistoryWrite(Bilevel, PetscViewer);
TESSERA_EXTERN PetscErrorCode BilevelSetCheckpoint(Bilevel bl, const char file[], PetscInt interval);
TESSERA_EXTERN PetscErrorCode BilevelSetRestart(Bilevel bl, const char file[]);

TESSERA_EXTERN PetscErrorCode BilevelLVHBASetStepSizes(Bilevel, PetscReal, PetscReal, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetStepSizes(Bilevel, PetscReal *, PetscReal *, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetProximal(Bilevel, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetPenalty(Bilevel, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelLVHBASetMultiplierBound(Bilevel, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetProximal(Bilevel, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetPenalty(Bilevel, PetscReal *, PetscReal *, PetscReal *);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetMultipliers(Bilevel, Vec *, Vec *);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAGetProximalPoint(Bilevel, Vec *);
TESSERA_EXTERN PetscErrorCode BilevelLVHBAComputeValueFunction(Bilevel, Vec, Vec, Vec, PetscReal, PetscInt, PetscReal *, Vec, Vec, Vec);

TESSERA_EXTERN PetscErrorCode BilevelBOREPSetStepSizes(Bilevel, PetscReal, PetscReal, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelBOREPSetMomentum(Bilevel, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelBOREPSetSchedule(Bilevel, PetscInt, PetscInt, PetscInt, PetscReal);
TESSERA_EXTERN PetscErrorCode BilevelBOREPGetAdjoint(Bilevel, Vec *);

TESSERA_EXTERN PetscErrorCode BilevelInitializePackage(void);

TESSERA_EXTERN PetscErrorCode BilevelImplicitGetSolvers(Bilevel, Tao *, Tao *, KSP *);

#endif
