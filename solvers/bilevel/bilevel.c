/*I "tessera.h" I*/
/*
   bilevel.c - the Bilevel class: creation, type registry, callbacks, options, monitors, convergence tests,
   history and viewing. The methods live in impls/lvhba.c and impls/borep.c.
*/
#include <bilevelimpl.h>
#include <tesseraio.h>

PetscClassId          BILEVEL_CLASSID = 0;
static TesseraPackage BilevelPackage  = {.name = "bilevel", .classname = "Bilevel", .classid = &BILEVEL_CLASSID};
PetscLogEvent         BILEVEL_SetUp, BILEVEL_Solve, BILEVEL_Project, BILEVEL_HessMult, BILEVEL_Checkpoint;

const char *const BilevelConstraintTypes[]        = {"INEQUALITY", "EQUALITY", "BilevelConstraintType", "BILEVEL_CONSTRAINT_", NULL};
const char *const BilevelImplicitSelectionTypes[] = {"none", "upper", "BilevelImplicitSelectionType", "BILEVEL_IMPLICIT_SELECTION_", NULL};

static const char *const BilevelConvergedReasons_Shifted[] = {"DIVERGED_STAGNATION", "DIVERGED_INSTABILITY", "DIVERGED_NAN", "DIVERGED_MAXIT", "DIVERGED_USER", "CONVERGED_ITERATING", "CONVERGED_TOL", "CONVERGED_USER"};
const char *const       *BilevelConvergedReasons           = BilevelConvergedReasons_Shifted + 5;

/*@C
  BilevelInitializePackage - Registers the `Bilevel` class, its types and log events

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode BilevelInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {{BILEVELLVHBA, (PetscVoidFunction)BilevelCreate_LVHBA}, {BILEVELBOREP, (PetscVoidFunction)BilevelCreate_BOREP}, {BILEVELIMPLICIT, (PetscVoidFunction)BilevelCreate_Implicit}, {NULL, NULL}};
  static const TesseraPackageEvent events[]  = {{"BilevelSetUp", &BILEVEL_SetUp},       {"BilevelSolve", &BILEVEL_Solve},           {"BilevelProject", &BILEVEL_Project},
                                                {"BilevelHessMult", &BILEVEL_HessMult}, {"BilevelCheckpoint", &BILEVEL_Checkpoint}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&BilevelPackage, entries, events, NULL));
  PetscFunctionReturn(0);
}

/*@C
  BilevelRegister - Adds a bilevel method

  Not Collective

  Input Parameters:
+ name   - name of the method, selected with -bilevel_type name
- create - routine that creates the method's data

  Level: advanced

.seealso: `BilevelSetType()`, `Bilevel`
@*/
PetscErrorCode BilevelRegister(const char name[], PetscErrorCode (*create)(Bilevel))
{
  PetscFunctionBegin;
  PetscCall(BilevelInitializePackage());
  PetscCall(PetscFunctionListAdd(&BilevelPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@
  BilevelCreate - Creates a bilevel solver (default type `BILEVELLVHBA`)

  Collective

  Input Parameter:
. comm - MPI communicator

  Output Parameter:
. newbl - the solver

  Level: beginner

.seealso: `BilevelSetType()`, `BilevelSolve()`, `BilevelDestroy()`
@*/
PetscErrorCode BilevelCreate(MPI_Comm comm, Bilevel *newbl)
{
  Bilevel bl;

  PetscFunctionBegin;
  TesseraValidPointer(newbl, 2);
  *newbl = NULL;
  PetscCall(BilevelInitializePackage());
  PetscCall(PetscHeaderCreate(bl, BILEVEL_CLASSID, "Bilevel", "Bilevel optimisation", "Bilevel", comm, BilevelDestroy, BilevelView));
  bl->max_it         = 100000;
  bl->atol           = 1e-8;
  bl->rtol           = PETSC_DEFAULT;
  bl->rtol_default   = 1e-7;
  bl->gap_atol       = 1e-10;
  bl->gap_rtol       = 1e-8;
  bl->res0           = -1;
  bl->ctype          = BILEVEL_CONSTRAINT_INEQUALITY;
  bl->hess_fd        = PETSC_FALSE;
  bl->projbuiltin    = PETSC_TRUE;
  bl->hess_fd_h      = 1e-5;
  bl->converged      = BilevelConvergedDefault;
  bl->reason         = BILEVEL_CONVERGED_ITERATING;
  bl->numbermonitors = 0;
  bl->ckinterval     = 100;
  bl->rsiter         = -1;
  *newbl             = bl;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetType - Sets the bilevel method

  Collective

  Input Parameters:
+ bl   - the solver
- type - `BILEVELLVHBA`, `BILEVELBOREP` or `BILEVELIMPLICIT`

  Options Database Key:
. -bilevel_type <lvhba,borep,implicit> - the method

  Level: beginner

.seealso: `BilevelGetType()`, `BilevelRegister()`
@*/
PetscErrorCode BilevelSetType(Bilevel bl, BilevelType type)
{
  PetscErrorCode (*create)(Bilevel);
  PetscBool same;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidCharPointer(type, 2);
  PetscCall(PetscObjectTypeCompare((PetscObject)bl, type, &same));
  if (same) PetscFunctionReturn(0);
  PetscCall(PetscFunctionListFind(BilevelPackage.list, type, &create));
  PetscCheck(create, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown Bilevel type %s (known: lvhba, borep, implicit)", type);
  if (bl->ops->reset) PetscCall((*bl->ops->reset)(bl));
  PetscTryTypeMethod(bl, destroy);
  PetscCall(PetscMemzero(bl->ops, sizeof(struct _BilevelOps)));
  bl->data        = NULL;
  bl->setupcalled = PETSC_FALSE;
  if (!bl->max_it_set) bl->max_it = 100000; /* the class default; a type may set its own in its create routine */
  PetscCall((*create)(bl));
  PetscCall(PetscObjectChangeTypeName((PetscObject)bl, type));
  PetscFunctionReturn(0);
}

/*@C
  BilevelGetType - Gets the bilevel method

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. type - the method

  Level: beginner

.seealso: `BilevelSetType()`
@*/
PetscErrorCode BilevelGetType(Bilevel bl, BilevelType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  TesseraValidPointer(type, 2);
  *type = ((PetscObject)bl)->type_name;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetOptionsPrefix - Sets the prefix of the options of a bilevel solver

  Logically Collective

  Input Parameters:
+ bl     - the solver
- prefix - the prefix (no leading hyphen)

  Level: intermediate

.seealso: `BilevelSetFromOptions()`, `BilevelAppendOptionsPrefix()`, `BilevelGetOptionsPrefix()`
@*/
PetscErrorCode BilevelSetOptionsPrefix(Bilevel bl, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(PetscObjectSetOptionsPrefix((PetscObject)bl, prefix));
  PetscFunctionReturn(0);
}

/*@C
  BilevelAppendOptionsPrefix - Appends to the prefix of the options of a bilevel solver

  Logically Collective

  Input Parameters:
+ bl     - the solver
- prefix - the prefix to append (no leading hyphen)

  Level: intermediate

  Notes:
  The inner solvers of a type (e.g. the Tao and KSP objects of `BILEVELIMPLICIT`) take the solver's prefix followed
  by their own, re-derived in `BilevelSetFromOptions()`.

.seealso: `BilevelSetOptionsPrefix()`, `BilevelGetOptionsPrefix()`
@*/
PetscErrorCode BilevelAppendOptionsPrefix(Bilevel bl, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(PetscObjectAppendOptionsPrefix((PetscObject)bl, prefix));
  PetscFunctionReturn(0);
}

/*@C
  BilevelGetOptionsPrefix - Gets the prefix of the options of a bilevel solver

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. prefix - the prefix (NULL if none; do not free)

  Level: intermediate

.seealso: `BilevelSetOptionsPrefix()`, `BilevelAppendOptionsPrefix()`
@*/
PetscErrorCode BilevelGetOptionsPrefix(Bilevel bl, const char *prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  TesseraValidPointer(prefix, 2);
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)bl, prefix));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelMonitorDefaultDestroy_Private(void **ctx)
{
  PetscFunctionBegin;
  PetscCall(PetscViewerAndFormatDestroy((PetscViewerAndFormat **)ctx));
  PetscFunctionReturn(0);
}

/*@
  BilevelSetFromOptions - Sets the method, tolerances and monitors of a bilevel solver from the options database

  Collective

  Input Parameter:
. bl - the solver

  Options Database Keys:
+ -bilevel_type <lvhba,borep,implicit> - the method
. -bilevel_max_it <100000>     - maximum number of iterations (LV-HBA: 500000)
. -bilevel_atol <1e-8>        - absolute tolerance on the residual (fixed-point residual of LV-HBA, hypergradient norm of BO-REP)
. -bilevel_rtol <1e-7>        - tolerance on the residual relative to its value at the first iteration
. -bilevel_gap_atol <1e-10>    - absolute tolerance on the lower-level gap
. -bilevel_gap_rtol <1e-8>    - tolerance on the lower-level gap relative to |f(x, y)|
. -bilevel_hvp_fd             - compute Hessian-vector products by finite differences of gradients even if a callback is set
. -bilevel_hvp_fd_h <1e-5>    - relative step of the finite differences
. -bilevel_monitor            - print F, residual and gap at every iteration
. -bilevel_checkpoint <file>  - write an HDF5 checkpoint every -bilevel_checkpoint_interval <100> iterations, `BilevelSetCheckpoint()`
. -bilevel_restart <file>     - resume the solve from a checkpoint, `BilevelSetRestart()`
. -bilevel_converged_reason   - print why the solver stopped
- -bilevel_view               - view the solver after the solve

  Level: beginner

.seealso: `BilevelSetType()`, `BilevelSetTolerances()`
@*/
PetscErrorCode BilevelSetFromOptions(Bilevel bl)
{
  char        type[256];
  PetscBool   flg;
  PetscViewer viewer;
  PetscReal   rtol;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscObjectOptionsBegin((PetscObject)bl);
  PetscCall(PetscOptionsFList("-bilevel_type", "Bilevel method", "BilevelSetType", BilevelPackage.list, ((PetscObject)bl)->type_name ? ((PetscObject)bl)->type_name : BILEVELLVHBA, type, sizeof(type), &flg));
  if (flg) PetscCall(BilevelSetType(bl, type));
  else if (!((PetscObject)bl)->type_name) PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCall(TesseraOptionsIntInRange("-bilevel_max_it", "Maximum number of iterations (default: the type's)", "BilevelSetTolerances", bl->max_it, &bl->max_it, &flg, 1, 100000000));
  if (flg) bl->max_it_set = PETSC_TRUE;
  PetscCall(TesseraOptionsRealInRange("-bilevel_atol", "Absolute tolerance on the residual", "BilevelSetTolerances", bl->atol, &bl->atol, NULL, 0, 1e10));
  rtol = BilevelGetRTol_Private(bl);
  PetscCall(TesseraOptionsRealInRange("-bilevel_rtol", "Tolerance on the residual relative to its reference (default: the type's)", "BilevelSetTolerances", rtol, &rtol, &flg, 0, 1));
  if (flg) bl->rtol = rtol;
  PetscCall(TesseraOptionsRealInRange("-bilevel_gap_atol", "Absolute tolerance on the lower-level gap", "BilevelSetTolerances", bl->gap_atol, &bl->gap_atol, NULL, 0, 1e10));
  PetscCall(TesseraOptionsRealInRange("-bilevel_gap_rtol", "Tolerance on the lower-level gap relative to |f|", "BilevelSetTolerances", bl->gap_rtol, &bl->gap_rtol, NULL, 0, 1));
  PetscCall(PetscOptionsBool("-bilevel_projection_builtin", "Without a projection onto C, LV-HBA projects with the built-in dual Tao projection (affine g)", "BilevelSetProjectionBuiltin", bl->projbuiltin, &bl->projbuiltin, NULL));
  PetscCall(PetscOptionsBool("-bilevel_hvp_fd", "Hessian-vector products by finite differences of gradients", "BilevelComputeLowerHessianProducts", bl->hess_fd, &bl->hess_fd, NULL));
  PetscCall(TesseraOptionsRealPositive("-bilevel_hvp_fd_h", "Relative finite-difference step", "BilevelComputeLowerHessianProducts", bl->hess_fd_h, &bl->hess_fd_h, NULL, 1));
  PetscCall(PetscOptionsViewer("-bilevel_monitor", "Monitor F, residual and gap", "BilevelMonitorSet", &viewer, NULL, &flg));
  if (flg) {
    PetscViewerAndFormat *vf;

    PetscCall(PetscViewerAndFormatCreate(viewer, PETSC_VIEWER_DEFAULT, &vf));
    PetscCall(PetscObjectDereference((PetscObject)viewer));
    PetscCall(BilevelMonitorSet(bl, BilevelMonitorDefault, vf, BilevelMonitorDefaultDestroy_Private));
  }
  {
    char      file[PETSC_MAX_PATH_LEN];
    PetscInt  interval = bl->ckinterval;
    PetscBool fset, iset;

    PetscCall(PetscStrncpy(file, bl->ckfile, sizeof(file)));
    PetscCall(PetscOptionsString("-bilevel_checkpoint", "HDF5 checkpoint file, written every -bilevel_checkpoint_interval iterations", "BilevelSetCheckpoint", file, file, sizeof(file), &fset));
    PetscCall(TesseraOptionsIntInRange("-bilevel_checkpoint_interval", "Iterations between checkpoints", "BilevelSetCheckpoint", interval, &interval, &iset, 1, PETSC_MAX_INT));
    PetscCheck(!iset || fset || bl->ckfile[0], PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_WRONG, "-bilevel_checkpoint_interval needs -bilevel_checkpoint FILE");
    if (fset || iset) PetscCall(BilevelSetCheckpoint(bl, file, interval));
    PetscCall(PetscStrncpy(file, bl->rsfile, sizeof(file)));
    PetscCall(PetscOptionsString("-bilevel_restart", "Resume the next BilevelSolve() from this HDF5 checkpoint", "BilevelSetRestart", file, file, sizeof(file), &fset));
    if (fset) PetscCall(BilevelSetRestart(bl, file));
  }
  PetscTryTypeMethod(bl, setfromoptions, PetscOptionsObject);
  PetscOptionsEnd();
  PetscCheck(bl->max_it >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_max_it %" PetscInt_FMT " must be nonnegative", bl->max_it);
  PetscCheck(bl->atol >= 0 && BilevelGetRTol_Private(bl) >= 0 && bl->gap_atol >= 0 && bl->gap_rtol >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Tolerances must be nonnegative");
  PetscCheck(bl->hess_fd_h > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "-bilevel_hvp_fd_h %g must be positive", (double)bl->hess_fd_h);
  PetscFunctionReturn(0);
}

/*@
  BilevelSetSolution - Sets the upper- and lower-level variables: initial guess on input, solution on output

  Logically Collective

  Input Parameters:
+ bl - the solver
. x  - upper-level variable
- y  - lower-level variable

  Level: beginner

  Notes:
  The solver keeps references to x and y and updates them in place. Their sizes fix the problem size.

.seealso: `BilevelGetSolution()`, `BilevelSolve()`
@*/
PetscErrorCode BilevelSetSolution(Bilevel bl, Vec x, Vec y)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  PetscValidHeaderSpecific(y, VEC_CLASSID, 3);
  PetscCall(PetscObjectReference((PetscObject)x));
  PetscCall(PetscObjectReference((PetscObject)y));
  if (bl->x || bl->y) PetscCall(BilevelReset(bl));
  PetscCall(VecDestroy(&bl->x));
  PetscCall(VecDestroy(&bl->y));
  bl->x = x;
  bl->y = y;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetSolution - Gets the upper- and lower-level variables

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ x - upper-level variable (do not destroy)
- y - lower-level variable (do not destroy)

  Level: beginner

.seealso: `BilevelSetSolution()`
@*/
PetscErrorCode BilevelGetSolution(Bilevel bl, Vec *x, Vec *y)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (x) *x = bl->x;
  if (y) *y = bl->y;
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelSetVecPair_Private(Vec a, Vec b, Vec *pa, Vec *pb)
{
  PetscFunctionBegin;
  if (a) PetscCall(PetscObjectReference((PetscObject)a));
  if (b) PetscCall(PetscObjectReference((PetscObject)b));
  PetscCall(VecDestroy(pa));
  PetscCall(VecDestroy(pb));
  *pa = a;
  *pb = b;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetUpperObjective - Sets the upper-level objective F(x, y) and its gradient

  Logically Collective

  Input Parameters:
+ bl   - the solver
. gx   - Vec for the gradient with respect to x (or NULL: duplicated from x)
. gy   - Vec for the gradient with respect to y (or NULL: duplicated from y)
. func - the callback
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)

  Level: beginner

.seealso: `BilevelSetLowerObjective()`
@*/
PetscErrorCode BilevelSetUpperObjective(Bilevel bl, Vec gx, Vec gy, BilevelObjectiveFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetVecPair_Private(gx, gy, &bl->Fx, &bl->Fy));
  bl->upper       = func;
  bl->upperctx    = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetLowerObjective - Sets the lower-level objective f(x, y) and its gradient

  Logically Collective

  Input Parameters:
+ bl   - the solver
. gx   - Vec for the gradient with respect to x (or NULL: duplicated from x)
. gy   - Vec for the gradient with respect to y (or NULL: duplicated from y)
. func - the callback, same calling sequence as for `BilevelSetUpperObjective()`
- ctx  - user context

  Level: beginner

.seealso: `BilevelSetUpperObjective()`, `BilevelSetLowerConstraints()`
@*/
PetscErrorCode BilevelSetLowerObjective(Bilevel bl, Vec gx, Vec gy, BilevelObjectiveFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetVecPair_Private(gx, gy, &bl->fx, &bl->fy));
  bl->lower       = func;
  bl->lowerctx    = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetLowerConstraints - Sets the lower-level constraints g(x, y) <= 0 (or = 0)

  Logically Collective

  Input Parameters:
+ bl   - the solver
. g    - Vec for the constraint values; its size l is the number of constraints
. type - `BILEVEL_CONSTRAINT_INEQUALITY` or `BILEVEL_CONSTRAINT_EQUALITY` (all rows)
. func - the callback
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)

  Level: beginner

  Notes:
  The constraints must be convex in y (jointly convex in (x, y) for LV-HBA's theory). Also set the transposed
  Jacobian with `BilevelSetLowerConstraintsJacobianTranspose()`.

.seealso: `BilevelSetLowerConstraintsJacobianTranspose()`, `BilevelSetProjection()`
@*/
PetscErrorCode BilevelSetLowerConstraints(Bilevel bl, Vec g, BilevelConstraintType type, BilevelConstraintFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidHeaderSpecific(g, VEC_CLASSID, 2);
  PetscCall(PetscObjectReference((PetscObject)g));
  PetscCall(VecDestroy(&bl->g));
  bl->g           = g;
  bl->ctype       = type;
  bl->cons        = func;
  bl->consctx     = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetLowerConstraintsJacobianTranspose - Sets the product of the transposed constraint Jacobian with a
  multiplier vector: jx = sum_i lambda_i grad_x g_i(x, y), jy = sum_i lambda_i grad_y g_i(x, y)

  Logically Collective

  Input Parameters:
+ bl   - the solver
. jx   - Vec for the x part (or NULL: duplicated from x)
. jy   - Vec for the y part (or NULL: duplicated from y)
. func - the callback
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy, void *ctx)

  Level: beginner

.seealso: `BilevelSetLowerConstraints()`
@*/
PetscErrorCode BilevelSetLowerConstraintsJacobianTranspose(Bilevel bl, Vec jx, Vec jy, BilevelJacobianTransposeFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetVecPair_Private(jx, jy, &bl->jx, &bl->jy));
  bl->jact        = func;
  bl->jactctx     = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetProjection - Sets the Euclidean projection onto the closed convex set C of feasible (x, y), in place

  Logically Collective

  Input Parameters:
+ bl   - the solver
. func - the callback (NULL: C is the whole space)
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, void *ctx)

  Level: beginner

  Notes:
  LV-HBA requires a starting point in C and raises an error otherwise. Without a projection, LV-HBA projects onto
  C = {g <= 0 (or = 0), xl <= x <= xu} with a built-in projection when the constraints g are affine
  (`BilevelSetProjectionBuiltin()`).

.seealso: `BilevelSetLowerProjection()`, `BilevelProject()`, `BilevelSetProjectionBuiltin()`
@*/
PetscErrorCode BilevelSetProjection(Bilevel bl, BilevelProjectionFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelProjectionResetBuiltin_Private(bl));
  bl->proj    = func;
  bl->projctx = ctx;
  PetscFunctionReturn(0);
}

/*@
  BilevelSetUpperBounds - Sets bounds xl <= x <= xu on the upper-level variable

  Logically Collective

  Input Parameters:
+ bl - the solver
. xl - lower bounds (NULL: none; entries PETSC_NINFINITY allowed)
- xu - upper bounds (NULL: none; entries PETSC_INFINITY allowed)

  Level: intermediate

  Notes:
  `BILEVELIMPLICIT` hands them to its bound-constrained upper-level Tao, `BILEVELBOREP` clips x after each step and
  `BILEVELLVHBA` clips x after each step when no projection onto C is set (with a projection, C must contain the
  bounds: an error says so).

.seealso: `BilevelSetProjection()`
@*/
PetscErrorCode BilevelSetUpperBounds(Bilevel bl, Vec xl, Vec xu)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (xl) PetscValidHeaderSpecific(xl, VEC_CLASSID, 2);
  if (xu) PetscValidHeaderSpecific(xu, VEC_CLASSID, 3);
  PetscCall(BilevelSetVecPair_Private(xl, xu, &bl->xl, &bl->xu));
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  BilevelSetInitialMultipliers - Sets the starting multipliers of the lower-level constraints

  Logically Collective

  Input Parameters:
+ bl     - the solver
- lambda - the multipliers, one per lower-level constraint (layout of the constraint Vec of
           `BilevelSetLowerConstraints()`), NULL: the type's default (zero)

  Level: intermediate

  Notes:
  `BILEVELLVHBA` starts its multipliers lambda and their proximal centre z there (a warm start from an earlier solve
  or from a known estimate). The values are checked where they are set (finite) and in `BilevelSetUp()`: the size
  must be that of the constraints, the entries of inequality multipliers nonnegative; LV-HBA also checks them against
  its multiplier bound r (`BilevelLVHBASetMultiplierBound()`). The Vec is referenced, not copied: later changes to it
  apply to the next solve. A restart from a checkpoint takes the multipliers of the checkpoint.

.seealso: `BilevelSetLowerConstraints()`, `BilevelLVHBAGetMultipliers()`
@*/
PetscErrorCode BilevelSetInitialMultipliers(Bilevel bl, Vec lambda)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (lambda) {
    PetscValidHeaderSpecific(lambda, VEC_CLASSID, 2);
    PetscCall(TesseraVecCheckFinite(lambda, "the initial multipliers"));
    PetscCall(PetscObjectReference((PetscObject)lambda));
  }
  PetscCall(VecDestroy(&bl->lambda0));
  bl->lambda0 = lambda;
  PetscFunctionReturn(0);
}

/* x <- min(max(x, xl), xu) */
PetscErrorCode BilevelClipUpper_Private(Bilevel bl, Vec x)
{
  PetscFunctionBegin;
  if (bl->xl) PetscCall(VecPointwiseMax(x, x, bl->xl));
  if (bl->xu) PetscCall(VecPointwiseMin(x, x, bl->xu));
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetLowerProjection - Sets the Euclidean projection onto the lower-level set Y, in place

  Logically Collective

  Input Parameters:
+ bl   - the solver
. func - the callback (NULL: Y is the whole space)
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec y, void *ctx)

  Level: beginner

.seealso: `BilevelSetProjection()`
@*/
PetscErrorCode BilevelSetLowerProjection(Bilevel bl, BilevelLowerProjectionFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  bl->projlower    = func;
  bl->projlowerctx = ctx;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetLowerHessianProducts - Sets the lower-level Hessian-vector products hx = grad^2_xy f(x, y) v and
  hy = grad^2_yy f(x, y) v used by BO-REP

  Logically Collective

  Input Parameters:
+ bl   - the solver
. hx   - Vec for the mixed product, size of x (or NULL: duplicated from x)
. hy   - Vec for the lower-level product, size of y (or NULL: duplicated from y)
. func - the callback (NULL: central finite differences of the lower-level gradient)
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)

  Level: intermediate

.seealso: `BilevelComputeLowerHessianProducts()`
@*/
PetscErrorCode BilevelSetLowerHessianProducts(Bilevel bl, Vec hx, Vec hy, BilevelHessianProductFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetVecPair_Private(hx, hy, &bl->hx, &bl->hy));
  bl->hess        = func;
  bl->hessctx     = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetUpperHessianProducts - Sets the upper-level Hessian-vector products hx = grad^2_xy F(x, y) v and
  hy = grad^2_yy F(x, y) v (used by the upper-level selection of `BILEVELIMPLICIT`)

  Logically Collective

  Input Parameters:
+ bl   - the solver
. hx   - Vec for the mixed product, size of x (or NULL: duplicated from x)
. hy   - Vec for the product in y, size of y (or NULL: duplicated from y)
. func - the callback (NULL: central finite differences of the upper-level gradient)
- ctx  - user context

  Calling sequence of func:
$ PetscErrorCode func(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy, void *ctx)

  Level: intermediate

  Note:
  The mixed product is grad_x (grad_y F(x, y)^T v), as for `BilevelSetLowerHessianProducts()`.

.seealso: `BilevelComputeUpperHessianProducts()`, `BilevelSetLowerHessianProducts()`, `BilevelImplicitSetSelection()`
@*/
PetscErrorCode BilevelSetUpperHessianProducts(Bilevel bl, Vec hx, Vec hy, BilevelHessianProductFn func, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetVecPair_Private(hx, hy, &bl->uhx, &bl->uhy));
  bl->uhess       = func;
  bl->uhessctx    = ctx;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  BilevelSetTolerances - Sets the stopping tolerances (absolute and relative, in the manner of `TaoSetTolerances()`)

  Logically Collective

  Input Parameters:
+ bl       - the solver
. atol     - absolute tolerance on the residual
. rtol     - tolerance on the residual relative to the residual of the first iteration
. gap_atol - absolute tolerance on the lower-level gap
. gap_rtol - tolerance on the lower-level gap relative to |f(x, y)|, the current lower-level objective
- max_it   - maximum number of iterations

  Options Database Keys:
+ -bilevel_atol <1e-8>     - absolute residual tolerance
. -bilevel_rtol <1e-7>     - relative residual tolerance
. -bilevel_gap_atol <1e-10> - absolute gap tolerance
. -bilevel_gap_rtol <1e-8> - relative gap tolerance
- -bilevel_max_it <100000> - maximum number of iterations (the default of type lvhba is 500000)

  Level: beginner

  Notes:
  `PETSC_DEFAULT` keeps the current value of an argument. `BilevelConvergedDefault()` stops when both
  res <= max(atol, rtol res0) and |gap| <= max(gap_atol, gap_rtol |f|), where res0 is the residual of the first
  iteration. The relative tests make the default stopping independent of the scale and the size of the problem: a
  residual that is a norm over n variables grows like sqrt(n), a gap that is a sum over n terms like n (so does f).
  Set a relative tolerance to 0 for a purely absolute test, and all four to 0 to run to max_it.

.seealso: `BilevelGetTolerances()`, `BilevelConvergedDefault()`
@*/
PetscErrorCode BilevelSetTolerances(Bilevel bl, PetscReal atol, PetscReal rtol, PetscReal gap_atol, PetscReal gap_rtol, PetscInt max_it)
{
  const PetscReal in[4] = {atol, rtol, gap_atol, gap_rtol};
  PetscReal      *out[4];

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  out[0] = &bl->atol;
  out[1] = &bl->rtol;
  out[2] = &bl->gap_atol;
  out[3] = &bl->gap_rtol;
  for (PetscInt k = 0; k < 4; k++) {
    if (in[k] == (PetscReal)PETSC_DEFAULT) continue;
    PetscCheck(in[k] >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Tolerance %g must be nonnegative", (double)in[k]);
    *out[k] = in[k];
  }
  if (max_it != PETSC_DEFAULT) {
    PetscCheck(max_it >= 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Maximum iterations %" PetscInt_FMT " must be nonnegative", max_it);
    bl->max_it      = max_it;
    bl->max_it_set  = PETSC_TRUE;
    bl->setupcalled = PETSC_FALSE;
  }
  PetscFunctionReturn(0);
}

/*@
  BilevelGetTolerances - Gets the stopping tolerances

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ atol     - absolute residual tolerance (may be NULL)
. rtol     - relative residual tolerance (may be NULL)
. gap_atol - absolute gap tolerance (may be NULL)
. gap_rtol - relative gap tolerance (may be NULL)
- max_it   - maximum number of iterations (may be NULL)

  Level: beginner

.seealso: `BilevelSetTolerances()`
@*/
PetscErrorCode BilevelGetTolerances(Bilevel bl, PetscReal *atol, PetscReal *rtol, PetscReal *gap_atol, PetscReal *gap_rtol, PetscInt *max_it)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (atol) *atol = bl->atol;
  if (rtol) *rtol = BilevelGetRTol_Private(bl);
  if (gap_atol) *gap_atol = bl->gap_atol;
  if (gap_rtol) *gap_rtol = bl->gap_rtol;
  if (max_it) *max_it = bl->max_it;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetConvergenceTest - Sets the function that decides when to stop

  Logically Collective

  Input Parameters:
+ bl   - the solver
. test - the test
- ctx  - its context

  Calling sequence of test:
$ PetscErrorCode test(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ctx)

  Level: intermediate

.seealso: `BilevelConvergedDefault()`
@*/
PetscErrorCode BilevelSetConvergenceTest(Bilevel bl, BilevelConvergenceTestFn test, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  bl->converged = test;
  bl->cnvctx    = ctx;
  PetscFunctionReturn(0);
}

/*@C
  BilevelConvergedDefault - Default convergence test: res <= max(atol, rtol res0) and |gap| <= max(gap_atol, gap_rtol |f|)
  (res0: residual of the first iteration, f: current lower-level objective), non-finite values and the iteration limit

  Collective

  Input Parameters:
+ bl  - the solver
. it  - iteration number
. res - residual
. gap - lower-level gap
- ctx - unused

  Output Parameter:
. reason - the verdict

  Level: intermediate

.seealso: `BilevelSetConvergenceTest()`, `BilevelSetTolerances()`
@*/
PetscErrorCode BilevelConvergedDefault(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ctx)
{
  PetscFunctionBegin;
  *reason = BILEVEL_CONVERGED_ITERATING;
  if (PetscIsInfOrNanReal(res) || PetscIsInfOrNanReal(gap) || PetscIsInfOrNanReal(bl->Fval)) *reason = BILEVEL_DIVERGED_NAN;
  else if (BilevelResidualConverged_Private(bl, res) && BilevelGapConverged_Private(bl, gap, bl->fval)) *reason = BILEVEL_CONVERGED_TOL;
  else if (it + 1 >= bl->max_it) *reason = BILEVEL_DIVERGED_MAXIT;
  PetscFunctionReturn(0);
}

/*@C
  BilevelMonitorSet - Adds a function called at every iteration

  Logically Collective

  Input Parameters:
+ bl      - the solver
. monitor - the monitor
. ctx     - its context
- destroy - destroys the context (or NULL)

  Calling sequence of monitor:
$ PetscErrorCode monitor(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ctx)

  Options Database Key:
. -bilevel_monitor - `BilevelMonitorDefault()`

  Level: beginner

.seealso: `BilevelMonitorDefault()`, `BilevelMonitorCancel()`
@*/
PetscErrorCode BilevelMonitorSet(Bilevel bl, BilevelMonitorFn monitor, void *ctx, PetscErrorCode (*destroy)(void **))
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCheck(bl->numbermonitors < MAXBILEVELMONITORS, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "At most %d monitors", MAXBILEVELMONITORS);
  bl->monitor[bl->numbermonitors]        = monitor;
  bl->monitorctx[bl->numbermonitors]     = ctx;
  bl->monitordestroy[bl->numbermonitors] = destroy;
  bl->numbermonitors++;
  PetscFunctionReturn(0);
}

/*@
  BilevelMonitorCancel - Removes all monitors

  Logically Collective

  Input Parameter:
. bl - the solver

  Level: intermediate

.seealso: `BilevelMonitorSet()`
@*/
PetscErrorCode BilevelMonitorCancel(Bilevel bl)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  for (PetscInt i = 0; i < bl->numbermonitors; i++)
    if (bl->monitordestroy[i]) PetscCall((*bl->monitordestroy[i])(&bl->monitorctx[i]));
  bl->numbermonitors = 0;
  PetscFunctionReturn(0);
}

/*@C
  BilevelMonitorDefault - Prints the iteration number, F, the residual and the lower-level gap

  Collective

  Input Parameters:
+ bl  - the solver
. it  - iteration number
. F   - upper-level objective
. res - residual
. gap - lower-level gap
- ctx - a `PetscViewerAndFormat`

  Level: intermediate

.seealso: `BilevelMonitorSet()`
@*/
PetscErrorCode BilevelMonitorDefault(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ctx)
{
  PetscViewer viewer = ctx ? ((PetscViewerAndFormat *)ctx)->viewer : PETSC_VIEWER_STDOUT_(PetscObjectComm((PetscObject)bl));

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIAddTab(viewer, ((PetscObject)bl)->tablevel));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%4" PetscInt_FMT " Bilevel F %14.8e residual %9.3e gap %10.3e\n", it, (double)F, (double)res, (double)gap));
  PetscCall(PetscViewerASCIISubtractTab(viewer, ((PetscObject)bl)->tablevel));
  PetscFunctionReturn(0);
}

/* The two halves of the default test: res <= max(atol, rtol res0) and |gap| <= max(gap_atol, gap_rtol |f|) */
PetscReal BilevelGetRTol_Private(Bilevel bl) { return bl->rtol == (PetscReal)PETSC_DEFAULT ? bl->rtol_default : bl->rtol; }

PetscBool BilevelResidualConverged_Private(Bilevel bl, PetscReal res) { return (PetscBool)(res <= PetscMax(bl->atol, BilevelGetRTol_Private(bl) * PetscMax(bl->res0, 0))); }

PetscBool BilevelGapConverged_Private(Bilevel bl, PetscReal gap, PetscReal f) { return (PetscBool)(PetscAbsReal(gap) <= PetscMax(bl->gap_atol, bl->gap_rtol * (bl->gapref >= 0 ? bl->gapref : PetscAbsReal(f)))); }

/* Records one iteration (history, monitors, convergence test); called by the methods with the iterate's values; the
   first residual of a solve is the reference res0 of the relative tolerance */
PetscErrorCode BilevelLogIteration_Private(Bilevel bl, PetscReal F, PetscReal f, PetscReal res, PetscReal gap)
{
  PetscLogDouble t;

  PetscFunctionBegin;
  PetscCall(PetscTime(&t));
  bl->Fval = F;
  bl->fval = f;
  bl->res  = res;
  bl->gap  = gap;
  if (bl->res0 < 0 && !PetscIsInfOrNanReal(res)) bl->res0 = res;
  if (bl->hist_len < bl->hist_max) {
    bl->hist_F[bl->hist_len]    = F;
    bl->hist_f[bl->hist_len]    = f;
    bl->hist_res[bl->hist_len]  = res;
    bl->hist_gap[bl->hist_len]  = gap;
    bl->hist_time[bl->hist_len] = (PetscReal)(t - bl->tstart);
    bl->hist_len++;
  }
  for (PetscInt i = 0; i < bl->numbermonitors; i++) PetscCall((*bl->monitor[i])(bl, bl->its, F, res, gap, bl->monitorctx[i]));
  PetscCall((*bl->converged)(bl, bl->its, res, gap, &bl->reason, bl->cnvctx));
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelCheckSize_Private(Bilevel bl, Vec v, Vec ref, const char what[], const char refname[])
{
  PetscInt n, nref;

  PetscFunctionBegin;
  PetscCall(VecGetSize(v, &n));
  PetscCall(VecGetSize(ref, &nref));
  PetscCheck(n == nref, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_SIZ, "Size mismatch between callbacks: %s has size %" PetscInt_FMT ", but %s has size %" PetscInt_FMT, what, n, refname, nref);
  PetscCall(VecGetLocalSize(v, &n));
  PetscCall(VecGetLocalSize(ref, &nref));
  PetscCheck(n == nref, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Parallel layout mismatch: %s has local size %" PetscInt_FMT ", but %s has local size %" PetscInt_FMT, what, n, refname, nref);
  PetscFunctionReturn(0);
}

static PetscErrorCode BilevelPrepareVecPair_Private(Bilevel bl, Vec *a, Vec *b, const char what[])
{
  char name[128];

  PetscFunctionBegin;
  if (!*a) PetscCall(VecDuplicate(bl->x, a));
  if (!*b) PetscCall(VecDuplicate(bl->y, b));
  PetscCall(PetscSNPrintf(name, sizeof(name), "%s with respect to x", what));
  PetscCall(BilevelCheckSize_Private(bl, *a, bl->x, name, "the upper-level variable x"));
  PetscCall(PetscSNPrintf(name, sizeof(name), "%s with respect to y", what));
  PetscCall(BilevelCheckSize_Private(bl, *b, bl->y, name, "the lower-level variable y"));
  PetscFunctionReturn(0);
}

/*@
  BilevelSetUp - Checks the problem definition and allocates the work space

  Collective

  Input Parameter:
. bl - the solver

  Level: advanced

  Notes:
  Raises an error if the solution Vecs or a required callback are missing, or if the Vecs given with the callbacks
  do not match the sizes of x, y and of the constraint Vec.

.seealso: `BilevelSolve()`
@*/
PetscErrorCode BilevelSetUp(Bilevel bl)
{
  MPI_Comm comm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (bl->setupcalled) PetscFunctionReturn(0);
  comm = PetscObjectComm((PetscObject)bl);
  if (!((PetscObject)bl)->type_name) PetscCall(BilevelSetType(bl, BILEVELLVHBA));
  PetscCheck(bl->x && bl->y, comm, PETSC_ERR_ORDER, "Call BilevelSetSolution() before BilevelSetUp()");
  PetscCheck(bl->upper, comm, PETSC_ERR_ORDER, "Call BilevelSetUpperObjective() before BilevelSetUp()");
  PetscCheck(bl->lower, comm, PETSC_ERR_ORDER, "Call BilevelSetLowerObjective() before BilevelSetUp()");
  PetscCall(PetscLogEventBegin(BILEVEL_SetUp, bl, 0, 0, 0));
  PetscCall(BilevelPrepareVecPair_Private(bl, &bl->Fx, &bl->Fy, "the upper-level gradient"));
  PetscCall(BilevelPrepareVecPair_Private(bl, &bl->fx, &bl->fy, "the lower-level gradient"));
  if (bl->g) {
    PetscCheck(bl->cons && bl->jact, comm, PETSC_ERR_ORDER, "Lower-level constraints need BilevelSetLowerConstraintsJacobianTranspose()");
    PetscCall(BilevelPrepareVecPair_Private(bl, &bl->jx, &bl->jy, "the constraint Jacobian-transpose product"));
  }
  PetscCall(BilevelPrepareVecPair_Private(bl, &bl->hx, &bl->hy, "the Hessian-vector product"));
  PetscCall(BilevelPrepareVecPair_Private(bl, &bl->uhx, &bl->uhy, "the upper-level Hessian-vector product"));
  if (bl->lambda0) {
    PetscReal lmin;
    PetscInt  imin;

    PetscCheck(bl->g, comm, PETSC_ERR_ARG_WRONG, "Initial multipliers were set (BilevelSetInitialMultipliers()) but the lower level has no constraints");
    PetscCall(BilevelCheckSize_Private(bl, bl->lambda0, bl->g, "the initial multipliers", "the lower-level constraints"));
    PetscCall(VecMin(bl->lambda0, &imin, &lmin));
    PetscCheck(bl->ctype != BILEVEL_CONSTRAINT_INEQUALITY || lmin >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Initial multiplier %" PetscInt_FMT " is %g: multipliers of inequality constraints must be nonnegative", imin, (double)lmin);
  }
  if (bl->xl) PetscCall(BilevelCheckSize_Private(bl, bl->xl, bl->x, "the lower bound of x", "the upper-level variable x"));
  if (bl->xu) PetscCall(BilevelCheckSize_Private(bl, bl->xu, bl->x, "the upper bound of x", "the upper-level variable x"));
  if (!bl->fdx) PetscCall(VecDuplicate(bl->x, &bl->fdx));
  if (!bl->fdy) PetscCall(VecDuplicate(bl->y, &bl->fdy));
  if (!bl->fdw) PetscCall(VecDuplicate(bl->y, &bl->fdw));
  if (bl->hist_max != bl->max_it + 1) {
    PetscCall(PetscFree5(bl->hist_F, bl->hist_f, bl->hist_res, bl->hist_gap, bl->hist_time));
    bl->hist_max = bl->max_it + 1;
    PetscCall(PetscMalloc5(bl->hist_max, &bl->hist_F, bl->hist_max, &bl->hist_f, bl->hist_max, &bl->hist_res, bl->hist_max, &bl->hist_gap, bl->hist_max, &bl->hist_time));
  }
  PetscTryTypeMethod(bl, reset); /* a setter may have changed sizes since a previous set-up */
  PetscTryTypeMethod(bl, setup);
  PetscCall(PetscLogEventEnd(BILEVEL_SetUp, bl, 0, 0, 0));
  bl->setupcalled = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/*@
  BilevelSolve - Solves the bilevel problem

  Collective

  Input Parameter:
. bl - the solver

  Options Database Keys:
+ -bilevel_converged_reason - print why the solver stopped
- -bilevel_view             - view the solver afterwards

  Level: beginner

.seealso: `BilevelCreate()`, `BilevelSetUp()`, `BilevelGetConvergedReason()`
@*/
PetscErrorCode BilevelSolve(Bilevel bl)
{
  PetscBool flg;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(BilevelSetUp(bl));
  bl->its      = 0;
  bl->hist_len = 0;
  bl->res0     = -1;
  bl->gapref   = -1;
  bl->reason   = BILEVEL_CONVERGED_ITERATING;
  bl->resumed  = PETSC_FALSE;
  bl->rsiter   = -1;
  PetscCall(PetscTime(&bl->tstart));
  PetscCheck(!bl->ckfile[0] || bl->ops->checkpointwrite, PetscObjectComm((PetscObject)bl), PETSC_ERR_SUP, "Bilevel type %s does not write checkpoints (-bilevel_checkpoint): its state is not stored", ((PetscObject)bl)->type_name);
  if (bl->rsfile[0]) {
    PetscCheck(bl->ops->checkpointread, PetscObjectComm((PetscObject)bl), PETSC_ERR_SUP, "Bilevel type %s cannot resume from a checkpoint", ((PetscObject)bl)->type_name);
    PetscCall(BilevelRestart_Private(bl));
  }
  PetscCall(PetscLogEventBegin(BILEVEL_Solve, bl, 0, 0, 0));
  PetscUseTypeMethod(bl, solve);
  PetscCall(PetscLogEventEnd(BILEVEL_Solve, bl, 0, 0, 0));
  PetscCall(PetscOptionsHasName(((PetscObject)bl)->options, ((PetscObject)bl)->prefix, "-bilevel_converged_reason", &flg));
  if (flg) {
    PetscViewer viewer = PETSC_VIEWER_STDOUT_(PetscObjectComm((PetscObject)bl));

    PetscCall(PetscViewerASCIIAddTab(viewer, ((PetscObject)bl)->tablevel));
    PetscCall(PetscViewerASCIIPrintf(viewer, "Bilevel %s solve %s due to %s iterations %" PetscInt_FMT "\n", ((PetscObject)bl)->type_name, bl->reason > 0 ? "converged" : "did not converge", BilevelConvergedReasons[bl->reason], bl->its));
    PetscCall(PetscViewerASCIISubtractTab(viewer, ((PetscObject)bl)->tablevel));
  }
  PetscCall(BilevelViewFromOptions(bl, NULL, "-bilevel_view"));
  PetscFunctionReturn(0);
}

/*@C
  BilevelView - Prints the method, its parameters, the tolerances and the outcome of the last solve

  Collective

  Input Parameters:
+ bl     - the solver
- viewer - ASCII viewer (NULL: stdout)

  Level: beginner

.seealso: `BilevelViewFromOptions()`
@*/
PetscErrorCode BilevelView(Bilevel bl, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PetscObjectComm((PetscObject)bl), &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (!isascii) PetscFunctionReturn(0);
  PetscCall(PetscObjectPrintClassNamePrefixType((PetscObject)bl, viewer));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  if (bl->x && bl->y) {
    PetscInt n, m, l = 0;

    PetscCall(VecGetSize(bl->x, &n));
    PetscCall(VecGetSize(bl->y, &m));
    if (bl->g) PetscCall(VecGetSize(bl->g, &l));
    PetscCall(PetscViewerASCIIPrintf(viewer, "sizes: upper level %" PetscInt_FMT ", lower level %" PetscInt_FMT ", lower-level constraints %" PetscInt_FMT "%s%s\n", n, m, l, l ? " of type " : "", l ? BilevelConstraintTypes[bl->ctype] : ""));
  }
  PetscCall(
      PetscViewerASCIIPrintf(viewer, "tolerances: residual max(%g, %g res0), gap max(%g, %g |f|), max iterations %" PetscInt_FMT "\n", (double)bl->atol, (double)BilevelGetRTol_Private(bl), (double)bl->gap_atol, (double)bl->gap_rtol, bl->max_it));
  PetscTryTypeMethod(bl, view, viewer);
  PetscCall(PetscViewerASCIIPrintf(viewer, "evaluations: F %" PetscInt_FMT ", f %" PetscInt_FMT ", g %" PetscInt_FMT ", Jacobian-transpose %" PetscInt_FMT ", projections %" PetscInt_FMT ", Hessian products %" PetscInt_FMT "\n", bl->nupper,
                                   bl->nlower, bl->ncons, bl->njact, bl->nproj, bl->nhess));
  if (bl->reason != BILEVEL_CONVERGED_ITERATING) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "last solve: %s after %" PetscInt_FMT " iterations, F %g, f %g, residual %g (first %g), gap %g\n", BilevelConvergedReasons[bl->reason], bl->its, (double)bl->Fval, (double)bl->fval, (double)bl->res,
                                     (double)bl->res0, (double)bl->gap));
  }
  if (bl->ckfile[0]) PetscCall(PetscViewerASCIIPrintf(viewer, "checkpoint: %s every %" PetscInt_FMT " iterations\n", bl->ckfile, bl->ckinterval));
  if (bl->rsiter >= 0) PetscCall(PetscViewerASCIIPrintf(viewer, "resumed from checkpoint %s before iteration %" PetscInt_FMT "\n", bl->rsfrom, bl->rsiter));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

/*@C
  BilevelViewFromOptions - Views the solver if an option is set

  Collective

  Input Parameters:
+ bl   - the solver
. obj  - optional object supplying the prefix
- name - the option, e.g. "-bilevel_view"

  Level: intermediate

.seealso: `BilevelView()`
@*/
PetscErrorCode BilevelViewFromOptions(Bilevel bl, PetscObject obj, const char name[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(PetscObjectViewFromOptions((PetscObject)bl, obj, name));
  PetscFunctionReturn(0);
}

/*@
  BilevelReset - Frees the size-dependent work space, so that the solver can be used at another size

  Collective

  Input Parameter:
. bl - the solver

  Level: advanced

.seealso: `BilevelDestroy()`
@*/
PetscErrorCode BilevelReset(Bilevel bl)
{
  PetscFunctionBegin;
  if (!bl) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscTryTypeMethod(bl, reset);
  PetscCall(VecDestroy(&bl->fdx));
  PetscCall(VecDestroy(&bl->fdy));
  PetscCall(VecDestroy(&bl->fdw));
  PetscCall(PetscFree5(bl->hist_F, bl->hist_f, bl->hist_res, bl->hist_gap, bl->hist_time));
  bl->hist_max    = 0;
  bl->hist_len    = 0;
  bl->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  BilevelDestroy - Destroys a bilevel solver

  Collective

  Input Parameter:
. bl - the solver

  Level: beginner

.seealso: `BilevelCreate()`
@*/
PetscErrorCode BilevelDestroy(Bilevel *bl)
{
  PetscFunctionBegin;
  if (!*bl) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*bl, BILEVEL_CLASSID, 1);
  if (--((PetscObject)(*bl))->refct > 0) {
    *bl = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(BilevelReset(*bl));
  PetscTryTypeMethod(*bl, destroy);
  PetscCall(BilevelMonitorCancel(*bl));
  PetscCall(VecDestroy(&(*bl)->x));
  PetscCall(VecDestroy(&(*bl)->y));
  PetscCall(VecDestroy(&(*bl)->Fx));
  PetscCall(VecDestroy(&(*bl)->Fy));
  PetscCall(VecDestroy(&(*bl)->fx));
  PetscCall(VecDestroy(&(*bl)->fy));
  PetscCall(VecDestroy(&(*bl)->g));
  PetscCall(VecDestroy(&(*bl)->jx));
  PetscCall(VecDestroy(&(*bl)->jy));
  PetscCall(VecDestroy(&(*bl)->xl));
  PetscCall(VecDestroy(&(*bl)->xu));
  PetscCall(VecDestroy(&(*bl)->lambda0));
  PetscCall(VecDestroy(&(*bl)->hx));
  PetscCall(VecDestroy(&(*bl)->hy));
  PetscCall(VecDestroy(&(*bl)->uhx));
  PetscCall(VecDestroy(&(*bl)->uhy));
  PetscCall(PetscHeaderDestroy(bl));
  PetscFunctionReturn(0);
}

/*@
  BilevelGetConvergedReason - Gets why the last `BilevelSolve()` stopped

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. reason - the reason

  Level: beginner

.seealso: `BilevelSolve()`, `BilevelConvergedReason`
@*/
PetscErrorCode BilevelGetConvergedReason(Bilevel bl, BilevelConvergedReason *reason)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  TesseraValidPointer(reason, 2);
  *reason = bl->reason;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetIterationNumber - Gets the number of iterations of the last solve

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameter:
. its - the number of iterations

  Level: beginner

.seealso: `BilevelSolve()`
@*/
PetscErrorCode BilevelGetIterationNumber(Bilevel bl, PetscInt *its)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  TesseraValidPointer(its, 2);
  *its = bl->its;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetObjectives - Gets F and f at the last recorded iterate

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ F - upper-level objective
- f - lower-level objective

  Level: beginner

.seealso: `BilevelGetResidual()`
@*/
PetscErrorCode BilevelGetObjectives(Bilevel bl, PetscReal *F, PetscReal *f)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (F) *F = bl->Fval;
  if (f) *f = bl->fval;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetResidual - Gets the residual and the lower-level gap of the last recorded iteration

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ res - residual (LV-HBA: fixed-point residual of all variables; BO-REP: norm of the hypergradient estimate)
- gap - lower-level gap (LV-HBA: f(x,y) - v_gamma(x,y,z); BO-REP: norm of the lower-level gradient)

  Level: beginner

.seealso: `BilevelGetObjectives()`
@*/
PetscErrorCode BilevelGetResidual(Bilevel bl, PetscReal *res, PetscReal *gap)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (res) *res = bl->res;
  if (gap) *gap = bl->gap;
  PetscFunctionReturn(0);
}

/*@C
  BilevelGetConvergenceHistory - Gets the per-iteration history of the last solve

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ F    - upper-level objective
. f    - lower-level objective
. res  - residual
. gap  - lower-level gap
. time - wall time since the start of the solve (seconds)
- n    - number of entries

  Level: intermediate

.seealso: `BilevelHistoryWrite()`
@*/
PetscErrorCode BilevelGetConvergenceHistory(Bilevel bl, const PetscReal *F[], const PetscReal *f[], const PetscReal *res[], const PetscReal *gap[], const PetscReal *time[], PetscInt *n)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (F) *F = bl->hist_F;
  if (f) *f = bl->hist_f;
  if (res) *res = bl->hist_res;
  if (gap) *gap = bl->hist_gap;
  if (time) *time = bl->hist_time;
  if (n) *n = bl->hist_len;
  PetscFunctionReturn(0);
}

/*@C
  BilevelHistoryWrite - Writes the history of the last solve to the group /history of a tessera HDF5 file

  Collective

  Input Parameters:
+ bl     - the solver
- viewer - a viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`

  Level: intermediate

  Notes:
  Datasets F, f, residual, gap, time; attributes method, iterations and converged_reason on /history.

.seealso: `BilevelGetConvergenceHistory()`, `TesseraIOOpen()`
@*/
PetscErrorCode BilevelHistoryWrite(Bilevel bl, PetscViewer viewer)
{
  PetscInt its = bl->its;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 2);
  PetscCall(TesseraIOWriteArray(viewer, "/history", "F", bl->hist_len, bl->hist_F));
  PetscCall(TesseraIOWriteArray(viewer, "/history", "f", bl->hist_len, bl->hist_f));
  PetscCall(TesseraIOWriteArray(viewer, "/history", "residual", bl->hist_len, bl->hist_res));
  PetscCall(TesseraIOWriteArray(viewer, "/history", "gap", bl->hist_len, bl->hist_gap));
  PetscCall(TesseraIOWriteArray(viewer, "/history", "time", bl->hist_len, bl->hist_time));
  PetscCall(TesseraIOWriteAttribute(viewer, "/history", "method", PETSC_STRING, ((PetscObject)bl)->type_name));
  PetscCall(TesseraIOWriteAttribute(viewer, "/history", "iterations", PETSC_INT, &its));
  PetscCall(TesseraIOWriteAttribute(viewer, "/history", "converged_reason", PETSC_STRING, BilevelConvergedReasons[bl->reason]));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelComputeUpper_Private(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy)
{
  PetscFunctionBegin;
  PetscCallBack("Bilevel callback upper-level objective", (*bl->upper)(bl, x, y, F, gx, gy, bl->upperctx));
  bl->nupper++;
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelComputeLower_Private(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy)
{
  PetscFunctionBegin;
  PetscCallBack("Bilevel callback lower-level objective", (*bl->lower)(bl, x, y, f, gx, gy, bl->lowerctx));
  bl->nlower++;
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeLowerConstraints - Evaluates the lower-level constraints g(x, y) with the user's callback

  Collective

  Input Parameters:
+ bl - the solver
. x  - upper-level point
- y  - lower-level point

  Output Parameter:
. g - the constraint values (a Vec like the one given to `BilevelSetLowerConstraints()`)

  Level: intermediate

.seealso: `BilevelSetLowerConstraints()`
@*/
PetscErrorCode BilevelComputeLowerConstraints(Bilevel bl, Vec x, Vec y, Vec g)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCheck(bl->cons, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "No lower-level constraints: call BilevelSetLowerConstraints()");
  PetscCall(BilevelComputeConstraints_Private(bl, x, y, g));
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeUpperObjective - Evaluates the upper-level objective F(x, y) and its gradient with the user's callback

  Collective

  Input Parameters:
+ bl - the solver
. x  - upper-level point
- y  - lower-level point

  Output Parameters:
+ F  - the value
. gx - the gradient with respect to x
- gy - the gradient with respect to y

  Level: intermediate

  Notes:
  With `BilevelComputeLowerObjective()`, `BilevelComputeLowerConstraints()`,
  `BilevelComputeLowerConstraintsJacobianTranspose()` and `BilevelComputeLowerHessianProducts()` this gives another
  solver (e.g. a single-level reformulation, examples/bench_bilevel.c) the problem as set on the Bilevel object.

.seealso: `BilevelSetUpperObjective()`, `BilevelComputeLowerObjective()`
@*/
PetscErrorCode BilevelComputeUpperObjective(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidRealPointer(F, 4);
  PetscCheck(bl->upper, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "No upper-level objective: call BilevelSetUpperObjective()");
  PetscCall(BilevelComputeUpper_Private(bl, x, y, F, gx, gy));
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeLowerObjective - Evaluates the lower-level objective f(x, y) and its gradient with the user's callback

  Collective

  Input Parameters:
+ bl - the solver
. x  - upper-level point
- y  - lower-level point

  Output Parameters:
+ f  - the value
. gx - the gradient with respect to x
- gy - the gradient with respect to y

  Level: intermediate

.seealso: `BilevelSetLowerObjective()`, `BilevelComputeUpperObjective()`
@*/
PetscErrorCode BilevelComputeLowerObjective(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidRealPointer(f, 4);
  PetscCheck(bl->lower, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "No lower-level objective: call BilevelSetLowerObjective()");
  PetscCall(BilevelComputeLower_Private(bl, x, y, f, gx, gy));
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeLowerConstraintsJacobianTranspose - Evaluates sum_i lambda_i grad g_i(x, y) with the user's callback

  Collective

  Input Parameters:
+ bl     - the solver
. x      - upper-level point
. y      - lower-level point
- lambda - the multipliers (layout of the constraint Vec)

  Output Parameters:
+ jx - the x part
- jy - the y part

  Level: intermediate

.seealso: `BilevelSetLowerConstraintsJacobianTranspose()`, `BilevelComputeLowerConstraints()`
@*/
PetscErrorCode BilevelComputeLowerConstraintsJacobianTranspose(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCheck(bl->jact, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "No constraint Jacobian: call BilevelSetLowerConstraintsJacobianTranspose()");
  PetscCall(BilevelComputeJacobianTranspose_Private(bl, x, y, lambda, jx, jy));
  PetscFunctionReturn(0);
}

/*@
  BilevelGetLowerConstraints - Gets the Vec of the lower-level constraint values and their type

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ g    - the Vec given to `BilevelSetLowerConstraints()` (NULL: no constraints; do not destroy)
- type - `BILEVEL_CONSTRAINT_INEQUALITY` or `BILEVEL_CONSTRAINT_EQUALITY` (pass NULL if not needed)

  Level: intermediate

.seealso: `BilevelSetLowerConstraints()`
@*/
PetscErrorCode BilevelGetLowerConstraints(Bilevel bl, Vec *g, BilevelConstraintType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (g) *g = bl->g;
  if (type) *type = bl->ctype;
  PetscFunctionReturn(0);
}

/*@
  BilevelGetUpperBounds - Gets the bounds of the upper-level variable

  Not Collective

  Input Parameter:
. bl - the solver

  Output Parameters:
+ xl - the lower bounds (NULL: none; do not destroy)
- xu - the upper bounds (NULL: none; do not destroy)

  Level: intermediate

.seealso: `BilevelSetUpperBounds()`
@*/
PetscErrorCode BilevelGetUpperBounds(Bilevel bl, Vec *xl, Vec *xu)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (xl) *xl = bl->xl;
  if (xu) *xu = bl->xu;
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelComputeConstraints_Private(Bilevel bl, Vec x, Vec y, Vec g)
{
  PetscFunctionBegin;
  PetscCallBack("Bilevel callback lower-level constraints", (*bl->cons)(bl, x, y, g, bl->consctx));
  bl->ncons++;
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelComputeJacobianTranspose_Private(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy)
{
  PetscFunctionBegin;
  PetscCallBack("Bilevel callback constraint Jacobian transpose", (*bl->jact)(bl, x, y, lambda, jx, jy, bl->jactctx));
  bl->njact++;
  PetscFunctionReturn(0);
}

/*@
  BilevelProject - Projects (x, y) onto the feasible set C with the user's projection

  Collective

  Input Parameters:
+ bl - the solver
. x  - upper-level part, overwritten
- y  - lower-level part, overwritten

  Level: intermediate

.seealso: `BilevelSetProjection()`
@*/
PetscErrorCode BilevelProject(Bilevel bl, Vec x, Vec y)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (!bl->proj) PetscFunctionReturn(0);
  PetscCall(PetscLogEventBegin(BILEVEL_Project, bl, 0, 0, 0));
  PetscCallBack("Bilevel callback projection", (*bl->proj)(bl, x, y, bl->projctx));
  PetscCall(PetscLogEventEnd(BILEVEL_Project, bl, 0, 0, 0));
  bl->nproj++;
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProjectLower_Private(Bilevel bl, Vec y)
{
  PetscFunctionBegin;
  if (!bl->projlower) PetscFunctionReturn(0);
  PetscCallBack("Bilevel callback lower-level projection", (*bl->projlower)(bl, y, bl->projlowerctx));
  PetscFunctionReturn(0);
}

/*@
  BilevelSetHessianFiniteDifference - Chooses finite differences of gradients for the lower-level Hessian products

  Logically Collective

  Input Parameters:
+ bl  - the solver
. use - use finite differences even if a Hessian-product callback is set
- h   - relative step e (`PETSC_DEFAULT` keeps the current value, 1e-5 initially)

  Options Database Keys:
+ -bilevel_hvp_fd   - use finite differences
- -bilevel_hvp_fd_h - relative step

  Level: intermediate

.seealso: `BilevelComputeLowerHessianProducts()`, `BilevelSetLowerHessianProducts()`
@*/
PetscErrorCode BilevelSetHessianFiniteDifference(Bilevel bl, PetscBool use, PetscReal h)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  if (h != (PetscReal)PETSC_DEFAULT) {
    PetscCheck(h > 0, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Finite-difference step %g must be positive", (double)h);
    bl->hess_fd_h = h;
  }
  bl->hess_fd = use;
  PetscFunctionReturn(0);
}

/* hx, hy = central differences of the gradient computed by grad (of f or of F) along v: the products of the
   Hessian-free variant, accurate to O(e^2), step e (1 + |y|) / |v| (-bilevel_hvp_fd_h e) */
static PetscErrorCode BilevelHessianProductsFD_Private(Bilevel bl, PetscErrorCode (*grad)(Bilevel, Vec, Vec, PetscReal *, Vec, Vec), Vec x, Vec y, Vec v, Vec hx, Vec hy)
{
  PetscReal vnorm, ynorm, h, dummy;

  PetscFunctionBegin;
  PetscCall(VecNorm(v, NORM_2, &vnorm));
  if (vnorm == 0) {
    PetscCall(VecSet(hx, 0));
    PetscCall(VecSet(hy, 0));
    PetscFunctionReturn(0);
  }
  PetscCall(VecNorm(y, NORM_2, &ynorm));
  h = bl->hess_fd_h * (1 + ynorm) / vnorm;
  PetscCall(VecWAXPY(bl->fdw, h, v, y));
  PetscCall((*grad)(bl, x, bl->fdw, &dummy, hx, hy));
  PetscCall(VecWAXPY(bl->fdw, -h, v, y));
  PetscCall((*grad)(bl, x, bl->fdw, &dummy, bl->fdx, bl->fdy));
  PetscCall(VecAXPBY(hx, -0.5 / h, 0.5 / h, bl->fdx));
  PetscCall(VecAXPBY(hy, -0.5 / h, 0.5 / h, bl->fdy));
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeLowerHessianProducts - Computes hx = grad^2_xy f(x, y) v and hy = grad^2_yy f(x, y) v

  Collective

  Input Parameters:
+ bl - the solver (after `BilevelSetUp()`)
. x  - upper-level point
. y  - lower-level point
- v  - direction, size of y

  Output Parameters:
+ hx - mixed product, size of x
- hy - lower-level product, size of y

  Options Database Keys:
+ -bilevel_hvp_fd        - use finite differences even if a callback is set
- -bilevel_hvp_fd_h <h>  - relative step e: the difference step is e (1 + ||y||) / ||v||

  Level: intermediate

  Notes:
  Without a callback (Hessian-free variant) both products are central differences of the lower-level gradient,
  H v = (grad f(x, y + e v) - grad f(x, y - e v)) / (2 e), accurate to O(e^2).

.seealso: `BilevelSetLowerHessianProducts()`
@*/
PetscErrorCode BilevelComputeLowerHessianProducts(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCheck(bl->setupcalled, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "Call BilevelSetUp() first");
  PetscCall(PetscLogEventBegin(BILEVEL_HessMult, bl, 0, 0, 0));
  if (bl->hess && !bl->hess_fd) {
    PetscCallBack("Bilevel callback Hessian products", (*bl->hess)(bl, x, y, v, hx, hy, bl->hessctx));
  } else PetscCall(BilevelHessianProductsFD_Private(bl, BilevelComputeLower_Private, x, y, v, hx, hy));
  PetscCall(PetscLogEventEnd(BILEVEL_HessMult, bl, 0, 0, 0));
  bl->nhess++;
  PetscFunctionReturn(0);
}

/*@
  BilevelComputeUpperHessianProducts - Computes hx = grad^2_xy F(x, y) v and hy = grad^2_yy F(x, y) v

  Collective

  Input Parameters:
+ bl - the solver (after `BilevelSetUp()`)
. x  - upper-level point
. y  - lower-level point
- v  - direction, size of y

  Output Parameters:
+ hx - mixed product, size of x
- hy - product in y, size of y

  Options Database Keys:
+ -bilevel_hvp_fd        - use finite differences even if a callback is set
- -bilevel_hvp_fd_h <h>  - relative step e: the difference step is e (1 + ||y||) / ||v||

  Level: intermediate

  Note:
  Without a callback (`BilevelSetUpperHessianProducts()`) both products are central differences of the upper-level
  gradient, accurate to O(e^2) (exact up to rounding for an F quadratic in y).

.seealso: `BilevelSetUpperHessianProducts()`, `BilevelComputeLowerHessianProducts()`
@*/
PetscErrorCode BilevelComputeUpperHessianProducts(Bilevel bl, Vec x, Vec y, Vec v, Vec hx, Vec hy)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCheck(bl->setupcalled, PetscObjectComm((PetscObject)bl), PETSC_ERR_ORDER, "Call BilevelSetUp() first");
  PetscCall(PetscLogEventBegin(BILEVEL_HessMult, bl, 0, 0, 0));
  if (bl->uhess && !bl->hess_fd) {
    PetscCallBack("Bilevel callback upper-level Hessian products", (*bl->uhess)(bl, x, y, v, hx, hy, bl->uhessctx));
  } else PetscCall(BilevelHessianProductsFD_Private(bl, BilevelComputeUpper_Private, x, y, v, hx, hy));
  PetscCall(PetscLogEventEnd(BILEVEL_HessMult, bl, 0, 0, 0));
  bl->nhess++;
  PetscFunctionReturn(0);
}

/* Largest eigenvalue of a symmetric positive semidefinite operator by the power method, started from a fixed vector
   defined by global indices (the same on any number of processes) */
PetscErrorCode BilevelEstimateNorm_Private(Bilevel bl, PetscInt its, PetscErrorCode (*op)(Bilevel, Vec, Vec, void *), Vec v, Vec w, void *ctx, PetscReal *lmax)
{
  PetscScalar *a;
  PetscInt     rs, re;
  PetscReal    nrm = 0;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(v, &rs, &re));
  PetscCall(VecGetArrayWrite(v, &a));
  for (PetscInt i = rs; i < re; i++) a[i - rs] = 1 + 0.5 * PetscCosReal(0.7 * i + 0.3);
  PetscCall(VecRestoreArrayWrite(v, &a));
  PetscCall(VecNormalize(v, NULL));
  *lmax = 0;
  for (PetscInt k = 0; k < its; k++) {
    PetscCall((*op)(bl, v, w, ctx));
    PetscCall(VecNorm(w, NORM_2, &nrm));
    if (nrm == 0 || PetscIsInfOrNanReal(nrm)) break;
    *lmax = nrm;
    PetscCall(VecAXPBY(v, 1 / nrm, 0, w));
  }
  PetscFunctionReturn(0);
}
