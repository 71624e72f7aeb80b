static char help[] = "Bilevel optimisation driver: LV-HBA, BO-REP or implicit on a registered problem, HDF5 history output.\n\n\
Options:\n\
  -problem <toy>         problem name (toy, inequality, quadratic, llsc, svm, cleaning; list prints them)\n\
  -output <file.h5>      write the iterate history, errors and accuracies\n\
  -bilevel_checkpoint <ck.h5> -bilevel_checkpoint_interval <100>, -bilevel_restart <ck.h5>: checkpoints and resume\n\
  -tol_error <1e-3>      stop once the relative error in x stays below this (problems with a closed form)\n\
  -test                  print only tolerance-robust lines\n\
A run that stops without converging (a DIVERGED_ reason, e.g. the iteration limit) says so and exits with status 1\n\
(after -output is written).\n\
Solver options: -bilevel_type lvhba|borep|implicit, -bilevel_monitor, -bilevel_view, -bilevel_lvhba_*, -bilevel_borep_*;\n\
problem options: -toy_n, -quadratic_n, -svm_*, ...\n\n";

/*
   Driver for the Bilevel class (solvers/bilevel) on the problems of problems/bilevel:

     toy        LLC toy of LV-HBA, closed form x* = -0.3, y1* = 0.7, y2* = -0.4, F* = n/20
     quadratic  strongly convex quadratic lower level, closed-form x* (BO-REP)
     svm        SVM hyper-parameter learning on heart_scale (LIBSVM), test accuracy and grid-search baseline
     cleaning   data hyper-cleaning (40 % flipped training labels) on breast-cancer (LIBSVM)

   With -tol_error the run stops once the relative x error (closed form) has stayed below the value for 100
   iterations; the first iteration of that streak is the "iterations to tolerance" of the benchmark.
*/
#include <tessera.h>

typedef struct {
  char           problem[64], output[PETSC_MAX_PATH_LEN];
  PetscReal      tol_error;
  PetscBool      test;
  BilevelProblem prob;
  PetscReal     *xerr;        /* per-iteration relative x error (closed form only) */
  PetscReal     *vacc, *tacc; /* per-iteration validation and test accuracy (learning problems only) */
  PetscInt       nerr, nacc, maxerr, hit;
  PetscInt       first;           /* iteration of the first entries of xerr, vacc, tacc (after -bilevel_restart: the checkpoint's) */
  PetscLogDouble thit, t0, tlast; /* tlast: time of the last progress line */
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->output[0] = 0;
  ctx->tol_error = 0;
  ctx->test      = PETSC_FALSE;
  PetscOptionsBegin(comm, "", "Bilevel driver options", "");
  PetscCall(PetscOptionsString("-output", "HDF5 output file", "bilevel.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(TesseraOptionsRealInRange("-tol_error", "Stop once the relative x error stays below this (0: off)", "bilevel.c", ctx->tol_error, &ctx->tol_error, NULL, 0, 1));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "bilevel.c", ctx->test, &ctx->test, NULL));
  PetscOptionsEnd();
  PetscCheck(ctx->tol_error >= 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "-tol_error %g must be nonnegative", (double)ctx->tol_error);
  PetscFunctionReturn(0);
}

/* Records the closed-form error (or, for learning problems, the accuracies) at every iteration; unless -test, prints a
   progress line every 5 s of wall time */
static PetscErrorCode ErrorMonitor(Bilevel bl, PetscInt it, PetscReal F, PetscReal res, PetscReal gap, void *ptr)
{
  AppCtx        *ctx = (AppCtx *)ptr;
  PetscReal      xe, ye, va, ta;
  PetscBool      known, learn;
  PetscLogDouble now;

  PetscFunctionBegin;
  if (ctx->first < 0) ctx->first = it;
  PetscCall(PetscTime(&now));
  if (!ctx->test && now - ctx->tlast > 5) {
    ctx->tlast = now;
    PetscCall(PetscPrintf(PetscObjectComm((PetscObject)bl), "  iteration %" PetscInt_FMT ": F %.6g, residual %.3e, gap %.3e (%.0f s)\n", it, (double)F, (double)res, (double)gap, now - ctx->t0));
  }
  PetscCall(BilevelProblemComputeAccuracy(ctx->prob, bl, &va, &ta, &learn));
  if (learn && ctx->nacc < ctx->maxerr) {
    ctx->vacc[ctx->nacc]   = va;
    ctx->tacc[ctx->nacc++] = ta;
  }
  PetscCall(BilevelProblemComputeError(ctx->prob, bl, &xe, &ye, &known));
  if (!known) PetscFunctionReturn(0);
  if (ctx->nerr < ctx->maxerr) ctx->xerr[ctx->nerr++] = xe;
  if (ctx->tol_error > 0 && xe >= ctx->tol_error) ctx->hit = -1;
  else if (ctx->tol_error > 0 && ctx->hit < 0) {
    ctx->hit = it + 1;
    PetscCall(PetscTime(&ctx->thit));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode ErrorConverged(Bilevel bl, PetscInt it, PetscReal res, PetscReal gap, BilevelConvergedReason *reason, void *ptr)
{
  AppCtx *ctx = (AppCtx *)ptr;

  PetscFunctionBegin;
  PetscCall(BilevelConvergedDefault(bl, it, res, gap, reason, NULL));
  if (*reason == BILEVEL_CONVERGED_ITERATING && ctx->hit >= 0 && it + 1 - ctx->hit >= 100) *reason = BILEVEL_CONVERGED_USER;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx                 ctx;
  Bilevel                bl;
  BilevelConvergedReason reason;
  MPI_Comm               comm;
  PetscInt               its, maxit;
  PetscReal              xe, ye, va, ta, bva, bta, F, f, res, gap, dist, feas;
  PetscBool              known, learn, base, listonly, hasgap;
  PetscLogDouble         t1;
  BilevelType            type;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(TesseraProblemSelect(comm, NULL, "bilevel", "toy", ctx.problem, sizeof(ctx.problem), &listonly));
  if (listonly) {
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(BilevelProblemCreate(comm, ctx.problem, &ctx.prob));
  PetscCall(BilevelCreate(comm, &bl));
  PetscCall(BilevelSetFromOptions(bl));
  PetscCall(BilevelProblemSetUpSolver(ctx.prob, bl));
  PetscCall(BilevelGetTolerances(bl, NULL, NULL, NULL, NULL, &maxit));
  ctx.maxerr = maxit + 1;
  ctx.nerr   = 0;
  ctx.nacc   = 0;
  ctx.hit    = -1;
  ctx.first  = -1;
  {
    PetscBool restart;

    /* the streak of -tol_error lives in this program, not in the solver's checkpoint */
    PetscCall(PetscOptionsHasName(NULL, NULL, "-bilevel_restart", &restart));
    PetscCheck(!restart || ctx.tol_error == 0, comm, PETSC_ERR_ARG_INCOMP, "-tol_error cannot be combined with -bilevel_restart: the error streak it counts is not stored in the checkpoint");
  }
  PetscCall(PetscMalloc3(ctx.maxerr, &ctx.xerr, ctx.maxerr, &ctx.vacc, ctx.maxerr, &ctx.tacc));
  PetscCall(BilevelMonitorSet(bl, ErrorMonitor, &ctx, NULL));
  if (ctx.tol_error > 0) PetscCall(BilevelSetConvergenceTest(bl, ErrorConverged, &ctx));
  PetscCall(BilevelSetUp(bl));
  PetscCall(PetscTime(&ctx.t0));
  ctx.tlast = ctx.t0;
  PetscCall(BilevelSolve(bl));
  PetscCall(PetscTime(&t1));
  PetscCall(BilevelGetType(bl, &type));
  PetscCall(BilevelGetConvergedReason(bl, &reason));
  PetscCall(BilevelGetIterationNumber(bl, &its));
  PetscCall(BilevelGetObjectives(bl, &F, &f));
  PetscCall(BilevelGetResidual(bl, &res, &gap));
  PetscCall(BilevelProblemComputeError(ctx.prob, bl, &xe, &ye, &known));
  PetscCall(BilevelProblemComputeAccuracy(ctx.prob, bl, &va, &ta, &learn));
  base = PETSC_FALSE;
  if (learn) PetscCall(BilevelProblemComputeBaseline(ctx.prob, &bva, &bta, &base));
  if (ctx.test) {
    PetscCall(PetscPrintf(comm, "problem %s method %s: %s\n", ctx.problem, type, reason > 0 ? "converged" : "stopped"));
    if (known) PetscCall(TesseraVerdict(comm, (PetscBool)(xe < (ctx.tol_error > 0 ? ctx.tol_error : 1e-3)), "relative x error < %g", (double)(ctx.tol_error > 0 ? ctx.tol_error : 1e-3)));
    if (learn) PetscCall(TesseraVerdict(comm, (PetscBool)(va >= 0 && va <= 1 && ta >= 0 && ta <= 1), "test accuracy computed"));
  } else {
    PetscCall(PetscPrintf(comm, "problem %s method %s: %s after %" PetscInt_FMT " iterations, %.3f s (%.3g s/iteration)\n", ctx.problem, type, BilevelConvergedReasons[reason], its, (double)(t1 - ctx.t0), its ? (double)((t1 - ctx.t0) / its) : 0.0));
    PetscCall(PetscPrintf(comm, "F %.10g f %.10g residual %.3e lower-level gap %.3e\n", (double)F, (double)f, (double)res, (double)gap));
    if (known) PetscCall(PetscPrintf(comm, "relative error x %.3e y %.3e\n", (double)xe, (double)ye));
    PetscCall(BilevelProblemComputeLowerGap(ctx.prob, bl, &dist, &feas, &hasgap));
    if (hasgap) PetscCall(PetscPrintf(comm, "distance to the lower-level solution |y - y*(x)| %.3e, constraint violation %.1e\n", (double)dist, (double)feas));
    if (ctx.hit >= 0) PetscCall(PetscPrintf(comm, "iterations to x error %g: %" PetscInt_FMT " (%.3f s)\n", (double)ctx.tol_error, ctx.hit, (double)(ctx.thit - ctx.t0)));
    if (learn) PetscCall(PetscPrintf(comm, "accuracy: validation %.4f test %.4f\n", (double)va, (double)ta));
    PetscCall(BilevelProblemView(ctx.prob, PETSC_VIEWER_STDOUT_(comm)));
    if (base) PetscCall(PetscPrintf(comm, "baseline (-svm_baseline, default grid search): validation %.4f test %.4f\n", (double)bva, (double)bta));
  }
  if (ctx.output[0]) {
    PetscViewer viewer;

    PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, ctx.problem, &viewer));
    PetscCall(BilevelHistoryWrite(bl, viewer));
    if (known) {
      PetscCall(TesseraIOWriteArray(viewer, "/history", "xerr", ctx.nerr, ctx.xerr));
      PetscCall(TesseraIOWriteAttribute(viewer, "/history", "xerr_first_iteration", PETSC_INT, &ctx.first));
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "xerr", PETSC_REAL, &xe));
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "yerr", PETSC_REAL, &ye));
    }
    if (learn) {
      PetscCall(TesseraIOWriteArray(viewer, "/history", "val_accuracy", ctx.nacc, ctx.vacc));
      PetscCall(TesseraIOWriteArray(viewer, "/history", "test_accuracy", ctx.nacc, ctx.tacc));
      PetscCall(TesseraIOWriteAttribute(viewer, "/history", "accuracy_first_iteration", PETSC_INT, &ctx.first));
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "val_accuracy", PETSC_REAL, &va));
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "test_accuracy", PETSC_REAL, &ta));
    }
    if (base) {
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "baseline_val_accuracy", PETSC_REAL, &bva));
      PetscCall(TesseraIOWriteAttribute(viewer, "/", "baseline_test_accuracy", PETSC_REAL, &bta));
    }
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "method", PETSC_STRING, type));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "F", PETSC_REAL, &F));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "lower_gap", PETSC_REAL, &gap));
    PetscCall(BilevelProblemWriteSolution(ctx.prob, bl, viewer));
    PetscCall(TesseraIOClose(&viewer));
  }
  if (reason < 0) PetscCall(PetscPrintf(comm, "bilevel: %s did not converge (%s after %" PetscInt_FMT " iterations): exit status 1\n", ctx.problem, BilevelConvergedReasons[reason], its));
  PetscCall(PetscFree3(ctx.xerr, ctx.vacc, ctx.tacc));
  PetscCall(BilevelDestroy(&bl));
  PetscCall(BilevelProblemDestroy(&ctx.prob));
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(PetscFinalize());
  /* a run that did not converge exits nonzero (as examples/nlp) */
  return reason > 0 ? 0 : 1;
}
