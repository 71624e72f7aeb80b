/*
   logreg.c - constrained logistic regression on a LIBSVM data set, the application of Hong, Na, Mahoney and Kolar
   (ICML 2023, arXiv:2305.13555, section 6):

       min_x (1/N) sum_i log(1 + exp(-y_i z_i^T x))   s.t.   A x = b,   ||x||^2 = 1,

   with samples z_i in R^d (no intercept), labels y_i in {-1, +1} (the file's two label values, the smaller mapped to
   -1; -logreg_labels raw uses the values as read, as the authors' code does, spec section 6 item 7), and A in R^{k x d}, b in R^k with i.i.d. N(0, 1) entries (Box-Muller transform of a PETSCRAND48 stream
   seeded with -logreg_seed; every rank draws the same numbers). The constraint set {A x = b} meets the unit sphere
   iff ||A^+ b|| < 1; a draw that misses it is rejected and the next draw of the same stream taken (at most 1000
   draws by default, -logreg_max_draws; the number used is reported), as the spec requires for small d
   (heart_scale, d = 13, k = 10: about one draw in ten is feasible). n = d variables, m = k + 1 constraints, x0 = 1 (all ones), lambda0 = 1 (the paper's
   start).

   Derivatives, with t_i = y_i z_i^T x and s(t) = 1/(1 + exp(-t)):
     grad f = -(1/N) sum_i y_i s(-t_i) z_i,   hess f = (1/N) sum_i s(t_i) s(-t_i) z_i z_i^T,
     G = [A; 2 x^T],   hess L = hess f + 2 lambda_{k+1} I.
   Every rank holds the whole data set (TesseraLibSVMRead()) and the whole x (a scatter to all) and computes f and
   the gradient in the same order, so f(x) does not depend on the number of ranks; each rank assembles its own rows
   of the dense d x d Hessian (d <= 4096).

   Options: -logreg_data <file> (default heart_scale; a name without '/' that is not a file in the working directory
   is looked up by TesseraFindDataFile(): heart_scale, breast_cancer_scale, spam_scale are installed in
   share/tessera), -logreg_constraints <10> k,
   -logreg_seed <2023>, -logreg_max_draws <1000>, -logreg_features <d> the number of features (default: the largest
   index in the file; a larger index in the file is an error), -logreg_labels <pm1|raw>, -logreg_test_fraction <0>:
   the fraction of the samples held out as a test set (a random split of a PETSCRAND48 stream seeded with
   -logreg_split_seed <1>, the same on every rank): the problem is posed on the training samples only, and the report
   gives the training and the test accuracy (prediction sign(z^T x) against the label mapped to -1/+1).
*/
#include <nlpimpl.h>
#include <tesseraio.h>
#include <tesseralibsvm.h>
#include <petscblaslapack.h>

#define LOGREG_MAX_FEATURES 4096

typedef enum { LOGREG_LABELS_PM1, LOGREG_LABELS_RAW } LogRegLabels;
static const char *const LogRegLabelsTypes[] = {"pm1", "raw", "LogRegLabels", "LOGREG_LABELS_", NULL};

typedef struct {
  char         file[PETSC_MAX_PATH_LEN];
  PetscInt     N, d, k, seed, draws, maxdraws, splitseed, Ntest;
  LogRegLabels labels;
  PetscReal    testfrac;
  Mat          Z;     /* N x d training samples (every rank holds all) */
  Vec          y;     /* N labels in {-1, +1} (raw: as read) */
  PetscReal    ymid;  /* a label above ymid is of the class +1 (0 for -1/+1 labels) */
  Mat          Ztest; /* Ntest x d held-out samples, or NULL */
  Vec          ytest; /* their labels, as y */
  Vec          ttest; /* work: Ntest */
  Vec          t, r;  /* work: N */
  Vec          gseq;  /* work: d */
  PetscReal   *A, *b; /* k x d row-major, k */
  PetscReal    apb;   /* ||A^+ b|| of the accepted draw */
  PetscReal   *Hrow;  /* work: d */
  PetscReal   *Hloc;  /* work: the owned rows of the Hessian, dense (nl x d) */
  PetscInt    *cols;  /* 0, ..., d - 1 */
} LogRegCtx;

/* log(1 + exp(-t)) without overflow */
static inline PetscReal LogRegSoftplus(PetscReal t) { return (t > 0 ? 0.0 : -t) + PetscLogReal(1.0 + PetscExpReal(-PetscAbsReal(t))); }

/* s(-t) = 1/(1 + exp(t)) without overflow */
static inline PetscReal LogRegSigmoidMinus(PetscReal t)
{
  PetscReal e = PetscExpReal(-PetscAbsReal(t));

  return t >= 0 ? e / (1.0 + e) : 1.0 / (1.0 + e);
}

/* gather x to every rank and compute t = y .* (Z x) */
static PetscErrorCode LogRegMargins_Private(NLPProblem nlp, Vec x)
{
  LogRegCtx *lr = (LogRegCtx *)nlp->data;

  PetscFunctionBegin;
  PetscCall(VecScatterBegin(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(MatMult(lr->Z, nlp->xseq, lr->t));
  PetscCall(VecPointwiseMult(lr->t, lr->t, lr->y));
  PetscFunctionReturn(0);
}

static PetscErrorCode LogRegObjGrad(Tao tao, Vec x, PetscReal *f, Vec g, void *ctx)
{
  NLPProblem         nlp = (NLPProblem)ctx;
  LogRegCtx         *lr  = (LogRegCtx *)nlp->data;
  const PetscScalar *t, *y, *gs;
  PetscScalar       *r, *ga;
  PetscReal          sum = 0.0;
  PetscInt           rs, re;

  PetscFunctionBegin;
  PetscCall(LogRegMargins_Private(nlp, x));
  PetscCall(VecGetArrayRead(lr->t, &t));
  PetscCall(VecGetArrayRead(lr->y, &y));
  PetscCall(VecGetArrayWrite(lr->r, &r));
  for (PetscInt i = 0; i < lr->N; i++) {
    PetscReal ti = PetscRealPart(t[i]);

    sum += LogRegSoftplus(ti);
    r[i] = -PetscRealPart(y[i]) * LogRegSigmoidMinus(ti) / lr->N;
  }
  PetscCall(VecRestoreArrayWrite(lr->r, &r));
  PetscCall(VecRestoreArrayRead(lr->y, &y));
  PetscCall(VecRestoreArrayRead(lr->t, &t));
  *f = sum / lr->N;
  PetscCall(MatMultTranspose(lr->Z, lr->r, lr->gseq));
  PetscCall(VecGetOwnershipRange(g, &rs, &re));
  PetscCall(VecGetArrayRead(lr->gseq, &gs));
  PetscCall(VecGetArrayWrite(g, &ga));
  for (PetscInt j = rs; j < re; j++) ga[j - rs] = gs[j];
  PetscCall(VecRestoreArrayWrite(g, &ga));
  PetscCall(VecRestoreArrayRead(lr->gseq, &gs));
  PetscCall(PetscLogFlops(6.0 * lr->N));
  PetscFunctionReturn(0);
}

/* c = (A x - b, ||x||^2 - 1): each rank its own rows */
static PetscErrorCode LogRegCon(Tao tao, Vec x, Vec c, void *ctx)
{
  NLPProblem         nlp = (NLPProblem)ctx;
  LogRegCtx         *lr  = (LogRegCtx *)nlp->data;
  const PetscScalar *xs;
  PetscScalar       *ca;
  PetscInt           rs, re;

  PetscFunctionBegin;
  PetscCall(VecScatterBegin(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetOwnershipRange(c, &rs, &re));
  PetscCall(VecGetArrayRead(nlp->xseq, &xs));
  PetscCall(VecGetArrayWrite(c, &ca));
  for (PetscInt i = rs; i < re; i++) {
    PetscReal s = 0.0;

    if (i < lr->k) {
      for (PetscInt j = 0; j < lr->d; j++) s += lr->A[i * lr->d + j] * PetscRealPart(xs[j]);
      s -= lr->b[i];
    } else {
      for (PetscInt j = 0; j < lr->d; j++) s += PetscRealPart(xs[j] * xs[j]);
      s -= 1.0;
    }
    ca[i - rs] = s;
  }
  PetscCall(VecRestoreArrayWrite(c, &ca));
  PetscCall(VecRestoreArrayRead(nlp->xseq, &xs));
  PetscFunctionReturn(0);
}

/* G = [A; 2 x^T] */
static PetscErrorCode LogRegJac(Tao tao, Vec x, Mat J, Mat Jpre, void *ctx)
{
  NLPProblem         nlp = (NLPProblem)ctx;
  LogRegCtx         *lr  = (LogRegCtx *)nlp->data;
  const PetscScalar *xs;
  PetscInt           rs, re;

  PetscFunctionBegin;
  PetscCall(VecScatterBegin(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(MatGetOwnershipRange(J, &rs, &re));
  PetscCall(VecGetArrayRead(nlp->xseq, &xs));
  for (PetscInt i = rs; i < re; i++) {
    for (PetscInt j = 0; j < lr->d; j++) lr->Hrow[j] = i < lr->k ? lr->A[i * lr->d + j] : 2.0 * PetscRealPart(xs[j]);
    PetscCall(MatSetValues(J, 1, &i, lr->d, lr->cols, lr->Hrow, INSERT_VALUES));
  }
  PetscCall(VecRestoreArrayRead(nlp->xseq, &xs));
  PetscCall(MatAssemblyBegin(J, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(J, MAT_FINAL_ASSEMBLY));
  PetscFunctionReturn(0);
}

/* hess L = (1/N) sum_i s(t_i) s(-t_i) z_i z_i^T + 2 lambda_{k+1} I: each rank its own rows */
static PetscErrorCode LogRegHess(Tao tao, Vec x, Mat H, Mat Hpre, void *ctx)
{
  NLPProblem         nlp = (NLPProblem)ctx;
  LogRegCtx         *lr  = (LogRegCtx *)nlp->data;
  Vec                DE, DI;
  const PetscScalar *t, *ls, *y;
  PetscScalar       *w;
  PetscInt           rs, re;
  PetscReal          lamsph;

  PetscFunctionBegin;
  PetscCall(TaoGetDualVariables(tao, &DE, &DI));
  PetscCheck(DE, nlp->comm, PETSC_ERR_ORDER, "Problem %s: the Hessian of the Lagrangian needs the multipliers from TaoGetDualVariables(), which this Tao type does not provide", nlp->name);
  PetscCall(VecScatterBegin(nlp->lscat, DE, nlp->lseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(nlp->lscat, DE, nlp->lseq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(nlp->lseq, &ls));
  lamsph = PetscRealPart(ls[lr->k]);
  PetscCall(VecRestoreArrayRead(nlp->lseq, &ls));
  PetscCall(LogRegMargins_Private(nlp, x));
  /* r_i = y_i^2 s(t_i) s(-t_i) / N (y_i^2 = 1 unless -logreg_labels raw) */
  PetscCall(VecGetArrayRead(lr->t, &t));
  PetscCall(VecGetArrayRead(lr->y, &y));
  PetscCall(VecGetArrayWrite(lr->r, &w));
  for (PetscInt i = 0; i < lr->N; i++) {
    PetscReal sm = LogRegSigmoidMinus(PetscRealPart(t[i])), yi = PetscRealPart(y[i]);

    w[i] = yi * yi * sm * (1.0 - sm) / lr->N;
  }
  PetscCall(VecRestoreArrayRead(lr->y, &y));
  PetscCall(VecRestoreArrayRead(lr->t, &t));
  PetscCall(MatGetOwnershipRange(H, &rs, &re));
  for (PetscInt l = 0; l < (re - rs) * lr->d; l++) lr->Hloc[l] = 0.0;
  for (PetscInt j = rs; j < re; j++) lr->Hloc[(j - rs) * lr->d + j] = 2.0 * lamsph;
  /* owned rows j of sum_i w_i z_i z_i^T, sample by sample */
  for (PetscInt i = 0; i < lr->N; i++) {
    const PetscInt    *ci;
    const PetscScalar *vi;
    PetscInt           nz;
    PetscReal          wi = PetscRealPart(w[i]);

    PetscCall(MatGetRow(lr->Z, i, &nz, &ci, &vi));
    for (PetscInt q = 0; q < nz; q++) {
      PetscReal *row, wv = wi * PetscRealPart(vi[q]);

      if (ci[q] < rs || ci[q] >= re) continue;
      row = lr->Hloc + (ci[q] - rs) * lr->d;
      for (PetscInt p = 0; p < nz; p++) row[ci[p]] += wv * PetscRealPart(vi[p]);
    }
    PetscCall(MatRestoreRow(lr->Z, i, &nz, &ci, &vi));
  }
  for (PetscInt j = rs; j < re; j++) PetscCall(MatSetValues(H, 1, &j, lr->d, lr->cols, lr->Hloc + (j - rs) * lr->d, INSERT_VALUES));
  PetscCall(VecRestoreArrayWrite(lr->r, &w));
  PetscCall(MatAssemblyBegin(H, MAT_FINAL_ASSEMBLY));
  PetscCall(MatAssemblyEnd(H, MAT_FINAL_ASSEMBLY));
  if (Hpre != H) PetscCall(MatCopy(H, Hpre, SAME_NONZERO_PATTERN));
  PetscFunctionReturn(0);
}

static PetscErrorCode LogRegSetUpTao(NLPProblem nlp, Tao tao)
{
  LogRegCtx *lr = (LogRegCtx *)nlp->data;

  PetscFunctionBegin;
  if (!nlp->xsol) {
    PetscInt nl;

    PetscCall(VecCreateMPI(nlp->comm, PETSC_DECIDE, nlp->n, &nlp->xsol));
    PetscCall(VecGetLocalSize(nlp->xsol, &nl));
    PetscCall(MatCreateAIJ(nlp->comm, PETSC_DECIDE, nl, nlp->m, nlp->n, nl, NULL, nlp->n - nl, NULL, &nlp->J));
    PetscCall(MatCreateAIJ(nlp->comm, nl, nl, nlp->n, nlp->n, nl, NULL, nlp->n - nl, NULL, &nlp->H));
    PetscCall(MatSetOption(nlp->H, MAT_SYMMETRIC, PETSC_TRUE));
    PetscCall(MatCreateVecs(nlp->J, NULL, &nlp->ce));
    PetscCall(VecDuplicate(nlp->ce, &nlp->lam0));
    PetscCall(VecScatterCreateToAll(nlp->xsol, &nlp->xscat, &nlp->xseq));
    PetscCall(VecScatterCreateToAll(nlp->ce, &nlp->lscat, &nlp->lseq));
    PetscCall(PetscMalloc2(nlp->n, &lr->cols, nl * nlp->n, &lr->Hloc));
    for (PetscInt j = 0; j < nlp->n; j++) lr->cols[j] = j;
  }
  PetscCall(VecSet(nlp->xsol, 1.0));
  PetscCall(VecSet(nlp->lam0, 1.0));
  PetscCall(TaoSetSolution(tao, nlp->xsol));
  PetscCall(TaoSetObjectiveAndGradient(tao, NULL, LogRegObjGrad, nlp));
  PetscCall(TaoSetEqualityConstraintsRoutine(tao, nlp->ce, LogRegCon, nlp));
  PetscCall(TaoSetJacobianEqualityRoutine(tao, nlp->J, nlp->J, LogRegJac, nlp));
  PetscCall(TaoSetHessian(tao, nlp->H, nlp->H, LogRegHess, nlp));
  PetscFunctionReturn(0);
}

/* fraction of the samples Z with sign(z_i^T x) = the class of y_i (+1 above ymid, else -1); x is in xseq on every rank */
static PetscErrorCode LogRegAccuracy_Private(Mat Z, Vec y, PetscReal ymid, Vec t, Vec xseq, PetscReal *acc)
{
  const PetscScalar *ta, *ya;
  PetscInt           ok = 0, N;

  PetscFunctionBegin;
  PetscCall(MatMult(Z, xseq, t));
  PetscCall(VecGetSize(t, &N));
  PetscCall(VecGetArrayRead(t, &ta));
  PetscCall(VecGetArrayRead(y, &ya));
  for (PetscInt i = 0; i < N; i++) ok += PetscRealPart(ya[i]) > ymid ? PetscRealPart(ta[i]) > 0 : PetscRealPart(ta[i]) < 0;
  PetscCall(VecRestoreArrayRead(y, &ya));
  PetscCall(VecRestoreArrayRead(t, &ta));
  *acc = (PetscReal)ok / N;
  PetscFunctionReturn(0);
}

/* data set, seed and draws; with a point x also the training accuracy */
static PetscErrorCode LogRegReport(NLPProblem nlp, Vec x, PetscViewer viewer)
{
  LogRegCtx *lr = (LogRegCtx *)nlp->data;
  PetscBool  isascii;
  PetscReal  acc = -1.0, tacc = -1.0;

  PetscFunctionBegin;
  if (x) {
    PetscCall(VecScatterBegin(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(nlp->xscat, x, nlp->xseq, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(LogRegAccuracy_Private(lr->Z, lr->y, lr->ymid, lr->t, nlp->xseq, &acc));
    if (lr->Ztest) PetscCall(LogRegAccuracy_Private(lr->Ztest, lr->ytest, lr->ymid, lr->ttest, nlp->xseq, &tacc));
  }
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  data %s: %" PetscInt_FMT " samples x %" PetscInt_FMT " features; %" PetscInt_FMT " Gaussian constraints (seed %" PetscInt_FMT ", draw %" PetscInt_FMT ", ||A^+ b|| = %.3f) and ||x||^2 = 1\n", lr->file,
                                     lr->N, lr->d, lr->k, lr->seed, lr->draws, (double)lr->apb));
    if (lr->labels == LOGREG_LABELS_RAW) PetscCall(PetscViewerASCIIPrintf(viewer, "  labels as read (-logreg_labels raw); the accuracy maps them to -1/+1\n"));
    if (lr->Ztest) PetscCall(PetscViewerASCIIPrintf(viewer, "  %" PetscInt_FMT " samples held out as a test set (-logreg_test_fraction %g, -logreg_split_seed %" PetscInt_FMT ")\n", lr->Ntest, (double)lr->testfrac, lr->splitseed));
    if (x) PetscCall(PetscViewerASCIIPrintf(viewer, "  training accuracy %.4f\n", (double)acc));
    if (x && lr->Ztest) PetscCall(PetscViewerASCIIPrintf(viewer, "  test accuracy %.4f\n", (double)tacc));
  } else {
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_data", PETSC_STRING, lr->file));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_samples", PETSC_INT, &lr->N));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_constraints", PETSC_INT, &lr->k));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_seed", PETSC_INT, &lr->seed));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_draws", PETSC_INT, &lr->draws));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_labels", PETSC_STRING, LogRegLabelsTypes[lr->labels]));
    PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_test_samples", PETSC_INT, &lr->Ntest));
    if (x) PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_training_accuracy", PETSC_REAL, &acc));
    if (x && lr->Ztest) PetscCall(TesseraIOWriteAttribute(viewer, "/", "logreg_test_accuracy", PETSC_REAL, &tacc));
    PetscCall(TesseraIOWriteArray(viewer, "/logreg", "A", lr->k * lr->d, lr->A));
    PetscCall(TesseraIOWriteArray(viewer, "/logreg", "b", lr->k, lr->b));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode LogRegDestroy(NLPProblem nlp)
{
  LogRegCtx *lr = (LogRegCtx *)nlp->data;

  PetscFunctionBegin;
  PetscCall(MatDestroy(&lr->Z));
  PetscCall(VecDestroy(&lr->y));
  PetscCall(MatDestroy(&lr->Ztest));
  PetscCall(VecDestroy(&lr->ytest));
  PetscCall(VecDestroy(&lr->ttest));
  PetscCall(VecDestroy(&lr->t));
  PetscCall(VecDestroy(&lr->r));
  PetscCall(VecDestroy(&lr->gseq));
  PetscCall(PetscFree3(lr->A, lr->b, lr->Hrow));
  PetscCall(PetscFree2(lr->cols, lr->Hloc));
  PetscCall(PetscFree(nlp->data));
  PetscFunctionReturn(0);
}

/* labels: the file's two values, the smaller of the class -1 and the larger of the class +1 (one value: its sign);
   pm1 maps them to -1/+1, raw keeps the values as read; lr->ymid separates the classes in either case */
static PetscErrorCode LogRegMapLabels_Private(MPI_Comm comm, LogRegCtx *lr)
{
  PetscScalar *y;
  PetscReal    lo = PETSC_MAX_REAL, hi = PETSC_MIN_REAL;

  PetscFunctionBegin;
  PetscCall(VecGetArray(lr->y, &y));
  for (PetscInt i = 0; i < lr->N; i++) {
    lo = PetscMin(lo, PetscRealPart(y[i]));
    hi = PetscMax(hi, PetscRealPart(y[i]));
  }
  for (PetscInt i = 0; i < lr->N; i++) {
    PetscReal v = PetscRealPart(y[i]);

    if (v != lo && v != hi) {
      PetscCall(VecRestoreArray(lr->y, &y));
      SETERRQ(comm, PETSC_ERR_FILE_UNEXPECTED, "Data %s: sample %" PetscInt_FMT " has label %g besides %g and %g; logistic regression needs two classes", lr->file, i + 1, (double)v, (double)lo, (double)hi);
    }
    if (lr->labels == LOGREG_LABELS_PM1) y[i] = lo == hi ? (v > 0 ? 1.0 : -1.0) : (v == hi ? 1.0 : -1.0);
  }
  PetscCall(VecRestoreArray(lr->y, &y));
  lr->ymid = (lr->labels == LOGREG_LABELS_PM1 || lo == hi) ? 0.0 : 0.5 * (lo + hi);
  PetscFunctionReturn(0);
}

/* -logreg_test_fraction: a seeded random split of the samples (Fisher-Yates on a PETSCRAND48 stream, the same on every
   rank); the training samples replace Z and y, the others go to Ztest, ytest */
static PetscErrorCode LogRegSplit_Private(MPI_Comm comm, LogRegCtx *lr)
{
  PetscRandom rnd;
  PetscInt    N = lr->N, Ntest, *perm;
  IS          istrain, istest, iscol;
  Mat         Z;
  Vec         v;

  PetscFunctionBegin;
  Ntest = (PetscInt)PetscFloorReal(lr->testfrac * N + 0.5);
  PetscCheck(Ntest >= 1 && N - Ntest >= 2, comm, PETSC_ERR_ARG_OUTOFRANGE, "-logreg_test_fraction %g of the %" PetscInt_FMT " samples of %s leaves %" PetscInt_FMT " test and %" PetscInt_FMT " training samples; need at least 1 and 2",
             (double)lr->testfrac, N, lr->file, Ntest, N - Ntest);
  PetscCall(PetscMalloc1(N, &perm));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetType(rnd, PETSCRAND48));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)lr->splitseed));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(TesseraRandomPermutation(rnd, N, perm));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(PetscSortInt(Ntest, perm));
  PetscCall(PetscSortInt(N - Ntest, perm + Ntest));
  PetscCall(ISCreateGeneral(PETSC_COMM_SELF, Ntest, perm, PETSC_COPY_VALUES, &istest));
  PetscCall(ISCreateGeneral(PETSC_COMM_SELF, N - Ntest, perm + Ntest, PETSC_COPY_VALUES, &istrain));
  PetscCall(PetscFree(perm));
  PetscCall(ISCreateStride(PETSC_COMM_SELF, lr->d, 0, 1, &iscol));
  PetscCall(MatCreateSubMatrix(lr->Z, istest, iscol, MAT_INITIAL_MATRIX, &lr->Ztest));
  PetscCall(MatCreateSubMatrix(lr->Z, istrain, iscol, MAT_INITIAL_MATRIX, &Z));
  PetscCall(MatDestroy(&lr->Z));
  lr->Z = Z;
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, Ntest, &lr->ytest));
  PetscCall(VecDuplicate(lr->ytest, &lr->ttest));
  PetscCall(VecISCopy(lr->y, istest, SCATTER_REVERSE, lr->ytest));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, N - Ntest, &v));
  PetscCall(VecISCopy(lr->y, istrain, SCATTER_REVERSE, v));
  PetscCall(VecDestroy(&lr->y));
  lr->y = v;
  PetscCall(ISDestroy(&istest));
  PetscCall(ISDestroy(&istrain));
  PetscCall(ISDestroy(&iscol));
  lr->Ntest = Ntest;
  lr->N     = N - Ntest;
  PetscFunctionReturn(0);
}

/* Gaussian A, b of the seeded stream; rejects draws with ||A^+ b|| >= 1 (the constraints would miss the sphere) */
static PetscErrorCode LogRegDrawConstraints_Private(MPI_Comm comm, LogRegCtx *lr)
{
  PetscRandom  rnd;
  PetscInt     k = lr->k, d = lr->d, nr = k * d + k;
  PetscReal   *M, *rhs;
  PetscBLASInt bk, one = 1, info;

  PetscFunctionBegin;
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetType(rnd, PETSCRAND48));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)lr->seed));
  PetscCall(PetscRandomSeed(rnd));
  PetscCall(PetscMalloc2(k * k, &M, k, &rhs));
  PetscCall(PetscBLASIntCast(k, &bk));
  lr->apb = 0.0;
  for (lr->draws = 1; lr->draws <= lr->maxdraws; lr->draws++) {
    PetscReal *a = lr->A;

    for (PetscInt i = 0; i < nr; i += 2) {
      PetscReal u1, u2, rr, th;

      PetscCall(PetscRandomGetValueReal(rnd, &u1));
      PetscCall(PetscRandomGetValueReal(rnd, &u2));
      rr = PetscSqrtReal(-2.0 * PetscLogReal(1.0 - u1));
      th = 2 * PETSC_PI * u2;
      /* A then b, one stream */
      for (PetscInt q = 0; q < 2 && i + q < nr; q++) {
        PetscReal v = rr * (q ? PetscSinReal(th) : PetscCosReal(th));

        if (i + q < k * d) a[i + q] = v;
        else lr->b[i + q - k * d] = v;
      }
    }
    if (!k) break;
    /* ||A^+ b||^2 = b^T (A A^T)^{-1} b */
    for (PetscInt i = 0; i < k; i++) {
      rhs[i] = lr->b[i];
      for (PetscInt j = 0; j < k; j++) {
        PetscReal s = 0.0;

        for (PetscInt l = 0; l < d; l++) s += lr->A[i * d + l] * lr->A[j * d + l];
        M[i * k + j] = s;
      }
    }
    PetscCallBLAS("LAPACKpotrf", LAPACKpotrf_("L", &bk, M, &bk, &info));
    if (info) continue;
    PetscCallBLAS("LAPACKpotrs", LAPACKpotrs_("L", &bk, &one, M, &bk, rhs, &bk, &info));
    PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK potrs failed with info %d", (int)info);
    lr->apb = 0.0;
    for (PetscInt i = 0; i < k; i++) lr->apb += lr->b[i] * rhs[i];
    lr->apb = PetscSqrtReal(PetscMax(lr->apb, 0.0));
    if (lr->apb < 1.0) break;
  }
  PetscCall(PetscFree2(M, rhs));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCheck(lr->draws <= lr->maxdraws, comm, PETSC_ERR_ARG_OUTOFRANGE,
             "Infeasible constraint setup: in %" PetscInt_FMT " draws (-logreg_max_draws) of -logreg_seed %" PetscInt_FMT " the %" PetscInt_FMT " random constraints A x = b never met the unit sphere (||A^+ b|| >= 1, last %g) for d = %" PetscInt_FMT
             " features; use fewer -logreg_constraints",
             lr->maxdraws, lr->seed, k, (double)lr->apb, d);
  PetscFunctionReturn(0);
}

PetscErrorCode NLPProblemCreate_LogReg(NLPProblem nlp)
{
  LogRegCtx *lr;
  PetscInt   N, dfile, d = -1;
  PetscBool  dset;

  PetscFunctionBegin;
  PetscCall(PetscNew(&lr));
  nlp->data     = lr;
  nlp->destroy  = LogRegDestroy;
  lr->k         = 10;
  lr->seed      = 2023;
  lr->maxdraws  = 1000;
  lr->splitseed = 1;
  PetscOptionsBegin(nlp->comm, NULL, "Constrained logistic regression", "NLPProblem");
  PetscCall(PetscOptionsString("-logreg_data", "LIBSVM data file (default: heart_scale from tessera's data directory)", "logreg.c", lr->file, lr->file, sizeof(lr->file), NULL));
  PetscCall(TesseraOptionsIntInRange("-logreg_constraints", "Number k of random linear equality constraints", "logreg.c", lr->k, &lr->k, NULL, 0, LOGREG_MAX_FEATURES));
  PetscCall(TesseraOptionsIntInRange("-logreg_seed", "Seed of the Gaussian constraints A x = b", "logreg.c", lr->seed, &lr->seed, NULL, 0, PETSC_MAX_INT));
  PetscCall(TesseraOptionsIntInRange("-logreg_max_draws", "Number of draws of A, b tried before the setup is declared infeasible", "logreg.c", lr->maxdraws, &lr->maxdraws, NULL, 1, 1000000));
  PetscCall(TesseraOptionsIntInRange("-logreg_features", "Number of features d (default: the largest index in the file)", "logreg.c", d, &d, &dset, 1, LOGREG_MAX_FEATURES));
  PetscCall(PetscOptionsEnum("-logreg_labels", "Labels mapped to -1/+1 (pm1) or used as read (raw, the authors' code)", "logreg.c", LogRegLabelsTypes, (PetscEnum)lr->labels, (PetscEnum *)&lr->labels, NULL));
  PetscCall(TesseraOptionsRealInRange("-logreg_test_fraction", "Fraction of the samples held out as a test set (0: none)", "logreg.c", lr->testfrac, &lr->testfrac, NULL, 0.0, 0.9));
  PetscCall(TesseraOptionsIntInRange("-logreg_split_seed", "Seed of the random train/test split", "logreg.c", lr->splitseed, &lr->splitseed, NULL, 0, PETSC_MAX_INT));
  PetscOptionsEnd();
  if (!lr->file[0]) PetscCall(PetscStrncpy(lr->file, "heart_scale", sizeof(lr->file)));
  {
    char       *slash;
    PetscBool   here = PETSC_FALSE;
    PetscMPIInt rank;

    /* a bare name that is not a file in the working directory: one of tessera's data files */
    PetscCall(PetscStrchr(lr->file, '/', &slash));
    PetscCallMPI(MPI_Comm_rank(nlp->comm, &rank));
    if (!slash && !rank) PetscCall(PetscTestFile(lr->file, 'r', &here));
    PetscCallMPI(MPI_Bcast(&here, 1, MPIU_BOOL, 0, nlp->comm));
    if (!slash && !here) {
      char name[PETSC_MAX_PATH_LEN];

      PetscCall(PetscStrncpy(name, lr->file, sizeof(name)));
      PetscCall(TesseraFindDataFile(nlp->comm, name, "-logreg_data", lr->file, sizeof(lr->file)));
    }
  }
  PetscCall(TesseraLibSVMRead(nlp->comm, lr->file, &lr->Z, &lr->y));
  PetscCall(MatGetSize(lr->Z, &N, &dfile));
  PetscCheck(!dset || dfile <= d, nlp->comm, PETSC_ERR_FILE_UNEXPECTED, "Data %s: feature index %" PetscInt_FMT " is out of range: -logreg_features is %" PetscInt_FMT, lr->file, dfile, d);
  PetscCheck(dset || dfile <= LOGREG_MAX_FEATURES, nlp->comm, PETSC_ERR_FILE_UNEXPECTED, "Data %s: feature index %" PetscInt_FMT " is out of range: the dense Hessian of problem logreg takes at most %d features", lr->file, dfile, LOGREG_MAX_FEATURES);
  if (!dset) d = dfile;
  if (d > dfile) { /* more features than the file uses: widen Z with empty columns */
    Mat Zw;

    PetscCall(MatCreateSeqAIJ(PETSC_COMM_SELF, N, d, 0, NULL, &Zw));
    PetscCall(MatSetOption(Zw, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
    for (PetscInt i = 0; i < N; i++) {
      const PetscInt    *ci;
      const PetscScalar *vi;
      PetscInt           nz;

      PetscCall(MatGetRow(lr->Z, i, &nz, &ci, &vi));
      PetscCall(MatSetValues(Zw, 1, &i, nz, ci, vi, INSERT_VALUES));
      PetscCall(MatRestoreRow(lr->Z, i, &nz, &ci, &vi));
    }
    PetscCall(MatAssemblyBegin(Zw, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(Zw, MAT_FINAL_ASSEMBLY));
    PetscCall(MatDestroy(&lr->Z));
    lr->Z = Zw;
  }
  lr->N = N;
  lr->d = d;
  PetscCall(LogRegMapLabels_Private(nlp->comm, lr));
  if (lr->testfrac > 0) PetscCall(LogRegSplit_Private(nlp->comm, lr));
  PetscCheck(lr->k + 1 <= d, nlp->comm, PETSC_ERR_ARG_OUTOFRANGE, "Infeasible constraint setup: -logreg_constraints %" PetscInt_FMT " plus ||x||^2 = 1 are more constraints than the %" PetscInt_FMT " variables (features of %s)", lr->k, d, lr->file);
  PetscCall(PetscMalloc3(PetscMax(lr->k * d, 1), &lr->A, PetscMax(lr->k, 1), &lr->b, d, &lr->Hrow));
  PetscCall(LogRegDrawConstraints_Private(nlp->comm, lr));
  PetscCall(VecDuplicate(lr->y, &lr->t));
  PetscCall(VecDuplicate(lr->y, &lr->r));
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, d, &lr->gseq));
  nlp->n        = d;
  nlp->m        = lr->k + 1;
  nlp->hasfstar = PETSC_FALSE;
  nlp->setuptao = LogRegSetUpTao;
  nlp->report   = LogRegReport;
  PetscFunctionReturn(0);
}
