/*I "tesserabilevel.h" I*/
/*
   Checkpoints of the Bilevel class: everything that defines the next iterate, written atomically through io/
   every ckinterval iterations, and the restart that continues a solve from such a file on the same iterates.

   Layout (group /checkpoint of a tessera HDF5 file whose root attribute "problem" is the Bilevel's name):
     attributes solver ("bilevel <type>") and iteration
     parameters upper, lower, constraints (sizes of x, y and of the lower-level constraints)
     state          the class's scalar state below, checksummed like every dataset
     x, y           the iterate
     history/<name> F, f, residual, gap, time so far
     <type>/...     the type's state (its iterates and step sizes), written by ops->checkpointwrite
*/
#include <bilevelimpl.h>
#include <tesseraio.h>

typedef enum {
  CK_ITERATION, /* the next iteration */
  CK_RES0,
  CK_GAPREF,
  CK_UPPER, /* F(x, y) and f(x, y) at the stored iterate: identify the problem data */
  CK_LOWER,
  CK_FVAL,
  CK_LVAL,
  CK_RES,
  CK_GAP,
  CK_NUPPER,
  CK_NLOWER,
  CK_NCONS,
  CK_NJACT,
  CK_NPROJ,
  CK_NHESS,
  CK_N
} BilevelCheckpointEntry;

static const char CK_GROUP[] = "/checkpoint", CK_HISTORY[] = "/checkpoint/history";

static const char *BilevelProblemName_Private(Bilevel bl) { return ((PetscObject)bl)->name ? ((PetscObject)bl)->name : ""; }

static PetscErrorCode BilevelCheckpointSizes_Private(Bilevel bl, PetscReal sizes[])
{
  PetscInt n, m, l = 0;

  PetscFunctionBegin;
  PetscCall(VecGetSize(bl->x, &n));
  PetscCall(VecGetSize(bl->y, &m));
  if (bl->g) PetscCall(VecGetSize(bl->g, &l));
  sizes[0] = (PetscReal)n;
  sizes[1] = (PetscReal)m;
  sizes[2] = (PetscReal)l;
  PetscFunctionReturn(0);
}

/* F(x, y) and f(x, y) with the finite-difference work Vecs as gradient outputs; the evaluation counters are left unchanged */
static PetscErrorCode BilevelCheckpointObjectives_Private(Bilevel bl, PetscReal *F, PetscReal *f)
{
  PetscInt nupper = bl->nupper, nlower = bl->nlower;

  PetscFunctionBegin;
  PetscCall(BilevelComputeUpper_Private(bl, bl->x, bl->y, F, bl->fdx, bl->fdy));
  PetscCall(BilevelComputeLower_Private(bl, bl->x, bl->y, f, bl->fdx, bl->fdy));
  bl->nupper = nupper;
  bl->nlower = nlower;
  PetscFunctionReturn(0);
}

/*
  BilevelCheckpointWriteState_Private - writes the scalar state and named Vecs of a type into group (the Vecs are
  named after the datasets)
*/
PetscErrorCode BilevelCheckpointWriteState_Private(Bilevel bl, PetscViewer viewer, const char group[], PetscInt n, const PetscReal st[], PetscInt nv, Vec v[], const char *const names[])
{
  PetscFunctionBegin;
  if (n) PetscCall(TesseraIOWriteArray(viewer, group, "state", n, st));
  for (PetscInt i = 0; i < nv; i++) {
    if (!v[i]) continue;
    PetscCall(PetscObjectSetName((PetscObject)v[i], names[i]));
    PetscCall(TesseraIOWriteVec(viewer, group, v[i]));
  }
  PetscFunctionReturn(0);
}

/* BilevelCheckpointReadState_Private - reads what BilevelCheckpointWriteState_Private() wrote (sizes checked by io/) */
PetscErrorCode BilevelCheckpointReadState_Private(Bilevel bl, PetscViewer viewer, const char group[], PetscInt n, PetscReal st[], PetscInt nv, Vec v[], const char *const names[])
{
  PetscFunctionBegin;
  if (n) PetscCall(TesseraIOReadArray(viewer, group, "state", n, st));
  for (PetscInt i = 0; i < nv; i++) {
    if (!v[i]) continue;
    PetscCall(PetscObjectSetName((PetscObject)v[i], names[i]));
    PetscCall(TesseraIOReadVec(viewer, group, v[i]));
  }
  PetscFunctionReturn(0);
}

/*
  BilevelCheckpoint_Private - called by the types at the end of iteration bl->its: writes a checkpoint (the state
  before iteration its + 1) when one is due and the solve continues
*/
PetscErrorCode BilevelCheckpoint_Private(Bilevel bl)
{
  PetscViewer    viewer;
  PetscReal      st[CK_N], sizes[3];
  const char    *sizenames[] = {"upper", "lower", "constraints"}, *vnames[] = {"x", "y"};
  char           solver[256], tgroup[256];
  PetscInt       next = bl->its + 1;
  Vec            v[2];
  PetscLogDouble t0, t1;
  PetscMPIInt    size;
  PetscInt       ranks;

  PetscFunctionBegin;
  if (!bl->ckfile[0] || bl->reason != BILEVEL_CONVERGED_ITERATING || next % bl->ckinterval) PetscFunctionReturn(0);
  PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject)bl), &size));
  ranks = size;
  PetscCall(PetscTime(&t0));
  PetscCall(PetscLogEventBegin(BILEVEL_Checkpoint, bl, 0, 0, 0));
  PetscCall(BilevelCheckpointSizes_Private(bl, sizes));
  PetscCall(PetscSNPrintf(solver, sizeof(solver), "bilevel %s", ((PetscObject)bl)->type_name));
  PetscCall(PetscSNPrintf(tgroup, sizeof(tgroup), "%s/%s", CK_GROUP, ((PetscObject)bl)->type_name));
  st[CK_ITERATION] = (PetscReal)next;
  st[CK_RES0]      = bl->res0;
  st[CK_GAPREF]    = bl->gapref;
  PetscCall(BilevelCheckpointObjectives_Private(bl, &st[CK_UPPER], &st[CK_LOWER]));
  st[CK_FVAL]   = bl->Fval;
  st[CK_LVAL]   = bl->fval;
  st[CK_RES]    = bl->res;
  st[CK_GAP]    = bl->gap;
  st[CK_NUPPER] = (PetscReal)bl->nupper;
  st[CK_NLOWER] = (PetscReal)bl->nlower;
  st[CK_NCONS]  = (PetscReal)bl->ncons;
  st[CK_NJACT]  = (PetscReal)bl->njact;
  st[CK_NPROJ]  = (PetscReal)bl->nproj;
  st[CK_NHESS]  = (PetscReal)bl->nhess;
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)bl), bl->ckfile, FILE_MODE_WRITE, BilevelProblemName_Private(bl), &viewer));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "solver", PETSC_STRING, solver));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "iteration", PETSC_INT, &next));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "ranks", PETSC_INT, &ranks));
  PetscCall(TesseraIOWriteParameters(viewer, CK_GROUP, 3, sizenames, sizes));
  /* x and y through the finite-difference work Vecs (the user's Vecs keep their names) */
  PetscCall(VecCopy(bl->x, bl->fdx));
  PetscCall(VecCopy(bl->y, bl->fdy));
  v[0] = bl->fdx;
  v[1] = bl->fdy;
  PetscCall(BilevelCheckpointWriteState_Private(bl, viewer, CK_GROUP, CK_N, st, 2, v, vnames));
  PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, "F", bl->hist_len, bl->hist_F));
  PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, "f", bl->hist_len, bl->hist_f));
  PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, "residual", bl->hist_len, bl->hist_res));
  PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, "gap", bl->hist_len, bl->hist_gap));
  PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, "time", bl->hist_len, bl->hist_time));
  PetscUseTypeMethod(bl, checkpointwrite, viewer, tgroup);
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(PetscLogEventEnd(BILEVEL_Checkpoint, bl, 0, 0, 0));
  PetscCall(PetscTime(&t1));
  PetscCall(PetscInfo(bl, "Checkpoint before iteration %" PetscInt_FMT " written to %s in %g s\n", next, bl->ckfile, (double)(t1 - t0)));
  PetscFunctionReturn(0);
}

/* BilevelRestart_Private - called by BilevelSolve(): the state of the checkpoint bl->rsfile, refused if it belongs to another problem, size or type */
PetscErrorCode BilevelRestart_Private(Bilevel bl)
{
  MPI_Comm       comm;
  PetscViewer    viewer;
  PetscReal      st[CK_N], sizes[3], F, f, tol;
  const char    *sizenames[] = {"upper", "lower", "constraints"}, *vnames[] = {"x", "y"};
  char           solver[256], tgroup[256], file[PETSC_MAX_PATH_LEN];
  PetscInt       next, hlen, wranks;
  Vec            v[2];
  PetscLogDouble now;
  PetscMPIInt    size;
  PetscBool      has;
  char           hint[256] = "";

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)bl, &comm));
  PetscCall(PetscStrncpy(file, bl->rsfile, sizeof(file)));
  bl->rsfile[0] = 0; /* a restart applies to one solve */
  PetscCall(BilevelCheckpointSizes_Private(bl, sizes));
  PetscCall(PetscSNPrintf(solver, sizeof(solver), "bilevel %s", ((PetscObject)bl)->type_name));
  PetscCall(PetscSNPrintf(tgroup, sizeof(tgroup), "%s/%s", CK_GROUP, ((PetscObject)bl)->type_name));
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_READ, BilevelProblemName_Private(bl), &viewer));
  PetscCall(TesseraIOCheckString(viewer, CK_GROUP, "solver", solver));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(TesseraIOHasAttribute(viewer, CK_GROUP, "ranks", &has));
  wranks = size;
  if (has) PetscCall(TesseraIOReadAttribute(viewer, CK_GROUP, "ranks", PETSC_INT, &wranks));
  PetscCall(TesseraIOCheckParameters(viewer, CK_GROUP, 3, sizenames, sizes, 0.0));
  v[0] = bl->fdx;
  v[1] = bl->fdy;
  PetscCall(BilevelCheckpointReadState_Private(bl, viewer, CK_GROUP, CK_N, st, 2, v, vnames));
  next = (PetscInt)st[CK_ITERATION];
  PetscCheck(st[CK_ITERATION] >= 1 && st[CK_ITERATION] == (PetscReal)next, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the checkpoint's iteration %g is not a positive integer", file, (double)st[CK_ITERATION]);
  PetscCheck(next <= bl->max_it, comm, PETSC_ERR_ARG_INCOMP, "HDF5 file %s holds the state before iteration %" PetscInt_FMT ", beyond -bilevel_max_it %" PetscInt_FMT, file, next, bl->max_it);
  for (PetscInt k = CK_NUPPER; k <= CK_NHESS; k++)
    PetscCheck(st[k] >= 0 && st[k] <= PETSC_MAX_INT && st[k] == PetscFloorReal(st[k]), comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the checkpoint's evaluation count %g is not a nonnegative integer", file, (double)st[k]);
  PetscCall(TesseraIOGetArraySize(viewer, CK_HISTORY, "F", &hlen));
  PetscCheck(hlen == next, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the checkpoint before iteration %" PetscInt_FMT " has a history of %" PetscInt_FMT " entries, expected %" PetscInt_FMT, file, next, hlen, next);
  PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, "F", hlen, bl->hist_F));
  PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, "f", hlen, bl->hist_f));
  PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, "residual", hlen, bl->hist_res));
  PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, "gap", hlen, bl->hist_gap));
  PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, "time", hlen, bl->hist_time));
  PetscUseTypeMethod(bl, checkpointread, viewer, tgroup);
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(VecCopy(bl->fdx, bl->x));
  PetscCall(VecCopy(bl->fdy, bl->y));
  /* the problem's identity: F and f at the stored iterate; the Vecs are stored in their global order, so a problem
     whose global order depends on the number of ranks (the toy's y) fails this check on another number of ranks */
  if (wranks != size) PetscCall(PetscSNPrintf(hint, sizeof(hint), "; or, as it was written on %" PetscInt_FMT " ranks and this run has %d, the problem orders its variables by rank", wranks, (int)size));
  PetscCall(BilevelCheckpointObjectives_Private(bl, &F, &f));
  tol = 1e-8 * PetscMax(1.0, PetscMax(PetscAbsReal(st[CK_UPPER]), PetscAbsReal(bl->hist_F[0])));
  PetscCheck(PetscAbsReal(F - st[CK_UPPER]) <= tol, comm, PETSC_ERR_FILE_UNEXPECTED,
             "HDF5 file %s: the upper-level objective at the checkpointed iterate is %.17g in the file but %.17g for this problem: the checkpoint was written for another problem or other problem data%s", file, (double)st[CK_UPPER], (double)F, hint);
  tol = 1e-8 * PetscMax(1.0, PetscMax(PetscAbsReal(st[CK_LOWER]), PetscAbsReal(bl->hist_f[0])));
  PetscCheck(PetscAbsReal(f - st[CK_LOWER]) <= tol, comm, PETSC_ERR_FILE_UNEXPECTED,
             "HDF5 file %s: the lower-level objective at the checkpointed iterate is %.17g in the file but %.17g for this problem: the checkpoint was written for another problem or other problem data%s", file, (double)st[CK_LOWER], (double)f, hint);
  bl->its      = next;
  bl->hist_len = hlen;
  bl->res0     = st[CK_RES0];
  bl->gapref   = st[CK_GAPREF];
  bl->Fval     = st[CK_FVAL];
  bl->fval     = st[CK_LVAL];
  bl->res      = st[CK_RES];
  bl->gap      = st[CK_GAP];
  bl->nupper   = (PetscInt)st[CK_NUPPER];
  bl->nlower   = (PetscInt)st[CK_NLOWER];
  bl->ncons    = (PetscInt)st[CK_NCONS];
  bl->njact    = (PetscInt)st[CK_NJACT];
  bl->nproj    = (PetscInt)st[CK_NPROJ];
  bl->nhess    = (PetscInt)st[CK_NHESS];
  /* the clock of the history continues from the time of the checkpoint */
  PetscCall(PetscTime(&now));
  bl->tstart  = now - bl->hist_time[hlen - 1];
  bl->resumed = PETSC_TRUE;
  bl->rsiter  = next;
  PetscCall(PetscStrncpy(bl->rsfrom, file, sizeof(bl->rsfrom)));
  PetscCall(PetscInfo(bl, "Resumed from checkpoint %s before iteration %" PetscInt_FMT "\n", file, next));
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetCheckpoint - Makes the solver write an HDF5 checkpoint every interval iterations, from which
  `BilevelSetRestart()` resumes the solve on the same iterates

  Logically Collective

  Input Parameters:
+ bl       - the solver
. file     - the checkpoint file (NULL or "" for none); each write replaces it atomically
- interval - iterations between checkpoints (at least 1)

  Options Database Keys:
+ -bilevel_checkpoint <file>          - the file
- -bilevel_checkpoint_interval <100>  - the interval

  Level: intermediate

  Notes:
  The checkpoint holds everything that defines the next iterate: x, y, the type's iterates (LV-HBA: theta, lambda,
  z; BO-REP: the adjoint z and the momentum; implicit: the adjoint, the start and the log of upper-level evaluations), step sizes and penalty state, the iteration count, the evaluation
  counters, the references of the stopping test and the history so far; and the problem's identity: the Bilevel's
  name (`PetscObjectSetName()`; the examples name it after the problem), the sizes of x, y and of the
  constraints, the type and F(x, y), f(x, y) at the stored iterate. It is written through the io layer (`TesseraIOOpen()`):
  to a temporary file renamed over the previous checkpoint, with a checksum on every dataset, so a process killed
  during a write leaves the previous checkpoint intact.

.seealso: `BilevelSetRestart()`, `BilevelSolve()`, `TesseraIOOpen()`
@*/
PetscErrorCode BilevelSetCheckpoint(Bilevel bl, const char file[], PetscInt interval)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscValidLogicalCollectiveInt(bl, interval, 3);
  PetscCheck(interval >= 1, PetscObjectComm((PetscObject)bl), PETSC_ERR_ARG_OUTOFRANGE, "Checkpoint interval %" PetscInt_FMT " must be positive", interval);
  PetscCall(PetscStrncpy(bl->ckfile, file ? file : "", sizeof(bl->ckfile)));
  bl->ckinterval = interval;
  PetscFunctionReturn(0);
}

/*@C
  BilevelSetRestart - Makes the next `BilevelSolve()` resume from a checkpoint written by `BilevelSetCheckpoint()`

  Logically Collective

  Input Parameters:
+ bl   - the solver, set up with the same problem and type as the run that wrote the file
- file - the checkpoint (NULL or "" for none)

  Options Database Key:
. -bilevel_restart <file> - the checkpoint

  Level: intermediate

  Notes:
  With the same options, the resumed solve takes the iterates of the uninterrupted one: bit for bit on the same
  number of MPI ranks, to round-off on another (LV-HBA and BO-REP; the stored Vecs are in their global order, so a
  problem whose global order depends on the number of ranks, as the registered toy's y, resumes only on as many
  ranks as wrote the file: the check of F and f at the stored iterate refuses the others). The implicit type replays the log of its
  upper-level evaluations into its upper-level Tao (see `BILEVELIMPLICIT`). The history (`BilevelGetConvergenceHistory()`,
  `BilevelHistoryWrite()`) contains the iterations before the checkpoint. The restart applies to the next solve only.

  A file written for another problem is refused with an error naming the mismatch: another problem name, other
  sizes ("written with parameter upper = 2, this run has 3"), another type ("written with solver 'bilevel lvhba',
  this run has solver 'bilevel borep'"), or another F or f at the stored iterate (other problem data); so are damaged
  files (checksums, implausible state).

.seealso: `BilevelSetCheckpoint()`, `BilevelSolve()`
@*/
PetscErrorCode BilevelSetRestart(Bilevel bl, const char file[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(bl, BILEVEL_CLASSID, 1);
  PetscCall(PetscStrncpy(bl->rsfile, file ? file : "", sizeof(bl->rsfile)));
  PetscFunctionReturn(0);
}
