/*
   alsketchutils.c - TAOALSKETCH internals: dense checks (Jacobian guard, Hessian modification, Frobenius norms),
   assembly of the Newton-KKT matrix, the gradient of the exact augmented Lagrangian merit, the history.
*/
#include <alsketchimpl.h>
#include <petscblaslapack.h>

/* all of a parallel matrix as a dense column-major array on every rank */
static PetscErrorCode TaoALSketchGatherDense_Private(Mat A, PetscReal **a)
{
  PetscInt   M, N;
  IS         isr, isc;
  Mat       *sub;
  PetscReal *d;

  PetscFunctionBegin;
  PetscCall(MatGetSize(A, &M, &N));
  PetscCall(ISCreateStride(PETSC_COMM_SELF, M, 0, 1, &isr));
  PetscCall(ISCreateStride(PETSC_COMM_SELF, N, 0, 1, &isc));
  PetscCall(MatCreateSubMatrices(A, 1, &isr, &isc, MAT_INITIAL_MATRIX, &sub));
  PetscCall(PetscCalloc1(M * N, &d));
  for (PetscInt i = 0; i < M; i++) {
    PetscInt           nc;
    const PetscInt    *cols;
    const PetscScalar *vals;

    PetscCall(MatGetRow(sub[0], i, &nc, &cols, &vals));
    for (PetscInt k = 0; k < nc; k++) d[i + cols[k] * M] = PetscRealPart(vals[k]);
    PetscCall(MatRestoreRow(sub[0], i, &nc, &cols, &vals));
  }
  PetscCall(MatDestroySubMatrices(1, &sub));
  PetscCall(ISDestroy(&isr));
  PetscCall(ISDestroy(&isc));
  *a = d;
  PetscFunctionReturn(0);
}

/* smallest eigenvalue of a symmetric k x k column-major matrix (overwritten) */
static PetscErrorCode TaoALSketchEigMin_Private(PetscInt k, PetscReal *s, PetscReal *lmin)
{
  PetscBLASInt bk, lwork, info;
  PetscReal   *w, *work;

  PetscFunctionBegin;
  PetscCall(PetscBLASIntCast(k, &bk));
  lwork = PetscMax(3 * bk, 1);
  PetscCall(PetscMalloc2(k, &w, lwork, &work));
#if defined(PETSC_USE_COMPLEX)
  SETERRQ(PETSC_COMM_SELF, PETSC_ERR_SUP, "TAOALSKETCH dense checks are implemented for real scalars");
#else
  PetscCallBLAS("LAPACKsyev", LAPACKsyev_("N", "U", &bk, s, &bk, w, work, &lwork, &info));
#endif
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK syev failed with info %d", (int)info);
  *lmin = w[0];
  PetscCall(PetscFree2(w, work));
  PetscCall(PetscLogFlops(9.0 * k * k * k));
  PetscFunctionReturn(0);
}

/*
  TaoALSketchDenseChecks_Private - at the current iterate: Frobenius norms of G and H (the Lagrangian Hessian),
  xi_G = lambda_min(G G^T) and the Hessian shift: xi_B + ||H||_F when n > m and lambda_min(Z^T H Z) < hessmodtol,
  Z a basis of null(G) from the full QR factorization of G^T. When xi_G is below the Jacobian guard and the step will be
  regularized, the test is on lambda_min(H) (B positive definite on the whole space, so that [B G^T; G -delta_c I] is
  quasi-definite). Done redundantly on every rank when n + m <= densemax.
*/
PetscErrorCode TaoALSketchDenseChecks_Private(Tao tao, Mat H, Mat G)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  PetscInt      n, m;

  PetscFunctionBegin;
  PetscCall(MatGetSize(G, &m, &n));
  PetscCall(MatNorm(G, NORM_FROBENIUS, &al->normG));
  PetscCall(MatNorm(H, NORM_FROBENIUS, &al->normH));
  al->shift = 0.0;
  al->xiG   = 1.0;
  al->normB = al->normH;
  if (n + m > al->densemax) {
    PetscCheck(al->accuracy != TAO_ALSKETCH_ACCURACY_PAPER, PetscObjectComm((PetscObject)tao), PETSC_ERR_SUP, "-tao_alsketch_accuracy paper needs the dense checks: n + m = %" PetscInt_FMT " exceeds -tao_alsketch_dense_max %" PetscInt_FMT, n + m,
               al->densemax);
    PetscFunctionReturn(0);
  }
  PetscCall(PetscLogEventBegin(TAOALSKETCH_Dense, tao, 0, 0, 0));
  {
    PetscReal *g, *h, *ggt, trace = 0.0;

    PetscCall(TaoALSketchGatherDense_Private(G, &g));
    PetscCall(TaoALSketchGatherDense_Private(H, &h));
    PetscCall(PetscMalloc1(m * m, &ggt));
    {
      PetscBLASInt bn, bm;
      PetscScalar  one = 1.0, zero = 0.0;

      PetscCall(PetscBLASIntCast(n, &bn));
      PetscCall(PetscBLASIntCast(m, &bm));
      PetscCallBLAS("BLASgemm", BLASgemm_("N", "T", &bm, &bm, &bn, &one, g, &bm, g, &bm, &zero, ggt, &bm)); /* G G^T */
      PetscCall(PetscLogFlops(2.0 * m * m * n));
    }
    PetscCall(TaoALSketchEigMin_Private(m, ggt, &al->xiG));
    PetscCall(PetscFree(ggt));
    if (al->xiG < al->jacguard && !al->guardabort) {
      PetscReal *hc, lmin;

      PetscCall(PetscMalloc1(n * n, &hc));
      PetscCall(PetscArraycpy(hc, h, n * n));
      PetscCall(TaoALSketchEigMin_Private(n, hc, &lmin));
      if (lmin < al->hessmodtol) al->shift = al->xib + al->normH;
      PetscCall(PetscFree(hc));
    } else if (n > m) {
      PetscReal   *q, *tau, *work, *zhz, *hz, lmin;
      PetscBLASInt bn, bm, lwork, info;

      PetscCall(PetscBLASIntCast(n, &bn));
      PetscCall(PetscBLASIntCast(m, &bm));
      lwork = 64 * bn;
      PetscCall(PetscCalloc3(n * n, &q, n, &tau, lwork, &work));
      for (PetscInt i = 0; i < n; i++)
        for (PetscInt j = 0; j < m; j++) q[i + j * n] = g[j + i * m]; /* G^T */
#if !defined(PETSC_USE_COMPLEX)
      PetscCallBLAS("LAPACKgeqrf", LAPACKgeqrf_(&bn, &bm, q, &bn, tau, work, &lwork, &info));
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK geqrf failed with info %d", (int)info);
      PetscCallBLAS("LAPACKorgqr", LAPACKorgqr_(&bn, &bn, &bm, q, &bn, tau, work, &lwork, &info));
      PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK orgqr failed with info %d", (int)info);
#endif
      PetscCall(PetscMalloc2(n * (n - m), &hz, (n - m) * (n - m), &zhz));
      {
        PetscBLASInt bz;
        PetscScalar  one = 1.0, zero = 0.0;

        PetscCall(PetscBLASIntCast(n - m, &bz));
        PetscCallBLAS("BLASgemm", BLASgemm_("N", "N", &bn, &bz, &bn, &one, h, &bn, q + m * n, &bn, &zero, hz, &bn));   /* H Z, Z = Q(:, m:n-1) */
        PetscCallBLAS("BLASgemm", BLASgemm_("T", "N", &bz, &bz, &bn, &one, q + m * n, &bn, hz, &bn, &zero, zhz, &bz)); /* Z^T H Z */
      }
      PetscCall(TaoALSketchEigMin_Private(n - m, zhz, &lmin));
      /* the authors' absolute threshold 1e-6 (paper, or given): on a problem whose Hessian is small by its scaling
         (CONTROL: h^2 alpha = 3.9e-9 for N = 15, alpha = 1e-6) it shifts a positive definite reduced Hessian by
         xi_B + ||H||_F and the steps shrink to nothing (KKT residual 0.0158 over thousands of iterations); adaptive
         mode shifts only a reduced Hessian that is not positive definite to round-off (<=: a zero Hessian too, HS9 at x0) */
      if (al->paper || al->hessmodtolset ? lmin < al->hessmodtol : lmin <= 1e-13 * al->normH) al->shift = al->xib + al->normH;
      PetscCall(PetscFree2(hz, zhz));
      PetscCall(PetscFree3(q, tau, work));
      PetscCall(PetscLogFlops(4.0 * n * n * n));
    }
    for (PetscInt i = 0; i < n; i++) trace += h[i + i * n];
    al->normB = PetscSqrtReal(PetscMax(al->normH * al->normH + 2 * al->shift * trace + n * al->shift * al->shift, 0.0));
    PetscCall(PetscFree(g));
    PetscCall(PetscFree(h));
  }
  PetscCall(PetscLogEventEnd(TAOALSKETCH_Dense, tao, 0, 0, 0));
  PetscFunctionReturn(0);
}

/*
  TaoALSketchAssembleKKT_Private - K = [B G^T; G -regc I] with B = H + shift I. Assembled AIJ when the blocks allow it
  (needed by Kaczmarz sketches and factorizations); otherwise, and with the block preconditioner, the MATNEST itself.
*/
PetscErrorCode TaoALSketchAssembleKKT_Private(Tao tao, Mat H, Mat G)
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;
  Mat           B  = H, Gt, blocks[4], nest;
  PetscBool     getrow;

  PetscFunctionBegin;
  PetscCall(PetscLogEventBegin(TAOALSKETCH_KKT, tao, 0, 0, 0));
  PetscCall(MatDestroy(&al->K));
  PetscCall(MatHasOperation(H, MATOP_GET_ROW, &getrow));
  if (al->shift > 0.0) {
    PetscCheck(getrow, PetscObjectComm((PetscObject)tao), PETSC_ERR_SUP, "The Hessian modification needs an assembled Hessian");
    PetscCall(MatDuplicate(H, MAT_COPY_VALUES, &B));
    PetscCall(MatShift(B, al->shift));
  }
  PetscCall(MatTranspose(G, MAT_INITIAL_MATRIX, &Gt));
  blocks[0] = B;
  blocks[1] = Gt;
  blocks[2] = G;
  blocks[3] = NULL;
  if (al->regc > 0.0) {
    PetscInt rs, re;

    if (!al->C) {
      PetscInt ml, m;

      PetscCall(VecGetLocalSize(tao->constraints_equality, &ml));
      PetscCall(VecGetSize(tao->constraints_equality, &m));
      PetscCall(MatCreateAIJ(PetscObjectComm((PetscObject)tao), ml, ml, m, m, 1, NULL, 0, NULL, &al->C));
    }
    PetscCall(MatGetOwnershipRange(al->C, &rs, &re));
    for (PetscInt i = rs; i < re; i++) PetscCall(MatSetValue(al->C, i, i, -al->regc, INSERT_VALUES));
    PetscCall(MatAssemblyBegin(al->C, MAT_FINAL_ASSEMBLY));
    PetscCall(MatAssemblyEnd(al->C, MAT_FINAL_ASSEMBLY));
    blocks[3] = al->C;
  }
  PetscCall(MatCreateNest(PetscObjectComm((PetscObject)tao), 2, NULL, 2, NULL, blocks, &nest));
  if (!al->isx) {
    IS isr[2];

    PetscCall(MatNestGetISs(nest, isr, NULL));
    PetscCall(ISDuplicate(isr[0], &al->isx));
    PetscCall(ISDuplicate(isr[1], &al->isl));
  }
  if (getrow && !(al->block && !al->useext)) { /* the block preconditioner needs only products with K (no continuation: K is not used after the line search's evaluations) */
    PetscCall(MatConvert(nest, MATAIJ, MAT_INITIAL_MATRIX, &al->K));
    PetscCall(MatDestroy(&nest));
  } else al->K = nest;
  PetscCall(MatSetOption(al->K, MAT_SYMMETRIC, PETSC_TRUE));
  if (B != H) PetscCall(MatDestroy(&B));
  PetscCall(MatDestroy(&Gt));
  PetscCall(PetscLogEventEnd(TAOALSKETCH_KKT, tao, 0, 0, 0));
  PetscFunctionReturn(0);
}

/*
  TaoALSketchMeritGradient_Private - gradient of L_{mu,nu}(x,lambda) = f + lambda^T c + mu/2 ||c||^2 + nu/2 ||grad_x L||^2:
      mx = gL + nu H gL + mu G^T c,   ml = c + nu G gL
  with H the Hessian of the Lagrangian (never the objective Hessian alone); Hg returns H gL.
*/
PetscErrorCode TaoALSketchMeritGradient_Private(Tao tao, Mat H, Mat G, Vec gL, Vec c, Vec Hg, PetscReal mu, PetscReal nu, Vec mx, Vec ml)
{
  PetscFunctionBegin;
  PetscCall(MatMultTranspose(G, c, mx));
  PetscCall(MatMult(H, gL, Hg));
  PetscCall(VecAXPBYPCZ(mx, 1.0, nu, mu, gL, Hg));
  PetscCall(MatMult(G, gL, ml));
  PetscCall(VecAYPX(ml, nu, c));
  PetscFunctionReturn(0);
}

PetscErrorCode TaoALSketchHistoryPush_Private(Tao tao, const PetscReal rec[])
{
  TAO_ALSKETCH *al = (TAO_ALSKETCH *)tao->data;

  PetscFunctionBegin;
  if (al->hlen == al->hmax) {
    PetscInt newmax = PetscMax(2 * al->hmax, 64);

    for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) {
      PetscReal *a;

      PetscCall(PetscMalloc1(newmax, &a));
      if (al->hlen) PetscCall(PetscArraycpy(a, al->hist[k], al->hlen));
      PetscCall(PetscFree(al->hist[k]));
      al->hist[k] = a;
    }
    al->hmax = newmax;
  }
  for (PetscInt k = 0; k < TAO_ALSKETCH_HISTORY_NFIELDS; k++) al->hist[k][al->hlen] = rec[k];
  al->hlen++;
  PetscFunctionReturn(0);
}
