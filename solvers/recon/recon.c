/*I "tessera.h" I*/
/*
   recon.c - the Recon class: creation, type registry, problem (operator, data, denoiser, reference), options,
   monitors, convergence test, history, checkpoints and viewing. The methods live in impls/psm.c (RED-PSM and
   PSM), impls/fbp.c and impls/tv.c.
*/
#include <reconimpl.h>
#include <tesseraradon.h>
#include <tesseraio.h>

PetscClassId          RECON_CLASSID = 0;
static TesseraPackage ReconPackage  = {.name = "recon", .classname = "Recon", .classid = &RECON_CLASSID};
PetscLogEvent         RECON_SetUp, RECON_Solve, RECON_Init, RECON_Spatial, RECON_Temporal, RECON_Denoise;

static const char *const ReconConvergedReasons_Shifted[] = {"DIVERGED_NAN", "DIVERGED_MAXIT", "DIVERGED_INNER", "CONVERGED_ITERATING", "CONVERGED_RTOL", "CONVERGED_ITS"};
const char *const       *ReconConvergedReasons           = ReconConvergedReasons_Shifted + 3;

/*@C
  ReconInitializePackage - Registers the `Recon` class, its types and its log events

  Not Collective

  Level: developer

  Notes:
  Called by `ReconCreate()` and `ReconRegister()`; users need not call it.

.seealso: `ReconCreate()`, `ReconRegister()`
@*/
PetscErrorCode ReconInitializePackage(void)
{
  static const TesseraPackageEntry entries[] = {
      {RECONREDPSM, (PetscVoidFunction)ReconCreate_REDPSM}, {RECONPSM, (PetscVoidFunction)ReconCreate_PSM}, {RECONFBP, (PetscVoidFunction)ReconCreate_FBP}, {RECONTV, (PetscVoidFunction)ReconCreate_TV}, {NULL, NULL}};
  static const TesseraPackageEvent events[] = {
      {"ReconSetUp", &RECON_SetUp}, {"ReconSolve", &RECON_Solve}, {"ReconInit", &RECON_Init}, {"ReconSpatial", &RECON_Spatial}, {"ReconTemporal", &RECON_Temporal}, {"ReconDenoise", &RECON_Denoise}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&ReconPackage, entries, events, NULL));
  PetscFunctionReturn(0);
}

/*@C
  ReconRegister - Adds a reconstruction method

  Not Collective

  Input Parameters:
+ name   - name of the method, selected with -recon_type name
- create - routine that fills the ops table and creates the method's data

  Level: advanced

.seealso: `ReconSetType()`, `Recon`
@*/
PetscErrorCode ReconRegister(const char name[], PetscErrorCode (*create)(Recon))
{
  PetscFunctionBegin;
  PetscCall(ReconInitializePackage());
  PetscCall(PetscFunctionListAdd(&ReconPackage.list, name, create));
  PetscFunctionReturn(0);
}

/*@
  ReconCreate - Creates a reconstruction solver (default type `RECONREDPSM`)

  Collective

  Input Parameter:
. comm - MPI communicator

  Output Parameter:
. newrecon - the solver

  Level: beginner

.seealso: `ReconSetType()`, `ReconSetOperator()`, `ReconSetData()`, `ReconSolve()`, `ReconDestroy()`
@*/
PetscErrorCode ReconCreate(MPI_Comm comm, Recon *newrecon)
{
  Recon r;

  PetscFunctionBegin;
  TesseraValidPointer(newrecon, 2);
  *newrecon = NULL;
  PetscCall(ReconInitializePackage());
  PetscCall(PetscHeaderCreate(r, RECON_CLASSID, "Recon", "Dynamic image reconstruction", "Recon", comm, ReconDestroy, ReconView));
  r->max_it = 101;
  r->rtol   = 0.0;
  r->reason = RECON_CONVERGED_ITERATING;
  *newrecon = r;
  PetscFunctionReturn(0);
}

/*@C
  ReconSetType - Sets the reconstruction method

  Collective

  Input Parameters:
+ recon - the solver
- type  - `RECONREDPSM`, `RECONPSM`, `RECONFBP` or `RECONTV`

  Options Database Key:
. -recon_type <redpsm,psm,fbp,tv> - the method

  Level: beginner

.seealso: `ReconGetType()`, `ReconRegister()`
@*/
PetscErrorCode ReconSetType(Recon recon, ReconType type)
{
  PetscErrorCode (*create)(Recon);
  PetscBool same;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidCharPointer(type, 2);
  PetscCall(PetscObjectTypeCompare((PetscObject)recon, type, &same));
  if (same) PetscFunctionReturn(0);
  PetscCall(PetscFunctionListFind(ReconPackage.list, type, &create));
  PetscCheck(create, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_UNKNOWN_TYPE, "Unknown Recon type %s (known: redpsm, psm, fbp, tv)", type);
  PetscCall(ReconReset(recon));
  PetscTryTypeMethod(recon, destroy);
  PetscCall(PetscMemzero(recon->ops, sizeof(struct _ReconOps)));
  recon->data = NULL;
  PetscCall((*create)(recon));
  PetscCall(PetscObjectChangeTypeName((PetscObject)recon, type));
  PetscFunctionReturn(0);
}

/*@C
  ReconGetType - Gets the reconstruction method

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. type - the method

  Level: beginner

.seealso: `ReconSetType()`
@*/
PetscErrorCode ReconGetType(Recon recon, ReconType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(type, 2);
  *type = ((PetscObject)recon)->type_name;
  PetscFunctionReturn(0);
}

/* the denoiser's prefix is the solver's followed by recon_: -recon_denoiser_type */
static PetscErrorCode ReconSetDenoiserPrefix_Private(Recon recon)
{
  PetscFunctionBegin;
  if (recon->denoiser) {
    PetscCall(DenoiserSetOptionsPrefix(recon->denoiser, ((PetscObject)recon)->prefix));
    PetscCall(DenoiserAppendOptionsPrefix(recon->denoiser, "recon_"));
  }
  PetscFunctionReturn(0);
}

/*@C
  ReconSetOptionsPrefix - Sets the prefix of the options of a reconstruction solver

  Logically Collective

  Input Parameters:
+ recon  - the solver
- prefix - the prefix (no leading hyphen)

  Level: intermediate

  Notes:
  The denoiser and the inner Krylov solver inherit the prefix and append their own.

.seealso: `ReconAppendOptionsPrefix()`, `ReconGetOptionsPrefix()`
@*/
PetscErrorCode ReconSetOptionsPrefix(Recon recon, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(PetscObjectSetOptionsPrefix((PetscObject)recon, prefix));
  PetscCall(ReconSetDenoiserPrefix_Private(recon));
  PetscFunctionReturn(0);
}

/*@C
  ReconAppendOptionsPrefix - Appends to the prefix of the options of a reconstruction solver

  Logically Collective

  Input Parameters:
+ recon  - the solver
- prefix - the text to append

  Level: intermediate

.seealso: `ReconSetOptionsPrefix()`
@*/
PetscErrorCode ReconAppendOptionsPrefix(Recon recon, const char prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(PetscObjectAppendOptionsPrefix((PetscObject)recon, prefix));
  PetscCall(ReconSetDenoiserPrefix_Private(recon));
  PetscFunctionReturn(0);
}

/*@C
  ReconGetOptionsPrefix - Gets the prefix of the options of a reconstruction solver

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. prefix - the prefix (do not free)

  Level: intermediate

.seealso: `ReconSetOptionsPrefix()`
@*/
PetscErrorCode ReconGetOptionsPrefix(Recon recon, const char *prefix[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(PetscObjectGetOptionsPrefix((PetscObject)recon, prefix));
  PetscFunctionReturn(0);
}

/*@C
  ReconSetOperator - Sets the forward operator: the data of frame t are A_t f_t

  Collective

  Input Parameters:
+ recon - the solver
. A     - the operator, of size (data) x (P N^2), e.g. from `MatCreateRadon()` or `MatCreateMRISampling()`;
          its columns are P frames of N x N (row major), split over the ranks by whole frames
. N     - image side
. P     - number of frames
- rows  - data rows of each frame [P], the data being stored frame after frame; NULL for a Radon transform
          (taken from its angles)

  Level: beginner

  Notes:
  The solver keeps a reference to A. Only `MatMult()` and `MatMultTranspose()` are used.

.seealso: `ReconSetData()`, `MatCreateRadon()`, `MatCreateMRISampling()`
@*/
PetscErrorCode ReconSetOperator(Recon recon, Mat A, PetscInt N, PetscInt P, const PetscInt rows[])
{
  PetscInt  m, n, sum = 0;
  PetscBool isradon;
  MPI_Comm  comm;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidHeaderSpecific(A, MAT_CLASSID, 2);
  comm = PetscObjectComm((PetscObject)recon);
  PetscCheck(N > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Recon: image size %" PetscInt_FMT " must be positive", N);
  PetscCheck(P > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Recon: frame count %" PetscInt_FMT " must be positive", P);
  PetscCall(MatGetSize(A, &m, &n));
  PetscCheck(n == N * N * P, comm, PETSC_ERR_ARG_SIZ, "Recon: the operator has %" PetscInt_FMT " columns, not %" PetscInt_FMT " frames of %" PetscInt_FMT " x %" PetscInt_FMT " pixels", n, P, N, N);
  PetscCall(MatIsRadon(A, &isradon));
  PetscCall(ReconReset(recon));
  PetscCall(PetscFree(recon->rows));
  PetscCall(PetscMalloc1(P, &recon->rows));
  if (isradon) {
    PetscInt         NR, TR, ndet, nang;
    const PetscInt  *frame;
    const PetscReal *theta;

    PetscCall(MatRadonGetGeometry(A, &NR, &TR, &ndet, NULL));
    PetscCall(MatRadonGetAngles(A, &nang, &theta, &frame));
    PetscCheck(NR == N && TR == P, comm, PETSC_ERR_ARG_SIZ, "Recon: the Radon transform has %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels, not %" PetscInt_FMT " of %" PetscInt_FMT "^2", TR, NR, P, N);
    for (PetscInt t = 0; t < P; t++) recon->rows[t] = 0;
    for (PetscInt p = 0; p < nang; p++) recon->rows[frame[p]] += ndet;
    if (rows)
      for (PetscInt t = 0; t < P; t++) PetscCheck(rows[t] == recon->rows[t], comm, PETSC_ERR_ARG_SIZ, "Recon: frame %" PetscInt_FMT " has %" PetscInt_FMT " data rows in the Radon transform, not %" PetscInt_FMT, t, recon->rows[t], rows[t]);
  } else {
    PetscCheck(rows, comm, PETSC_ERR_ARG_NULL, "Recon: give the data rows of each frame for an operator that is not a Radon transform");
    for (PetscInt t = 0; t < P; t++) {
      PetscCheck(rows[t] >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Recon: frame %" PetscInt_FMT " has %" PetscInt_FMT " data rows", t, rows[t]);
      recon->rows[t] = rows[t];
    }
  }
  for (PetscInt t = 0; t < P; t++) sum += recon->rows[t];
  PetscCheck(sum == m, comm, PETSC_ERR_ARG_SIZ, "Recon: the data rows of the frames add up to %" PetscInt_FMT ", the operator has %" PetscInt_FMT " rows", sum, m);
  PetscCall(PetscObjectReference((PetscObject)A));
  PetscCall(MatDestroy(&recon->A));
  recon->A = A;
  recon->N = N;
  recon->P = P;
  PetscFunctionReturn(0);
}

/*@C
  ReconGetOperator - Gets the forward operator and the sizes

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameters:
+ A - the operator (do not destroy; may be NULL)
. N - image side (may be NULL)
- P - number of frames (may be NULL)

  Level: intermediate

.seealso: `ReconSetOperator()`
@*/
PetscErrorCode ReconGetOperator(Recon recon, Mat *A, PetscInt *N, PetscInt *P)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (A) *A = recon->A;
  if (N) *N = recon->N;
  if (P) *P = recon->P;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconSetVec_Private(Vec v, Vec *slot)
{
  PetscFunctionBegin;
  if (v) PetscCall(PetscObjectReference((PetscObject)v));
  PetscCall(VecDestroy(slot));
  *slot = v;
  PetscFunctionReturn(0);
}

/*@
  ReconSetData - Sets the measured data g (layout of the operator's rows, e.g. the sinogram)

  Collective

  Input Parameters:
+ recon - the solver
- g     - the data

  Level: beginner

  Notes:
  The size must match the operator's rows and every entry must be finite; both are checked in `ReconSetUp()`.

.seealso: `ReconSetOperator()`
@*/
PetscErrorCode ReconSetData(Recon recon, Vec g)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidHeaderSpecific(g, VEC_CLASSID, 2);
  PetscCall(ReconSetVec_Private(g, &recon->g));
  recon->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@C
  ReconSetMetric - Sets a routine that measures the reconstruction (e.g. PSNR and SSIM against a ground truth)
  at every logged iteration; its values go into the history

  Logically Collective

  Input Parameters:
+ recon  - the solver
. metric - the routine (NULL: none)
- ctx    - its context

  Calling sequence of metric:
$ PetscErrorCode metric(Recon recon, Vec f, PetscInt it, PetscReal *psnr, PetscReal *ssim, void *ctx)
+ f    - the current reconstruction
. it   - the iteration (0: the start)
. psnr - first value to log (e.g. PSNR in dB)
- ssim - second value to log (e.g. SSIM), NaN where it is not computed

  Level: intermediate

  Notes:
  The metrics live above the solvers (problems/phantoms: `PhantomComputePSNR()`, `PhantomComputeSSIM()`), so the solver takes them
  as a callback, as `TSMonitorSet()` does.

.seealso: `ReconGetHistory()`, `ReconMonitorSet()`
@*/
PetscErrorCode ReconSetMetric(Recon recon, ReconMetricFn metric, void *ctx)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  recon->metric    = metric;
  recon->metricctx = ctx;
  PetscFunctionReturn(0);
}

/*@
  ReconSetDenoiser - Sets the denoiser D of the RED regulariser

  Collective

  Input Parameters:
+ recon    - the solver
- denoiser - the denoiser

  Level: intermediate

  Notes:
  By default the solver creates one (options prefix: the solver's, so -recon_denoiser_type); its image size
  is set to N x N in `ReconSetUp()`.

.seealso: `ReconGetDenoiser()`, `DenoiserCreate()`
@*/
PetscErrorCode ReconSetDenoiser(Recon recon, Denoiser denoiser)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscValidHeaderSpecific(denoiser, DENOISER_CLASSID, 2);
  PetscCall(PetscObjectReference((PetscObject)denoiser));
  PetscCall(DenoiserDestroy(&recon->denoiser));
  recon->denoiser    = denoiser;
  recon->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  ReconGetDenoiser - Gets the denoiser of the RED regulariser, creating it if needed

  Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. denoiser - the denoiser (do not destroy)

  Level: intermediate

.seealso: `ReconSetDenoiser()`
@*/
PetscErrorCode ReconGetDenoiser(Recon recon, Denoiser *denoiser)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(denoiser, 2);
  if (!recon->denoiser) {
    PetscCall(DenoiserCreate(PetscObjectComm((PetscObject)recon), &recon->denoiser));
    PetscCall(PetscObjectIncrementTabLevel((PetscObject)recon->denoiser, (PetscObject)recon, 1));
    PetscCall(ReconSetDenoiserPrefix_Private(recon));
  }
  *denoiser = recon->denoiser;
  PetscFunctionReturn(0);
}

/*@
  ReconGetSolution - Gets the reconstruction

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. f - the frames (layout of the operator's columns; do not destroy), NULL before `ReconSetUp()`

  Level: beginner

.seealso: `ReconSolve()`
@*/
PetscErrorCode ReconGetSolution(Recon recon, Vec *f)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(f, 2);
  *f = recon->f;
  PetscFunctionReturn(0);
}

/*@
  ReconCreateFrameMask - Creates a vector of the frames' layout holding the circular field-of-view mask

  Collective

  Input Parameter:
. recon - the solver, set up

  Output Parameter:
. mask - 1 on pixels (i, j) with (i - N/2)^2 + (j - N/2)^2 < (N/2)^2, 0 elsewhere, in every frame

  Level: intermediate

.seealso: `ReconSetUp()`
@*/
PetscErrorCode ReconCreateFrameMask(Recon recon, Vec *mask)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(mask, 2);
  PetscCheck(recon->setupcalled, PetscObjectComm((PetscObject)recon), PETSC_ERR_ORDER, "Call ReconSetUp() before ReconCreateFrameMask()");
  PetscCall(VecDuplicate(recon->f, mask));
  PetscCall(VecSet(*mask, 1.0));
  PetscCall(ReconApplyMask_Private(recon, *mask));
  PetscFunctionReturn(0);
}

/* x (frames layout) *= field-of-view mask */
PetscErrorCode ReconApplyMask_Private(Recon recon, Vec x)
{
  PetscScalar   *a;
  const PetscInt n2 = recon->N * recon->N;

  PetscFunctionBegin;
  PetscCall(VecGetArray(x, &a));
  for (PetscInt t = 0; t < recon->t1 - recon->t0; t++)
    for (PetscInt p = 0; p < n2; p++) a[t * n2 + p] *= recon->mask[p];
  PetscCall(VecRestoreArray(x, &a));
  PetscFunctionReturn(0);
}

/*@
  ReconSetTolerances - Sets the stopping test

  Logically Collective

  Input Parameters:
+ recon  - the solver
. rtol   - stop when the relative primal and dual residuals are both <= rtol (0: run max_it iterations)
- max_it - maximum number of outer iterations

  Options Database Keys:
+ -recon_rtol <0>     - relative residual tolerance
- -recon_max_it <101> - outer iterations (the authors' setting for P = 256)

  Level: beginner

  Notes:
  `PETSC_DEFAULT` keeps a value. With rtol = 0 the solver runs max_it iterations and reports
  `RECON_CONVERGED_ITS`; with rtol > 0 reaching max_it first is `RECON_DIVERGED_MAXIT`.

.seealso: `ReconGetTolerances()`, `ReconGetConvergedReason()`
@*/
PetscErrorCode ReconSetTolerances(Recon recon, PetscReal rtol, PetscInt max_it)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (rtol != (PetscReal)PETSC_DEFAULT) {
    PetscCall(TesseraCheckRealInRange(PetscObjectComm((PetscObject)recon), "Recon rtol", rtol, 0.0, 1.0));
    recon->rtol = rtol;
  }
  if (max_it != PETSC_DEFAULT) {
    PetscCheck(max_it >= 1, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: maximum iterations %" PetscInt_FMT " must be at least 1", max_it);
    recon->max_it      = max_it;
    recon->setupcalled = PETSC_FALSE;
  }
  PetscFunctionReturn(0);
}

/*@
  ReconGetTolerances - Gets the stopping test

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameters:
+ rtol   - relative residual tolerance (may be NULL)
- max_it - maximum number of outer iterations (may be NULL)

  Level: beginner

.seealso: `ReconSetTolerances()`
@*/
PetscErrorCode ReconGetTolerances(Recon recon, PetscReal *rtol, PetscInt *max_it)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (rtol) *rtol = recon->rtol;
  if (max_it) *max_it = recon->max_it;
  PetscFunctionReturn(0);
}

static PetscErrorCode ReconMonitorDefaultDestroy_Private(void **ctx)
{
  PetscFunctionBegin;
  PetscCall(PetscViewerAndFormatDestroy((PetscViewerAndFormat **)ctx));
  PetscFunctionReturn(0);
}

/*@
  ReconSetFromOptions - Sets the method, the stopping test, monitors and the method's parameters from the
  options database

  Collective

  Input Parameter:
. recon - the solver

  Options Database Keys:
+ -recon_type <redpsm,psm,fbp,tv> - the method
. -recon_max_it <101>           - outer iterations
. -recon_rtol <0>               - relative residual tolerance (0: run max_it iterations)
. -recon_checkpoint <file>      - checkpoint file (with -recon_checkpoint_interval)
. -recon_checkpoint_interval <0> - iterations between checkpoints
. -recon_resume <file>          - resume from a checkpoint
. -recon_monitor                - print objective, residuals and PSNR at every iteration
. -recon_converged_reason       - print why the solver stopped
- -recon_view                   - view the solver after the solve

  Level: beginner

.seealso: `ReconSetType()`, `ReconSetTolerances()`
@*/
PetscErrorCode ReconSetFromOptions(Recon recon)
{
  char        type[256];
  PetscBool   flg;
  PetscViewer viewer;
  PetscReal   rtol = recon->rtol;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscObjectOptionsBegin((PetscObject)recon);
  PetscCall(PetscOptionsFList("-recon_type", "Reconstruction method", "ReconSetType", ReconPackage.list, ((PetscObject)recon)->type_name ? ((PetscObject)recon)->type_name : RECONREDPSM, type, sizeof(type), &flg));
  if (flg) PetscCall(ReconSetType(recon, type));
  else if (!((PetscObject)recon)->type_name) PetscCall(ReconSetType(recon, RECONREDPSM));
  PetscCall(TesseraOptionsIntInRange("-recon_max_it", "Outer iterations", "ReconSetTolerances", recon->max_it, &recon->max_it, &flg, 1, 100000000));
  if (flg) recon->setupcalled = PETSC_FALSE;
  PetscCall(TesseraOptionsRealInRange("-recon_rtol", "Relative residual tolerance (0: run max_it iterations)", "ReconSetTolerances", rtol, &recon->rtol, NULL, 0.0, 1.0));
  PetscCall(PetscOptionsString("-recon_checkpoint", "Checkpoint file written every -recon_checkpoint_interval iterations", "ReconSetCheckpoint", recon->checkpoint, recon->checkpoint, sizeof(recon->checkpoint), NULL));
  PetscCall(TesseraOptionsIntInRange("-recon_checkpoint_interval", "Iterations between checkpoints (0: none)", "ReconSetCheckpoint", recon->checkpoint_interval, &recon->checkpoint_interval, NULL, 0, 100000000));
  PetscCall(PetscOptionsString("-recon_resume", "Checkpoint file to resume from", "ReconSetResume", recon->resume, recon->resume, sizeof(recon->resume), NULL));
  PetscCall(PetscOptionsViewer("-recon_monitor", "Monitor objective, residuals and PSNR", "ReconMonitorSet", &viewer, NULL, &flg));
  if (flg) {
    PetscViewerAndFormat *vf;

    PetscCall(PetscViewerAndFormatCreate(viewer, PETSC_VIEWER_DEFAULT, &vf));
    PetscCall(PetscObjectDereference((PetscObject)viewer));
    PetscCall(ReconMonitorSet(recon, ReconMonitorDefault, vf, ReconMonitorDefaultDestroy_Private));
  }
  PetscTryTypeMethod(recon, setfromoptions, PetscOptionsObject);
  PetscCall(PetscObjectProcessOptionsHandlers((PetscObject)recon, PetscOptionsObject));
  PetscOptionsEnd();
  PetscCheck(!recon->checkpoint_interval || recon->checkpoint[0], PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_WRONG, "Recon: -recon_checkpoint_interval %" PetscInt_FMT " needs -recon_checkpoint FILE", recon->checkpoint_interval);
  PetscCheck(recon->checkpoint_interval || !recon->checkpoint[0], PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_WRONG, "Recon: -recon_checkpoint %s needs -recon_checkpoint_interval N > 0", recon->checkpoint);
  if (recon->denoiser) PetscCall(DenoiserSetFromOptions(recon->denoiser));
  PetscFunctionReturn(0);
}

/*@
  ReconSetUp - Checks the problem and allocates everything the solve needs

  Collective

  Input Parameter:
. recon - the solver

  Level: advanced

  Notes:
  Errors: no operator or data; data of the wrong size (e.g. a sinogram that does not match the angles and
  frames of the operator); data with NaN or Inf entries.

.seealso: `ReconSolve()`
@*/
PetscErrorCode ReconSetUp(Recon recon)
{
  MPI_Comm comm;
  PetscInt m, mg, lo, hi, rlo, rhi, n2;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (recon->setupcalled) PetscFunctionReturn(0);
  comm = PetscObjectComm((PetscObject)recon);
  PetscCheck(recon->A, comm, PETSC_ERR_ORDER, "Recon: call ReconSetOperator() before ReconSetUp()");
  PetscCheck(recon->g, comm, PETSC_ERR_ORDER, "Recon: call ReconSetData() before ReconSetUp()");
  if (!((PetscObject)recon)->type_name) PetscCall(ReconSetType(recon, RECONREDPSM));
  PetscCall(MatGetSize(recon->A, &m, NULL));
  PetscCall(VecGetSize(recon->g, &mg));
  PetscCheck(mg == m, comm, PETSC_ERR_ARG_SIZ, "Recon: the data have %" PetscInt_FMT " entries but the operator has %" PetscInt_FMT " rows (%" PetscInt_FMT " frames; for a Radon transform: projections x detector bins)", mg, m, recon->P);
  PetscCall(TesseraVecCheckFinite(recon->g, "Recon data"));
  PetscCall(PetscLogEventBegin(RECON_SetUp, recon, 0, 0, 0));
  n2 = recon->N * recon->N;
  PetscCall(VecDestroy(&recon->f));
  PetscCall(MatCreateVecs(recon->A, &recon->f, NULL));
  PetscCall(VecGetOwnershipRange(recon->f, &lo, &hi));
  PetscCheck(lo % n2 == 0 && hi % n2 == 0, PETSC_COMM_SELF, PETSC_ERR_ARG_SIZ, "Recon: the operator's columns are not split over the ranks by whole frames");
  recon->t0 = lo / n2;
  recon->t1 = hi / n2;
  /* frame of each local data row */
  PetscCall(VecGetOwnershipRange(recon->g, &rlo, &rhi));
  PetscCall(PetscFree(recon->rowframe));
  PetscCall(PetscMalloc1(PetscMax(rhi - rlo, 1), &recon->rowframe));
  for (PetscInt i = rlo, t = 0, end = recon->rows[0]; i < rhi; i++) {
    while (i >= end) end += recon->rows[++t];
    recon->rowframe[i - rlo] = t;
  }
  /* circular field of view */
  PetscCall(PetscFree(recon->mask));
  PetscCall(PetscMalloc1(n2, &recon->mask));
  for (PetscInt i = 0; i < recon->N; i++)
    for (PetscInt j = 0; j < recon->N; j++) {
      const PetscReal di = i - 0.5 * recon->N, dj = j - 0.5 * recon->N, R = 0.5 * recon->N;

      recon->mask[i * recon->N + j] = di * di + dj * dj < R * R ? 1.0 : 0.0;
    }
  PetscCall(PetscFree6(recon->hist_obj, recon->hist_rp, recon->hist_rd, recon->hist_psnr, recon->hist_ssim, recon->hist_time));
  PetscCall(PetscMalloc6(recon->max_it + 1, &recon->hist_obj, recon->max_it + 1, &recon->hist_rp, recon->max_it + 1, &recon->hist_rd, recon->max_it + 1, &recon->hist_psnr, recon->max_it + 1, &recon->hist_ssim, recon->max_it + 1, &recon->hist_time));
  PetscTryTypeMethod(recon, setup);
  PetscCall(PetscLogEventEnd(RECON_SetUp, recon, 0, 0, 0));
  recon->setupcalled = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/*
  Records iteration recon->its (0: the starting point) with its objective and relative residuals, logs
  PSNR/SSIM against the reference, calls the monitors and applies the stopping test. Sets *stop.
*/
PetscErrorCode ReconLogIteration_Private(Recon recon, PetscReal obj, PetscReal rp, PetscReal rd, PetscBool *stop)
{
  const PetscInt k = recon->its;
  PetscLogDouble now;
  PetscReal      psnr = RECON_NAN, ssim = RECON_NAN;

  PetscFunctionBegin;
  PetscCall(PetscTime(&now));
  if (recon->metric) PetscCall((*recon->metric)(recon, recon->f, k, &psnr, &ssim, recon->metricctx));
  recon->hist_obj[k]  = obj;
  recon->hist_rp[k]   = rp;
  recon->hist_rd[k]   = rd;
  recon->hist_psnr[k] = psnr;
  recon->hist_ssim[k] = ssim;
  recon->hist_time[k] = now - recon->tstart;
  recon->hist_len     = k + 1;
  for (PetscInt i = 0; i < recon->numbermonitors; i++) PetscCall((*recon->monitor[i])(recon, k, obj, rp, rd, recon->monitorctx[i]));
  *stop = PETSC_FALSE;
  if (k == 0) PetscFunctionReturn(0);
  if (PetscIsInfOrNanReal(obj) || PetscIsInfOrNanReal(rp) || PetscIsInfOrNanReal(rd)) recon->reason = RECON_DIVERGED_NAN;
  else if (recon->rtol > 0 && rp <= recon->rtol && rd <= recon->rtol) recon->reason = RECON_CONVERGED_RTOL;
  else if (k >= recon->max_it) recon->reason = recon->rtol > 0 ? RECON_DIVERGED_MAXIT : RECON_CONVERGED_ITS;
  *stop = (PetscBool)(recon->reason != RECON_CONVERGED_ITERATING);
  if (recon->checkpoint_interval > 0 && k % recon->checkpoint_interval == 0 && recon->ops->checkpoint && recon->reason >= 0) PetscCall(ReconCheckpoint_Private(recon, PETSC_FALSE));
  PetscFunctionReturn(0);
}

/*
  Writes the state after iteration recon->its to recon->checkpoint (load = PETSC_FALSE), or loads it from
  recon->resume (load = PETSC_TRUE): the iteration, the history and the type's variables, in the group
  /checkpoint of a tessera HDF5 file (problem "recon", written atomically).
*/
PetscErrorCode ReconCheckpoint_Private(Recon recon, PetscBool load)
{
  PetscViewer v;
  MPI_Comm    comm     = PetscObjectComm((PetscObject)recon);
  const char *names[6] = {"objective", "primal", "dual", "psnr", "ssim", "time"};
  PetscReal  *h[6];
  PetscInt    its = recon->its, P = recon->P, N = recon->N;

  PetscFunctionBegin;
  h[0] = recon->hist_obj;
  h[1] = recon->hist_rp;
  h[2] = recon->hist_rd;
  h[3] = recon->hist_psnr;
  h[4] = recon->hist_ssim;
  h[5] = recon->hist_time;
  PetscCall(TesseraIOOpen(comm, load ? recon->resume : recon->checkpoint, load ? FILE_MODE_READ : FILE_MODE_WRITE, "recon", &v));
  if (load) {
    char *type;

    PetscCall(TesseraIOReadAttribute(v, "/checkpoint", "type", PETSC_STRING, &type));
    PetscCall(TesseraIOReadAttribute(v, "/checkpoint", "iteration", PETSC_INT, &its));
    PetscCall(TesseraIOReadAttribute(v, "/checkpoint", "N", PETSC_INT, &N));
    PetscCall(TesseraIOReadAttribute(v, "/checkpoint", "P", PETSC_INT, &P));
    PetscCheck(N == recon->N && P == recon->P, comm, PETSC_ERR_FILE_UNEXPECTED, "Recon: checkpoint %s holds %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels, the problem %" PetscInt_FMT " of %" PetscInt_FMT "^2", recon->resume, P, N, recon->P,
               recon->N);
    {
      PetscBool same;

      PetscCall(PetscStrcmp(type, ((PetscObject)recon)->type_name, &same));
      PetscCheck(same, comm, PETSC_ERR_FILE_UNEXPECTED, "Recon: checkpoint %s was written by type %s, the solver is %s", recon->resume, type, ((PetscObject)recon)->type_name);
      PetscCall(PetscFree(type));
    }
    PetscCheck(its >= 0 && its <= recon->max_it, comm, PETSC_ERR_FILE_UNEXPECTED, "Recon: checkpoint %s is at iteration %" PetscInt_FMT ", beyond -recon_max_it %" PetscInt_FMT, recon->resume, its, recon->max_it);
    recon->its      = its;
    recon->hist_len = its + 1;
  } else {
    PetscCall(TesseraIOWriteAttribute(v, "/checkpoint", "type", PETSC_STRING, ((PetscObject)recon)->type_name));
    PetscCall(TesseraIOWriteAttribute(v, "/checkpoint", "iteration", PETSC_INT, &its));
    PetscCall(TesseraIOWriteAttribute(v, "/checkpoint", "N", PETSC_INT, &N));
    PetscCall(TesseraIOWriteAttribute(v, "/checkpoint", "P", PETSC_INT, &P));
  }
  /* the history without its NaN entries (the io layer rejects non-finite data): objective and residuals from
     iteration 1, time from 0, PSNR from 0 with a reference, SSIM as (iteration, value) pairs */
  for (PetscInt i = 0; i < 3; i++) {
    if (load) {
      PetscCall(TesseraIOReadArray(v, "/checkpoint/history", names[i], its, h[i] + 1));
      h[i][0] = RECON_NAN;
    } else PetscCall(TesseraIOWriteArray(v, "/checkpoint/history", names[i], its, h[i] + 1));
  }
  if (load) PetscCall(TesseraIOReadArray(v, "/checkpoint/history", names[5], its + 1, h[5]));
  else PetscCall(TesseraIOWriteArray(v, "/checkpoint/history", names[5], its + 1, h[5]));
  for (PetscInt k = 0; load && k <= its; k++) h[3][k] = h[4][k] = RECON_NAN;
  if (recon->metric) {
    PetscInt   ns = 0;
    PetscReal *pairs;

    if (load) PetscCall(TesseraIOReadArray(v, "/checkpoint/history", names[3], its + 1, h[3]));
    else PetscCall(TesseraIOWriteArray(v, "/checkpoint/history", names[3], its + 1, h[3]));
    if (load) PetscCall(TesseraIOGetArraySize(v, "/checkpoint/history", "ssim_pairs", &ns));
    else
      for (PetscInt k = 0; k <= its; k++) ns += PetscIsNanReal(h[4][k]) ? 0 : 2;
    PetscCall(PetscMalloc1(PetscMax(ns, 1), &pairs));
    if (load) {
      PetscCall(TesseraIOReadArray(v, "/checkpoint/history", "ssim_pairs", ns, pairs));
      for (PetscInt q = 0; q < ns / 2; q++) {
        const PetscInt k = (PetscInt)pairs[2 * q];

        PetscCheck(k >= 0 && k <= its, comm, PETSC_ERR_FILE_UNEXPECTED, "Recon: checkpoint %s has an SSIM entry at iteration %" PetscInt_FMT " outside [0, %" PetscInt_FMT "]", recon->resume, k, its);
        h[4][k] = pairs[2 * q + 1];
      }
    } else {
      ns = 0;
      for (PetscInt k = 0; k <= its; k++)
        if (!PetscIsNanReal(h[4][k])) {
          pairs[ns++] = k;
          pairs[ns++] = h[4][k];
        }
      PetscCall(TesseraIOWriteArray(v, "/checkpoint/history", "ssim_pairs", ns, pairs));
    }
    PetscCall(PetscFree(pairs));
  }
  PetscUseTypeMethod(recon, checkpoint, v, load);
  PetscCall(TesseraIOClose(&v));
  PetscCall(PetscInfo(recon, "%s checkpoint %s at iteration %" PetscInt_FMT "\n", load ? "Loaded" : "Wrote", load ? recon->resume : recon->checkpoint, its));
  PetscFunctionReturn(0);
}

/*@C
  ReconSetCheckpoint - Writes the solver's state to a file every few outer iterations

  Logically Collective

  Input Parameters:
+ recon    - the solver
. file     - the HDF5 file (overwritten atomically at each checkpoint)
- interval - iterations between checkpoints (0: none)

  Options Database Keys:
+ -recon_checkpoint <file>       - the file
- -recon_checkpoint_interval <0> - the interval

  Level: intermediate

  Notes:
  The file holds the iteration, the history and the iterates (for RED-PSM: Lambda, Z, f, gamma, the previous
  model and the Adam moments). A run resumed from it with `ReconSetResume()` continues exactly as the
  uninterrupted run would have.

.seealso: `ReconSetResume()`
@*/
PetscErrorCode ReconSetCheckpoint(Recon recon, const char file[], PetscInt interval)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCheck(interval >= 0, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: checkpoint interval %" PetscInt_FMT " must be nonnegative", interval);
  PetscCheck(!interval || (file && file[0]), PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_NULL, "Recon: a checkpoint interval needs a file");
  PetscCall(PetscStrncpy(recon->checkpoint, file ? file : "", sizeof(recon->checkpoint)));
  recon->checkpoint_interval = interval;
  PetscFunctionReturn(0);
}

/*@C
  ReconSetResume - Makes the next `ReconSolve()` continue from a checkpoint instead of starting afresh

  Logically Collective

  Input Parameters:
+ recon - the solver
- file  - the checkpoint written by `ReconSetCheckpoint()` (NULL or "" to start afresh)

  Options Database Key:
. -recon_resume <file> - the checkpoint

  Level: intermediate

  Notes:
  The checkpoint must come from a solver of the same type and problem size; missing or corrupt files and
  mismatched sizes raise an error naming the file.

.seealso: `ReconSetCheckpoint()`
@*/
PetscErrorCode ReconSetResume(Recon recon, const char file[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(PetscStrncpy(recon->resume, file ? file : "", sizeof(recon->resume)));
  PetscFunctionReturn(0);
}

/*@
  ReconSolve - Reconstructs the frames

  Collective

  Input Parameter:
. recon - the solver

  Options Database Keys:
+ -recon_converged_reason - print why the solver stopped
- -recon_view             - view the solver afterwards

  Level: beginner

.seealso: `ReconGetSolution()`, `ReconGetConvergedReason()`, `ReconGetHistory()`
@*/
PetscErrorCode ReconSolve(Recon recon)
{
  PetscLogDouble t1;
  PetscViewer    viewer;
  PetscBool      flg;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(ReconSetUp(recon));
  recon->its      = 0;
  recon->hist_len = 0;
  recon->reason   = RECON_CONVERGED_ITERATING;
  PetscCall(PetscLogEventBegin(RECON_Solve, recon, 0, 0, 0));
  PetscCall(PetscTime(&recon->tstart));
  PetscUseTypeMethod(recon, solve);
  PetscCall(PetscTime(&t1));
  recon->tsolve = t1 - recon->tstart;
  PetscCall(PetscLogEventEnd(RECON_Solve, recon, 0, 0, 0));
  PetscCall(PetscOptionsGetViewer(PetscObjectComm((PetscObject)recon), ((PetscObject)recon)->options, ((PetscObject)recon)->prefix, "-recon_converged_reason", &viewer, NULL, &flg));
  if (flg) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "Recon %s %s after %" PetscInt_FMT " iterations (%.3g s)\n", ((PetscObject)recon)->type_name, ReconConvergedReasons[recon->reason], recon->its, (double)recon->tsolve));
    PetscCall(PetscViewerDestroy(&viewer));
  }
  PetscCall(ReconViewFromOptions(recon, NULL, "-recon_view"));
  PetscFunctionReturn(0);
}

/*@
  ReconMonitorSet - Adds a routine called at every outer iteration

  Logically Collective

  Input Parameters:
+ recon          - the solver
. monitor        - the routine
. ctx            - its context
- monitordestroy - routine that frees ctx (may be NULL)

  Calling sequence of monitor:
$ PetscErrorCode monitor(Recon recon, PetscInt it, PetscReal obj, PetscReal rprimal, PetscReal rdual, void *ctx)
+ it      - iteration (0: the starting point)
. obj     - the objective (RED-PSM: the augmented Lagrangian; NaN at it = 0)
. rprimal - relative primal residual ||Lambda Psi^T - f|| / ||f|| (PSM: relative change of the model)
- rdual   - relative dual residual ||X_k - X_{k-1}|| / ||X_k||, X = Lambda Psi^T

  Level: intermediate

.seealso: `ReconMonitorDefault()`, `ReconMonitorCancel()`
@*/
PetscErrorCode ReconMonitorSet(Recon recon, ReconMonitorFn monitor, void *ctx, PetscErrorCode (*monitordestroy)(void **))
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCheck(recon->numbermonitors < MAXRECONMONITORS, PetscObjectComm((PetscObject)recon), PETSC_ERR_ARG_OUTOFRANGE, "Recon: too many monitors (at most %d)", MAXRECONMONITORS);
  recon->monitor[recon->numbermonitors]        = monitor;
  recon->monitorctx[recon->numbermonitors]     = ctx;
  recon->monitordestroy[recon->numbermonitors] = monitordestroy;
  recon->numbermonitors++;
  PetscFunctionReturn(0);
}

/*@
  ReconMonitorCancel - Removes all monitors

  Logically Collective

  Input Parameter:
. recon - the solver

  Level: intermediate

.seealso: `ReconMonitorSet()`
@*/
PetscErrorCode ReconMonitorCancel(Recon recon)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  for (PetscInt i = 0; i < recon->numbermonitors; i++)
    if (recon->monitordestroy[i]) PetscCall((*recon->monitordestroy[i])(&recon->monitorctx[i]));
  recon->numbermonitors = 0;
  PetscFunctionReturn(0);
}

/*@C
  ReconMonitorDefault - Prints the iteration, objective, residuals and (with a reference) PSNR and SSIM

  Collective

  Input Parameters:
+ recon   - the solver
. it      - iteration
. obj     - objective
. rprimal - relative primal residual
. rdual   - relative dual residual
- ctx     - a `PetscViewerAndFormat`

  Level: intermediate

.seealso: `ReconMonitorSet()`
@*/
PetscErrorCode ReconMonitorDefault(Recon recon, PetscInt it, PetscReal obj, PetscReal rprimal, PetscReal rdual, void *ctx)
{
  PetscViewer viewer = ((PetscViewerAndFormat *)ctx)->viewer;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIAddTab(viewer, ((PetscObject)recon)->tablevel));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%3" PetscInt_FMT " Recon objective %.10e primal %.3e dual %.3e", it, (double)obj, (double)rprimal, (double)rdual));
  if (recon->metric) PetscCall(PetscViewerASCIIPrintf(viewer, " PSNR %.3f", (double)recon->hist_psnr[it]));
  if (recon->metric && !PetscIsNanReal(recon->hist_ssim[it])) PetscCall(PetscViewerASCIIPrintf(viewer, " SSIM %.4f", (double)recon->hist_ssim[it]));
  PetscCall(PetscViewerASCIIPrintf(viewer, " t %.2f s\n", (double)recon->hist_time[it]));
  PetscCall(PetscViewerASCIISubtractTab(viewer, ((PetscObject)recon)->tablevel));
  PetscFunctionReturn(0);
}

/*@
  ReconGetConvergedReason - Gets why `ReconSolve()` stopped

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. reason - the reason

  Level: beginner

.seealso: `ReconSolve()`, `ReconSetTolerances()`
@*/
PetscErrorCode ReconGetConvergedReason(Recon recon, ReconConvergedReason *reason)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(reason, 2);
  *reason = recon->reason;
  PetscFunctionReturn(0);
}

/*@
  ReconGetIterationNumber - Gets the number of outer iterations of the last solve

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. its - the iterations

  Level: beginner

.seealso: `ReconSolve()`
@*/
PetscErrorCode ReconGetIterationNumber(Recon recon, PetscInt *its)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(its, 2);
  *its = recon->its;
  PetscFunctionReturn(0);
}

/*@C
  ReconGetHistory - Gets the per-iteration history of the last solve (entry 0: the starting point)

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameters:
+ obj  - objective (augmented Lagrangian for RED-PSM) (may be NULL; do not free)
. rp   - relative primal residual (may be NULL)
. rd   - relative dual residual (may be NULL)
. psnr - the metric's first value (e.g. PSNR), NaN without a metric (may be NULL)
. ssim - the metric's second value (e.g. SSIM), NaN where not computed (may be NULL)
. time - wall time since the start of the solve, seconds (may be NULL)
- n    - number of entries

  Level: intermediate

.seealso: `ReconSetMetric()`, `ReconMonitorSet()`
@*/
PetscErrorCode ReconGetHistory(Recon recon, const PetscReal *obj[], const PetscReal *rp[], const PetscReal *rd[], const PetscReal *psnr[], const PetscReal *ssim[], const PetscReal *time[], PetscInt *n)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (obj) *obj = recon->hist_obj;
  if (rp) *rp = recon->hist_rp;
  if (rd) *rd = recon->hist_rd;
  if (psnr) *psnr = recon->hist_psnr;
  if (ssim) *ssim = recon->hist_ssim;
  if (time) *time = recon->hist_time;
  if (n) *n = recon->hist_len;
  PetscFunctionReturn(0);
}

/*@
  ReconGetSolveTime - Gets the wall time of the last `ReconSolve()` (without `ReconSetUp()`)

  Not Collective

  Input Parameter:
. recon - the solver

  Output Parameter:
. t - seconds

  Level: intermediate

.seealso: `ReconSolve()`
@*/
PetscErrorCode ReconGetSolveTime(Recon recon, PetscLogDouble *t)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  TesseraValidPointer(t, 2);
  *t = recon->tsolve;
  PetscFunctionReturn(0);
}

/*@C
  ReconView - Prints the solver: method, sizes, parameters, last result

  Collective

  Input Parameters:
+ recon  - the solver
- viewer - an ASCII viewer (NULL: stdout of the solver's communicator)

  Level: beginner

.seealso: `ReconViewFromOptions()`
@*/
PetscErrorCode ReconView(Recon recon, PetscViewer viewer)
{
  PetscBool isascii;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  if (!viewer) PetscCall(PetscViewerASCIIGetStdout(PetscObjectComm((PetscObject)recon), &viewer));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (!isascii) PetscFunctionReturn(0);
  PetscCall(PetscObjectPrintClassNamePrefixType((PetscObject)recon, viewer));
  PetscCall(PetscViewerASCIIPushTab(viewer));
  PetscCall(PetscViewerASCIIPrintf(viewer, "%" PetscInt_FMT " frames of %" PetscInt_FMT " x %" PetscInt_FMT " pixels; outer iterations %" PetscInt_FMT ", rtol %g\n", recon->P, recon->N, recon->N, recon->max_it, (double)recon->rtol));
  PetscTryTypeMethod(recon, view, viewer);
  if (recon->reason != RECON_CONVERGED_ITERATING) PetscCall(PetscViewerASCIIPrintf(viewer, "last solve: %s after %" PetscInt_FMT " iterations, %.3g s\n", ReconConvergedReasons[recon->reason], recon->its, (double)recon->tsolve));
  PetscCall(PetscViewerASCIIPopTab(viewer));
  PetscFunctionReturn(0);
}

/*@C
  ReconViewFromOptions - Views the solver if an option asks for it

  Collective

  Input Parameters:
+ recon - the solver
. obj   - an object whose prefix is used instead (may be NULL)
- name  - the option, e.g. "-recon_view"

  Level: intermediate

.seealso: `ReconView()`
@*/
PetscErrorCode ReconViewFromOptions(Recon recon, PetscObject obj, const char name[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscCall(PetscObjectViewFromOptions((PetscObject)recon, obj, name));
  PetscFunctionReturn(0);
}

/*@
  ReconReset - Frees everything sized by the problem, so that the solver can be set up again at another size

  Collective

  Input Parameter:
. recon - the solver

  Level: advanced

.seealso: `ReconSetUp()`, `ReconDestroy()`
@*/
PetscErrorCode ReconReset(Recon recon)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(recon, RECON_CLASSID, 1);
  PetscTryTypeMethod(recon, reset);
  PetscCall(VecDestroy(&recon->f));
  PetscCall(PetscFree(recon->rowframe));
  PetscCall(PetscFree(recon->mask));
  PetscCall(PetscFree6(recon->hist_obj, recon->hist_rp, recon->hist_rd, recon->hist_psnr, recon->hist_ssim, recon->hist_time));
  recon->hist_len    = 0;
  recon->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

/*@
  ReconDestroy - Destroys a reconstruction solver

  Collective

  Input Parameter:
. recon - the solver

  Level: beginner

.seealso: `ReconCreate()`
@*/
PetscErrorCode ReconDestroy(Recon *recon)
{
  PetscFunctionBegin;
  if (!*recon) PetscFunctionReturn(0);
  PetscValidHeaderSpecific(*recon, RECON_CLASSID, 1);
  if (--((PetscObject)(*recon))->refct > 0) {
    *recon = NULL;
    PetscFunctionReturn(0);
  }
  PetscCall(ReconReset(*recon));
  PetscTryTypeMethod(*recon, destroy);
  PetscCall(ReconMonitorCancel(*recon));
  PetscCall(MatDestroy(&(*recon)->A));
  PetscCall(VecDestroy(&(*recon)->g));
  PetscCall(DenoiserDestroy(&(*recon)->denoiser));
  PetscCall(PetscFree((*recon)->rows));
  PetscCall(PetscHeaderDestroy(recon));
  PetscFunctionReturn(0);
}
