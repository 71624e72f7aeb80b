/*I "tessera.h" I*/
/*
   bilevelproblem.c - registry of bilevel test problems: BilevelProblemCreate(comm, name, &prob) looks the name up
   in a PetscFunctionList and lets the problem read its own options; BilevelProblemSetUpSolver() hands the problem's
   callbacks and starting point to a Bilevel solver.
*/
#include <bilevelproblemimpl.h>
#include <tesseraproblem.h>
#include <tesseraio.h>

static TesseraPackage BilevelProblemPackage = {.name = "bilevelproblem", .problemset = "bilevel"};

/*@C
  BilevelProblemInitializePackage - Registers the bilevel problem set ("bilevel": toy, quadratic, svm, cleaning, llsc,
  inequality); called by its Register and Create routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraProblemSelect()`, `BilevelProblemCreate()`
@*/
PetscErrorCode BilevelProblemInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {{"toy", (PetscVoidFunction)BilevelProblemCreate_Toy},
                                                {"quadratic", (PetscVoidFunction)BilevelProblemCreate_Quadratic},
                                                {"svm", (PetscVoidFunction)BilevelProblemCreate_SVM},
                                                {"cleaning", (PetscVoidFunction)BilevelProblemCreate_Cleaning},
                                                {"llsc", (PetscVoidFunction)BilevelProblemCreate_LLSC},
                                                {"inequality", (PetscVoidFunction)BilevelProblemCreate_Inequality},
                                                {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&BilevelProblemPackage, entries, NULL, NULL));
  PetscFunctionReturn(0);
}

/*@C
  BilevelProblemRegister - Adds a bilevel test problem

  Not Collective

  Input Parameters:
+ name   - the name, selected with -problem name
- create - routine that reads the problem's options and builds its data

  Level: advanced

.seealso: `BilevelProblemCreate()`
@*/
PetscErrorCode BilevelProblemRegister(const char name[], PetscErrorCode (*create)(BilevelProblem))
{
  PetscFunctionBegin;
  PetscCall(BilevelProblemInitializePackage());
  PetscCall(PetscFunctionListAdd(&BilevelProblemPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@C
  BilevelProblemCreate - Creates a registered bilevel problem, reading its options

  Collective

  Input Parameters:
+ comm - communicator
- name - problem name (bilevel -problem list prints them)

  Output Parameter:
. prob - the problem

  Level: beginner

.seealso: `TesseraProblemSelect()`, `BilevelProblemSetUpSolver()`, `BilevelProblemDestroy()`
@*/
PetscErrorCode BilevelProblemCreate(MPI_Comm comm, const char name[], BilevelProblem *prob)
{
  PetscErrorCode (*create)(BilevelProblem);
  BilevelProblem p;

  PetscFunctionBegin;
  TesseraValidPointer(prob, 3);
  PetscCall(BilevelProblemInitializePackage());
  PetscCall(TesseraProblemFind(comm, "bilevel", name, (void (**)(void)) & create));
  PetscCall(PetscNew(&p));
  p->comm = comm;
  PetscCall(PetscStrncpy(p->name, name, sizeof(p->name)));
  PetscCall((*create)(p));
  *prob = p;
  PetscFunctionReturn(0);
}

/*@C
  BilevelProblemGetName - Gets the name of a problem

  Not Collective

  Input Parameter:
. prob - the problem

  Output Parameter:
. name - its name

  Level: beginner

.seealso: `BilevelProblemCreate()`
@*/
PetscErrorCode BilevelProblemGetName(BilevelProblem prob, const char **name)
{
  PetscFunctionBegin;
  *name = prob->name;
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemSetUpSolver - Gives a solver the problem's callbacks, projections and starting point

  Collective

  Input Parameters:
+ prob - the problem
- bl   - the solver, with its type already set (the formulation may depend on it)

  Level: beginner

.seealso: `BilevelProblemCreate()`, `BilevelSolve()`
@*/
PetscErrorCode BilevelProblemSetUpSolver(BilevelProblem prob, Bilevel bl)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 2);
  PetscCall(PetscObjectSetName((PetscObject)bl, prob->name)); /* the problem's identity in checkpoints (BilevelSetCheckpoint()) */
  PetscCall((*prob->setupsolver)(prob, bl));
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemComputeError - Relative errors of the solver's iterate against the closed-form solution

  Collective

  Input Parameters:
+ prob - the problem
- bl   - the solver

  Output Parameters:
+ xerr  - |x - x*| / |x*|
. yerr  - |y - y*| / |y*| (or a lower-level distance where y* is not unique)
- known - whether the problem has a closed-form solution

  Level: beginner

.seealso: `BilevelProblemComputeAccuracy()`
@*/
PetscErrorCode BilevelProblemComputeError(BilevelProblem prob, Bilevel bl, PetscReal *xerr, PetscReal *yerr, PetscBool *known)
{
  PetscFunctionBegin;
  *known = PETSC_FALSE;
  *xerr  = -1;
  *yerr  = -1;
  if (prob->error) PetscCall((*prob->error)(prob, bl, xerr, yerr, known));
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemComputeLowerGap - Distance of the solver's y to the lower-level solution set S(x) and violation of the
  constraints of C, for problems that can compute them without a closed-form solution

  Collective

  Input Parameters:
+ prob - the problem
- bl   - the solver

  Output Parameters:
+ gap   - |y - y*(x)| (distance to S(x))
. feas  - violation of the constraints of C (norms of the residuals)
- known - whether the problem computes them

  Level: intermediate

.seealso: `BilevelProblemComputeError()`
@*/
PetscErrorCode BilevelProblemComputeLowerGap(BilevelProblem prob, Bilevel bl, PetscReal *gap, PetscReal *feas, PetscBool *known)
{
  PetscFunctionBegin;
  *known = PETSC_FALSE;
  *gap   = -1;
  *feas  = -1;
  if (prob->lowergap) PetscCall((*prob->lowergap)(prob, bl, gap, feas, known));
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemComputeAccuracy - Validation and test accuracy of the learned model (learning problems)

  Collective

  Input Parameters:
+ prob - the problem
- bl   - the solver

  Output Parameters:
+ val  - validation accuracy in [0, 1]
. test - test accuracy in [0, 1]
- has  - whether the problem is a learning problem

  Level: beginner

.seealso: `BilevelProblemComputeBaseline()`
@*/
PetscErrorCode BilevelProblemComputeAccuracy(BilevelProblem prob, Bilevel bl, PetscReal *val, PetscReal *test, PetscBool *has)
{
  PetscFunctionBegin;
  *has  = PETSC_FALSE;
  *val  = -1;
  *test = -1;
  if (prob->accuracy) PetscCall((*prob->accuracy)(prob, bl, val, test, has));
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemComputeBaseline - Accuracy of the problem's baseline (grid search over a single hyper-parameter)

  Collective

  Input Parameter:
. prob - the problem

  Output Parameters:
+ val  - validation accuracy of the selected model
. test - its test accuracy
- has  - whether the problem has a baseline

  Level: beginner

.seealso: `BilevelProblemComputeAccuracy()`
@*/
PetscErrorCode BilevelProblemComputeBaseline(BilevelProblem prob, PetscReal *val, PetscReal *test, PetscBool *has)
{
  PetscFunctionBegin;
  *has  = PETSC_FALSE;
  *val  = -1;
  *test = -1;
  if (prob->baseline) PetscCall((*prob->baseline)(prob, val, test, has));
  PetscFunctionReturn(0);
}

/*@C
  BilevelProblemWriteSolution - Writes the solver's x and y to the group /solution of a tessera HDF5 file, in the
  problem's natural order (independent of the number of processes)

  Collective

  Input Parameters:
+ prob   - the problem
. bl     - the solver
- viewer - a viewer from `TesseraIOOpen()` in `FILE_MODE_WRITE`

  Level: intermediate

.seealso: `BilevelHistoryWrite()`, `TesseraIOWriteVec()`
@*/
PetscErrorCode BilevelProblemWriteSolution(BilevelProblem prob, Bilevel bl, PetscViewer viewer)
{
  Vec x, y, yn = NULL;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 2);
  PetscValidHeaderSpecific(viewer, PETSC_VIEWER_CLASSID, 3);
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(TesseraIOWriteVec(viewer, "/solution", x));
  if (prob->natural) {
    PetscCall((*prob->natural)(prob, y, &yn));
    PetscCall(TesseraIOWriteVec(viewer, "/solution", yn));
    PetscCall(VecDestroy(&yn));
  } else PetscCall(TesseraIOWriteVec(viewer, "/solution", y));
  PetscFunctionReturn(0);
}

/*@C
  BilevelProblemView - Describes a problem

  Collective

  Input Parameters:
+ prob   - the problem
- viewer - ASCII viewer

  Level: beginner

.seealso: `BilevelProblemCreate()`
@*/
PetscErrorCode BilevelProblemView(BilevelProblem prob, PetscViewer viewer)
{
  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "Bilevel problem %s\n", prob->name));
  if (prob->view) {
    PetscCall(PetscViewerASCIIPushTab(viewer));
    PetscCall((*prob->view)(prob, viewer));
    PetscCall(PetscViewerASCIIPopTab(viewer));
  }
  PetscFunctionReturn(0);
}

/*@
  BilevelProblemDestroy - Destroys a problem

  Collective

  Input Parameter:
. prob - the problem

  Level: beginner

.seealso: `BilevelProblemCreate()`
@*/
PetscErrorCode BilevelProblemDestroy(BilevelProblem *prob)
{
  PetscFunctionBegin;
  if (!*prob) PetscFunctionReturn(0);
  if ((*prob)->destroy) PetscCall((*(*prob)->destroy)(*prob));
  PetscCall(VecDestroy(&(*prob)->x));
  PetscCall(VecDestroy(&(*prob)->y));
  PetscCall(PetscFree(*prob));
  PetscFunctionReturn(0);
}
