/*I "tesserasketch.h" I*/
/*
   KSPSKETCH - randomized sketch-and-project for a consistent linear system A z = b.

   Algorithm: at step j draw a random S_j (N x q) and project the iterate onto the sketched equations
   S_j^T A z = S_j^T b:

       z_{j+1} = z_j - A^T S_j (S_j^T A A^T S_j)^+ S_j^T (A z_j - b).

   Sketches: one Gaussian vector (GV), one coordinate vector e_i (randomized Kaczmarz, i uniform or with
   probability ||A_i||^2/||A||_F^2), or blocks of q of either. The pseudo-inverse of the q x q Gram matrix comes
   from its eigendecomposition (LAPACK syev).

   Randomness: one PetscRandom stream (rander48, seeded with -ksp_sketch_seed) replicated on every rank draws
   the row indices and one 52-bit key per Gaussian vector; the entry i of that vector is a counter-based hash of
   (key, global index i). The iterates therefore do not depend on the number of MPI ranks.

   References:
     R. M. Gower and P. Richtarik, Randomized iterative methods for linear systems, SIAM J. Matrix Anal. Appl.
       36(4):1660-1690, 2015, doi:10.1137/15M1025487.
     T. Strohmer and R. Vershynin, A randomized Kaczmarz algorithm with exponential convergence, J. Fourier
       Anal. Appl. 15:262-278, 2009, doi:10.1007/s00041-008-9030-4.
     I. Hong, S. Na, M. W. Mahoney and M. Kolar, Constrained optimization via exact augmented Lagrangian and
       randomized iterative sketching, ICML 2023, arXiv:2305.18379.
*/
#include <sketchimpl.h>

static TesseraPackage KSPSketchPackage = {.name = "kspsketch", .classid = &KSP_CLASSID};
#include <petscblaslapack.h>

const char *const KSPSketchTypes[]     = {"gaussian", "kaczmarz", "block_gaussian", "block_kaczmarz", "KSPSketchType", "KSP_SKETCH_", NULL};
const char *const KSPSketchSamplings[] = {"uniform", "rownorm", "KSPSketchSampling", "KSP_SKETCH_SAMPLING_", NULL};
PetscLogEvent     KSPSKETCH_Step;

static const char citation[] = "@article{GowerRichtarik2015,\n"
                               "  author  = {Robert M. Gower and Peter Richt\\'arik},\n"
                               "  title   = {Randomized Iterative Methods for Linear Systems},\n"
                               "  journal = {SIAM J. Matrix Anal. Appl.},\n"
                               "  volume  = {36},\n"
                               "  number  = {4},\n"
                               "  pages   = {1660--1690},\n"
                               "  year    = {2015}\n}\n";
static PetscBool  cited      = PETSC_FALSE;

/* splitmix64 finalizer: a bijective mixing of 64 bits */
static inline uint64_t KSPSketchMix_Private(uint64_t z)
{
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* uniform in (0,1] from (key, counter) */
static inline PetscReal KSPSketchUniform_Private(uint64_t key, uint64_t counter)
{
  uint64_t h = KSPSketchMix_Private(key + KSPSketchMix_Private(counter + 0x9e3779b97f4a7c15ULL));

  return ((PetscReal)(h >> 11) + 1.0) * (1.0 / 9007199254740992.0);
}

/* standard normal entry i of the Gaussian vector with this key (Box-Muller) */
static inline PetscReal KSPSketchGaussian_Private(uint64_t key, PetscInt i)
{
  PetscReal u1 = KSPSketchUniform_Private(key, 2 * (uint64_t)i), u2 = KSPSketchUniform_Private(key, 2 * (uint64_t)i + 1);

  return PetscSqrtReal(-2.0 * PetscLogReal(u1)) * PetscCosReal(2.0 * PETSC_PI * u2);
}

/* cumulative squared row norms of A, replicated on every rank (row-norm sampling) */
static PetscErrorCode KSPSketchRowNorms_Private(KSP ksp, Mat A)
{
  KSP_Sketch      *sk = (KSP_Sketch *)ksp->data;
  PetscObjectState state;
  PetscInt         rstart, rend, N, nloc;
  PetscReal       *loc;
  PetscMPIInt      size, *counts, *displs;
  MPI_Comm         comm = PetscObjectComm((PetscObject)ksp);

  PetscFunctionBegin;
  PetscCall(PetscObjectStateGet((PetscObject)A, &state));
  if (sk->cumnorm && state == sk->normstate) PetscFunctionReturn(0);
  {
    PetscBool getrow;

    PetscCall(MatHasOperation(A, MATOP_GET_ROW, &getrow));
    PetscCheck(getrow, comm, PETSC_ERR_SUP, "KSPSKETCH row-norm sampling needs an assembled matrix (MatGetRow()); use -ksp_sketch_sampling uniform");
  }
  PetscCall(MatGetSize(A, &N, NULL));
  PetscCall(MatGetOwnershipRange(A, &rstart, &rend));
  nloc = rend - rstart;
  PetscCall(PetscFree(sk->cumnorm));
  PetscCall(PetscMalloc1(N + 1, &sk->cumnorm));
  PetscCall(PetscMalloc1(nloc, &loc));
  for (PetscInt i = rstart; i < rend; i++) {
    PetscInt           ncols;
    const PetscScalar *vals;
    PetscReal          s = 0.0;

    PetscCall(MatGetRow(A, i, &ncols, NULL, &vals));
    for (PetscInt j = 0; j < ncols; j++) s += PetscRealPart(vals[j] * PetscConj(vals[j]));
    PetscCall(MatRestoreRow(A, i, &ncols, NULL, &vals));
    loc[i - rstart] = s;
  }
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(PetscMalloc2(size, &counts, size, &displs));
  {
    PetscMPIInt mloc;

    PetscCall(PetscMPIIntCast(nloc, &mloc));
    PetscCallMPI(MPI_Allgather(&mloc, 1, MPI_INT, counts, 1, MPI_INT, comm));
  }
  displs[0] = 0;
  for (PetscMPIInt p = 1; p < size; p++) displs[p] = displs[p - 1] + counts[p - 1];
  PetscCallMPI(MPI_Allgatherv(loc, (PetscMPIInt)nloc, MPIU_REAL, sk->cumnorm + 1, counts, displs, MPIU_REAL, comm));
  sk->cumnorm[0] = 0.0;
  for (PetscInt i = 1; i <= N; i++) sk->cumnorm[i] += sk->cumnorm[i - 1];
  PetscCheck(sk->cumnorm[N] > 0.0, comm, PETSC_ERR_ARG_WRONG, "KSPSKETCH: the operator is zero");
  PetscCall(PetscFree2(counts, displs));
  PetscCall(PetscFree(loc));
  sk->normstate = state;
  PetscFunctionReturn(0);
}

/* one value of the replicated stream; counted, so that KSPSketchGetStreamPosition() can report the position */
static inline PetscErrorCode KSPSketchRandom_Private(KSP_Sketch *sk, PetscReal *u)
{
  PetscFunctionBegin;
  PetscCall(PetscRandomGetValueReal(sk->rand, u));
  sk->ndraws++;
  PetscFunctionReturn(0);
}

/* seeds the stream with sk->seed and advances it by sk->ndraws values */
static PetscErrorCode KSPSketchSeedStream_Private(KSP_Sketch *sk)
{
  PetscReal u;

  PetscFunctionBegin;
  PetscCall(PetscRandomSetSeed(sk->rand, sk->seed));
  PetscCall(PetscRandomSeed(sk->rand));
  for (PetscInt64 i = 0; i < sk->ndraws; i++) PetscCall(PetscRandomGetValueReal(sk->rand, &u));
  PetscFunctionReturn(0);
}

/* draw one row index, the same on every rank */
static PetscErrorCode KSPSketchDrawRow_Private(KSP ksp, PetscInt N, PetscInt *row)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;
  PetscReal   u;

  PetscFunctionBegin;
  PetscCall(KSPSketchRandom_Private(sk, &u));
  if (sk->sampling == KSP_SKETCH_SAMPLING_UNIFORM) {
    *row = PetscMin((PetscInt)(u * N), N - 1);
  } else {
    PetscReal t  = u * sk->cumnorm[N];
    PetscInt  lo = 0, hi = N; /* find i with cumnorm[i] <= t < cumnorm[i+1] */

    while (hi - lo > 1) {
      PetscInt mid = (lo + hi) / 2;

      if (sk->cumnorm[mid] <= t) lo = mid;
      else hi = mid;
    }
    *row = lo;
  }
  PetscFunctionReturn(0);
}

/* fill the q sketch vectors S */
static PetscErrorCode KSPSketchDraw_Private(KSP ksp, PetscInt N)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;
  PetscInt    rstart, rend;
  PetscBool   gauss = (sk->type == KSP_SKETCH_GAUSSIAN || sk->type == KSP_SKETCH_BLOCK_GAUSSIAN) ? PETSC_TRUE : PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(VecGetOwnershipRange(sk->S[0], &rstart, &rend));
  for (PetscInt j = 0; j < sk->q; j++) {
    PetscScalar *s;

    PetscCall(VecGetArrayWrite(sk->S[j], &s));
    if (gauss) {
      PetscReal u;
      uint64_t  key;

      PetscCall(KSPSketchRandom_Private(sk, &u));
      key = (uint64_t)(u * 4503599627370496.0);
      for (PetscInt i = rstart; i < rend; i++) s[i - rstart] = KSPSketchGaussian_Private(key, i);
    } else {
      PetscInt row = 0;

      PetscCall(KSPSketchDrawRow_Private(ksp, N, &row));
      for (PetscInt i = rstart; i < rend; i++) s[i - rstart] = 0.0;
      if (row >= rstart && row < rend) s[row - rstart] = 1.0;
    }
    PetscCall(VecRestoreArrayWrite(sk->S[j], &s));
  }
  PetscFunctionReturn(0);
}

/* y = M^+ rhs for the q x q symmetric positive semidefinite Gram matrix M (overwritten); y returned in rhs */
static PetscErrorCode KSPSketchPseudoSolve_Private(KSP ksp)
{
  KSP_Sketch  *sk = (KSP_Sketch *)ksp->data;
  PetscInt     q  = sk->q;
  PetscBLASInt n, info;
  PetscReal    tol;

  PetscFunctionBegin;
  if (q == 1) {
    PetscReal m = PetscRealPart(sk->M[0]);

    sk->rhs[0] = m > 0.0 ? sk->rhs[0] / m : 0.0;
    PetscCall(PetscLogFlops(1.0));
    PetscFunctionReturn(0);
  }
  PetscCall(PetscBLASIntCast(q, &n));
#if defined(PETSC_USE_COMPLEX)
  SETERRQ(PetscObjectComm((PetscObject)ksp), PETSC_ERR_SUP, "Block sketches are implemented for real scalars only");
#else
  PetscCallBLAS("LAPACKsyev", LAPACKsyev_("V", "U", &n, sk->M, &n, sk->eig, sk->work, &sk->lwork, &info));
#endif
  PetscCheck(info == 0, PETSC_COMM_SELF, PETSC_ERR_LIB, "LAPACK syev failed with info %d", (int)info);
  tol = q * PETSC_MACHINE_EPSILON * PetscMax(PetscAbsReal(sk->eig[q - 1]), PETSC_SMALL * PETSC_MACHINE_EPSILON);
  {
    PetscScalar c[64], *cc = c;

    if (q > 64) PetscCall(PetscMalloc1(q, &cc));
    for (PetscInt k = 0; k < q; k++) {
      PetscScalar t = 0.0;

      for (PetscInt i = 0; i < q; i++) t += sk->M[i + k * q] * sk->rhs[i];
      cc[k] = sk->eig[k] > tol ? t / sk->eig[k] : 0.0;
    }
    for (PetscInt i = 0; i < q; i++) {
      PetscScalar t = 0.0;

      for (PetscInt k = 0; k < q; k++) t += sk->M[i + k * q] * cc[k];
      sk->rhs[i] = t;
    }
    if (q > 64) PetscCall(PetscFree(cc));
  }
  PetscCall(PetscLogFlops(9.0 * q * q * q + 4.0 * q * q));
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSetUp_Sketch(KSP ksp)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;
  PC          pc;
  PetscBool   isnone;

  PetscFunctionBegin;
  PetscCall(KSPGetPC(ksp, &pc));
  PetscCall(PetscObjectTypeCompare((PetscObject)pc, PCNONE, &isnone));
  PetscCheck(isnone, PetscObjectComm((PetscObject)ksp), PETSC_ERR_SUP, "KSPSKETCH sketches the unpreconditioned system: use -pc_type none");
  if (sk->type == KSP_SKETCH_GAUSSIAN || sk->type == KSP_SKETCH_KACZMARZ) sk->q = 1;
  PetscCall(VecDestroyVecs(sk->q, &sk->S));
  PetscCall(VecDestroyVecs(sk->q, &sk->W));
  PetscCall(VecDestroy(&sk->r));
  PetscCall(VecDestroy(&sk->d));
  PetscCall(PetscFree4(sk->M, sk->rhs, sk->eig, sk->work));
  PetscCall(KSPCreateVecs(ksp, sk->q, &sk->W, sk->q, &sk->S));
  PetscCall(VecDuplicate(sk->S[0], &sk->r));
  PetscCall(VecDuplicate(sk->S[0], &sk->d));
  PetscCall(PetscBLASIntCast(PetscMax(3 * sk->q, 1), &sk->lwork));
  PetscCall(PetscMalloc4(sk->q * sk->q, &sk->M, sk->q, &sk->rhs, sk->q, &sk->eig, sk->lwork, &sk->work));
  if (!sk->rand) {
    PetscCall(PetscRandomCreate(PETSC_COMM_SELF, &sk->rand));
    PetscCall(PetscRandomSetType(sk->rand, PETSCRANDER48));
    PetscCall(KSPSketchSeedStream_Private(sk)); /* at the position set by KSPSketchSetStreamPosition(), 0 otherwise */
  }
  PetscFunctionReturn(0);
}

/*
  KSPSketchFastSetUp_Private - for a sequential AIJ operator: A^T in CSR (unless A is known to be symmetric) and the
  squared row norms, cached on the operator's id and state
*/
static PetscErrorCode KSPSketchFastSetUp_Private(KSP ksp, Mat A, PetscInt N, const PetscInt *ia, const PetscInt *ja, const PetscScalar *aa, PetscBool symm)
{
  KSP_Sketch      *sk = (KSP_Sketch *)ksp->data;
  PetscObjectState state;
  PetscObjectId    id;

  PetscFunctionBegin;
  PetscCall(PetscObjectStateGet((PetscObject)A, &state));
  PetscCall(PetscObjectGetId((PetscObject)A, &id));
  if (sk->rn2 && id == sk->fastid && state == sk->faststate) PetscFunctionReturn(0);
  PetscCall(PetscFree3(sk->ti, sk->tj, sk->ta));
  PetscCall(PetscFree(sk->rn2));
  PetscCall(PetscMalloc1(N, &sk->rn2));
  for (PetscInt i = 0; i < N; i++) {
    PetscReal t = 0.0;

    for (PetscInt k = ia[i]; k < ia[i + 1]; k++) t += PetscRealPart(aa[k] * PetscConj(aa[k]));
    sk->rn2[i] = t;
  }
  if (!symm) {
    PetscInt nnz = ia[N], *cnt;

    PetscCall(PetscMalloc3(N + 1, &sk->ti, nnz, &sk->tj, nnz, &sk->ta));
    PetscCall(PetscCalloc1(N + 1, &cnt));
    for (PetscInt k = 0; k < nnz; k++) cnt[ja[k] + 1]++;
    for (PetscInt j = 0; j < N; j++) cnt[j + 1] += cnt[j];
    PetscCall(PetscArraycpy(sk->ti, cnt, N + 1));
    for (PetscInt i = 0; i < N; i++)
      for (PetscInt k = ia[i]; k < ia[i + 1]; k++) {
        PetscInt p = cnt[ja[k]]++;

        sk->tj[p] = i;
        sk->ta[p] = aa[k];
      }
    PetscCall(PetscFree(cnt));
  }
  sk->fastid    = id;
  sk->faststate = state;
  PetscFunctionReturn(0);
}

/* y = A x for CSR arrays */
static inline void KSPSketchCSRMult_Private(PetscInt N, const PetscInt *ia, const PetscInt *ja, const PetscScalar *aa, const PetscScalar *x, PetscScalar *y)
{
  for (PetscInt i = 0; i < N; i++) {
    PetscScalar t = 0.0;

    for (PetscInt k = ia[i]; k < ia[i + 1]; k++) t += aa[k] * x[ja[k]];
    y[i] = t;
  }
}

/*
  KSPSolve_Sketch_SeqAIJ - single-vector sketches (Gaussian, Kaczmarz) on one rank with an assembled AIJ operator:
  the same iterates as the general path (same random stream), on raw arrays without PETSc calls in the loop.
  A Kaczmarz step touches one row of A (and, without the true residual, the rows of A^T it meets).
*/
static PetscErrorCode KSPSolve_Sketch_SeqAIJ(KSP ksp, Mat A, PetscInt N)
{
  KSP_Sketch        *sk   = (KSP_Sketch *)ksp->data;
  PetscBool          kacz = sk->type == KSP_SKETCH_KACZMARZ ? PETSC_TRUE : PETSC_FALSE, symm = PETSC_FALSE, set, done;
  const PetscInt    *ia, *ja, *ti, *tj;
  const PetscScalar *aa, *ta, *b;
  PetscScalar       *x, *r, *s, *w, *v;
  PetscInt           n, nnz;
  PetscReal          rnorm = 0.0;
  PetscLogDouble     flops = 0.0;

  PetscFunctionBegin;
  PetscCall(MatIsSymmetricKnown(A, &set, &symm));
  symm = (set && symm) ? PETSC_TRUE : PETSC_FALSE;
  PetscCall(MatGetRowIJ(A, 0, PETSC_FALSE, PETSC_FALSE, &n, &ia, &ja, &done));
  PetscCheck(done, PETSC_COMM_SELF, PETSC_ERR_SUP, "KSPSKETCH: MatGetRowIJ() failed");
  PetscCall(MatSeqAIJGetArrayRead(A, &aa));
  PetscCall(KSPSketchFastSetUp_Private(ksp, A, N, ia, ja, aa, symm));
  ti  = symm ? ia : sk->ti;
  tj  = symm ? ja : sk->tj;
  ta  = symm ? aa : sk->ta;
  nnz = ia[N];
  PetscCall(VecGetArray(ksp->vec_sol, &x));
  PetscCall(VecGetArrayRead(ksp->vec_rhs, &b));
  PetscCall(VecGetArray(sk->r, &r));
  PetscCall(VecGetArray(sk->S[0], &s));
  PetscCall(VecGetArray(sk->W[0], &w));
  PetscCall(VecGetArray(sk->d, &v));
  if (ksp->guess_zero) {
    for (PetscInt i = 0; i < N; i++) {
      x[i] = 0.0;
      r[i] = -b[i];
    }
  } else {
    KSPSketchCSRMult_Private(N, ia, ja, aa, x, r);
    for (PetscInt i = 0; i < N; i++) r[i] -= b[i];
  }
  for (PetscInt i = 0; i < N; i++) rnorm += PetscRealPart(r[i] * PetscConj(r[i]));
  rnorm      = PetscSqrtReal(rnorm);
  ksp->its   = 0;
  ksp->rnorm = rnorm;
  PetscCall(KSPLogResidualHistory(ksp, rnorm));
  PetscCall((*ksp->converged)(ksp, 0, rnorm, &ksp->reason, ksp->cnvP));
  PetscCall(PetscLogEventBegin(KSPSKETCH_Step, ksp, 0, 0, 0));
  for (PetscInt it = 1; it <= ksp->max_it && !ksp->reason; it++) {
    PetscBool   full = (it % sk->resevery == 0) ? PETSC_TRUE : PETSC_FALSE;
    PetscScalar y    = 0.0;
    PetscReal   t    = 0.0;

    if (kacz) {
      PetscInt row = 0;

      PetscCall(KSPSketchDrawRow_Private(ksp, N, &row));
      /* A^T e_row is row `row` of A */
      if (sk->rn2[row] > 0.0) y = r[row] / sk->rn2[row];
      for (PetscInt k = ia[row]; k < ia[row + 1]; k++) x[ja[k]] -= y * PetscConj(aa[k]);
      flops += 2.0 * (ia[row + 1] - ia[row]) + 1.0;
      if (!full) {
        /* r -= y A A^T e_row: column j of A is row j of A^T */
        for (PetscInt k = ia[row]; k < ia[row + 1]; k++) {
          PetscScalar c = y * PetscConj(aa[k]);
          PetscInt    j = ja[k];

          for (PetscInt l = ti[j]; l < ti[j + 1]; l++) r[tj[l]] -= c * ta[l];
          flops += 2.0 * (ti[j + 1] - ti[j]) + 1.0;
        }
      }
    } else {
      PetscReal   u, ww = 0.0;
      PetscScalar sr = 0.0;
      uint64_t    key;

      PetscCall(KSPSketchRandom_Private(sk, &u));
      key = (uint64_t)(u * 4503599627370496.0);
      for (PetscInt i = 0; i < N; i++) s[i] = KSPSketchGaussian_Private(key, i);
      /* w = A^T s */
      KSPSketchCSRMult_Private(N, ti, tj, ta, s, w);
      for (PetscInt i = 0; i < N; i++) {
        sr += PetscConj(s[i]) * r[i];
        ww += PetscRealPart(w[i] * PetscConj(w[i]));
      }
      if (ww > 0.0) y = sr / ww;
      for (PetscInt i = 0; i < N; i++) x[i] -= y * w[i];
      flops += 2.0 * nnz + 7.0 * N + 1.0;
      if (!full) {
        KSPSketchCSRMult_Private(N, ia, ja, aa, w, v);
        for (PetscInt i = 0; i < N; i++) r[i] -= y * v[i];
        flops += 2.0 * nnz + 2.0 * N;
      }
    }
    if (full) {
      KSPSketchCSRMult_Private(N, ia, ja, aa, x, r);
      for (PetscInt i = 0; i < N; i++) r[i] -= b[i];
      flops += 2.0 * nnz + N;
    }
    t = 0.0;
    for (PetscInt i = 0; i < N; i++) t += PetscRealPart(r[i] * PetscConj(r[i]));
    rnorm = PetscSqrtReal(t);
    flops += 2.0 * N;
    sk->totalsteps++;
    ksp->its   = it;
    ksp->rnorm = rnorm;
    PetscCall(KSPLogResidualHistory(ksp, rnorm));
    if (full) PetscCall((*ksp->converged)(ksp, it, rnorm, &ksp->reason, ksp->cnvP));
  }
  PetscCall(PetscLogEventEnd(KSPSKETCH_Step, ksp, 0, 0, 0));
  PetscCall(PetscLogFlops(flops));
  PetscCall(VecRestoreArray(sk->d, &v));
  PetscCall(VecRestoreArray(sk->W[0], &w));
  PetscCall(VecRestoreArray(sk->S[0], &s));
  PetscCall(VecRestoreArray(sk->r, &r));
  PetscCall(VecRestoreArrayRead(ksp->vec_rhs, &b));
  PetscCall(VecRestoreArray(ksp->vec_sol, &x));
  PetscCall(MatSeqAIJRestoreArrayRead(A, &aa));
  PetscCall(MatRestoreRowIJ(A, 0, PETSC_FALSE, PETSC_FALSE, &n, &ia, &ja, &done));
  if (!ksp->reason) ksp->reason = KSP_DIVERGED_ITS;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSolve_Sketch(KSP ksp)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;
  Mat         A;
  Vec         x = ksp->vec_sol, b = ksp->vec_rhs;
  PetscInt    N, q                = sk->q;
  PetscReal   rnorm;
  PetscBool   kacz = (sk->type == KSP_SKETCH_KACZMARZ || sk->type == KSP_SKETCH_BLOCK_KACZMARZ) ? PETSC_TRUE : PETSC_FALSE;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(citation, &cited));
  PetscCall(PCGetOperators(ksp->pc, &A, NULL));
  PetscCall(MatGetSize(A, &N, NULL));
  if (kacz && sk->sampling == KSP_SKETCH_SAMPLING_ROWNORM) PetscCall(KSPSketchRowNorms_Private(ksp, A));
  {
    PetscMPIInt size;
    PetscBool   seqaij;

    /* one rank, assembled AIJ, single-vector sketch, no monitors: raw arrays (-ksp_sketch_fast 0 to compare) */
    PetscCallMPI(MPI_Comm_size(PetscObjectComm((PetscObject)ksp), &size));
    PetscCall(PetscObjectTypeCompare((PetscObject)A, MATSEQAIJ, &seqaij));
    if (sk->fast && size == 1 && seqaij && q == 1 && !ksp->numbermonitors) {
      PetscCall(KSPSolve_Sketch_SeqAIJ(ksp, A, N));
      PetscFunctionReturn(0);
    }
  }
  if (ksp->guess_zero) {
    PetscCall(VecSet(x, 0.0));
    PetscCall(VecCopy(b, sk->r));
    PetscCall(VecScale(sk->r, -1.0));
  } else {
    PetscCall(MatMult(A, x, sk->r));
    PetscCall(VecAXPY(sk->r, -1.0, b));
  }
  PetscCall(VecNorm(sk->r, NORM_2, &rnorm));
  PetscCall(PetscObjectSAWsTakeAccess((PetscObject)ksp));
  ksp->its   = 0;
  ksp->rnorm = rnorm;
  PetscCall(PetscObjectSAWsGrantAccess((PetscObject)ksp));
  PetscCall(KSPLogResidualHistory(ksp, rnorm));
  PetscCall(KSPMonitor(ksp, 0, rnorm));
  PetscCall((*ksp->converged)(ksp, 0, rnorm, &ksp->reason, ksp->cnvP));
  for (PetscInt it = 1; it <= ksp->max_it && !ksp->reason; it++) {
    PetscCall(PetscLogEventBegin(KSPSKETCH_Step, ksp, 0, 0, 0));
    PetscCall(KSPSketchDraw_Private(ksp, N));
    for (PetscInt j = 0; j < q; j++) PetscCall(MatMultTranspose(A, sk->S[j], sk->W[j]));
    PetscCall(VecMDot(sk->r, q, sk->S, sk->rhs));
    for (PetscInt j = 0; j < q; j++) PetscCall(VecMDot(sk->W[j], q, sk->W, sk->M + j * q));
    PetscCall(KSPSketchPseudoSolve_Private(ksp));
    PetscCall(VecSet(sk->d, 0.0));
    PetscCall(VecMAXPY(sk->d, q, sk->rhs, sk->W));
    PetscCall(VecAXPY(x, -1.0, sk->d));
    if (it % sk->resevery == 0) {
      PetscCall(MatMult(A, x, sk->r));
      PetscCall(VecAXPY(sk->r, -1.0, b));
    } else {
      PetscCall(MatMult(A, sk->d, sk->S[0]));
      PetscCall(VecAXPY(sk->r, -1.0, sk->S[0]));
    }
    PetscCall(VecNorm(sk->r, NORM_2, &rnorm));
    PetscCall(PetscLogEventEnd(KSPSKETCH_Step, ksp, 0, 0, 0));
    sk->totalsteps++;
    PetscCall(PetscObjectSAWsTakeAccess((PetscObject)ksp));
    ksp->its   = it;
    ksp->rnorm = rnorm;
    PetscCall(PetscObjectSAWsGrantAccess((PetscObject)ksp));
    PetscCall(KSPLogResidualHistory(ksp, rnorm));
    PetscCall(KSPMonitor(ksp, it, rnorm));
    if (it % sk->resevery == 0) PetscCall((*ksp->converged)(ksp, it, rnorm, &ksp->reason, ksp->cnvP));
  }
  if (!ksp->reason) ksp->reason = KSP_DIVERGED_ITS;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPReset_Sketch(KSP ksp)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  PetscCall(VecDestroyVecs(sk->q, &sk->S));
  PetscCall(VecDestroyVecs(sk->q, &sk->W));
  PetscCall(VecDestroy(&sk->r));
  PetscCall(VecDestroy(&sk->d));
  PetscCall(PetscFree4(sk->M, sk->rhs, sk->eig, sk->work));
  PetscCall(PetscFree(sk->cumnorm));
  PetscCall(PetscFree3(sk->ti, sk->tj, sk->ta));
  PetscCall(PetscFree(sk->rn2));
  PetscCall(PetscRandomDestroy(&sk->rand));
  sk->ndraws = 0;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPDestroy_Sketch(KSP ksp)
{
  PetscFunctionBegin;
  PetscCall(KSPReset_Sketch(ksp));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetType_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetType_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetBlockSize_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetSampling_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetSeed_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetResidualEvery_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetTotalSteps_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetStreamPosition_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetStreamPosition_C", NULL));
  PetscCall(KSPDestroyDefault(ksp));
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPView_Sketch(KSP ksp, PetscViewer viewer)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;
  PetscBool   isascii;

  PetscFunctionBegin;
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "  sketch: %s, block size %" PetscInt_FMT ", sampling %s, seed %lu\n", KSPSketchTypes[sk->type], sk->q, KSPSketchSamplings[sk->sampling], sk->seed));
    PetscCall(PetscViewerASCIIPrintf(viewer, "  true residual every %" PetscInt_FMT " steps; %" PetscInt_FMT " sketch steps so far\n", sk->resevery, sk->totalsteps));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSetFromOptions_Sketch(KSP ksp, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  KSP_Sketch       *sk = (KSP_Sketch *)ksp->data;
  KSPSketchType     type;
  KSPSketchSampling sampling;
  PetscInt          q, k, seed = (PetscInt)sk->seed;
  PetscBool         flg;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "KSP sketch-and-project options");
  PetscCall(PetscOptionsEnum("-ksp_sketch_type", "Sketch drawn at each step", "KSPSketchSetType", KSPSketchTypes, (PetscEnum)sk->type, (PetscEnum *)&type, &flg));
  if (flg) PetscCall(KSPSketchSetType(ksp, type));
  PetscCall(TesseraOptionsIntInRange("-ksp_sketch_block_size", "Number of vectors q in a block sketch", "KSPSketchSetBlockSize", sk->q, &q, &flg, 1, 4096));
  if (flg) PetscCall(KSPSketchSetBlockSize(ksp, q));
  PetscCall(PetscOptionsEnum("-ksp_sketch_sampling", "Row distribution of Kaczmarz sketches", "KSPSketchSetSampling", KSPSketchSamplings, (PetscEnum)sk->sampling, (PetscEnum *)&sampling, &flg));
  if (flg) PetscCall(KSPSketchSetSampling(ksp, sampling));
  PetscCall(TesseraOptionsIntInRange("-ksp_sketch_seed", "Seed of the random stream", "KSPSketchSetSeed", seed, &seed, &flg, 0, PETSC_MAX_INT));
  if (flg) PetscCall(KSPSketchSetSeed(ksp, (unsigned long)seed));
  PetscCall(TesseraOptionsIntInRange("-ksp_sketch_residual_every", "Recompute the true residual every k steps", "KSPSketchSetResidualEvery", sk->resevery, &k, &flg, 1, PETSC_MAX_INT));
  if (flg) PetscCall(KSPSketchSetResidualEvery(ksp, k));
  PetscCall(PetscOptionsBool("-ksp_sketch_fast", "Raw-array loop for one rank and an assembled AIJ operator", "", sk->fast, &sk->fast, NULL));
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetType_Sketch(KSP ksp, KSPSketchType type)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  if (type != sk->type) ksp->setupstage = KSP_SETUP_NEW;
  sk->type = type;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchGetType_Sketch(KSP ksp, KSPSketchType *type)
{
  PetscFunctionBegin;
  *type = ((KSP_Sketch *)ksp->data)->type;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetBlockSize_Sketch(KSP ksp, PetscInt q)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  PetscCheck(q >= 1, PetscObjectComm((PetscObject)ksp), PETSC_ERR_ARG_OUTOFRANGE, "Sketch block size %" PetscInt_FMT " must be positive", q);
  if (q != sk->q) {
    PetscCall(KSPReset_Sketch(ksp));
    ksp->setupstage = KSP_SETUP_NEW;
  }
  sk->q = q;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetSampling_Sketch(KSP ksp, KSPSketchSampling sampling)
{
  PetscFunctionBegin;
  ((KSP_Sketch *)ksp->data)->sampling = sampling;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetSeed_Sketch(KSP ksp, unsigned long seed)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  sk->seed   = seed;
  sk->ndraws = 0;
  if (sk->rand) PetscCall(KSPSketchSeedStream_Private(sk));
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchGetStreamPosition_Sketch(KSP ksp, unsigned long *seed, PetscInt64 *draws)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  if (seed) *seed = sk->seed;
  if (draws) *draws = sk->ndraws;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetStreamPosition_Sketch(KSP ksp, unsigned long seed, PetscInt64 draws)
{
  KSP_Sketch *sk = (KSP_Sketch *)ksp->data;

  PetscFunctionBegin;
  PetscCheck(draws >= 0, PetscObjectComm((PetscObject)ksp), PETSC_ERR_ARG_OUTOFRANGE, "Stream position %" PetscInt64_FMT " must be nonnegative", draws);
  sk->seed   = seed;
  sk->ndraws = draws;
  if (sk->rand) PetscCall(KSPSketchSeedStream_Private(sk));
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchSetResidualEvery_Sketch(KSP ksp, PetscInt k)
{
  PetscFunctionBegin;
  PetscCheck(k >= 1, PetscObjectComm((PetscObject)ksp), PETSC_ERR_ARG_OUTOFRANGE, "Residual interval %" PetscInt_FMT " must be positive", k);
  ((KSP_Sketch *)ksp->data)->resevery = k;
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchGetTotalSteps_Sketch(KSP ksp, PetscInt *steps)
{
  PetscFunctionBegin;
  *steps = ((KSP_Sketch *)ksp->data)->totalsteps;
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetType - Sets the random sketch of `KSPSKETCH`

  Logically Collective

  Input Parameters:
+ ksp  - the solver
- type - `KSP_SKETCH_GAUSSIAN`, `KSP_SKETCH_KACZMARZ`, `KSP_SKETCH_BLOCK_GAUSSIAN` or `KSP_SKETCH_BLOCK_KACZMARZ`

  Options Database Key:
. -ksp_sketch_type <gaussian> - gaussian, kaczmarz, block_gaussian, block_kaczmarz

  Level: intermediate

  Notes:
  Gaussian sketches need only `MatMult()` and `MatMultTranspose()`; Kaczmarz sketches with row-norm sampling
  need `MatGetRow()` (an assembled matrix).

.seealso: `KSPSKETCH`, `KSPSketchSetBlockSize()`, `KSPSketchSetSampling()`
@*/
PetscErrorCode KSPSketchSetType(KSP ksp, KSPSketchType type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(ksp, type, 2);
  PetscTryMethod(ksp, "KSPSketchSetType_C", (KSP, KSPSketchType), (ksp, type));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchGetType - Gets the random sketch of `KSPSKETCH`

  Not Collective

  Input Parameter:
. ksp - the solver

  Output Parameter:
. type - the sketch type

  Level: intermediate

.seealso: `KSPSKETCH`, `KSPSketchSetType()`
@*/
PetscErrorCode KSPSketchGetType(KSP ksp, KSPSketchType *type)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  TesseraValidPointer(type, 2);
  PetscUseMethod(ksp, "KSPSketchGetType_C", (KSP, KSPSketchType *), (ksp, type));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetBlockSize - Sets the number q of sketch vectors of the block sketches

  Logically Collective

  Input Parameters:
+ ksp - the solver
- q   - the block size

  Options Database Key:
. -ksp_sketch_block_size <q> - the block size

  Level: intermediate

.seealso: `KSPSKETCH`, `KSPSketchSetType()`
@*/
PetscErrorCode KSPSketchSetBlockSize(KSP ksp, PetscInt q)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscValidLogicalCollectiveInt(ksp, q, 2);
  PetscTryMethod(ksp, "KSPSketchSetBlockSize_C", (KSP, PetscInt), (ksp, q));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetSampling - Sets the row distribution of the Kaczmarz sketches

  Logically Collective

  Input Parameters:
+ ksp      - the solver
- sampling - `KSP_SKETCH_SAMPLING_UNIFORM` (default) or `KSP_SKETCH_SAMPLING_ROWNORM`

  Options Database Key:
. -ksp_sketch_sampling <uniform> - uniform or rownorm

  Level: intermediate

.seealso: `KSPSKETCH`, `KSPSketchSetType()`
@*/
PetscErrorCode KSPSketchSetSampling(KSP ksp, KSPSketchSampling sampling)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscValidLogicalCollectiveEnum(ksp, sampling, 2);
  PetscTryMethod(ksp, "KSPSketchSetSampling_C", (KSP, KSPSketchSampling), (ksp, sampling));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetSeed - Seeds (and restarts) the random stream of `KSPSKETCH`

  Logically Collective

  Input Parameters:
+ ksp  - the solver
- seed - the seed

  Options Database Key:
. -ksp_sketch_seed <seed> - the seed

  Level: intermediate

  Notes:
  The same seed gives the same iterates on any number of MPI ranks (up to rounding).

.seealso: `KSPSKETCH`
@*/
PetscErrorCode KSPSketchSetSeed(KSP ksp, unsigned long seed)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscTryMethod(ksp, "KSPSketchSetSeed_C", (KSP, unsigned long), (ksp, seed));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetResidualEvery - Sets how often the true residual A z - b is recomputed (it is updated by a
  recurrence in between, and convergence is tested only on true residuals)

  Logically Collective

  Input Parameters:
+ ksp - the solver
- k   - the interval (1 recomputes it after every step)

  Options Database Key:
. -ksp_sketch_residual_every <1> - the interval

  Level: advanced

.seealso: `KSPSKETCH`
@*/
PetscErrorCode KSPSketchSetResidualEvery(KSP ksp, PetscInt k)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscValidLogicalCollectiveInt(ksp, k, 2);
  PetscTryMethod(ksp, "KSPSketchSetResidualEvery_C", (KSP, PetscInt), (ksp, k));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchGetTotalSteps - Gets the number of sketch steps taken over all solves

  Not Collective

  Input Parameter:
. ksp - the solver

  Output Parameter:
. steps - the count

  Level: intermediate

.seealso: `KSPSKETCH`
@*/
PetscErrorCode KSPSketchGetTotalSteps(KSP ksp, PetscInt *steps)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  TesseraValidPointer(steps, 2);
  PetscUseMethod(ksp, "KSPSketchGetTotalSteps_C", (KSP, PetscInt *), (ksp, steps));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchGetStreamPosition - Gets the position of the random stream of `KSPSKETCH`: its seed and the number of
  values drawn since it was seeded

  Not Collective

  Input Parameter:
. ksp - the solver

  Output Parameters:
+ seed  - the seed (or NULL)
- draws - the number of values drawn (or NULL)

  Level: advanced

  Notes:
  With `KSPSketchSetStreamPosition()` a later run continues the stream where this one stands, so that it draws the
  same sketches (used by the checkpoints of `TAOALSKETCH`).

.seealso: `KSPSKETCH`, `KSPSketchSetStreamPosition()`, `KSPSketchSetSeed()`
@*/
PetscErrorCode KSPSketchGetStreamPosition(KSP ksp, unsigned long *seed, PetscInt64 *draws)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscUseMethod(ksp, "KSPSketchGetStreamPosition_C", (KSP, unsigned long *, PetscInt64 *), (ksp, seed, draws));
  PetscFunctionReturn(0);
}

/*@
  KSPSketchSetStreamPosition - Seeds the random stream of `KSPSKETCH` and advances it by a number of values

  Logically Collective

  Input Parameters:
+ ksp   - the solver
. seed  - the seed
- draws - the number of values to skip, from `KSPSketchGetStreamPosition()`

  Level: advanced

  Notes:
  The cost is that of drawing the skipped values (a few nanoseconds each).

.seealso: `KSPSKETCH`, `KSPSketchGetStreamPosition()`, `KSPSketchSetSeed()`
@*/
PetscErrorCode KSPSketchSetStreamPosition(KSP ksp, unsigned long seed, PetscInt64 draws)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(ksp, KSP_CLASSID, 1);
  PetscTryMethod(ksp, "KSPSketchSetStreamPosition_C", (KSP, unsigned long, PetscInt64), (ksp, seed, draws));
  PetscFunctionReturn(0);
}

/*MC
  KSPSKETCH - "sketch": randomized sketch-and-project solver for consistent linear systems A z = b

  Options Database Keys:
+ -ksp_sketch_type <gaussian>     - gaussian, kaczmarz, block_gaussian, block_kaczmarz
. -ksp_sketch_block_size <q>      - vectors per block sketch
. -ksp_sketch_sampling <uniform>  - uniform or rownorm row sampling for Kaczmarz sketches
. -ksp_sketch_fast <true>         - raw-array loop on one rank with an assembled AIJ operator (single-vector sketches)
. -ksp_sketch_seed <0>            - seed of the random stream
- -ksp_sketch_residual_every <1>  - recompute the true residual every k steps

  Level: intermediate

  Notes:
  Step j: z <- z - A^T S (S^T A A^T S)^+ S^T (A z - b). It converges linearly in expectation for any consistent
  system; the rate is set by the smallest nonzero eigenvalue of E[A^T S (S^T A A^T S)^+ S^T A], e.g.
  sigma_min(A)^2/||A||_F^2 for row-norm Kaczmarz. The preconditioner must be `PCNONE`. Each step logs its flops,
  so -log_view reports the cost.

  References: Gower and Richtarik, SIAM J. Matrix Anal. Appl. 36 (2015); Strohmer and Vershynin, J. Fourier
  Anal. Appl. 15 (2009).

.seealso: `KSPSketchSetType()`, `KSPSketchSetSampling()`, `KSPSketchSetSeed()`, `TAOALSKETCH`
M*/
PetscErrorCode KSPCreate_Sketch(KSP ksp)
{
  KSP_Sketch *sk;
  PC          pc;

  PetscFunctionBegin;
  PetscCall(PetscNew(&sk));
  sk->type     = KSP_SKETCH_GAUSSIAN;
  sk->sampling = KSP_SKETCH_SAMPLING_UNIFORM;
  sk->q        = 1;
  sk->resevery = 1;
  sk->seed     = 0;
  sk->fast     = PETSC_TRUE;
  ksp->data    = (void *)sk;
  PetscCall(KSPSetSupportedNorm(ksp, KSP_NORM_UNPRECONDITIONED, PC_LEFT, 3));
  PetscCall(KSPSetSupportedNorm(ksp, KSP_NORM_NONE, PC_LEFT, 1));
  PetscCall(KSPSetTolerances(ksp, PETSC_DEFAULT, PETSC_DEFAULT, PETSC_DEFAULT, 100000));
  PetscCall(KSPGetPC(ksp, &pc));
  if (!((PetscObject)pc)->type_name) PetscCall(PCSetType(pc, PCNONE));
  ksp->ops->setup          = KSPSetUp_Sketch;
  ksp->ops->solve          = KSPSolve_Sketch;
  ksp->ops->reset          = KSPReset_Sketch;
  ksp->ops->destroy        = KSPDestroy_Sketch;
  ksp->ops->view           = KSPView_Sketch;
  ksp->ops->setfromoptions = KSPSetFromOptions_Sketch;
  ksp->ops->buildsolution  = KSPBuildSolutionDefault;
  ksp->ops->buildresidual  = KSPBuildResidualDefault;
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetType_C", KSPSketchSetType_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetType_C", KSPSketchGetType_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetBlockSize_C", KSPSketchSetBlockSize_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetSampling_C", KSPSketchSetSampling_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetSeed_C", KSPSketchSetSeed_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetResidualEvery_C", KSPSketchSetResidualEvery_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetTotalSteps_C", KSPSketchGetTotalSteps_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchGetStreamPosition_C", KSPSketchGetStreamPosition_Sketch));
  PetscCall(PetscObjectComposeFunction((PetscObject)ksp, "KSPSketchSetStreamPosition_C", KSPSketchSetStreamPosition_Sketch));
  PetscFunctionReturn(0);
}

static PetscErrorCode KSPSketchInitializePackage_Hook(void)
{
  PetscFunctionBegin;
  PetscCall(KSPInitializePackage());
  PetscCall(KSPRegister(KSPSKETCH, KSPCreate_Sketch));
  PetscFunctionReturn(0);
}

/*@C
  KSPSketchInitializePackage - Registers KSPSKETCH and its log event; called by TesseraInitialize(), which no KSP routine can trigger

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode KSPSketchInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"KSPSketchStep", &KSPSKETCH_Step}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&KSPSketchPackage, NULL, events, KSPSketchInitializePackage_Hook));
  PetscFunctionReturn(0);
}
