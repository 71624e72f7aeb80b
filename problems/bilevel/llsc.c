/*I "tessera.h" I*/
/*
   llsc.c - the LLSC toy of LV-HBA (lower level strongly convex, coupled linear equality constraints, from AiPOD),
   sizes -llsc_n (x, y in R^n) and -llsc_m (rows of A, H, B):

     F(x, y) = sin(c^T x + d^T y) + log(|x + y|^2 + 1),   f(x, y) = 1/2 |x - y|^2,   g(x, y) = A y + H x = 0,
     upper-level constraint B x = 0 (B: m/2 random rows and m - m/2 zero rows, rank m/2),

   entries of A, H, B, c, d uniform in [0, 1) from PetscRandom with seed -llsc_seed (the same on every process).
   S(x) = {y*(x)}, y*(x) = x - A^+ (A + H) x. The upper level is nonconvex: no closed-form solution; checkable are
   the lower-level gap |y - y*(x)| = sqrt(|P_null(A) (y - x)|^2 + |A^+ (A y + H x)|^2), the feasibility
   |B x| + |A y + H x| and F. C = {(x, y): B x = 0, A y + H x = 0} is projected exactly with an orthonormal basis Q of
   the row space of [B_nonzero 0; H A] (Householder QR): Proj_C v = v - Q Q^T v, on the gathered (x, y).

   Reference: Toy-example/LLSC of SUSTech-Optimization/LV-HBA (arXiv:2401.16164, section 5); the problem comes from
   AiPOD (Xiao, Lu, Chen, "Alternating projected SGD for equality-constrained bilevel optimization", AISTATS 2023).
*/
#include <bilevelproblemimpl.h>
#include <petscmat.h>
#include <petscblaslapack.h>

typedef struct {
  PetscInt     n, m, mb; /* sizes; mb = m/2 nonzero rows of B */
  PetscInt     seed;
  Mat          A, H, B;    /* m x n, MPI dense (rows like g, columns like x) */
  Vec          c, d;       /* size n, layout of x */
  Vec          w, u;       /* size n work, size m work */
  PetscScalar *Q;          /* 2n x (mb + m), orthonormal basis of the row space of the constraints of C */
  PetscScalar *QA, *RA;    /* n x m orthonormal basis of the row space of A, m x m triangular factor: A^T = QA RA */
  PetscScalar *v, *t;      /* size 2n and max(mb + m, n) work arrays */
  PetscScalar *rowbuf;     /* size n: one matrix row */
  VecScatter   sx;         /* gathers x-shaped Vecs on every process */
  Vec          xall, yall; /* sequential gathered copies */
  PetscInt     rs, re;     /* ownership range of x and y */
} LLSC;

/* Q <- orthonormal basis of the columns of the N x k column-major matrix Q (k <= N, full rank); R (k x k, column-major)
   receives the triangular factor when not NULL */
static PetscErrorCode LLSCOrthonormalize_Private(PetscInt N, PetscInt k, PetscScalar *Q, PetscScalar *R)
{
  PetscBLASInt bn, bk, lwork, info;
  PetscScalar *tau, *work, wq;

  PetscFunctionBegin;
  PetscCall(PetscBLASIntCast(N, &bn));
  PetscCall(PetscBLASIntCast(k, &bk));
  PetscCall(PetscMalloc1(k, &tau));
  lwork = -1;
  PetscCallBLAS("LAPACKgeqrf", LAPACKgeqrf_(&bn, &bk, Q, &bn, tau, &wq, &lwork, &info));
  PetscCall(PetscBLASIntCast((PetscInt)PetscRealPart(wq), &lwork));
  PetscCall(PetscMalloc1(lwork, &work));
  PetscCallBLAS("LAPACKgeqrf", LAPACKgeqrf_(&bn, &bk, Q, &bn, tau, work, &lwork, &info));
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK geqrf failed with info %d", (int)info);
  if (R)
    for (PetscInt j = 0; j < k; j++)
      for (PetscInt i = 0; i < k; i++) R[i + j * k] = i <= j ? Q[i + j * N] : 0;
  PetscCallBLAS("LAPACKorgqr", LAPACKorgqr_(&bn, &bk, &bk, Q, &bn, tau, work, &lwork, &info));
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK orgqr failed with info %d", (int)info);
  PetscCall(PetscFree(work));
  PetscCall(PetscFree(tau));
  PetscFunctionReturn(0);
}

/* v (length 2n, on every process) <- gathered (x, y) */
static PetscErrorCode LLSCGather_Private(LLSC *ll, Vec x, Vec y)
{
  const PetscScalar *a;

  PetscFunctionBegin;
  PetscCall(VecScatterBegin(ll->sx, x, ll->xall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(ll->sx, x, ll->xall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterBegin(ll->sx, y, ll->yall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(ll->sx, y, ll->yall, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(ll->xall, &a));
  PetscCall(PetscArraycpy(ll->v, a, ll->n));
  PetscCall(VecRestoreArrayRead(ll->xall, &a));
  PetscCall(VecGetArrayRead(ll->yall, &a));
  PetscCall(PetscArraycpy(ll->v + ll->n, a, ll->n));
  PetscCall(VecRestoreArrayRead(ll->yall, &a));
  PetscFunctionReturn(0);
}

/* v <- v - Q Q^T v for the N x k orthonormal Q (column-major), t work of length k */
static PetscErrorCode LLSCRemoveRange_Private(PetscInt N, PetscInt k, const PetscScalar *Q, PetscScalar *v, PetscScalar *t)
{
  PetscBLASInt bn, bk, one = 1;
  PetscScalar  s1 = 1, s0 = 0, sm = -1;

  PetscFunctionBegin;
  PetscCall(PetscBLASIntCast(N, &bn));
  PetscCall(PetscBLASIntCast(k, &bk));
  PetscCallBLAS("BLASgemv", BLASgemv_("T", &bn, &bk, &s1, Q, &bn, v, &one, &s0, t, &one));
  PetscCallBLAS("BLASgemv", BLASgemv_("N", &bn, &bk, &sm, Q, &bn, t, &one, &s1, v, &one));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCUpper(Bilevel bl, Vec x, Vec y, PetscReal *F, Vec gx, Vec gy, void *ctx)
{
  LLSC       *ll = (LLSC *)ctx;
  PetscScalar cx, dy, s;
  PetscReal   nrm;

  PetscFunctionBegin;
  PetscCall(VecDot(ll->c, x, &cx));
  PetscCall(VecDot(ll->d, y, &dy));
  PetscCall(VecWAXPY(ll->w, 1, x, y));
  PetscCall(VecNorm(ll->w, NORM_2, &nrm));
  s  = cx + dy;
  *F = PetscSinReal(PetscRealPart(s)) + PetscLogReal(nrm * nrm + 1);
  PetscCall(VecScale(ll->w, 2 / (nrm * nrm + 1)));
  PetscCall(VecWAXPY(gx, PetscCosReal(PetscRealPart(s)), ll->c, ll->w));
  PetscCall(VecWAXPY(gy, PetscCosReal(PetscRealPart(s)), ll->d, ll->w));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCLower(Bilevel bl, Vec x, Vec y, PetscReal *f, Vec gx, Vec gy, void *ctx)
{
  PetscReal nrm;

  PetscFunctionBegin;
  PetscCall(VecWAXPY(gx, -1, y, x));
  PetscCall(VecNorm(gx, NORM_2, &nrm));
  PetscCall(VecAXPBY(gy, -1, 0, gx));
  *f = 0.5 * nrm * nrm;
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCConstraints(Bilevel bl, Vec x, Vec y, Vec g, void *ctx)
{
  LLSC *ll = (LLSC *)ctx;

  PetscFunctionBegin;
  PetscCall(MatMult(ll->H, x, g));
  PetscCall(MatMultAdd(ll->A, y, g, g));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCJacobianTranspose(Bilevel bl, Vec x, Vec y, Vec lambda, Vec jx, Vec jy, void *ctx)
{
  LLSC *ll = (LLSC *)ctx;

  PetscFunctionBegin;
  PetscCall(MatMultTranspose(ll->H, lambda, jx));
  PetscCall(MatMultTranspose(ll->A, lambda, jy));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCProject(Bilevel bl, Vec x, Vec y, void *ctx)
{
  LLSC        *ll = (LLSC *)ctx;
  PetscScalar *a;

  PetscFunctionBegin;
  PetscCall(LLSCGather_Private(ll, x, y));
  PetscCall(LLSCRemoveRange_Private(2 * ll->n, ll->mb + ll->m, ll->Q, ll->v, ll->t));
  PetscCall(VecGetArrayWrite(x, &a));
  PetscCall(PetscArraycpy(a, ll->v + ll->rs, ll->re - ll->rs));
  PetscCall(VecRestoreArrayWrite(x, &a));
  PetscCall(VecGetArrayWrite(y, &a));
  PetscCall(PetscArraycpy(a, ll->v + ll->n + ll->rs, ll->re - ll->rs));
  PetscCall(VecRestoreArrayWrite(y, &a));
  PetscFunctionReturn(0);
}

/* gap = |y - y*(x)| = sqrt(|P_null(A) (y - x)|^2 + |A^+ (A y + H x)|^2) with A^+ = QA RA^{-T}; feas = |B x| + |A y + H x| */
static PetscErrorCode LLSCLowerGap(BilevelProblem prob, Bilevel bl, PetscReal *gap, PetscReal *feas, PetscBool *known)
{
  LLSC        *ll = (LLSC *)prob->data;
  Vec          x, y;
  PetscReal    bx, r, p2 = 0, a2 = 0;
  PetscBLASInt bm, one = 1, info;
  PetscScalar *ua;

  PetscFunctionBegin;
  PetscCall(BilevelGetSolution(bl, &x, &y));
  PetscCall(MatMult(ll->B, x, ll->u));
  PetscCall(VecNorm(ll->u, NORM_2, &bx));
  PetscCall(LLSCConstraints(bl, x, y, ll->u, ll));
  PetscCall(VecNorm(ll->u, NORM_2, &r));
  *feas = bx + r;
  /* |A^+ r|: gather r = A y + H x, solve RA^T s = r, |A^+ r| = |QA s| = |s| */
  PetscCall(LLSCGather_Private(ll, x, y));
  for (PetscInt i = 0; i < ll->n; i++) ll->v[ll->n + i] -= ll->v[i]; /* y - x */
  PetscCall(LLSCRemoveRange_Private(ll->n, ll->m, ll->QA, ll->v + ll->n, ll->t));
  for (PetscInt i = 0; i < ll->n; i++) p2 += PetscRealPart(ll->v[ll->n + i] * PetscConj(ll->v[ll->n + i]));
  {
    VecScatter sg;
    Vec        uall;

    PetscCall(VecScatterCreateToAll(ll->u, &sg, &uall));
    PetscCall(VecScatterBegin(sg, ll->u, uall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(sg, ll->u, uall, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecGetArray(uall, &ua));
    PetscCall(PetscBLASIntCast(ll->m, &bm));
    PetscCallBLAS("LAPACKtrtrs", LAPACKtrtrs_("U", "T", "N", &bm, &one, ll->RA, &bm, ua, &bm, &info));
    PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK trtrs failed with info %d", (int)info);
    for (PetscInt i = 0; i < ll->m; i++) a2 += PetscRealPart(ua[i] * PetscConj(ua[i]));
    PetscCall(VecRestoreArray(uall, &ua));
    PetscCall(VecScatterDestroy(&sg));
    PetscCall(VecDestroy(&uall));
  }
  *gap   = PetscSqrtReal(p2 + a2);
  *known = PETSC_TRUE;
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCSetUpSolver(BilevelProblem prob, Bilevel bl)
{
  LLSC        *ll = (LLSC *)prob->data;
  PetscRandom  rnd;
  PetscScalar *a;
  Vec          g;

  PetscFunctionBegin;
  /* starting point: uniform random (same on every process), projected onto C */
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)ll->seed + 1000));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt i = 0; i < 2 * ll->n; i++) PetscCall(PetscRandomGetValue(rnd, &ll->v[i]));
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecGetArrayWrite(prob->x, &a));
  PetscCall(PetscArraycpy(a, ll->v + ll->rs, ll->re - ll->rs));
  PetscCall(VecRestoreArrayWrite(prob->x, &a));
  PetscCall(VecGetArrayWrite(prob->y, &a));
  PetscCall(PetscArraycpy(a, ll->v + ll->n + ll->rs, ll->re - ll->rs));
  PetscCall(VecRestoreArrayWrite(prob->y, &a));
  PetscCall(LLSCProject(bl, prob->x, prob->y, ll));
  PetscCall(BilevelSetSolution(bl, prob->x, prob->y));
  PetscCall(BilevelSetUpperObjective(bl, NULL, NULL, LLSCUpper, ll));
  PetscCall(BilevelSetLowerObjective(bl, NULL, NULL, LLSCLower, ll));
  PetscCall(VecDuplicate(ll->u, &g));
  PetscCall(BilevelSetLowerConstraints(bl, g, BILEVEL_CONSTRAINT_EQUALITY, LLSCConstraints, ll));
  PetscCall(VecDestroy(&g));
  PetscCall(BilevelSetLowerConstraintsJacobianTranspose(bl, NULL, NULL, LLSCJacobianTranspose, ll));
  PetscCall(BilevelSetProjection(bl, LLSCProject, ll));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCView(BilevelProblem prob, PetscViewer viewer)
{
  LLSC *ll = (LLSC *)prob->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "LLSC toy: n = %" PetscInt_FMT ", m = %" PetscInt_FMT " (rank of B %" PetscInt_FMT "), seed %" PetscInt_FMT "; no closed form: lower-level gap |y - y*(x)| and feasibility |Bx| + |Ay + Hx| reported\n", ll->n,
                                   ll->m, ll->mb, ll->seed));
  PetscFunctionReturn(0);
}

static PetscErrorCode LLSCDestroy(BilevelProblem prob)
{
  LLSC *ll = (LLSC *)prob->data;

  PetscFunctionBegin;
  PetscCall(MatDestroy(&ll->A));
  PetscCall(MatDestroy(&ll->H));
  PetscCall(MatDestroy(&ll->B));
  PetscCall(VecDestroy(&ll->c));
  PetscCall(VecDestroy(&ll->d));
  PetscCall(VecDestroy(&ll->w));
  PetscCall(VecDestroy(&ll->u));
  PetscCall(VecDestroy(&ll->xall));
  PetscCall(VecDestroy(&ll->yall));
  PetscCall(VecScatterDestroy(&ll->sx));
  PetscCall(PetscFree6(ll->Q, ll->QA, ll->RA, ll->v, ll->t, ll->rowbuf));
  PetscCall(PetscFree(prob->data));
  PetscFunctionReturn(0);
}

PetscErrorCode BilevelProblemCreate_LLSC(BilevelProblem prob)
{
  LLSC        *ll;
  PetscRandom  rnd;
  PetscInt     n, m, mb, k, rs, re;
  PetscScalar *Af, *Hf, *Bf;

  PetscFunctionBegin;
  PetscCall(PetscNew(&ll));
  ll->n    = 100;
  ll->m    = 90;
  ll->seed = 1;
  PetscOptionsBegin(prob->comm, NULL, "LLSC toy bilevel problem", "");
  PetscCall(TesseraOptionsIntInRange("-llsc_n", "Dimension n of x and y", "llsc.c", ll->n, &ll->n, NULL, 1, PETSC_MAX_INT / 2));
  PetscCall(TesseraOptionsIntInRange("-llsc_m", "Rows m of A, H and B (m < n)", "llsc.c", ll->m, &ll->m, NULL, 1, PETSC_MAX_INT / 2));
  PetscCall(TesseraOptionsIntInRange("-llsc_seed", "Seed of the random data", "llsc.c", ll->seed, &ll->seed, NULL, 0, PETSC_MAX_INT));
  PetscOptionsEnd();
  PetscCheck(ll->n >= 2 && ll->m >= 1 && ll->m < ll->n, prob->comm, PETSC_ERR_ARG_OUTOFRANGE, "-llsc_n %" PetscInt_FMT " and -llsc_m %" PetscInt_FMT " need 1 <= m < n", ll->n, ll->m);
  n      = ll->n;
  m      = ll->m;
  ll->mb = mb = m / 2;
  k           = mb + m;
  PetscCall(PetscMalloc6(2 * n * k, &ll->Q, n * m, &ll->QA, m * m, &ll->RA, 2 * n, &ll->v, PetscMax(k, n), &ll->t, n, &ll->rowbuf));
  /* the data, identical on every process: A, H, B (first mb rows), c, d, column-major m x n */
  PetscCall(PetscMalloc3(m * n, &Af, m * n, &Hf, mb * n, &Bf));
  PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &rnd));
  PetscCall(PetscRandomSetSeed(rnd, (unsigned long)ll->seed));
  PetscCall(PetscRandomSeed(rnd));
  for (PetscInt i = 0; i < m * n; i++) PetscCall(PetscRandomGetValue(rnd, &Af[i]));
  for (PetscInt i = 0; i < m * n; i++) PetscCall(PetscRandomGetValue(rnd, &Hf[i]));
  for (PetscInt i = 0; i < mb * n; i++) PetscCall(PetscRandomGetValue(rnd, &Bf[i]));
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, n, &prob->x));
  PetscCall(VecDuplicate(prob->x, &prob->y));
  PetscCall(VecDuplicate(prob->x, &ll->c));
  PetscCall(VecDuplicate(prob->x, &ll->d));
  PetscCall(VecDuplicate(prob->x, &ll->w));
  PetscCall(VecGetOwnershipRange(prob->x, &rs, &re));
  ll->rs = rs;
  ll->re = re;
  for (PetscInt i = 0; i < n; i++) {
    PetscScalar cv, dv;

    PetscCall(PetscRandomGetValue(rnd, &cv));
    PetscCall(PetscRandomGetValue(rnd, &dv));
    if (i >= rs && i < re) {
      PetscCall(VecSetValue(ll->c, i, cv, INSERT_VALUES));
      PetscCall(VecSetValue(ll->d, i, dv, INSERT_VALUES));
    }
  }
  PetscCall(PetscRandomDestroy(&rnd));
  PetscCall(VecAssemblyBegin(ll->c));
  PetscCall(VecAssemblyEnd(ll->c));
  PetscCall(VecAssemblyBegin(ll->d));
  PetscCall(VecAssemblyEnd(ll->d));
  PetscCall(VecCreateMPI(prob->comm, PETSC_DECIDE, m, &ll->u));
  /* distributed matrices: owned rows, all columns */
  PetscCall(MatCreateDense(prob->comm, PETSC_DECIDE, re - rs, m, n, NULL, &ll->A));
  PetscCall(MatCreateDense(prob->comm, PETSC_DECIDE, re - rs, m, n, NULL, &ll->H));
  PetscCall(MatCreateDense(prob->comm, PETSC_DECIDE, re - rs, m, n, NULL, &ll->B));
  {
    PetscInt r0, r1, *cols;

    PetscCall(PetscMalloc1(n, &cols));
    for (PetscInt j = 0; j < n; j++) cols[j] = j;
    PetscCall(MatGetOwnershipRange(ll->A, &r0, &r1));
    for (PetscInt i = r0; i < r1; i++) {
      for (PetscInt j = 0; j < n; j++) ll->rowbuf[j] = Af[i + j * m];
      PetscCall(MatSetValues(ll->A, 1, &i, n, cols, ll->rowbuf, INSERT_VALUES));
      for (PetscInt j = 0; j < n; j++) ll->rowbuf[j] = Hf[i + j * m];
      PetscCall(MatSetValues(ll->H, 1, &i, n, cols, ll->rowbuf, INSERT_VALUES));
      for (PetscInt j = 0; j < n; j++) ll->rowbuf[j] = i < mb ? Bf[i + j * mb] : 0;
      PetscCall(MatSetValues(ll->B, 1, &i, n, cols, ll->rowbuf, INSERT_VALUES));
    }
    PetscCall(PetscFree(cols));
    PetscCall(MatAssemblyBegin(ll->A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(ll->A, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyBegin(ll->H, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(ll->H, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyBegin(ll->B, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(ll->B, MAT_FINAL_ASSEMBLY));
  }
  /* Q: basis of the row space of [B_nonzero 0; H A] (2n x k, columns = rows of the constraint matrix) */
  PetscCall(PetscArrayzero(ll->Q, 2 * n * k));
  for (PetscInt r = 0; r < mb; r++)
    for (PetscInt j = 0; j < n; j++) ll->Q[j + r * 2 * n] = Bf[r + j * mb];
  for (PetscInt r = 0; r < m; r++)
    for (PetscInt j = 0; j < n; j++) {
      ll->Q[j + (mb + r) * 2 * n]     = Hf[r + j * m];
      ll->Q[n + j + (mb + r) * 2 * n] = Af[r + j * m];
    }
  PetscCall(LLSCOrthonormalize_Private(2 * n, k, ll->Q, NULL));
  /* A^T = QA RA */
  for (PetscInt r = 0; r < m; r++)
    for (PetscInt j = 0; j < n; j++) ll->QA[j + r * n] = Af[r + j * m];
  PetscCall(LLSCOrthonormalize_Private(n, m, ll->QA, ll->RA));
  PetscCall(PetscFree3(Af, Hf, Bf));
  PetscCall(VecScatterCreateToAll(prob->x, &ll->sx, &ll->xall));
  PetscCall(VecDuplicate(ll->xall, &ll->yall));
  PetscCall(PetscObjectSetName((PetscObject)prob->x, "x"));
  PetscCall(PetscObjectSetName((PetscObject)prob->y, "y"));
  prob->data        = ll;
  prob->setupsolver = LLSCSetUpSolver;
  prob->lowergap    = LLSCLowerGap;
  prob->view        = LLSCView;
  prob->destroy     = LLSCDestroy;
  PetscFunctionReturn(0);
}
