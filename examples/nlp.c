#if !defined(NLP_DEFAULT_PROBLEM)
  #define NLP_DEFAULT_PROBLEM "HS7"
#endif
static char help[] = "Equality-constrained nonlinear programs from the tessera problem registry solved with any Tao type\n\
(alsketch: exact augmented Lagrangian with randomized sketching; almm; others are refused).\n\
Built as logreg, the default problem is logreg: constrained logistic regression on LIBSVM data.\n\n\
Options:\n\
  -problem <" NLP_DEFAULT_PROBLEM ">        problem name; -problem list prints the registry\n\
  -output <file.h5>     write the result (attributes f, kkt_residual, iterations) and the /history datasets\n\
  -test                 print only tolerance-robust lines (and exit nonzero if a check fails)\n\
  -test_tol <1e-6>      tolerance of the -test checks (KKT residual and relative error of f)\n\
Solver options: -tao_type, -tao_gatol, -tao_alsketch_*, -tao_alsketch_ksp_type, -tao_alsketch_ksp_sketch_type, ...\n\
Problem logreg: -logreg_data <heart_scale> LIBSVM file, -logreg_constraints <10>, -logreg_seed <2023>,\n\
  -logreg_max_draws <1000>, -logreg_features <d>\n\
Checkpoints: -tao_alsketch_checkpoint <ck.h5> -tao_alsketch_checkpoint_interval <10>, resume with -tao_alsketch_restart <ck.h5>\n\
(the -output of a resumed run holds the whole history)\n\n";

/*
   min f(x) s.t. c(x) = 0 for a problem of problems/nlp (CUTEst-style set of Hong, Na, Mahoney and Kolar,
   ICML 2023, and a PDE-constrained QP on a DMDA). The KKT residual ||(grad f + G^T lambda, c)|| is computed with the
   problem's own callbacks: with the multipliers of TAOALSKETCH (TaoGetDualVariables), or with least-squares
   multipliers lambda = argmin ||grad f + G^T lambda|| (KSPLSQR) for the other Tao types.

   The same source builds the example logreg (NLP_DEFAULT_PROBLEM "logreg"): constrained logistic regression on a
   LIBSVM data set (problems/nlp/logreg.c; the application of the AdaSketch paper). NLPProblemReport() prints and
   writes the problem's own data: for logreg the data set, the seed and draw of the random constraints A x = b (A and b
   in /logreg of the -output file) and the training accuracy.
*/
#include <tessera.h>

typedef struct {
  char      problem[64], output[PETSC_MAX_PATH_LEN];
  PetscBool test;
  PetscReal testtol;
} AppCtx;

static PetscErrorCode ProcessOptions(MPI_Comm comm, AppCtx *ctx)
{
  PetscFunctionBegin;
  ctx->test      = PETSC_FALSE;
  ctx->testtol   = 1e-6;
  ctx->output[0] = 0;
  PetscCall(PetscStrncpy(ctx->problem, NLP_DEFAULT_PROBLEM, sizeof(ctx->problem)));
  PetscOptionsBegin(comm, "", "Equality-constrained NLP options", "");
  PetscCall(PetscOptionsString("-output", "HDF5 result file", "nlp.c", ctx->output, ctx->output, sizeof(ctx->output), NULL));
  PetscCall(PetscOptionsBool("-test", "Print only tolerance-robust lines", "nlp.c", ctx->test, &ctx->test, NULL));
  PetscCall(TesseraOptionsRealPositive("-test_tol", "Tolerance of the -test checks", "nlp.c", ctx->testtol, &ctx->testtol, NULL, 1e100));
  PetscOptionsEnd();
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  AppCtx             ctx;
  NLPProblem         nlp;
  Tao                tao;
  Vec                x, lam, lam0;
  PetscInt           its, n, m, totalits = -1;
  PetscReal          f, kkt, fstar;
  PetscBool          islist, isal, known;
  TaoConvergedReason reason;
  MPI_Comm           comm;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  comm = PETSC_COMM_WORLD;
  PetscCall(ProcessOptions(comm, &ctx));
  PetscCall(TesseraProblemSelect(comm, NULL, "nlp", NLP_DEFAULT_PROBLEM, ctx.problem, sizeof(ctx.problem), &islist));
  if (islist) {
    PetscCall(NLPProblemListView(comm));
    PetscCall(PetscFinalize());
    return 0;
  }
  PetscCall(NLPProblemCreate(comm, ctx.problem, &nlp));
  PetscCall(NLPProblemGetSizes(nlp, &n, &m));
  PetscCall(TaoCreate(comm, &tao));
  PetscCall(TaoSetType(tao, TAOALSKETCH));
  PetscCall(NLPProblemSetUpTao(nlp, tao));
  PetscCall(TaoSetConvergenceHistory(tao, NULL, NULL, NULL, NULL, PETSC_DECIDE, PETSC_TRUE));
  PetscCall(TaoSetFromOptions(tao));
  PetscCall(NLPProblemGetInitialMultipliers(nlp, &lam0));
  if (lam0) PetscCall(TaoALSketchSetMultipliers(tao, lam0));
  PetscCall(TaoSolve(tao));
  PetscCall(TaoGetSolution(tao, &x));
  PetscCall(TaoGetConvergedReason(tao, &reason));
  PetscCall(TaoGetIterationNumber(tao, &its));
  PetscCall(PetscObjectTypeCompare((PetscObject)tao, TAOALSKETCH, &isal));
  {
    Mat J;

    /* the multipliers in the layout of the constraints (a DMDA's for the PDE problem, not PETSC_DECIDE) */
    PetscCall(NLPProblemGetJacobian(nlp, &J));
    PetscCall(MatCreateVecs(J, NULL, &lam));
  }
  if (isal) {
    Vec DE, DI;

    PetscCall(TaoGetDualVariables(tao, &DE, &DI));
    PetscCall(VecCopy(DE, lam));
    PetscCall(TaoALSketchGetTotalSketchIterations(tao, &totalits));
  } else PetscCall(NLPProblemComputeLeastSquaresMultipliers(nlp, tao, x, lam));
  PetscCall(NLPProblemComputeKKT(nlp, tao, x, lam, &f, &kkt));
  PetscCall(NLPProblemGetOptimum(nlp, &fstar, &known));
  if (ctx.test) {
    PetscReal ferr = PetscAbsReal(f - fstar) / PetscMax(1.0, PetscAbsReal(fstar));

    PetscCall(PetscPrintf(comm, "%s: %s after %" PetscInt_FMT " iterations\n", ctx.problem, TaoConvergedReasons[reason], its));
    PetscCall(TesseraVerdict(comm, (PetscBool)(kkt <= ctx.testtol), "%s: KKT residual <= %g", ctx.problem, (double)ctx.testtol));
    if (known) PetscCall(TesseraVerdict(comm, (PetscBool)(ferr <= ctx.testtol), "%s: f within %g of f*", ctx.problem, (double)ctx.testtol));
  } else {
    PetscCall(PetscPrintf(comm, "%s (n = %" PetscInt_FMT ", m = %" PetscInt_FMT "): %s after %" PetscInt_FMT " iterations", ctx.problem, n, m, TaoConvergedReasons[reason], its));
    if (totalits >= 0) PetscCall(PetscPrintf(comm, " (%" PetscInt_FMT " inner iterations)", totalits));
    PetscCall(PetscPrintf(comm, "\n  f = %.10g", (double)f));
    if (known) PetscCall(PetscPrintf(comm, " (f* = %.10g)", (double)fstar));
    PetscCall(PetscPrintf(comm, ", KKT residual %.3e\n", (double)kkt));
    if (totalits >= 0) {
      TaoALSketchTermination term;
      const char            *msg;

      PetscCall(TaoALSketchGetTermination(tao, &term));
      PetscCall(TaoALSketchGetTerminationMessage(tao, &msg));
      if (term != TAO_ALSKETCH_TERMINATION_NONE) PetscCall(PetscPrintf(comm, "  stopped (%s): %s\n", TaoALSketchTerminations[term], msg));
    }
    PetscCall(NLPProblemReport(nlp, x, PETSC_VIEWER_STDOUT_(comm)));
  }
  if (ctx.output[0]) {
    PetscViewer      viewer;
    const char      *type;
    PetscInt         len, ireason = (PetscInt)reason;
    const PetscReal *hist;

    PetscCall(TaoGetType(tao, &type));
    PetscCall(TesseraIOOpen(comm, ctx.output, FILE_MODE_WRITE, ctx.problem, &viewer));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "f", PETSC_REAL, &f));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "kkt_residual", PETSC_REAL, &kkt));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "iterations", PETSC_INT, &its));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "converged_reason", PETSC_INT, &ireason));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "tao_type", PETSC_STRING, type));
    if (known) PetscCall(TesseraIOWriteAttribute(viewer, "/", "f_star", PETSC_REAL, &fstar));
    if (isal) {
      for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) {
        PetscCall(TaoALSketchGetHistory(tao, (TaoALSketchHistoryField)k, &len, &hist));
        PetscCall(TesseraIOWriteArray(viewer, "/history", TaoALSketchHistoryFields[k], len, hist));
      }
    } else {
      PetscReal *obj, *res, *cnorm;
      PetscInt  *lits, nhist;

      PetscCall(TaoGetConvergenceHistory(tao, &obj, &res, &cnorm, &lits, &nhist));
      PetscCall(TesseraIOWriteArray(viewer, "/history", "kkt_residual", nhist, res));
      PetscCall(TesseraIOWriteArray(viewer, "/history", "f", nhist, obj));
      PetscCall(TesseraIOWriteArray(viewer, "/history", "cnorm", nhist, cnorm));
    }
    PetscCall(PetscObjectSetName((PetscObject)x, "x"));
    PetscCall(TesseraIOWriteVec(viewer, "/solution", x));
    PetscCall(PetscObjectSetName((PetscObject)lam, "lambda"));
    PetscCall(TesseraIOWriteVec(viewer, "/solution", lam));
    PetscCall(NLPProblemReport(nlp, x, viewer));
    PetscCall(TesseraIOClose(&viewer));
  }
  PetscCall(VecDestroy(&lam));
  PetscCall(TaoDestroy(&tao));
  PetscCall(NLPProblemDestroy(&nlp));
  PetscCall(TesseraVerdictCheckAll(comm));
  PetscCall(PetscFinalize());
  /* a run that did not converge exits nonzero */
  return reason > 0 ? 0 : 1;
}
