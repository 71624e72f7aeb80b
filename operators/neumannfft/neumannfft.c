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

   The plans are made once at creation (FFTW_MEASURE on grids of at least 4096 cells: timed on the work array,
   which holds no data yet; 2x faster transforms than FFTW_ESTIMATE on 256^2, results equal to rounding) and
   executed in every MatMult. Data layout by the number of ranks:
   - one rank: the DMDA's global ordering is the natural one; the transforms run on a copy of the array;
   - several ranks, 2-D/3-D, FFTW's MPI interface available (TESSERA_HAVE_FFTW_MPI): distributed transforms
     (fftw_mpi_plan_r2r) on slabs of the slowest direction; one VecScatter maps the DMDA's ownership to the slabs
     (a local copy when they coincide, as for the default 2-rank DMDA of an even grid), the forward transform ends
     transposed (FFTW_MPI_TRANSPOSED_OUT) and the backward one starts from that layout, so a solve costs two
     global transposes;
   - otherwise (1-D on several ranks, or no FFTW MPI): the grid is gathered in natural ordering on rank 0,
     transformed there and scattered back.
   Results agree between the layouts to rounding.

   References: M. Frigo, S. G. Johnson, Proc. IEEE 93 (2005) 216-231 (FFTW); G. Strang, SIAM Rev. 41 (1999)
   135-147 (the discrete cosine transform, boundary conditions of DCT-II).
*/
#include <tesseraimpl.h>
#include <tesseraneumannfft.h>
#include <fftw3.h>
#if defined(TESSERA_HAVE_FFTW_MPI)
  #include <fftw3-mpi.h>
  #define NEUMANNFFT_HAVE_MPI PETSC_TRUE
#else
  #define NEUMANNFFT_HAVE_MPI PETSC_FALSE
#endif

static TesseraPackage NeumannFFTPackage = {.name = "neumannfft", .classid = &MAT_CLASSID};

static PetscLogEvent MAT_NeumannFFTMult;

typedef enum {
  NEUMANNFFT_SERIAL,      /* one rank: transforms on a copy of the global array */
  NEUMANNFFT_DISTRIBUTED, /* FFTW MPI on slabs, transposed spectral layout */
  NEUMANNFFT_GATHER       /* whole grid on rank 0 */
} NeumannFFTLayout;

typedef struct {
  DM               da; /* grid (reference held) */
  PetscInt         dim, M[3];
  PetscReal        a, b;     /* operator a I - b Lap_h */
  PetscReal       *lam[3];   /* eigenvalues of -Lap_h per direction, (4/h^2) sin^2(pi k / 2M) */
  PetscReal        scale;    /* 1 / prod_d 2 M_d */
  NeumannFFTLayout layout;   /* where the transforms run */
  Vec              natural;  /* gather: natural-ordering vector */
  Vec              seq;      /* gather: whole grid on rank 0 (empty elsewhere); distributed: the slab, on work */
  VecScatter       tozero;   /* gather: natural -> seq; distributed: global -> slab */
  PetscInt         n1, s1;   /* distributed: rows of the transposed spectral layout owned here, first row */
  PetscInt         nwork;    /* entries of work holding data (serial, gather) */
  double          *work;     /* FFTW buffer */
  fftw_plan        fwd, bwd; /* REDFT10 and REDFT01, in place */
} NeumannFFT;

/* work <- work / (a + b lambda_k) / prod_d 2 M_d in the spectral layout of the transforms */
static void NeumannFFTScale_Private(NeumannFFT *nf)
{
  const PetscInt  Mx = nf->M[0], My = nf->M[1], Mz = nf->M[2];
  const PetscReal a = nf->a, b = nf->b, sc = nf->scale, *lx = nf->lam[0], *ly = nf->dim > 1 ? nf->lam[1] : NULL, *lz = nf->dim > 2 ? nf->lam[2] : NULL;
  double         *w = nf->work;

  if (nf->layout == NEUMANNFFT_DISTRIBUTED && nf->dim == 2) { /* transposed: [x][y], rows x = s1 .. s1 + n1 - 1 */
    for (PetscInt i = 0; i < nf->n1; i++)
      for (PetscInt j = 0; j < My; j++) w[i * My + j] *= sc / (a + b * (lx[nf->s1 + i] + ly[j]));
  } else if (nf->layout == NEUMANNFFT_DISTRIBUTED) { /* transposed: [y][z][x], rows y = s1 .. s1 + n1 - 1 */
    for (PetscInt j = 0; j < nf->n1; j++)
      for (PetscInt k = 0; k < Mz; k++)
        for (PetscInt i = 0; i < Mx; i++) w[(j * Mz + k) * Mx + i] *= sc / (a + b * (lx[i] + ly[nf->s1 + j] + lz[k]));
  } else { /* natural: [z][y][x] */
    for (PetscInt k = 0; k < Mz; k++)
      for (PetscInt j = 0; j < My; j++)
        for (PetscInt i = 0; i < Mx; i++) w[(k * My + j) * Mx + i] *= sc / (a + b * (lx[i] + (ly ? ly[j] : 0) + (lz ? lz[k] : 0)));
  }
}

static PetscErrorCode MatMult_NeumannFFT(Mat A, Vec x, Vec y)
{
  NeumannFFT        *nf;
  const PetscScalar *xa;
  PetscScalar       *s;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &nf));
  PetscCall(PetscLogEventBegin(MAT_NeumannFFTMult, A, x, y, 0));
  switch (nf->layout) {
  case NEUMANNFFT_SERIAL:
    PetscCall(VecGetArrayRead(x, &xa));
    PetscCall(PetscArraycpy(nf->work, xa, nf->nwork));
    PetscCall(VecRestoreArrayRead(x, &xa));
    fftw_execute(nf->fwd);
    NeumannFFTScale_Private(nf);
    fftw_execute(nf->bwd);
    PetscCall(VecGetArrayWrite(y, &s));
    PetscCall(PetscArraycpy(s, nf->work, nf->nwork));
    PetscCall(VecRestoreArrayWrite(y, &s));
    break;
  case NEUMANNFFT_DISTRIBUTED: /* seq is a parallel vector on the FFTW slab (its array is work) */
    PetscCall(VecScatterBegin(nf->tozero, x, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(nf->tozero, x, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
    fftw_execute(nf->fwd);
    NeumannFFTScale_Private(nf);
    fftw_execute(nf->bwd);
    PetscCall(VecScatterBegin(nf->tozero, nf->seq, y, INSERT_VALUES, SCATTER_REVERSE));
    PetscCall(VecScatterEnd(nf->tozero, nf->seq, y, INSERT_VALUES, SCATTER_REVERSE));
    break;
  case NEUMANNFFT_GATHER:
    PetscCall(DMDAGlobalToNaturalBegin(nf->da, x, INSERT_VALUES, nf->natural));
    PetscCall(DMDAGlobalToNaturalEnd(nf->da, x, INSERT_VALUES, nf->natural));
    PetscCall(VecScatterBegin(nf->tozero, nf->natural, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(nf->tozero, nf->natural, nf->seq, INSERT_VALUES, SCATTER_FORWARD));
    if (nf->nwork) {
      PetscCall(VecGetArray(nf->seq, &s));
      PetscCall(PetscArraycpy(nf->work, s, nf->nwork));
      fftw_execute(nf->fwd);
      NeumannFFTScale_Private(nf);
      fftw_execute(nf->bwd);
      PetscCall(PetscArraycpy(s, nf->work, nf->nwork));
      PetscCall(VecRestoreArray(nf->seq, &s));
    }
    PetscCall(VecScatterBegin(nf->tozero, nf->seq, nf->natural, INSERT_VALUES, SCATTER_REVERSE));
    PetscCall(VecScatterEnd(nf->tozero, nf->seq, nf->natural, INSERT_VALUES, SCATTER_REVERSE));
    PetscCall(DMDANaturalToGlobalBegin(nf->da, nf->natural, INSERT_VALUES, y));
    PetscCall(DMDANaturalToGlobalEnd(nf->da, nf->natural, INSERT_VALUES, y));
    break;
  }
  {
    PetscInt  n;
    PetscReal N = (PetscReal)nf->M[0] * nf->M[1] * nf->M[2];

    PetscCall(VecGetLocalSize(x, &n));
    PetscCall(PetscLogFlops((10.0 * PetscLog2Real(N) + 3.0) * n)); /* this rank's share of the transforms */
  }
  PetscCall(PetscLogEventEnd(MAT_NeumannFFTMult, A, x, y, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatDestroy_NeumannFFT(Mat A)
{
  NeumannFFT *nf;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &nf));
  if (nf->fwd) fftw_destroy_plan(nf->fwd);
  if (nf->bwd) fftw_destroy_plan(nf->bwd);
  PetscCall(VecDestroy(&nf->seq)); /* before work: in the distributed layout its array is work */
  if (nf->work) fftw_free(nf->work);
  for (PetscInt d = 0; d < nf->dim; d++) PetscCall(PetscFree(nf->lam[d]));
  PetscCall(VecScatterDestroy(&nf->tozero));
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
  operator up to rounding. On one rank the transforms run on a copy of the vector; on several ranks they are
  distributed over slabs of the slowest direction by FFTW's MPI interface (2-D and 3-D, when tessera was built with
  it), otherwise the grid is gathered and transformed on rank 0. `MatNeumannFFTGetLayout()` says which.

  Use it as a direct solver (`MatMult()`), or as a preconditioner matrix with `PCSHELL`/`PCMAT`.

.seealso: `MatNeumannFFTSetCoefficients()`, `MatNeumannFFTGetEigenvalue()`
@*/
PetscErrorCode MatCreateNeumannFFT(DM da, const PetscReal L[], PetscReal a, PetscReal b, Mat *A)
{
  NeumannFFT    *nf;
  PetscInt       dim, dof, m, M, cells;
  PetscMPIInt    size;
  unsigned       flags;
  Vec            gv;
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
  PetscCallMPI(MPI_Comm_size(comm, &size));
  cells = nf->M[0] * nf->M[1] * nf->M[2];
  flags = cells >= 4096 ? FFTW_MEASURE : FFTW_ESTIMATE; /* planning by measurement pays on large grids only */
  if (size == 1) {
    nf->layout = NEUMANNFFT_SERIAL;
    nf->nwork  = cells;
  } else if (dim > 1 && NEUMANNFFT_HAVE_MPI) nf->layout = NEUMANNFFT_DISTRIBUTED;
  else nf->layout = NEUMANNFFT_GATHER;
  if (nf->layout == NEUMANNFFT_GATHER) {
    PetscCall(DMDACreateNaturalVector(da, &nf->natural));
    PetscCall(VecScatterCreateToZero(nf->natural, &nf->tozero, &nf->seq));
    PetscCall(VecGetLocalSize(nf->seq, &nf->nwork));
  }
  if (nf->layout == NEUMANNFFT_DISTRIBUTED) {
#if defined(TESSERA_HAVE_FFTW_MPI)
    ptrdiff_t nn[3], alloc, n0, s0, n1, s1;
    PetscInt  row = 1, nglob;
    IS        is;
    AO        ao;
    Vec       g;

    for (PetscInt d = 0; d < dim; d++) nn[d] = n[d];
    for (PetscInt d = 1; d < dim; d++) row *= n[d];
    fftw_mpi_init();
    alloc    = fftw_mpi_local_size_transposed((int)dim, nn, comm, &n0, &s0, &n1, &s1);
    nf->n1   = (PetscInt)n1;
    nf->s1   = (PetscInt)s1;
    nf->work = fftw_alloc_real((size_t)PetscMax(alloc, 1));
    PetscCheck(nf->work, PETSC_COMM_SELF, PETSC_ERR_MEM, "FFTW could not allocate %" PetscInt_FMT " reals", (PetscInt)alloc);
    nf->fwd = fftw_mpi_plan_r2r((int)dim, nn, nf->work, nf->work, comm, kfwd, flags | FFTW_MPI_TRANSPOSED_OUT);
    nf->bwd = fftw_mpi_plan_r2r((int)dim, nn, nf->work, nf->work, comm, kbwd, flags | FFTW_MPI_TRANSPOSED_IN);
    PetscCheck(nf->fwd && nf->bwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan the distributed cosine transforms");
    /* the slab (natural indices s0 row .. (s0 + n0) row - 1) as a parallel vector on work, and the scatter from the
       DMDA's global (PETSc) ordering to it */
    PetscCall(VecCreateMPIWithArray(comm, 1, (PetscInt)n0 * row, PETSC_DECIDE, nf->work, &nf->seq));
    PetscCall(ISCreateStride(comm, (PetscInt)n0 * row, (PetscInt)s0 * row, 1, &is));
    PetscCall(DMDAGetAO(da, &ao));
    PetscCall(AOApplicationToPetscIS(ao, is));
    PetscCall(DMGetGlobalVector(da, &g));
    PetscCall(VecGetSize(g, &nglob));
    PetscCheck(nglob == cells, comm, PETSC_ERR_PLIB, "Grid of %" PetscInt_FMT " cells, vector of %" PetscInt_FMT, cells, nglob);
    PetscCall(VecScatterCreate(g, is, nf->seq, NULL, &nf->tozero));
    PetscCall(DMRestoreGlobalVector(da, &g));
    PetscCall(ISDestroy(&is));
#endif
  } else if (nf->nwork) {
    nf->work = fftw_alloc_real((size_t)nf->nwork);
    PetscCheck(nf->work, PETSC_COMM_SELF, PETSC_ERR_MEM, "FFTW could not allocate %" PetscInt_FMT " reals", nf->nwork);
    nf->fwd = fftw_plan_r2r((int)dim, n, nf->work, nf->work, kfwd, flags);
    nf->bwd = fftw_plan_r2r((int)dim, n, nf->work, nf->work, kbwd, flags);
    PetscCheck(nf->fwd && nf->bwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan the cosine transforms");
  }
  PetscCall(DMGetGlobalVector(da, &gv));
  PetscCall(VecGetLocalSize(gv, &m));
  PetscCall(VecGetSize(gv, &M));
  PetscCall(DMRestoreGlobalVector(da, &gv));
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
  MatNeumannFFTGetLayout - Says where the cosine transforms of a `MatCreateNeumannFFT()` matrix run

  Not Collective

  Input Parameter:
. A - the matrix

  Output Parameter:
. layout - "serial" (one rank), "distributed" (FFTW MPI, slabs of the slowest direction) or "gathered" (the grid
           transformed on rank 0)

  Level: intermediate

.seealso: `MatCreateNeumannFFT()`
@*/
PetscErrorCode MatNeumannFFTGetLayout(Mat A, const char **layout)
{
  NeumannFFT *nf;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  TesseraValidPointer(layout, 2);
  PetscCall(MatShellGetContext(A, &nf));
  *layout = nf->layout == NEUMANNFFT_SERIAL ? "serial" : (nf->layout == NEUMANNFFT_DISTRIBUTED ? "distributed" : "gathered");
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
