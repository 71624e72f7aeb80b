static char help[] = "Indirect-signalling chemotaxis and its parabolic-elliptic (PES) and indirect-direct (IDS) limits on a DMDA.\n\n\
Options (model and grid, read by the Chemotaxis object):\n\
  -chemotaxis_dim <2>               space dimension 1, 2, 3 (grid: -da_grid_x, -da_grid_y, -da_grid_z, -da_refine)\n\
  -chemotaxis_L <1,1,1>             side lengths of the box\n\
  -chemotaxis_eps <1e-2>            relaxation time eps >= 0 of the signals\n\
  -chemotaxis_tau <1>               diffusion tau >= 0 of the second signal w\n\
  -chemotaxis_limit <none>          none | pes (eps = 0) | ids (eps = tau = 0, Keller-Segel)\n\
  -chemotaxis_flux <sg>             sg (Scharfetter-Gummel) | upwind\n\
  -chemotaxis_blowup_max <0>        stop when max n reaches this (0: -chemotaxis_blowup_factor times the initial max n)\n\
  -chemotaxis_blowup_factor <10>    relative blow-up threshold (capped at a quarter of the mass in one cell)\n\
  -chemotaxis_positivity <true>     reject steps with n < 0 and retry them with a smaller step\n\
Options (this example):\n\
  -problem <cosine>         initial density: cosine | gaussian | step | list; parameters under the problem's name:\n\
                            -cosine_nbar -cosine_amp -cosine_mode, -gaussian_mass -gaussian_width -gaussian_center\n\
                            -gaussian_floor, -step_high -step_low -step_fraction\n\
  -init <well>              signals of the initial state (see ChemotaxisInitialType): well (on the critical manifold),\n\
                            ill (c = w = 0), opposite (reflected through the manifold), ks (on the Keller-Segel manifold)\n\
  -output <file.h5>         HDF5 time series of n, c, w (group /fields) and history; an XDMF file <file>.xmf for ParaView\n\
  -output_interval <10>     write the fields every N steps (and the final state)\n\
  -checkpoint <file.h5>     checkpoint file, rewritten atomically\n\
  -checkpoint_interval <N>  write the checkpoint every N steps (0: never)\n\
  -restart <file.h5>        resume from a checkpoint of the same grid, domain and model (refused otherwise); the -output\n\
                            of a resumed run holds the whole /history, its /fields start at the restart step\n\
  -compare <file.h5>        compare the final state with the /solution of another run's -output file\n\
  -compare_tol <1e-6>       relative tolerance of -compare\n\
  -test                     print only tolerance-robust lines\n\
Time integration with the TS options: -ts_max_time (default 1), -ts_type, -ts_rtol, -ts_atol, -ts_adapt_monitor, ...\n\n";

/*
   Solves n_t = Lap n - div(n grad c), eps c_t = Lap c - c + w, eps w_t = tau Lap w - w + n with no-flux boundaries
   on a box (tessera Chemotaxis class: cell-centred finite volumes, Scharfetter-Gummel flux, implicit TS with an
   analytic Jacobian; eps = 0 is an index-1 DAE). Prints mass, positivity and the distance to the critical manifold;
   writes an HDF5 time series plus XDMF; checkpoints and restarts; stops with a clear reason on (numerical) blow-up,
   e.g. -chemotaxis_limit ids -problem gaussian -gaussian_mass 27.6 (> 8 pi) in 2-D.

   Reference: L. T. T. Bui, T. K. L. Huynh, B. Q. Tang, B.-N. Tran, Calc. Var. PDE (2025), arXiv:2508.01436.
*/
#include <tessera.h>

#define CT_MAX_OUTPUTS 100000

typedef struct {
  ChemotaxisInitialType init;
  char                  output[PETSC_MAX_PATH_LEN], checkpoint[PETSC_MAX_PATH_LEN], restart[PETSC_MAX_PATH_LEN], compare[PETSC_MAX_PATH_LEN];
  PetscInt              interval, cinterval, restart_step, ncheckpoints;
  PetscReal             compare_tol;
  PetscBool             test;
  /* output state */
  Chemotaxis  ct;
  DM          da, da1; /* da: the solver's (do not destroy) */
  Vec         f[3];
  PetscViewer viewer;
  PetscInt    nout, nhist, last_out;
  PetscReal  *tout, *hist[5]; /* time, mass, max n, min n, manifold distance of c */
  PetscInt    histcap;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->init          = CHEMOTAXIS_INITIAL_WELL;
  ctx->interval      = 10;
  ctx->cinterval     = 0;
  ctx->restart_step  = -1;
  ctx->ncheckpoints  = 0;
  ctx->compare_tol   = 1e-6;
  ctx->test          = PETSC_FALSE;
  ctx->output[0]     = 0;
  ctx->checkpoint[0] = 0;
  ctx->restart[0]    = 0;
  ctx->compare[0]    = 0;
  PetscOptionsBegin(comm, "", "Chemotaxis example options", "");
  PetscCall(PetscOptionsEnum("-init", "Initial signals: well- or ill-prepared", "chemotaxis.c", ChemotaxisInitialTypes, (PetscEnum)ctx->init, (PetscEnum *)&ctx->init, NULL));
  PetscCall(PetscOptionsString("-output", "HDF5 time series file", "chemotaxis.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(TesseraOptionsIntInRange("-output_interval", "Steps between field outputs", "chemotaxis.c", ctx->interval, &ctx->interval, NULL, 1, PETSC_MAX_INT));
  PetscCall(PetscOptionsString("-checkpoint", "Checkpoint file", "chemotaxis.c", ctx->checkpoint, ctx->checkpoint, sizeof(ctx->checkpoint), NULL));
  PetscCall(TesseraOptionsIntInRange("-checkpoint_interval", "Steps between checkpoints (0: none)", "chemotaxis.c", ctx->cinterval, &ctx->cinterval, NULL, 0, PETSC_MAX_INT));
  PetscCall(PetscOptionsString("-restart", "Checkpoint file to resume from", "chemotaxis.c", ctx->restart, ctx->restart, sizeof(ctx->restart), NULL));
  PetscCall(PetscOptionsString("-compare", "Output file of a reference run", "chemotaxis.c", ctx->compare, ctx->compare, sizeof(ctx->compare), NULL));
  PetscCall(TesseraOptionsRealInRange("-compare_tol", "Relative tolerance of -compare", "chemotaxis.c", ctx->compare_tol, &ctx->compare_tol, NULL, 0, 1));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "chemotaxis.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  PetscCheck(!ctx->cinterval || ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint_interval needs -checkpoint FILE");
  PetscCheck(ctx->cinterval || !ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint FILE needs -checkpoint_interval N > 0");
  PetscFunctionReturn(0);
}

static const char *const HistNames[5] = {"time", "mass", "nmax", "nmin", "manifold_distance_c"};

/* Writes a checkpoint atomically: the self-describing state (grid, domain, model, time, step, time step) and the history
   so far, so that a resumed run's -output holds the whole history */
static PetscErrorCode WriteCheckpoint(AppCtx *ctx, Vec U)
{
  PetscViewer v;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, ctx->checkpoint, FILE_MODE_WRITE, "chemotaxis", &v));
  PetscCall(ChemotaxisWriteState(ctx->ct, v, "/checkpoint", U));
  for (PetscInt k = 0; k < 5 && ctx->nhist; k++) PetscCall(TesseraIOWriteArray(v, "/checkpoint/history", HistNames[k], ctx->nhist, ctx->hist[k]));
  PetscCall(TesseraIOClose(&v));
  PetscFunctionReturn(0);
}

/* makes room for one more history row */
static PetscErrorCode GrowHistory(AppCtx *ctx, PetscInt need)
{
  PetscFunctionBegin;
  if (need <= ctx->histcap) PetscFunctionReturn(0);
  {
    PetscInt cap = PetscMax(2 * ctx->histcap + 64, need);

    for (PetscInt k = 0; k < 5; k++) {
      PetscReal *h;

      PetscCall(PetscMalloc1(cap, &h));
      if (ctx->nhist) PetscCall(PetscArraycpy(h, ctx->hist[k], ctx->nhist));
      PetscCall(PetscFree(ctx->hist[k]));
      ctx->hist[k] = h;
    }
    ctx->histcap = cap;
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode WriteFields(AppCtx *ctx, PetscReal t, Vec U)
{
  PetscFunctionBegin;
  PetscCheck(ctx->nout < CT_MAX_OUTPUTS, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "More than %d outputs: raise -output_interval", CT_MAX_OUTPUTS);
  PetscCall(TesseraIOSetTimestep(ctx->viewer, ctx->nout));
  for (PetscInt k = 0; k < 3; k++) {
    PetscCall(VecStrideGather(U, k, ctx->f[k], INSERT_VALUES));
    PetscCall(TesseraIOWriteVec(ctx->viewer, "/fields", ctx->f[k]));
  }
  PetscCall(TesseraIOSetTimestep(ctx->viewer, -1));
  ctx->tout[ctx->nout++] = t;
  PetscFunctionReturn(0);
}

static PetscErrorCode Monitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  AppCtx   *ctx = (AppCtx *)ptr;
  PetscReal mass, nmax, nmin, dc;

  PetscFunctionBegin;
  PetscCall(ChemotaxisGetMass(ctx->ct, U, &mass));
  PetscCall(VecStrideMax(U, 0, NULL, &nmax));
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  PetscCall(ChemotaxisGetManifoldDistance(ctx->ct, U, &dc, NULL));
  PetscCall(GrowHistory(ctx, ctx->nhist + 1));
  ctx->hist[0][ctx->nhist] = t;
  ctx->hist[1][ctx->nhist] = mass;
  ctx->hist[2][ctx->nhist] = nmax;
  ctx->hist[3][ctx->nhist] = nmin;
  ctx->hist[4][ctx->nhist] = dc;
  ctx->nhist++;
  if (ctx->viewer && (step % ctx->interval == 0 || step == ctx->restart_step)) {
    PetscCall(WriteFields(ctx, t, U));
    ctx->last_out = step;
  }
  if (ctx->cinterval && step != ctx->restart_step && step % ctx->cinterval == 0) {
    PetscCall(WriteCheckpoint(ctx, U));
    ctx->ncheckpoints++;
    if (!ctx->test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "checkpoint at step %" PetscInt_FMT ", t = %g -> %s\n", step, (double)t, ctx->checkpoint));
  }
  PetscFunctionReturn(0);
}

/* Resumes from a checkpoint: refused unless it was written for the same grid, domain and model, at a time before the
   final time, with a plausible step number and time step (TesseraIOReadTimeState()) and a history of one row per step
   up to it; the history it carries is taken over */
static PetscErrorCode Restart(TS ts, Vec U, AppCtx *ctx)
{
  PetscViewer viewer;
  PetscReal   t, tmax;
  PetscInt    step, nh;
  PetscBool   has;

  PetscFunctionBegin;
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, ctx->restart, FILE_MODE_READ, "chemotaxis", &viewer));
  PetscCall(ChemotaxisReadState(ctx->ct, viewer, "/checkpoint", U, NULL, NULL, NULL));
  /* time, time step and step number plausible for this run's TS (and set on it) */
  PetscCall(TesseraIOReadTimeState(viewer, "/checkpoint", ts, &step, &t));
  PetscCall(TSGetMaxTime(ts, &tmax));
  PetscCheck(t < tmax, PETSC_COMM_WORLD, PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s is at t = %g, not before the final time %g of this run", ctx->restart, (double)t, (double)tmax);
  /* the monitor records every step from step 0 on, so the history must hold step + 1 rows ending at t: this
     also refuses a step number that is plausible for the TS but not for the file */
  PetscCall(TesseraIOHasDataset(viewer, "/checkpoint/history", "time", &has));
  PetscCheck(has, PETSC_COMM_WORLD, PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s has no /checkpoint/history/time", ctx->restart);
  PetscCall(TesseraIOGetArraySize(viewer, "/checkpoint/history", "time", &nh));
  PetscCheck(nh == step + 1, PETSC_COMM_WORLD, PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s holds %" PetscInt_FMT " history rows for step %" PetscInt_FMT " (expected one per step from step 0): inconsistent step number or history", ctx->restart, nh,
             step);
  PetscCall(GrowHistory(ctx, nh));
  for (PetscInt k = 0; k < 5; k++) PetscCall(TesseraIOReadArray(viewer, "/checkpoint/history", HistNames[k], nh, ctx->hist[k]));
  for (PetscInt k = 1; k < nh; k++) PetscCheck(ctx->hist[0][k] > ctx->hist[0][k - 1], PETSC_COMM_WORLD, PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s: history times are not increasing at row %" PetscInt_FMT, ctx->restart, k);
  PetscCheck(ctx->hist[0][nh - 1] == t, PETSC_COMM_WORLD, PETSC_ERR_FILE_UNEXPECTED, "Checkpoint %s: the last history time %g differs from the checkpoint time %g", ctx->restart, (double)ctx->hist[0][nh - 1], (double)t);
  ctx->nhist = nh - 1; /* the monitor records the restart step again */
  PetscCall(TesseraIOClose(&viewer));
  ctx->restart_step = step;
  if (!ctx->test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "restarted from %s at step %" PetscInt_FMT ", t = %g\n", ctx->restart, step, (double)t));
  PetscFunctionReturn(0);
}

/* Compares the final state with the /solution of another run's -output (same grid, domain and model required) */
static PetscErrorCode Compare(AppCtx *ctx, Vec U)
{
  PetscViewer viewer;
  Vec         V;
  PetscReal   nrm, err;

  PetscFunctionBegin;
  PetscCall(VecDuplicate(U, &V));
  PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, ctx->compare, FILE_MODE_READ, "chemotaxis", &viewer));
  PetscCall(ChemotaxisReadState(ctx->ct, viewer, "/solution", V, NULL, NULL, NULL));
  PetscCall(TesseraIOClose(&viewer));
  PetscCall(VecNorm(V, NORM_INFINITY, &nrm));
  PetscCall(VecAXPY(V, -1.0, U));
  PetscCall(VecNorm(V, NORM_INFINITY, &err));
  PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(err <= ctx->compare_tol * nrm), "final state matches %s to %g relative", ctx->compare, (double)ctx->compare_tol));
  if (!ctx->test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  max difference %g (max entry %g)\n", (double)err, (double)nrm));
  PetscCall(VecDestroy(&V));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx            ctx;
  ChemotaxisProblem problem;
  char              pname[64];
  TS                ts;
  DM                da;
  Vec               U;
  PetscReal         mass0, mass, nmin, nmin_steps, nmax, dc, dw, t, eps, tau, L[3];
  PetscInt          steps, dim, M[3], rejects, posrejects;
  PetscBool         blowup, listed;
  const char       *reason;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscMemzero(&ctx, sizeof(ctx)));
  PetscCall(ProcessOptions(PETSC_COMM_WORLD, &ctx));
  PetscCall(TesseraProblemSelect(PETSC_COMM_WORLD, NULL, "chemotaxis", "cosine", pname, sizeof(pname), &listed));
  if (listed) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, pname, &problem));

  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ctx.ct));
  PetscCall(ChemotaxisSetFromOptions(ctx.ct));
  PetscCall(ChemotaxisSetUp(ctx.ct));
  PetscCall(ChemotaxisGetTS(ctx.ct, &ts));
  PetscCall(ChemotaxisGetDM(ctx.ct, &da));
  ctx.da = da;
  PetscCall(ChemotaxisGetParameters(ctx.ct, &eps, &tau));
  PetscCall(ChemotaxisGetDomain(ctx.ct, L));
  PetscCall(DMDAGetInfo(da, &dim, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(ChemotaxisCreateGlobalVector(ctx.ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ctx.ct, ctx.init, U));
  if (ctx.restart[0]) PetscCall(Restart(ts, U, &ctx));
  PetscCall(TSMonitorSet(ts, Monitor, &ctx, NULL));
  if (ctx.output[0]) {
    const char *names[3] = {"n", "c", "w"};

    PetscCall(DMDACreateCompatibleDMDA(da, 1, &ctx.da1));
    for (PetscInt k = 0; k < 3; k++) {
      PetscCall(DMCreateGlobalVector(ctx.da1, &ctx.f[k]));
      PetscCall(PetscObjectSetName((PetscObject)ctx.f[k], names[k]));
    }
    PetscCall(PetscMalloc1(CT_MAX_OUTPUTS, &ctx.tout));
    PetscCall(TesseraIOOpen(PETSC_COMM_WORLD, ctx.output, FILE_MODE_WRITE, "chemotaxis", &ctx.viewer));
  }
  PetscCall(ChemotaxisGetMass(ctx.ct, U, &mass0));

  PetscCall(ChemotaxisSolve(ctx.ct, U));

  PetscCall(ChemotaxisGetBlowup(ctx.ct, &blowup, &reason));
  PetscCall(TSGetTime(ts, &t));
  PetscCall(TSGetStepNumber(ts, &steps));
  PetscCall(TSGetStepRejections(ts, &rejects));
  PetscCall(ChemotaxisGetMass(ctx.ct, U, &mass));
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  PetscCall(VecStrideMax(U, 0, NULL, &nmax));
  PetscCall(ChemotaxisGetManifoldDistance(ctx.ct, U, &dc, &dw));
  PetscCall(ChemotaxisGetMinimumDensity(ctx.ct, &nmin_steps));                                /* over the initial state and every accepted step */
  for (PetscInt k = 0; k < ctx.nhist; k++) nmin_steps = PetscMin(nmin_steps, ctx.hist[3][k]); /* and the restarted part */
  PetscCall(ChemotaxisGetPositivityRejections(ctx.ct, &posrejects));
  if (ctx.test) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "system: %s\n", eps > 0 ? "full" : tau > 0 ? "pes" : "ids"));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "stop reason: %s\n", blowup ? "blow-up" : "final time"));
    PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(PetscAbsReal(mass - mass0) <= 1e-10 * mass0), "mass conserved to 1e-10 relative"));
    PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(nmin_steps >= 0), "min n >= 0 at every step"));
  } else {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "chemotaxis %" PetscInt_FMT "-D %" PetscInt_FMT "x%" PetscInt_FMT "x%" PetscInt_FMT ", eps = %g, tau = %g: %s\n", dim, M[0], M[1], M[2], (double)eps, (double)tau, reason));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  %" PetscInt_FMT " steps (%" PetscInt_FMT " rejected, %" PetscInt_FMT " of them for n < 0), mass %.15g (relative drift %.2e)\n", steps, rejects, posrejects, (double)mass,
                          (double)(PetscAbsReal(mass - mass0) / mass0)));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  final n in [%g, %g]; min n over the initial state and all accepted steps %g\n", (double)nmin, (double)nmax, (double)nmin_steps));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "  distance to the critical manifold: |c - K n| = %.3e, |w - (I - tau Lap)^-1 n| = %.3e\n", (double)dc, (double)dw));
  }
  if (blowup) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "STOPPED: %s\n", ctx.test ? "suspected blow-up (max n above the threshold)" : reason));
  if (ctx.viewer) {
    const char *names[3] = {"n", "c", "w"};

    if (ctx.last_out != steps || ctx.nout == 0) PetscCall(WriteFields(&ctx, t, U));
    PetscCall(TesseraIOWriteArray(ctx.viewer, "/fields", "time", ctx.nout, ctx.tout));
    {
      PetscInt first = ctx.restart_step < 0 ? 0 : ctx.restart_step;

      /* a resumed run writes the fields from the restart step on (its /history is complete) */
      PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/fields", "first_step", PETSC_INT, &first));
    }
    for (PetscInt k = 0; k < 5; k++) PetscCall(TesseraIOWriteArray(ctx.viewer, "/history", HistNames[k], ctx.nhist, ctx.hist[k]));
    PetscCall(ChemotaxisWriteState(ctx.ct, ctx.viewer, "/solution", U));
    PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/", "eps", PETSC_REAL, &eps));
    PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/", "tau", PETSC_REAL, &tau));
    PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/", "blowup", PETSC_BOOL, &blowup));
    PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/", "stop_reason", PETSC_STRING, reason));
    PetscCall(TesseraIOWriteAttribute(ctx.viewer, "/", "steps", PETSC_INT, &steps));
    PetscCall(TesseraIOWriteXDMF(ctx.viewer, "/fields", dim, M, L, 3, names, ctx.nout, ctx.tout));
    PetscCall(TesseraIOClose(&ctx.viewer));
    if (!ctx.test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "wrote %s (%" PetscInt_FMT " outputs) and its XDMF file (.xmf) for ParaView\n", ctx.output, ctx.nout));
  }
  if (ctx.compare[0]) PetscCall(Compare(&ctx, U));
  for (PetscInt k = 0; k < 3; k++) PetscCall(VecDestroy(&ctx.f[k]));
  for (PetscInt k = 0; k < 5; k++) PetscCall(PetscFree(ctx.hist[k]));
  PetscCall(PetscFree(ctx.tout));
  PetscCall(DMDestroy(&ctx.da1));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ctx.ct));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(TesseraVerdictCheckAll(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
