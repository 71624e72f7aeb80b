/*I "tessera.h" I*/
/*
   neumannfft.c - (a I - b Lap_h)^{-1} with homogeneous Neumann conditions on a rectangle by FFTW cosine
   transforms.

   Method: on a cell-centred grid with M cells of width h per direction, the 3/5/7-point Neumann Laplacian
   Lap_h (zero flux through the boundary faces) is diagonalised by the type-II discrete cosine transform:
   cos(pi k (i + 1/2) / M), k = 0..M-1, with eigenvalues -(4/h^2) sin^2(pi k / (2M)). Hence
     u = DCT-III( DCT-II(f) / ((a + b sum_d lambda_k_d) prod_d 2 M_d) ),
   exact for the discrete operator (the finite-volume operators of the chemotaxis solver), O(N log N).
   FFTW's REDFT10 is DCT-II and REDFT01 its unnormalised inverse (scale 2M per direction).

   The plans are made once at creation (FFTW_ESTIMATE, so no array is overwritten) and executed in every
   MatMult; the grid is gathered in natural ordering on rank 0, transformed there and scattered back, which
   gives results independent of the number of ranks.

   References: M. Frigo, S. G. Johnson, Proc. IEEE 93 (2005) 216-231 (FFTW); G. Strang, SIAM Rev. 41 (1999)
   135-147 (the discrete cosine transform, boundary conditions of DCT-II).
*/
#include <tesseraimpl.h>
#include <tesseraneumannfft.h>
#include <fftw3.h>

static TesseraPackage NeumannFFTPackage = {.name = "neumannfft", .classid = &MAT_CLASSID};

static PetscLogEvent MAT_NeumannFFTMult;

typedef struct {
  DM         da; /* grid (reference held) */
  PetscInt   dim, M[3];
  PetscReal  a, b;     /* operator a I - b Lap_h */
  PetscReal *lam[3];   /* eigenvalues of -Lap_h per direction, (4/h^2) sin^2(pi k / 2M) */
  PetscReal  scale;    /* 1 / prod_d 2 M_d */
  Vec        natural;  /* natural-ordering vector */
  Vec        seq;      /* whole grid on rank 0 (empty elsewhere) */
  VecScatter tozero;   /* natural -> seq */
  double    *work;     /* FFTW buffer on rank 0 */
  fftw_plan  fwd, bwd; /* REDFT10 and REDFT01, in place */
} NeumannFFT;

static PetscErrorCode MatMult_NeumannFFT(Mat A, Vec x, Vec y)
{
  NeumannFFT  *nf;
  PetscInt     n;
  PetscScalar *s;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &nf));
  PetscCall(PetscLogEventBegin(MAT_NeumannFFTMult, A, x, y, 0));
  PetscCall(DMDAGlobalToNaturalBegin(nf->da, x, INSERT_VALUES, nf->natural));
  PetscCall(DMDAGlobalToNaturalEnd(nf->da, x, INSERT_VALUES, nf->natural));
  PetscCall(VecScatterBegin(nf->tozero, nf->natural, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(nf->tozero, nf->natural, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetLocalSize(nf->seq, &n));
  if (n) {
    PetscInt Mx = nf->M[0], My = nf->M[1], Mz = nf->M[2];

    PetscCall(VecGetArray(nf->seq, &s));
    for (PetscInt i = 0; i < n; i++) nf->work[i] = s[i];
    fftw_execute(nf->fwd);
    for (PetscInt k = 0; k < Mz; k++) {
      for (PetscInt j = 0; j < My; j++) {
        for (PetscInt i = 0; i < Mx; i++) {
          PetscReal lam = nf->lam[0][i] + (nf->dim > 1 ? nf->lam[1][j] : 0) + (nf->dim > 2 ? nf->lam[2][k] : 0);

          nf->work[(k * My + j) * Mx + i] *= nf->scale / (nf->a + nf->b * lam);
        }
      }
    }
    fftw_execute(nf->bwd);
    for (PetscInt i = 0; i < n; i++) s[i] = nf->work[i];
    PetscCall(VecRestoreArray(nf->seq, &s));
    PetscCall(PetscLogFlops(10.0 * n * PetscLog2Real((PetscReal)n) + 3.0 * n));
  }
  PetscCall(VecScatterBegin(nf->tozero, nf->seq, nf->natural, INSERT_VALUES, SCATTER_REVERSE));
  PetscCall(VecScatterEnd(nf->tozero, nf->seq, nf->natural, INSERT_VALUES, SCATTER_REVERSE));
  PetscCall(DMDANaturalToGlobalBegin(nf->da, nf->natural, INSERT_VALUES, y));
  PetscCall(DMDANaturalToGlobalEnd(nf->da, nf->natural, INSERT_VALUES, y));
  PetscCall(PetscLogEventEnd(MAT_NeumannFFTMult, A, x, y, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatDestroy_NeumannFFT(Mat A)
{
  NeumannFFT *nf;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &nf));
  if (nf->work) {
    fftw_destroy_plan(nf->fwd);
    fftw_destroy_plan(nf->bwd);
    fftw_free(nf->work);
  }
  for (PetscInt d = 0; d < nf->dim; d++) PetscCall(PetscFree(nf->lam[d]));
  PetscCall(VecScatterDestroy(&nf->tozero));
  PetscCall(VecDestroy(&nf->seq));
  PetscCall(VecDestroy(&nf->natural));
  PetscCall(DMDestroy(&nf->da));
  PetscCall(PetscFree(nf));
  PetscFunctionReturn(0);
}

/*@C
  MatCreateNeumannFFT - Creates a shell matrix that applies (a I - b Lap_h)^{-1}, Lap_h the cell-centred
  Neumann Laplacian of a rectangular `DMDA`, by FFTW cosine transforms

  Collective

  Input Parameters:
+ da - a `DMDA` with one degree of freedom per cell, no periodic directions (1-D, 2-D or 3-D)
. L  - side lengths of the rectangle, one per direction (cell width h_d = L_d / M_d)
. a  - coefficient of the identity, a > 0
- b  - coefficient of the Laplacian, b >= 0

  Output Parameter:
. A - the shell matrix, acting on global vectors of da

  Level: intermediate

  Notes:
  The FFTW plans are made once here and reused by every `MatMult()`; `MatNeumannFFTSetCoefficients()` changes
  (a, b) without planning again. Lap_h u at cell i is sum_d (u_{i+e_d} - 2 u_i + u_{i-e_d}) / h_d^2 with the
  missing neighbour of a boundary cell replaced by u_i (zero boundary flux). The result is exact for this
  operator up to rounding. The grid is transformed on rank 0.

  Use it as a direct solver (`MatMult()`), or as a preconditioner matrix with `PCSHELL`/`PCMAT`.

.seealso: `MatNeumannFFTSetCoefficients()`, `MatNeumannFFTGetEigenvalue()`
@*/
PetscErrorCode MatCreateNeumannFFT(DM da, const PetscReal L[], PetscReal a, PetscReal b, Mat *A)
{
  NeumannFFT    *nf;
  PetscInt       dim, dof, m, M;
  DMBoundaryType bx, by, bz;
  MPI_Comm       comm;
  fftw_r2r_kind  kfwd[3] = {FFTW_REDFT10, FFTW_REDFT10, FFTW_REDFT10}, kbwd[3] = {FFTW_REDFT01, FFTW_REDFT01, FFTW_REDFT01};
  int            n[3];

  PetscFunctionBegin;
  PetscValidHeaderSpecific(da, DM_CLASSID, 1);
  TesseraValidPointer(L, 2);
  TesseraValidPointer(A, 5);
  PetscCall(MatNeumannFFTInitializePackage());
  PetscCall(PetscObjectGetComm((PetscObject)da, &comm));
  PetscCheck(PetscDefined(USE_REAL_DOUBLE) && !PetscDefined(USE_COMPLEX), comm, PETSC_ERR_SUP, "MatCreateNeumannFFT() needs real double precision PETSc");
  PetscCall(PetscNew(&nf));
  PetscCall(DMDAGetInfo(da, &dim, &nf->M[0], &nf->M[1], &nf->M[2], NULL, NULL, NULL, &dof, NULL, &bx, &by, &bz, NULL));
  PetscCheck(dof == 1, comm, PETSC_ERR_ARG_WRONG, "MatCreateNeumannFFT() needs a DMDA with one dof per cell, not %" PetscInt_FMT, dof);
  PetscCheck(bx != DM_BOUNDARY_PERIODIC && by != DM_BOUNDARY_PERIODIC && bz != DM_BOUNDARY_PERIODIC, comm, PETSC_ERR_ARG_WRONG, "MatCreateNeumannFFT() needs a non-periodic DMDA");
  nf->dim = dim;
  for (PetscInt d = dim; d < 3; d++) nf->M[d] = 1;
  nf->scale = 1.0;
  for (PetscInt d = 0; d < dim; d++) {
    PetscReal h = L[d] / nf->M[d];

    PetscCheck(L[d] > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Side length %g in direction %" PetscInt_FMT " must be positive", (double)L[d], d);
    PetscCall(PetscMalloc1(nf->M[d], &nf->lam[d]));
    for (PetscInt k = 0; k < nf->M[d]; k++) {
      PetscReal s = PetscSinReal(PETSC_PI * k / (2.0 * nf->M[d]));

      nf->lam[d][k] = 4.0 * s * s / (h * h);
    }
    nf->scale /= 2.0 * nf->M[d];
    n[dim - 1 - d] = (int)nf->M[d]; /* FFTW wants row-major sizes: slowest (z) first */
  }
  PetscCall(PetscObjectReference((PetscObject)da));
  nf->da = da;
  PetscCall(DMDACreateNaturalVector(da, &nf->natural));
  PetscCall(VecScatterCreateToZero(nf->natural, &nf->tozero, &nf->seq));
  PetscCall(VecGetLocalSize(nf->seq, &M));
  if (M) {
    nf->work = fftw_alloc_real((size_t)M);
    PetscCheck(nf->work, PETSC_COMM_SELF, PETSC_ERR_MEM, "FFTW could not allocate %" PetscInt_FMT " reals", M);
    nf->fwd = fftw_plan_r2r((int)dim, n, nf->work, nf->work, kfwd, FFTW_ESTIMATE);
    nf->bwd = fftw_plan_r2r((int)dim, n, nf->work, nf->work, kbwd, FFTW_ESTIMATE);
    PetscCheck(nf->fwd && nf->bwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan the cosine transforms");
  }
  PetscCall(VecGetLocalSize(nf->natural, &m));
  PetscCall(VecGetSize(nf->natural, &M));
  PetscCall(MatCreateShell(comm, m, m, M, M, nf, A));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT, (void (*)(void))MatMult_NeumannFFT));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE, (void (*)(void))MatMult_NeumannFFT));
  PetscCall(MatShellSetOperation(*A, MATOP_DESTROY, (void (*)(void))MatDestroy_NeumannFFT));
  PetscCall(MatSetOption(*A, MAT_SYMMETRIC, PETSC_TRUE));
  PetscCall(MatNeumannFFTSetCoefficients(*A, a, b));
  PetscFunctionReturn(0);
}

/*@
  MatNeumannFFTSetCoefficients - Sets (a, b) of the operator (a I - b Lap_h) whose inverse a `MatCreateNeumannFFT()`
  matrix applies; no new planning

  Logically Collective

  Input Parameters:
+ A - the matrix
. a - coefficient of the identity, a > 0
- b - coefficient of the Laplacian, b >= 0

  Level: intermediate

.seealso: `MatCreateNeumannFFT()`
@*/
PetscErrorCode MatNeumannFFTSetCoefficients(Mat A, PetscReal a, PetscReal b)
{
  NeumannFFT *nf;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscCheck(a > 0 && b >= 0, PetscObjectComm((PetscObject)A), PETSC_ERR_ARG_OUTOFRANGE, "Need a > 0 and b >= 0 for (a I - b Lap)^{-1}, got a = %g, b = %g", (double)a, (double)b);
  PetscCall(MatShellGetContext(A, &nf));
  nf->a = a;
  nf->b = b;
  PetscFunctionReturn(0);
}

/*@
  MatNeumannFFTGetEigenvalue - Gets the eigenvalue of -Lap_h for one cosine mode

  Not Collective

  Input Parameters:
+ A - the matrix from `MatCreateNeumannFFT()`
- k - the mode index per direction, 0 <= k_d < M_d

  Output Parameter:
. lambda - sum_d (4/h_d^2) sin^2(pi k_d / (2 M_d))

  Level: intermediate

.seealso: `MatCreateNeumannFFT()`
@*/
PetscErrorCode MatNeumannFFTGetEigenvalue(Mat A, const PetscInt k[], PetscReal *lambda)
{
  NeumannFFT *nf;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  TesseraValidPointer(k, 2);
  TesseraValidPointer(lambda, 3);
  PetscCall(MatShellGetContext(A, &nf));
  *lambda = 0;
  for (PetscInt d = 0; d < nf->dim; d++) {
    PetscCheck(k[d] >= 0 && k[d] < nf->M[d], PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Mode %" PetscInt_FMT " out of range [0, %" PetscInt_FMT ")", k[d], nf->M[d]);
    *lambda += nf->lam[d][k[d]];
  }
  PetscFunctionReturn(0);
}

/*@C
  MatNeumannFFTInitializePackage - Registers the log event of the FFTW Neumann solver

  Level: developer

.seealso: `MatCreateNeumannFFT()`
@*/
PetscErrorCode MatNeumannFFTInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"NeumannFFTMult", &MAT_NeumannFFTMult}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&NeumannFFTPackage, NULL, events, NULL));
  PetscFunctionReturn(0);
}
