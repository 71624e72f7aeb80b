/*I "tesseraalsketch.h" I*/
/*
   Checkpoints of TAOALSKETCH: everything that defines the next iterate, written atomically through io/ every
   ckinterval iterations, and the restart that continues a solve from such a file on the same iterates.

   Layout (group /checkpoint of a tessera HDF5 file whose root attribute "problem" is the Tao's name):
     attributes solver ("tao alsketch") and inner_ksp (the type of the inner KSP)
     parameters variables, constraints (TesseraIOWriteParameters)
     state            the scalar state below (reals, integers exact), checksummed like every dataset
     x, lambda        the iterate and the multipliers of the (scaled) problem
     constraint_scale the constraint scales (only when scaling is active)
     history/<field>  the per-iterate records so far (TaoALSketchHistoryFields)
*/
#include <alsketchimpl.h>
#include <tesserasketch.h>
#include <tesseraio.h>

/* the entries of /checkpoint/state */
typedef enum {
  CK_ITERATION,
  CK_MU,
  CK_NU,
  CK_DELTA,
  CK_THETAT,
  CK_SCALED,
  CK_SF,
  CK_SMIN,
  CK_NREG,
  CK_CAPSTREAK,
  CK_USEFB,
  CK_FBITER,
  CK_ROSTREAK,
  CK_ROKKT, /* -1: infinite */
  CK_TOTALITS,
  CK_KSP_TOT_ITS,
  CK_SEED,
  CK_DRAWS,
  CK_F, /* objective of the problem as given at x: identifies the problem */
  CK_NFUNCS,
  CK_NGRADS,
  CK_NFUNCGRADS,
  CK_NHESS,
  CK_NCONSTRAINTS,
  CK_NJAC,
  CK_N
} TaoALSketchCheckpointEntry;

static const char CK_GROUP[] = "/checkpoint", CK_HISTORY[] = "/checkpoint/history", CK_SOLVER[] = "tao alsketch";

/* the problem identity written as the root attribute "problem": the Tao's name if one was set, else "" */
static const char *TaoALSketchProblemName_Private(Tao tao) { return ((PetscObject)tao)->name ? ((PetscObject)tao)->name : ""; }

PetscErrorCode TaoALSketchCheckpointWrite_Private(Tao tao)
{
  TAO_ALSKETCH  *al = (TAO_ALSKETCH *)tao->data;
  MPI_Comm       comm;
  PetscViewer    viewer;
  PetscReal      st[CK_N], sizes[2];
  const char    *sizenames[] = {"variables", "constraints"}, *ksptype;
  PetscInt       n, m;
  unsigned long  seed  = 0;
  PetscInt64     draws = 0;
  PetscBool      issketch;
  PetscLogDouble t0, t1;

  PetscFunctionBegin;
  PetscCall(PetscTime(&t0));
  PetscCall(PetscLogEventBegin(TAOALSKETCH_Checkpoint, tao, 0, 0, 0));
  PetscCall(PetscObjectGetComm((PetscObject)tao, &comm));
  PetscCall(VecGetSize(tao->solution, &n));
  PetscCall(VecGetSize(tao->constraints_equality, &m));
  PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPSKETCH, &issketch));
  if (issketch) PetscCall(KSPSketchGetStreamPosition(al->ksp, &seed, &draws));
  PetscCall(KSPGetType(al->ksp, &ksptype));
  st[CK_ITERATION]    = (PetscReal)tao->niter;
  st[CK_MU]           = al->mu;
  st[CK_NU]           = al->nu;
  st[CK_DELTA]        = al->delta;
  st[CK_THETAT]       = al->thetat;
  st[CK_SCALED]       = al->scaled ? 1.0 : 0.0;
  st[CK_SF]           = al->sf;
  st[CK_SMIN]         = al->smin;
  st[CK_NREG]         = (PetscReal)al->nreg;
  st[CK_CAPSTREAK]    = (PetscReal)al->capstreak;
  st[CK_USEFB]        = al->usefb ? 1.0 : 0.0;
  st[CK_FBITER]       = (PetscReal)al->fbiter;
  st[CK_ROSTREAK]     = (PetscReal)al->rostreak;
  st[CK_ROKKT]        = PetscIsInfReal(al->rokkt) ? -1.0 : al->rokkt;
  st[CK_TOTALITS]     = (PetscReal)al->totalits;
  st[CK_KSP_TOT_ITS]  = (PetscReal)tao->ksp_tot_its;
  st[CK_SEED]         = (PetscReal)seed;
  st[CK_DRAWS]        = (PetscReal)draws;
  st[CK_F]            = al->f / al->sf;
  st[CK_NFUNCS]       = (PetscReal)tao->nfuncs;
  st[CK_NGRADS]       = (PetscReal)tao->ngrads;
  st[CK_NFUNCGRADS]   = (PetscReal)tao->nfuncgrads;
  st[CK_NHESS]        = (PetscReal)tao->nhess;
  st[CK_NCONSTRAINTS] = (PetscReal)tao->nconstraints;
  st[CK_NJAC]         = (PetscReal)tao->njac_equality;
  sizes[0]            = (PetscReal)n;
  sizes[1]            = (PetscReal)m;
  PetscCall(TesseraIOOpen(comm, al->ckfile, FILE_MODE_WRITE, TaoALSketchProblemName_Private(tao), &viewer));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "solver", PETSC_STRING, CK_SOLVER));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "inner_ksp", PETSC_STRING, ksptype));
  PetscCall(TesseraIOWriteAttribute(viewer, CK_GROUP, "iteration", PETSC_INT, &tao->niter));
  PetscCall(TesseraIOWriteParameters(viewer, CK_GROUP, 2, sizenames, sizes));
  PetscCall(TesseraIOWriteArray(viewer, CK_GROUP, "state", CK_N, st));
  /* the work Vecs xt and lt carry the names of the datasets (they are free between iterations) */
  PetscCall(VecCopy(tao->solution, al->xt));
  PetscCall(PetscObjectSetName((PetscObject)al->xt, "x"));
  PetscCall(TesseraIOWriteVec(viewer, CK_GROUP, al->xt));
  PetscCall(VecCopy(al->lam, al->lt));
  PetscCall(PetscObjectSetName((PetscObject)al->lt, "lambda"));
  PetscCall(TesseraIOWriteVec(viewer, CK_GROUP, al->lt));
  if (al->scaled) {
    PetscCall(PetscObjectSetName((PetscObject)al->dc, "constraint_scale"));
    PetscCall(TesseraIOWriteVec(viewer, CK_GROUP, al->dc));
  }
  for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) PetscCall(TesseraIOWriteArray(viewer, CK_HISTORY, TaoALSketchHistoryFields[k], al->hlen, al->hist[k]));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(PetscLogEventEnd(TAOALSKETCH_Checkpoint, tao, 0, 0, 0));
  PetscCall(PetscTime(&t1));
  PetscCall(PetscInfo(tao, "Checkpoint of iteration %" PetscInt_FMT " written to %s in %g s\n", tao->niter, al->ckfile, (double)(t1 - t0)));
  PetscFunctionReturn(0);
}

/* a stored count: a nonnegative integer below max */
static PetscErrorCode TaoALSketchCheckCount_Private(Tao tao, const char file[], const char what[], PetscReal v, PetscReal lo, PetscReal max)
{
  PetscFunctionBegin;
  PetscCheck(v >= lo && v <= max && v == PetscFloorReal(v), PetscObjectComm((PetscObject)tao), PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the checkpoint's %s %g is not an integer in [%g, %g]", file, what, (double)v, (double)lo, (double)max);
  PetscFunctionReturn(0);
}

PetscErrorCode TaoALSketchRestart_Private(Tao tao)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  MPI_Comm      comm;
  PetscViewer   viewer;
  PetscReal     st[CK_N], sizes[2], *h[TAO_ALSKETCH_HISTORY_NFIELDS], rec[TAO_ALSKETCH_HISTORY_NFIELDS], fnow, tol;
  const char   *sizenames[] = {"variables", "constraints"}, *ksptype;
  char          file[PETSC_MAX_PATH_LEN];
  PetscInt      n, m, hlen, iter;
  PetscBool     issketch;

  PetscFunctionBegin;
  PetscCall(PetscObjectGetComm((PetscObject)tao, &comm));
  PetscCall(PetscStrncpy(file, al->rsfile, sizeof(file)));
  al->rsfile[0] = 0; /* a restart applies to one solve */
  PetscCall(VecGetSize(tao->solution, &n));
  PetscCall(VecGetSize(tao->constraints_equality, &m));
  PetscCall(KSPGetType(al->ksp, &ksptype));
  PetscCall(PetscObjectTypeCompare((PetscObject)al->ksp, KSPSKETCH, &issketch));
  sizes[0] = (PetscReal)n;
  sizes[1] = (PetscReal)m;
  /* identity: problem name, solver, inner solver, sizes (each refused with a message naming the mismatch) */
  PetscCall(TesseraIOOpen(comm, file, FILE_MODE_READ, TaoALSketchProblemName_Private(tao), &viewer));
  PetscCall(TesseraIOCheckString(viewer, CK_GROUP, "solver", CK_SOLVER));
  PetscCall(TesseraIOCheckString(viewer, CK_GROUP, "inner_ksp", ksptype));
  PetscCall(TesseraIOCheckParameters(viewer, CK_GROUP, 2, sizenames, sizes, 0.0));
  PetscCall(TesseraIOReadArray(viewer, CK_GROUP, "state", CK_N, st));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "iteration", st[CK_ITERATION], 0, PETSC_MAX_INT));
  iter = (PetscInt)st[CK_ITERATION];
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "regularized iterations", st[CK_NREG], 0, iter));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "cap streak", st[CK_CAPSTREAK], 0, iter));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "fallback flag", st[CK_USEFB], 0, 1));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "fallback iteration", st[CK_FBITER], -1, iter));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "round-off streak", st[CK_ROSTREAK], 0, iter));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "scaling flag", st[CK_SCALED], 0, 1));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "inner iterations", st[CK_TOTALITS], 0, PETSC_MAX_INT));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "Tao inner iterations", st[CK_KSP_TOT_ITS], 0, PETSC_MAX_INT));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "sketch seed", st[CK_SEED], 0, 9007199254740992.0));
  PetscCall(TaoALSketchCheckCount_Private(tao, file, "sketch stream position", st[CK_DRAWS], 0, 9007199254740992.0));
  for (PetscInt k = CK_NFUNCS; k <= CK_NJAC; k++) PetscCall(TaoALSketchCheckCount_Private(tao, file, "evaluation count", st[k], 0, PETSC_MAX_INT));
  PetscCheck(st[CK_MU] > 0 && st[CK_NU] > 0 && st[CK_DELTA] > 0 && st[CK_THETAT] > 0 && st[CK_SF] > 0 && st[CK_SMIN] > 0 && (st[CK_ROKKT] == -1.0 || st[CK_ROKKT] >= 0), comm, PETSC_ERR_FILE_UNEXPECTED,
             "HDF5 file %s: the checkpoint's penalties mu %g, nu %g, accuracy delta %g, theta %g, or scales %g, %g are not positive", file, (double)st[CK_MU], (double)st[CK_NU], (double)st[CK_DELTA], (double)st[CK_THETAT], (double)st[CK_SF],
             (double)st[CK_SMIN]);
  PetscCall(TesseraIOGetArraySize(viewer, CK_HISTORY, TaoALSketchHistoryFields[0], &hlen));
  PetscCheck(hlen == iter + 1, comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the checkpoint of iteration %" PetscInt_FMT " has a history of %" PetscInt_FMT " entries, expected %" PetscInt_FMT, file, iter, hlen, iter + 1);
  /* the iterate */
  PetscCall(PetscObjectSetName((PetscObject)al->xt, "x"));
  PetscCall(TesseraIOReadVec(viewer, CK_GROUP, al->xt));
  PetscCall(PetscObjectSetName((PetscObject)al->lt, "lambda"));
  PetscCall(TesseraIOReadVec(viewer, CK_GROUP, al->lt));
  al->scaled = st[CK_SCALED] == 1.0 ? PETSC_TRUE : PETSC_FALSE;
  if (al->scaled) {
    if (!al->dc) PetscCall(VecDuplicate(tao->constraints_equality, &al->dc));
    PetscCall(PetscObjectSetName((PetscObject)al->dc, "constraint_scale"));
    PetscCall(TesseraIOReadVec(viewer, CK_GROUP, al->dc));
  }
  PetscCall(PetscMalloc1(TAO_ALSKETCH_HISTORY_NFIELDS * hlen, &h[0]));
  for (PetscInt k = 1; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) h[k] = h[0] + k * hlen;
  for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) PetscCall(TesseraIOReadArray(viewer, CK_HISTORY, TaoALSketchHistoryFields[k], hlen, h[k]));
  PetscCall(TesseraIOClose(&viewer));

  /* the state */
  PetscCall(VecCopy(al->xt, tao->solution));
  PetscCall(VecCopy(al->lt, al->lam));
  al->mu        = st[CK_MU];
  al->nu        = st[CK_NU];
  al->delta     = st[CK_DELTA];
  al->thetat    = st[CK_THETAT];
  al->sf        = st[CK_SF];
  al->smin      = st[CK_SMIN];
  al->nreg      = (PetscInt)st[CK_NREG];
  al->capstreak = (PetscInt)st[CK_CAPSTREAK];
  al->usefb     = st[CK_USEFB] == 1.0 ? PETSC_TRUE : PETSC_FALSE;
  al->fbiter    = (PetscInt)st[CK_FBITER];
  al->rostreak  = (PetscInt)st[CK_ROSTREAK];
  al->rokkt     = st[CK_ROKKT] < 0 ? PETSC_INFINITY : st[CK_ROKKT];
  al->totalits  = (PetscInt)st[CK_TOTALITS];
  if (issketch) PetscCall(KSPSketchSetStreamPosition(al->ksp, (unsigned long)st[CK_SEED], (PetscInt64)st[CK_DRAWS]));
  tao->niter       = iter;
  tao->ksp_tot_its = (PetscInt)st[CK_KSP_TOT_ITS];
  al->hlen         = 0;
  for (PetscInt i = 0; i < hlen; i++) {
    for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) rec[k] = h[k][i];
    PetscCall(TaoALSketchHistoryPush_Private(tao, rec));
  }
  /* the values at the iterate, and the problem's identity: its objective there must be the one recorded */
  PetscCall(TaoALSketchEvaluate_Private(tao, tao->solution, al->lam, &al->f, tao->gradient, tao->constraints_equality, al->gL));
  PetscCall(TaoALSketchSyncDual_Private(tao));
  PetscCall(TaoALSketchKKTNorm_Private(tao, al->gL, tao->constraints_equality));
  fnow = al->f / al->sf;
  tol  = 1e-8 * PetscMax(1.0, PetscMax(PetscAbsReal(st[CK_F]), PetscAbsReal(h[TAO_ALSKETCH_HISTORY_F][0])));
  if (!(PetscAbsReal(fnow - st[CK_F]) <= tol)) {
    PetscReal fst = st[CK_F];

    PetscCall(PetscFree(h[0]));
    SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "HDF5 file %s: the objective at the checkpointed iterate is %.17g in the file but %.17g for this problem: the checkpoint was written for another problem or other problem data", file, (double)fst,
            (double)fnow);
  }
  tao->nfuncs        = (PetscInt)st[CK_NFUNCS];
  tao->ngrads        = (PetscInt)st[CK_NGRADS];
  tao->nfuncgrads    = (PetscInt)st[CK_NFUNCGRADS];
  tao->nhess         = (PetscInt)st[CK_NHESS];
  tao->nconstraints  = (PetscInt)st[CK_NCONSTRAINTS];
  tao->njac_equality = (PetscInt)st[CK_NJAC];
  /* the Tao's convergence history and monitors as after the iteration of the checkpoint */
  for (PetscInt i = 0; i < hlen - 1; i++) PetscCall(TaoLogConvergenceHistory(tao, h[TAO_ALSKETCH_HISTORY_F][i], h[TAO_ALSKETCH_HISTORY_KKT][i], h[TAO_ALSKETCH_HISTORY_CNORM][i], (PetscInt)h[TAO_ALSKETCH_HISTORY_SKETCH_ITS][i]));
  tao->gnorm0  = h[TAO_ALSKETCH_HISTORY_KKT][0];
  tao->ksp_its = (PetscInt)h[TAO_ALSKETCH_HISTORY_SKETCH_ITS][hlen - 1];
  al->rsiter   = iter;
  PetscCall(PetscStrncpy(al->rsfrom, file, sizeof(al->rsfrom)));
  PetscCall(PetscInfo(tao, "Resumed from checkpoint %s at iteration %" PetscInt_FMT "\n", file, iter));
  PetscCall(TaoALSketchMonitor_Private(tao, h[TAO_ALSKETCH_HISTORY_ALPHA][hlen - 1]));
  PetscCall(PetscFree(h[0]));
  PetscFunctionReturn(0);
}

PetscErrorCode TaoALSketchSetCheckpoint_ALSketch(Tao tao, const char file[], PetscInt interval)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCheck(interval >= 1, PetscObjectComm((PetscObject)tao), PETSC_ERR_ARG_OUTOFRANGE, "Checkpoint interval %" PetscInt_FMT " must be positive", interval);
  PetscCall(PetscStrncpy(al->ckfile, file ? file : "", sizeof(al->ckfile)));
  al->ckinterval = interval;
  PetscFunctionReturn(0);
}

PetscErrorCode TaoALSketchSetRestart_ALSketch(Tao tao, const char file[])
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  PetscCall(PetscStrncpy(al->rsfile, file ? file : "", sizeof(al->rsfile)));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchSetCheckpoint - Makes `TAOALSKETCH` write an HDF5 checkpoint every interval iterations, from which
  `TaoALSketchSetRestart()` resumes the solve on the same iterates

  Logically Collective

  Input Parameters:
+ tao      - the solver
. file     - the checkpoint file (NULL or "" for none); each write replaces it atomically
- interval - iterations between checkpoints (at least 1)

  Options Database Keys:
+ -tao_alsketch_checkpoint <file>         - the file
- -tao_alsketch_checkpoint_interval <10>  - the interval

  Level: intermediate

  Notes:
  The checkpoint holds everything that defines the next iterate: x, the multipliers, the penalties mu and nu, the
  accuracy delta and theta, the scaling of the problem, the fallback and round-off counters, the iteration count,
  the position of the random stream of a `KSPSKETCH` inner solver, the evaluation counters and the history so far;
  and the problem's identity: its sizes, the Tao's name (`PetscObjectSetName()`; "" if none) and the objective at
  the stored iterate. It is written through the io layer (`TesseraIOOpen()`): to a temporary file renamed over the
  previous checkpoint, with a checksum on every dataset, so a process killed during a write leaves the previous
  checkpoint intact. A checkpoint is written after the iterations whose number is a multiple of interval while the
  solve continues.

  Any Tao problem can be checkpointed: the callbacks are not stored, the restarting program sets them up again.

.seealso: `TAOALSKETCH`, `TaoALSketchSetRestart()`, `TesseraIOOpen()`
@*/
PetscErrorCode TaoALSketchSetCheckpoint(Tao tao, const char file[], PetscInt interval)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscValidLogicalCollectiveInt(tao, interval, 3);
  PetscTryMethod(tao, "TaoALSketchSetCheckpoint_C", (Tao, const char[], PetscInt), (tao, file, interval));
  PetscFunctionReturn(0);
}

/*@C
  TaoALSketchSetRestart - Makes the next `TaoSolve()` of `TAOALSKETCH` resume from a checkpoint written by
  `TaoALSketchSetCheckpoint()`

  Logically Collective

  Input Parameters:
+ tao  - the solver, set up with the same problem (callbacks, sizes and start data) as the run that wrote the file
- file - the checkpoint (NULL or "" for none)

  Options Database Key:
. -tao_alsketch_restart <file> - the checkpoint

  Level: intermediate

  Notes:
  With the same options, the resumed solve takes the iterates of the uninterrupted one: bit for bit on the same
  number of MPI ranks, to round-off on another. The history (`TaoALSketchGetHistory()`) and the Tao's convergence
  history contain the iterations before the checkpoint. The restart applies to the next solve only.

  A file written for another problem is refused with an error naming the mismatch: another problem name, other
  sizes ("written with parameter variables = 2, this run has 3"), another solver or inner solver type, or another
  objective value at the stored iterate (other problem data); so are damaged files (checksums, implausible state).
  `TaoView()` reports the checkpoint a solve resumed from.

.seealso: `TAOALSKETCH`, `TaoALSketchSetCheckpoint()`
@*/
PetscErrorCode TaoALSketchSetRestart(Tao tao, const char file[])
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(tao, TAO_CLASSID, 1);
  PetscTryMethod(tao, "TaoALSketchSetRestart_C", (Tao, const char[]), (tao, file));
  PetscFunctionReturn(0);
}
