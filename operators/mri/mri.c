/*I "tessera.h" I*/
/*
   mri.c - dynamic Cartesian MRI sampling A_t = M_t F (MATSHELL).

   F is the orthonormal 2-D DFT of an N x N frame (FFTW, unnormalised, scaled by 1/N), M_t keeps a set of
   phase-encoding lines (k-space rows) of frame t. Lines are numbered in centred order: line l holds k_y =
   l - N/2, and within a line entry c holds k_x = c - N/2. Images are real (N^2 values per frame) or complex
   (2 N^2 values, real and imaginary parts interleaved); data are complex, interleaved, nlines_t N values per
   frame. On real images the adjoint is Re(F^H M^T y), the transpose for the real inner product of the
   interleaved data.

   All frames owned by a rank are transformed by one FFTW plan_many_dft planned with FFTW_MEASURE at
   creation; MatMult and MatMultTranspose execute it on a preallocated buffer and allocate nothing.

   References: M. Frigo and S. G. Johnson, The design and implementation of FFTW3, Proc. IEEE 93 (2005) 216,
   doi:10.1109/JPROC.2004.840301; S. Winkelmann et al., IEEE TMI 26 (2007) 68 (golden-ratio ordering).
*/
#include <tesseraimpl.h>
#include <tesseramri.h>
#include <fftw3.h>

static PetscClassId   MRI_CLASSID;
static TesseraPackage MRIPackage = {.name = "mri", .classname = "MRI sampling", .classid = &MRI_CLASSID};
static PetscLogEvent  MRI_Mult, MRI_MultT;

typedef struct {
  PetscInt      N, T;       /* image side, frames */
  PetscBool     cplx;       /* complex (interleaved) images */
  PetscInt      t0, t1;     /* frames owned by this rank */
  PetscInt     *nlines;     /* lines of each frame [T] */
  PetscInt     *offset;     /* first line of each frame in lines[] [T+1] */
  PetscInt     *lines;      /* centred line indices, frame after frame */
  fftw_complex *buf;        /* (t1 - t0) N^2 complex values (fftw_malloc) */
  fftw_plan     pfwd, pbwd; /* batched 2-D transforms of the owned frames */
  PetscInt      ndata;      /* complex data values of this rank */
  PetscInt     *map;        /* position in buf of each of them [ndata] */
} Mat_MRI;

/*@C
  MatMRIInitializePackage - Registers the MRI sampling operator's log events; called by the package's own creation routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode MatMRIInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"MRIMult", &MRI_Mult}, {"MRIMultT", &MRI_MultT}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&MRIPackage, NULL, events, NULL));
  PetscFunctionReturn(0);
}

static inline PetscInt MRIWrap_Private(PetscInt k, PetscInt N) { return ((k % N) + N) % N; }

static PetscErrorCode MatMult_MRI(Mat A, Vec x, Vec y)
{
  Mat_MRI           *m;
  const PetscScalar *xa;
  PetscScalar       *ya;
  double            *b;
  PetscInt           N;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &m));
  N = m->N;
  b = (double *)m->buf;
  PetscCall(PetscLogEventBegin(MRI_Mult, A, x, y, 0));
  PetscCall(VecGetArrayRead(x, &xa));
  for (PetscInt k = 0; k < (m->t1 - m->t0) * N * N; k++) {
    b[2 * k]     = PetscRealPart(m->cplx ? xa[2 * k] : xa[k]);
    b[2 * k + 1] = m->cplx ? PetscRealPart(xa[2 * k + 1]) : 0.0;
  }
  PetscCall(VecRestoreArrayRead(x, &xa));
  fftw_execute(m->pfwd);
  PetscCall(VecGetArrayWrite(y, &ya));
  for (PetscInt w = 0; w < m->ndata; w++) {
    ya[2 * w]     = b[2 * m->map[w]] / N;
    ya[2 * w + 1] = b[2 * m->map[w] + 1] / N;
  }
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(PetscLogFlops(5.0 * (m->t1 - m->t0) * N * N * PetscLog2Real(N * N)));
  PetscCall(PetscLogEventEnd(MRI_Mult, A, x, y, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatMultTranspose_MRI(Mat A, Vec y, Vec x)
{
  Mat_MRI           *m;
  const PetscScalar *ya;
  PetscScalar       *xa;
  double            *b;
  PetscInt           N;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &m));
  N = m->N;
  b = (double *)m->buf;
  PetscCall(PetscLogEventBegin(MRI_MultT, A, y, x, 0));
  PetscCall(PetscArrayzero(b, 2 * (m->t1 - m->t0) * N * N));
  PetscCall(VecGetArrayRead(y, &ya));
  for (PetscInt w = 0; w < m->ndata; w++) {
    b[2 * m->map[w]] += PetscRealPart(ya[2 * w]) / N;
    b[2 * m->map[w] + 1] += PetscRealPart(ya[2 * w + 1]) / N;
  }
  PetscCall(VecRestoreArrayRead(y, &ya));
  fftw_execute(m->pbwd);
  PetscCall(VecGetArrayWrite(x, &xa));
  for (PetscInt k = 0; k < (m->t1 - m->t0) * N * N; k++) {
    if (m->cplx) {
      xa[2 * k]     = b[2 * k];
      xa[2 * k + 1] = b[2 * k + 1];
    } else xa[k] = b[2 * k];
  }
  PetscCall(VecRestoreArrayWrite(x, &xa));
  PetscCall(PetscLogFlops(5.0 * (m->t1 - m->t0) * N * N * PetscLog2Real(N * N)));
  PetscCall(PetscLogEventEnd(MRI_MultT, A, y, x, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatDestroy_MRI(Mat A)
{
  Mat_MRI *m;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &m));
  if (m->pfwd) fftw_destroy_plan(m->pfwd);
  if (m->pbwd) fftw_destroy_plan(m->pbwd);
  if (m->buf) fftw_free(m->buf);
  PetscCall(PetscFree3(m->nlines, m->offset, m->lines));
  PetscCall(PetscFree(m->map));
  PetscCall(PetscFree(m));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatView_MRI(Mat A, PetscViewer viewer)
{
  Mat_MRI  *m;
  PetscBool isascii;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &m));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii)
    PetscCall(PetscViewerASCIIPrintf(viewer, "Cartesian MRI sampling: %" PetscInt_FMT " x %" PetscInt_FMT " %s images, %" PetscInt_FMT " frames, %" PetscInt_FMT " lines in all\n", m->N, m->N, m->cplx ? "complex" : "real", m->T, m->offset[m->T]));
  PetscFunctionReturn(0);
}

/*@C
  MatCreateMRISampling - Creates the dynamic Cartesian MRI forward operator y_t = M_t F x_t

  Collective

  Input Parameters:
+ comm   - the MPI communicator
. N      - image side (pixels)
. T      - number of frames
. nlines - number of k-space lines kept in each frame [T]
. lines  - the lines, frame after frame, centred indices in [0, N) (line l has k_y = l - N/2), distinct within a frame
- cplx   - `PETSC_TRUE` for complex images (real and imaginary parts interleaved), `PETSC_FALSE` for real images

  Output Parameter:
. A - the `MATSHELL` with `MatMult()` and the exact `MatMultTranspose()`

  Level: beginner

  Notes:
  F is the orthonormal 2-D DFT (||F x|| = ||x||). Data are complex, interleaved, N values per kept line with
  k_x = c - N/2 at entry c. Frames are split over the ranks; the FFTW plans (one batched plan per direction
  over the owned frames, `FFTW_MEASURE`) are made here, once.

.seealso: `MatMRILinesGolden()`, `MatCreateRadon()`
@*/
PetscErrorCode MatCreateMRISampling(MPI_Comm comm, PetscInt N, PetscInt T, const PetscInt nlines[], const PetscInt lines[], PetscBool cplx, Mat *A)
{
  Mat_MRI  *m;
  PetscInt  fl = PETSC_DECIDE, tstart, TT = T, total = 0, nrow = 0, per;
  PetscBool seen[4096];
  int       n[2], howmany;

  PetscFunctionBegin;
  TesseraValidPointer(A, 7);
  PetscValidIntPointer(nlines, 4);
  PetscCall(MatMRIInitializePackage());
  PetscCheck(N > 1 && T > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "MRI sampling: image size %" PetscInt_FMT " and frame count %" PetscInt_FMT " must be positive", N, T);
  PetscCheck(N <= 4096, comm, PETSC_ERR_SUP, "MRI sampling: image size %" PetscInt_FMT " above 4096 is not supported", N);
  PetscCheck((PetscInt64)2 * N * N * T <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "MRI sampling: %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels exceed the largest PetscInt", T, N);
  for (PetscInt t = 0; t < T; t++) {
    PetscCheck(nlines[t] >= 0 && nlines[t] <= N, comm, PETSC_ERR_ARG_OUTOFRANGE, "MRI sampling: frame %" PetscInt_FMT " keeps %" PetscInt_FMT " lines, not in [0, %" PetscInt_FMT "]", t, nlines[t], N);
    total += nlines[t];
  }
  PetscCheck(!total || lines, comm, PETSC_ERR_ARG_NULL, "MRI sampling: the lines array is NULL but the frames keep %" PetscInt_FMT " lines", total);
  total = 0;
  for (PetscInt t = 0; t < T; t++) {
    PetscCall(PetscArrayzero(seen, N));
    for (PetscInt l = total; l < total + nlines[t]; l++) {
      PetscCheck(lines[l] >= 0 && lines[l] < N, comm, PETSC_ERR_ARG_OUTOFRANGE, "MRI sampling: line %" PetscInt_FMT " of frame %" PetscInt_FMT " is outside [0, %" PetscInt_FMT ")", lines[l], t, N);
      PetscCheck(!seen[lines[l]], comm, PETSC_ERR_ARG_WRONG, "MRI sampling: line %" PetscInt_FMT " appears twice in frame %" PetscInt_FMT, lines[l], t);
      seen[lines[l]] = PETSC_TRUE;
    }
    total += nlines[t];
  }
  PetscCall(PetscNew(&m));
  m->N    = N;
  m->T    = T;
  m->cplx = cplx;
  PetscCall(PetscMalloc3(T, &m->nlines, T + 1, &m->offset, PetscMax(1, total), &m->lines));
  m->offset[0] = 0;
  for (PetscInt t = 0; t < T; t++) {
    m->nlines[t]     = nlines[t];
    m->offset[t + 1] = m->offset[t] + nlines[t];
  }
  PetscCall(PetscArraycpy(m->lines, lines, total));
  PetscCall(PetscSplitOwnership(comm, &fl, &TT));
  PetscCallMPI(MPI_Scan(&fl, &tstart, 1, MPIU_INT, MPI_SUM, comm));
  m->t0 = tstart - fl;
  m->t1 = tstart;
  for (PetscInt t = m->t0; t < m->t1; t++) nrow += 2 * N * m->nlines[t];
  /* where each kept k-space value sits in the transform buffer (centred indices -> FFTW order) */
  m->ndata = nrow / 2;
  PetscCall(PetscMalloc1(PetscMax(m->ndata, 1), &m->map));
  for (PetscInt t = m->t0, w = 0; t < m->t1; t++)
    for (PetscInt l = m->offset[t]; l < m->offset[t + 1]; l++)
      for (PetscInt c = 0; c < N; c++, w++) m->map[w] = (t - m->t0) * N * N + MRIWrap_Private(m->lines[l] - N / 2, N) * N + MRIWrap_Private(c - N / 2, N);
  /* plan before filling: FFTW_MEASURE overwrites the buffer */
  n[0]    = (int)N;
  n[1]    = (int)N;
  howmany = (int)PetscMax(fl, 1);
  m->buf  = (fftw_complex *)fftw_malloc(sizeof(fftw_complex) * howmany * N * N);
  PetscCheck(m->buf, PETSC_COMM_SELF, PETSC_ERR_MEM, "fftw_malloc failed for %d frames of %" PetscInt_FMT " x %" PetscInt_FMT, howmany, N, N);
  m->pfwd = fftw_plan_many_dft(2, n, howmany, m->buf, NULL, 1, (int)(N * N), m->buf, NULL, 1, (int)(N * N), FFTW_FORWARD, FFTW_MEASURE);
  m->pbwd = fftw_plan_many_dft(2, n, howmany, m->buf, NULL, 1, (int)(N * N), m->buf, NULL, 1, (int)(N * N), FFTW_BACKWARD, FFTW_MEASURE);
  PetscCheck(m->pfwd && m->pbwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan %d transforms of %" PetscInt_FMT " x %" PetscInt_FMT, howmany, N, N);
  per = cplx ? 2 * N * N : N * N;
  PetscCall(MatCreateShell(comm, nrow, fl * per, 2 * N * total, T * per, m, A));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT, (void (*)(void))MatMult_MRI));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE, (void (*)(void))MatMultTranspose_MRI));
  PetscCall(MatShellSetOperation(*A, MATOP_DESTROY, (void (*)(void))MatDestroy_MRI));
  PetscCall(MatShellSetOperation(*A, MATOP_VIEW, (void (*)(void))MatView_MRI));
  PetscFunctionReturn(0);
}

/*@C
  MatMRILinesGolden - Golden-ratio Cartesian line schedule: frame t keeps nper lines, the sampled lines
  following l_m = floor(N frac(m (sqrt(5) - 1)/2)) over all frames, a line already kept in the frame skipped

  Not Collective

  Input Parameters:
+ N    - image side
. T    - number of frames
- nper - lines per frame (at most N)

  Output Parameters:
+ nlines - nper for each frame [T]
- lines  - the lines [T nper], centred indices as `MatCreateMRISampling()` expects

  Level: beginner

.seealso: `MatCreateMRISampling()`
@*/
PetscErrorCode MatMRILinesGolden(PetscInt N, PetscInt T, PetscInt nper, PetscInt nlines[], PetscInt lines[])
{
  const PetscReal g    = 0.5 * (PetscSqrtReal(5.0) - 1.0);
  PetscInt        mseq = 0;

  PetscFunctionBegin;
  PetscCheck(T > 0, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Frame count %" PetscInt_FMT " must be positive", T);
  PetscValidIntPointer(nlines, 4);
  PetscValidIntPointer(lines, 5);
  PetscCheck(nper > 0 && nper <= N, PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Lines per frame %" PetscInt_FMT " must lie in [1, %" PetscInt_FMT "]", nper, N);
  for (PetscInt t = 0; t < T; t++) {
    nlines[t] = nper;
    for (PetscInt q = 0; q < nper; q++) {
      PetscBool dup;

      do {
        const PetscReal x = mseq++ * g;
        const PetscInt  l = (PetscInt)PetscFloorReal(N * (x - PetscFloorReal(x)));

        dup = PETSC_FALSE;
        for (PetscInt r = 0; r < q; r++) dup = (PetscBool)(dup || lines[t * nper + r] == l);
        lines[t * nper + q] = l;
      } while (dup);
    }
  }
  PetscFunctionReturn(0);
}
