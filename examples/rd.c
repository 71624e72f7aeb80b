static char help[] = "Gray-Scott reaction-diffusion on a periodic 2-D DMDA with PETSc TS, HDF5 checkpoints and restart.\n\n\
Options:\n\
  -rd_D1 <2e-5>             diffusion coefficient of u, in (0, 1]\n\
  -rd_D2 <1e-5>             diffusion coefficient of v, in (0, 1]\n\
  -rd_gamma <0.024>         feed rate, in [0, 100]\n\
  -rd_kappa <0.06>          kill rate, in [0, 100]\n\
  -rd_L <2.5>               side length of the periodic square, in (0, 1e6]\n\
  -checkpoint <file.h5>     checkpoint file, rewritten atomically\n\
  -checkpoint_interval <N>  write the checkpoint every N time steps (0: never)\n\
  -restart <file.h5>        resume from a checkpoint\n\
  -output <file.h5>         write the final state (and u, v in /fields, described for ParaView by <file>.xmf)\n\
  -test                     print only tolerance-robust lines\n\
Grid with -da_grid_x/-da_grid_y, time with -ts_max_time, -ts_dt, -ts_type, ...\n\n";

/*
   Gray-Scott model (P. Gray and S. K. Scott, Chem. Eng. Sci. 38 (1983) 29; J. E. Pearson, Science 261
   (1993) 189) on the periodic square [0, L]^2:

     u_t = D1 Lap(u) - u v^2 + gamma (1 - u)
     v_t = D2 Lap(v) + u v^2 - (gamma + kappa) v

   discretised with the 5-point Laplacian and integrated fully implicitly, F(t, U, U_t) = 0, with an
   analytic Jacobian. The default integrator is a linearly implicit Rosenbrock-W method with adaptive
   steps: it keeps no state between steps, so a run restarted from a checkpoint (state, time, step number and
   next step size) reproduces the uninterrupted run.
*/
#include <tessera.h>

typedef struct {
  PetscScalar u, v;
} Field;

typedef struct {
  PetscReal D1, D2, gamma, kappa, L;
  char      checkpoint[PETSC_MAX_PATH_LEN], restart[PETSC_MAX_PATH_LEN], output[PETSC_MAX_PATH_LEN];
  PetscInt  interval, restart_step, ncheckpoints, progress; /* progress: tenths of the final time reported so far */
  PetscBool test;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->D1            = 2.0e-5;
  ctx->D2            = 1.0e-5;
  ctx->gamma         = 0.024;
  ctx->kappa         = 0.06;
  ctx->L             = 2.5;
  ctx->interval      = 0;
  ctx->restart_step  = -1;
  ctx->ncheckpoints  = 0;
  ctx->progress      = 0;
  ctx->test          = PETSC_FALSE;
  ctx->checkpoint[0] = 0;
  ctx->restart[0]    = 0;
  ctx->output[0]     = 0;
  PetscOptionsBegin(comm, "", "Gray-Scott reaction-diffusion options", "");
  PetscCall(TesseraOptionsRealPositive("-rd_D1", "Diffusion coefficient of u", "rd.c", ctx->D1, &ctx->D1, NULL, 1.0));
  PetscCall(TesseraOptionsRealPositive("-rd_D2", "Diffusion coefficient of v", "rd.c", ctx->D2, &ctx->D2, NULL, 1.0));
  PetscCall(TesseraOptionsRealInRange("-rd_gamma", "Feed rate", "rd.c", ctx->gamma, &ctx->gamma, NULL, 0.0, 100.0));
  PetscCall(TesseraOptionsRealInRange("-rd_kappa", "Kill rate", "rd.c", ctx->kappa, &ctx->kappa, NULL, 0.0, 100.0));
  PetscCall(TesseraOptionsRealPositive("-rd_L", "Side length of the domain", "rd.c", ctx->L, &ctx->L, NULL, 1.0e6));
  PetscCall(PetscOptionsString("-checkpoint", "Checkpoint file", "rd.c", ctx->checkpoint, ctx->checkpoint, sizeof(ctx->checkpoint), NULL));
  PetscCall(TesseraOptionsIntInRange("-checkpoint_interval", "Steps between checkpoints (0: none)", "rd.c", ctx->interval, &ctx->interval, NULL, 0, PETSC_MAX_INT));
  PetscCall(PetscOptionsString("-restart", "Checkpoint file to resume from", "rd.c", ctx->restart, ctx->restart, sizeof(ctx->restart), NULL));
  PetscCall(PetscOptionsString("-output", "Output file for the final state", "rd.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "rd.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  PetscCheck(!ctx->interval || ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint_interval needs -checkpoint FILE");
  PetscCheck(ctx->interval || !ctx->checkpoint[0], comm, PETSC_ERR_ARG_WRONG, "-checkpoint %s needs -checkpoint_interval N > 0 (no checkpoint would be written)", ctx->checkpoint);
  PetscFunctionReturn(0);
}

/* The DMDA of the TS and the 1/h^2 factors of the 5-point Laplacian */
static PetscErrorCode GetGrid(TS ts, AppCtx *ctx, DM *da, PetscReal *sx, PetscReal *sy)
{
  PetscInt  Mx, My;
  PetscReal hx, hy;

  PetscFunctionBegin;
  PetscCall(TSGetDM(ts, da));
  PetscCall(DMDAGetInfo(*da, NULL, &Mx, &My, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  hx  = ctx->L / Mx;
  hy  = ctx->L / My;
  *sx = 1.0 / (hx * hx);
  *sy = 1.0 / (hy * hy);
  PetscFunctionReturn(0);
}

static PetscErrorCode FormIFunction(TS ts, PetscReal t, Vec U, Vec Udot, Vec F, void *ptr)
{
  AppCtx   *ctx = (AppCtx *)ptr;
  DM        da;
  Vec       Ul;
  Field   **u, **udot, **f;
  PetscInt  xs, ys, xm, ym;
  PetscReal sx, sy;

  PetscFunctionBegin;
  PetscCall(GetGrid(ts, ctx, &da, &sx, &sy));
  PetscCall(DMGetLocalVector(da, &Ul));
  PetscCall(DMGlobalToLocalBegin(da, U, INSERT_VALUES, Ul));
  PetscCall(DMGlobalToLocalEnd(da, U, INSERT_VALUES, Ul));
  PetscCall(DMDAVecGetArrayRead(da, Ul, &u));
  PetscCall(DMDAVecGetArrayRead(da, Udot, &udot));
  PetscCall(DMDAVecGetArray(da, F, &f));
  PetscCall(DMDAGetCorners(da, &xs, &ys, NULL, &xm, &ym, NULL));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscScalar uc = u[j][i].u, vc = u[j][i].v, uvv = uc * vc * vc;
      PetscScalar lu = sx * (u[j][i - 1].u - 2 * uc + u[j][i + 1].u) + sy * (u[j - 1][i].u - 2 * uc + u[j + 1][i].u);
      PetscScalar lv = sx * (u[j][i - 1].v - 2 * vc + u[j][i + 1].v) + sy * (u[j - 1][i].v - 2 * vc + u[j + 1][i].v);

      f[j][i].u = udot[j][i].u - (ctx->D1 * lu - uvv + ctx->gamma * (1.0 - uc));
      f[j][i].v = udot[j][i].v - (ctx->D2 * lv + uvv - (ctx->gamma + ctx->kappa) * vc);
    }
  }
  PetscCall(DMDAVecRestoreArray(da, F, &f));
  PetscCall(DMDAVecRestoreArrayRead(da, Udot, &udot));
  PetscCall(DMDAVecRestoreArrayRead(da, Ul, &u));
  PetscCall(DMRestoreLocalVector(da, &Ul));
  PetscCall(PetscLogFlops(30.0 * xm * ym));
  PetscFunctionReturn(0);
}

static PetscErrorCode FormIJacobian(TS ts, PetscReal t, Vec U, Vec Udot, PetscReal a, Mat A, Mat P, void *ptr)
{
  AppCtx     *ctx = (AppCtx *)ptr;
  DM          da;
  Field     **u;
  PetscInt    xs, ys, xm, ym;
  PetscReal   sx, sy;
  MatStencil  row, col[6];
  PetscScalar val[6];

  PetscFunctionBegin;
  PetscCall(GetGrid(ts, ctx, &da, &sx, &sy));
  PetscCall(DMDAVecGetArrayRead(da, U, &u));
  PetscCall(DMDAGetCorners(da, &xs, &ys, NULL, &xm, &ym, NULL));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscScalar uc = u[j][i].u, vc = u[j][i].v;

      for (PetscInt c = 0; c < 2; c++) {
        PetscReal D = c == 0 ? ctx->D1 : ctx->D2;

        row.i = i;
        row.j = j;
        row.c = c;
        for (PetscInt k = 0; k < 4; k++) {
          col[k].i = i + (k == 0 ? -1 : k == 1 ? 1 : 0);
          col[k].j = j + (k == 2 ? -1 : k == 3 ? 1 : 0);
          col[k].c = c;
          val[k]   = -D * (k < 2 ? sx : sy);
        }
        col[4].i = i;
        col[4].j = j;
        col[4].c = 0;
        col[5].i = i;
        col[5].j = j;
        col[5].c = 1;
        if (c == 0) {
          val[4] = a + 2 * D * (sx + sy) + vc * vc + ctx->gamma;
          val[5] = 2 * uc * vc;
        } else {
          val[4] = -vc * vc;
          val[5] = a + 2 * D * (sx + sy) - 2 * uc * vc + ctx->gamma + ctx->kappa;
        }
        PetscCall(MatSetValuesStencil(P, 1, &row, 6, col, val, INSERT_VALUES));
      }
    }
  }
  PetscCall(DMDAVecRestoreArrayRead(da, U, &u));
  PetscCall(MatAssemblyBegin(P, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(P, MAT_FINAL_ASSEMBLY));
  if (A != P) {
    PetscCall(MatAssemblyBegin(A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(A, MAT_FINAL_ASSEMBLY));
  }
  PetscFunctionReturn(0);
}

/* Pearson's initial state: u = 1, v = 0, perturbed in a central square */
static PetscErrorCode FormInitialSolution(DM da, Vec U, AppCtx *ctx)
{
  Field  **u;
  PetscInt xs, ys, xm, ym, Mx, My;

  PetscFunctionBegin;
  PetscCall(DMDAGetInfo(da, NULL, &Mx, &My, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAVecGetArrayWrite(da, U, &u));
  PetscCall(DMDAGetCorners(da, &xs, &ys, NULL, &xm, &ym, NULL));
  for (PetscInt j = ys; j < ys + ym; j++) {
    for (PetscInt i = xs; i < xs + xm; i++) {
      PetscReal x = ctx->L * (i + 0.5) / Mx, y = ctx->L * (j + 0.5) / My;
      PetscReal s = PetscSinReal(4.0 * PETSC_PI * x / ctx->L) * PetscSinReal(4.0 * PETSC_PI * y / ctx->L);

      if (PetscAbsReal(x - 0.5 * ctx->L) < 0.25 && PetscAbsReal(y - 0.5 * ctx->L) < 0.25) {
        u[j][i].u = 0.5 + 0.05 * s;
        u[j][i].v = 0.25 - 0.05 * s;
      } else {
        u[j][i].u = 1.0;
        u[j][i].v = 0.0;
      }
    }
  }
  PetscCall(DMDAVecRestoreArrayWrite(da, U, &u));
  PetscFunctionReturn(0);
}

/* The parameters that define a stored state: the grid and the model; a restart must match them */
#define RD_NPARAMS 7
static PetscErrorCode GetParameters(TS ts, AppCtx *ctx, const char *names[], PetscReal values[])
{
  DM       da;
  PetscInt Mx, My;

  PetscFunctionBegin;
  PetscCall(TSGetDM(ts, &da));
  PetscCall(DMDAGetInfo(da, NULL, &Mx, &My, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  names[0]  = "grid_x";
  values[0] = Mx;
  names[1]  = "grid_y";
  values[1] = My;
  names[2]  = "D1";
  values[2] = ctx->D1;
  names[3]  = "D2";
  values[3] = ctx->D2;
  names[4]  = "gamma";
  values[4] = ctx->gamma;
  names[5]  = "kappa";
  values[5] = ctx->kappa;
  names[6]  = "L";
  values[6] = ctx->L;
  PetscFunctionReturn(0);
}

/* Writes the state, the parameters that define it and what a restart needs (time, step number, next step size)
   atomically; with fields, also u and v as one-step time series of one-dof grids in /fields and their XDMF description
   <file>.xmf, so that ParaView opens the result */
static PetscErrorCode WriteState(TS ts, Vec U, AppCtx *ctx, const char file[], const char group[], PetscBool fields)
{
  PetscViewer viewer;
  const char *names[RD_NPARAMS];
  PetscReal   values[RD_NPARAMS];

  PetscFunctionBegin;
  PetscCall(GetParameters(ts, ctx, names, values));
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)ts), file, FILE_MODE_WRITE, "gray-scott", &viewer));
  PetscCall(TesseraIOWriteVec(viewer, group, U));
  PetscCall(TesseraIOWriteParameters(viewer, group, RD_NPARAMS, names, values));
  PetscCall(TesseraIOWriteTimeState(viewer, group, ts));
  if (fields) {
    DM          da, da1;
    Vec         f;
    const char *fnames[2] = {"u", "v"};
    PetscInt    M[2];
    PetscReal   L[2], t;

    PetscCall(TSGetDM(ts, &da));
    PetscCall(TSGetTime(ts, &t));
    PetscCall(DMDAGetInfo(da, NULL, &M[0], &M[1], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
    L[0] = L[1] = ctx->L;
    PetscCall(DMDACreateCompatibleDMDA(da, 1, &da1));
    PetscCall(DMCreateGlobalVector(da1, &f));
    PetscCall(TesseraIOSetTimestep(viewer, 0));
    for (PetscInt k = 0; k < 2; k++) {
      PetscCall(VecStrideGather(U, k, f, INSERT_VALUES));
      PetscCall(PetscObjectSetName((PetscObject)f, fnames[k]));
      PetscCall(TesseraIOWriteVec(viewer, "/fields", f));
    }
    PetscCall(TesseraIOSetTimestep(viewer, -1));
    PetscCall(TesseraIOWriteArray(viewer, "/fields", "time", 1, &t));
    PetscCall(TesseraIOWriteXDMF(viewer, "/fields", 2, M, L, 2, fnames, 1, &t));
    PetscCall(VecDestroy(&f));
    PetscCall(DMDestroy(&da1));
  }
  PetscCall(TesseraIOClose(&viewer));
  PetscFunctionReturn(0);
}

/* Writes a checkpoint every -checkpoint_interval steps and, unless -test, prints a progress line at each tenth of the
   final time */
static PetscErrorCode CheckpointMonitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  AppCtx   *ctx = (AppCtx *)ptr;
  PetscReal tmax;

  PetscFunctionBegin;
  PetscCall(TSGetMaxTime(ts, &tmax));
  if (!ctx->test && t >= (ctx->progress + 1) * 0.1 * tmax) {
    while (t >= (ctx->progress + 1) * 0.1 * tmax) ctx->progress++;
    PetscCall(PetscPrintf(PetscObjectComm((PetscObject)ts), "Gray-Scott: step %" PetscInt_FMT ", t = %g of %g\n", step, (double)t, (double)tmax));
  }
  if (!ctx->interval || step == ctx->restart_step || step % ctx->interval) PetscFunctionReturn(0);
  PetscCall(WriteState(ts, U, ctx, ctx->checkpoint, "/checkpoint", PETSC_FALSE));
  ctx->ncheckpoints++;
  if (!ctx->test) PetscCall(PetscPrintf(PetscObjectComm((PetscObject)ts), "checkpoint at step %" PetscInt_FMT ", t = %g -> %s\n", step, (double)t, ctx->checkpoint));
  PetscFunctionReturn(0);
}

/* Resumes from a checkpoint written with the same grid and parameters, at a plausible time of this run */
static PetscErrorCode Restart(TS ts, Vec U, AppCtx *ctx)
{
  PetscViewer viewer;
  PetscReal   t;
  PetscInt    step;
  const char *names[RD_NPARAMS];
  PetscReal   values[RD_NPARAMS];

  PetscFunctionBegin;
  PetscCall(GetParameters(ts, ctx, names, values));
  PetscCall(TesseraIOOpen(PetscObjectComm((PetscObject)ts), ctx->restart, FILE_MODE_READ, "gray-scott", &viewer));
  PetscCall(TesseraIOReadVec(viewer, "/checkpoint", U));
  PetscCall(TesseraIOCheckParameters(viewer, "/checkpoint", RD_NPARAMS, names, values, 0.0));
  PetscCall(TesseraIOReadTimeState(viewer, "/checkpoint", ts, &step, &t));
  PetscCall(TesseraIOClose(&viewer));
  ctx->restart_step = step;
  if (!ctx->test) PetscCall(PetscPrintf(PetscObjectComm((PetscObject)ts), "restarted from %s at step %" PetscInt_FMT ", t = %g\n", ctx->restart, step, (double)t));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx            ctx;
  TS                ts;
  DM                da;
  Vec               U;
  PetscInt          steps;
  PetscReal         t, umin, umax;
  TSConvergedReason reason;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(ProcessOptions(PETSC_COMM_WORLD, &ctx));

  PetscCall(DMDACreate2d(PETSC_COMM_WORLD, DM_BOUNDARY_PERIODIC, DM_BOUNDARY_PERIODIC, DMDA_STENCIL_STAR, 64, 64, PETSC_DECIDE, PETSC_DECIDE, 2, 1, NULL, NULL, &da));
  PetscCall(DMSetFromOptions(da));
  PetscCall(DMSetUp(da));
  PetscCall(DMDASetFieldName(da, 0, "u"));
  PetscCall(DMDASetFieldName(da, 1, "v"));
  PetscCall(DMDASetUniformCoordinates(da, 0.0, ctx.L, 0.0, ctx.L, 0.0, 0.0));
  PetscCall(DMCreateGlobalVector(da, &U));
  PetscCall(PetscObjectSetName((PetscObject)U, "uv"));

  PetscCall(TSCreate(PETSC_COMM_WORLD, &ts));
  PetscCall(TSSetDM(ts, da));
  PetscCall(TSSetProblemType(ts, TS_NONLINEAR));
  PetscCall(TSSetType(ts, TSROSW));
  PetscCall(TSSetApplicationContext(ts, &ctx));
  PetscCall(TSSetIFunction(ts, NULL, FormIFunction, &ctx));
  PetscCall(TSSetIJacobian(ts, NULL, NULL, FormIJacobian, &ctx));
  PetscCall(TSSetMaxTime(ts, 200.0));
  PetscCall(TSSetExactFinalTime(ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(TSSetTimeStep(ts, 1.0));
  PetscCall(TSMonitorSet(ts, CheckpointMonitor, &ctx, NULL));
  PetscCall(TSSetFromOptions(ts));

  PetscCall(FormInitialSolution(da, U, &ctx));
  if (ctx.restart[0]) PetscCall(Restart(ts, U, &ctx));
  PetscCall(TSSolve(ts, U));

  PetscCall(TSGetSolveTime(ts, &t));
  PetscCall(TSGetStepNumber(ts, &steps));
  PetscCall(TSGetConvergedReason(ts, &reason));
  PetscCall(VecStrideMin(U, 0, NULL, &umin));
  PetscCall(VecStrideMax(U, 0, NULL, &umax));
  PetscCheck(reason > 0, PETSC_COMM_WORLD, PETSC_ERR_NOT_CONVERGED, "TS did not reach the final time: %s", TSConvergedReasons[reason]);
  if (ctx.test) {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "converged reason: %s\n", TSConvergedReasons[reason]));
    PetscCall(TesseraVerdict(PETSC_COMM_WORLD, (PetscBool)(umin >= 0 && umax <= 1), "u stays in [0, 1]"));
  } else {
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "Gray-Scott: t = %g after %" PetscInt_FMT " steps (%s), u in [%g, %g], %" PetscInt_FMT " checkpoints written\n", (double)t, steps, TSConvergedReasons[reason], (double)umin, (double)umax, ctx.ncheckpoints));
  }
  if (ctx.output[0]) {
    PetscCall(WriteState(ts, U, &ctx, ctx.output, "/solution", PETSC_TRUE));
    if (!ctx.test) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "wrote %s and its XDMF description for ParaView\n", ctx.output));
  }
  PetscCall(VecDestroy(&U));
  PetscCall(TSDestroy(&ts));
  PetscCall(DMDestroy(&da));
  PetscCall(TesseraVerdictCheckAll(PETSC_COMM_WORLD));
  PetscCall(PetscFinalize());
  return 0;
}
