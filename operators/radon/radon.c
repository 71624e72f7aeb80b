/*I "tessera.h" I*/
/*
   radon.c - matrix-free parallel-beam Radon transform (MATSHELL) of a time series of N x N images.

   Method: pixel-driven projection with linear interpolation onto the detector. Pixel (i, j) (row i, column
   j) has centre x = j - (N-1)/2, y = (N-1)/2 - i in pixel units; at angle theta it lands at detector
   coordinate s = x cos(theta) + y sin(theta), i.e. at fractional bin u = s/ds + (ndet-1)/2, and its value
   (times the unit pixel area, divided by the bin width ds) is split between bins floor(u) and floor(u)+1
   with the hat-function weights 1-w and w. The adjoint gathers with exactly the same weights, computed by
   the same arithmetic, so <Ax, y> = <x, A^T y> holds to rounding. At theta = 0 with ndet = N and ds = 1 the
   projection is exactly the column sums of the image (scikit-image's radon convention).

   Each projection belongs to one time frame; projections (rows) are distributed over the ranks, images
   (columns) by frames. A rank gathers the frames its projections need with a VecScatter created once.

   Filtered back-projection: each projection is convolved with the discrete Ram-Lak kernel
   h(0) = 1/(4 ds^2), h(n odd) = -1/(pi n ds)^2, h(n even) = 0 (zero padded, by FFTW r2c/c2r planned once at
   creation), then back-projected with A^T and scaled by pi ds / (projections of the frame).

   References:
     A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, IEEE Press 1988, ch. 3 (SIAM
     Classics 2001, doi:10.1137/1.9780898719277).
     B. De Man and S. Basu, Distance-driven projection and backprojection, Phys. Med. Biol. 49 (2004) 2463,
     doi:10.1088/0031-9155/49/11/024 (pixel-driven projectors and their adjoints).
*/
#include "radonimpl.h"

static PetscClassId  RADON_CLASSID;
static PetscLogEvent RADON_Mult, RADON_MultT, RADON_FBP;
static PetscBool     RadonPackageInitialized = PETSC_FALSE;

static PetscErrorCode RadonFinalizePackage(void)
{
  PetscFunctionBegin;
  RadonPackageInitialized = PETSC_FALSE;
  PetscFunctionReturn(0);
}

PetscErrorCode RadonInitializePackage(void)
{
  PetscFunctionBegin;
  if (RadonPackageInitialized) PetscFunctionReturn(0);
  RadonPackageInitialized = PETSC_TRUE;
  PetscCall(PetscClassIdRegister("Radon", &RADON_CLASSID));
  PetscCall(PetscLogEventRegister("RadonMult", RADON_CLASSID, &RADON_Mult));
  PetscCall(PetscLogEventRegister("RadonMultT", RADON_CLASSID, &RADON_MultT));
  PetscCall(PetscLogEventRegister("RadonFBP", RADON_CLASSID, &RADON_FBP));
  PetscCall(PetscRegisterFinalize(RadonFinalizePackage));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatRadonGetContext_Private(Mat A, Mat_Radon **ctx)
{
  PetscBool isradon;

  PetscFunctionBegin;
  PetscCall(MatIsRadon(A, &isradon));
  PetscCheck(isradon, PetscObjectComm((PetscObject)A), PETSC_ERR_ARG_WRONG, "Matrix is not a Radon transform from MatCreateRadon()");
  PetscCall(MatShellGetContext(A, ctx));
  PetscFunctionReturn(0);
}

/*
  Kernels. A projection row is accumulated in padded buffers of ndet + 2 margin + 2 bins whose margins hold
  every bin a pixel can reach, so the inner loops need neither floor() nor bounds tests: u + margin > 0, and
  the integer cast is the floor. For each image row the bin indices k and weights w of its pixels are computed
  first (a vectorisable loop), by the same code for the forward and the adjoint sweep: both use identical
  weights, and A^T is the exact transpose of A. The forward sweep treats two rows at once and sends bins k and
  k + 1 of each to separate buffers, so consecutive updates seldom wait on each other.
*/
static inline void RadonRow_Private(const Mat_Radon *r, PetscReal c, PetscReal s, PetscInt i, int *restrict k, PetscReal *restrict w)
{
  const PetscInt  N = r->N;
  const PetscReal h = 0.5 * (N - 1), du = c / r->ds;
  const PetscReal u0 = (-h * c + (h - i) * s) / r->ds + 0.5 * (r->ndet - 1) + r->margin;

  for (PetscInt j = 0; j < N; j++) {
    const PetscReal u  = u0 + j * du;
    const int       kj = (int)u;

    k[j] = kj;
    w[j] = u - kj;
  }
}

/* Projects the frame img at angle theta: row[ndet] = A_theta img */
static void RadonProject_Private(Mat_Radon *r, PetscReal theta, const PetscScalar *restrict img, PetscReal *restrict row)
{
  const PetscInt npad = r->ndet + 2 * r->margin + 2, N = r->N;
  /* bins k and k + 1 of an even row (pa0, pb0) and of an odd row (pa1, pb1): four independent update streams */
  PetscReal *restrict pa0 = r->pad, *restrict pb0 = pa0 + npad, *restrict pa1 = pb0 + npad, *restrict pb1 = pa1 + npad;
  PetscReal *restrict w0 = r->wl, *restrict w1 = w0 + N;
  int *restrict k0 = r->kl, *restrict k1 = k0 + N;
  const PetscReal c = PetscCosReal(theta), s = PetscSinReal(theta);
  const PetscBool slow = (PetscBool)(PetscAbsReal(c) < 0.5 * r->ds); /* u moves by less than half a bin per pixel */

  for (PetscInt q = 0; q < 4 * npad; q++) pa0[q] = 0.0;
  for (PetscInt i = 0; i < N; i += 2) {
    const PetscScalar *f0 = img + i * N, *f1 = f0 + N;
    const PetscBool    two = (PetscBool)(i + 1 < N);

    RadonRow_Private(r, c, s, i, k0, w0);
    if (two) RadonRow_Private(r, c, s, i + 1, k1, w1);
    if (slow) {
      /* many pixels per bin: sum each run of equal k in registers */
      for (PetscInt e = 0; e < (two ? 2 : 1); e++) {
        const PetscScalar *fi = e ? f1 : f0;
        const int         *k  = e ? k1 : k0;
        const PetscReal   *w  = e ? w1 : w0;
        PetscReal          a = 0, b = 0;
        int                kc = k[0];

        for (PetscInt j = 0; j < N; j++) {
          const PetscReal v = PetscRealPart(fi[j]);

          if (k[j] != kc) {
            pa0[kc] += a;
            pb0[kc] += b;
            kc = k[j];
            a = b = 0;
          }
          a += (1.0 - w[j]) * v;
          b += w[j] * v;
        }
        pa0[kc] += a;
        pb0[kc] += b;
      }
    } else if (two) {
      for (PetscInt j = 0; j < N; j++) {
        const PetscReal v0 = PetscRealPart(f0[j]), v1 = PetscRealPart(f1[j]);

        pa0[k0[j]] += (1.0 - w0[j]) * v0; /* bin k */
        pb0[k0[j]] += w0[j] * v0;         /* bin k + 1 */
        pa1[k1[j]] += (1.0 - w1[j]) * v1;
        pb1[k1[j]] += w1[j] * v1;
      }
    } else {
      for (PetscInt j = 0; j < N; j++) {
        const PetscReal v0 = PetscRealPart(f0[j]);

        pa0[k0[j]] += (1.0 - w0[j]) * v0;
        pb0[k0[j]] += w0[j] * v0;
      }
    }
  }
  for (PetscInt q = 0; q < r->ndet; q++) {
    const PetscInt m = q + r->margin;

    row[q] = (pa0[m] + pa1[m] + pb0[m - 1] + pb1[m - 1]) / r->ds;
  }
}

/* Back-projects the padded row (zero outside the detector) at angle theta: img += alpha/ds A_theta^T row */
static void RadonBackProject_Private(Mat_Radon *r, PetscReal theta, const PetscReal *restrict pad, PetscReal alpha, PetscScalar *restrict img)
{
  const PetscInt  N     = r->N;
  const PetscReal scale = alpha / r->ds, c = PetscCosReal(theta), s = PetscSinReal(theta);
  PetscReal *restrict w = r->wl;
  int *restrict k       = r->kl;

  for (PetscInt i = 0; i < N; i++) {
    PetscScalar *fi = img + i * N;

    RadonRow_Private(r, c, s, i, k, w);
    for (PetscInt j = 0; j < N; j++) fi[j] += scale * ((1.0 - w[j]) * pad[k[j]] + w[j] * pad[k[j] + 1]);
  }
}

static PetscErrorCode MatMult_Radon(Mat A, Vec x, Vec y)
{
  Mat_Radon         *r;
  const PetscScalar *w;
  PetscScalar       *ya;
  PetscReal         *row;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(PetscLogEventBegin(RADON_Mult, A, x, y, 0));
  PetscCall(VecScatterBegin(r->scatter, x, r->work, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(r->scatter, x, r->work, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecGetArrayRead(r->work, &w));
  PetscCall(VecGetArrayWrite(y, &ya));
  row = r->frow;
  for (PetscInt p = r->pstart; p < r->pend; p++) {
    PetscReal *rp = row + (p - r->pstart) * r->ndet;

    RadonProject_Private(r, r->theta[p], w + (r->frame[p] - r->fstart) * r->N * r->N, rp);
  }
  for (PetscInt k = 0; k < (r->pend - r->pstart) * r->ndet; k++) ya[k] = row[k];
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(VecRestoreArrayRead(r->work, &w));
  PetscCall(PetscLogFlops(6.0 * (r->pend - r->pstart) * r->N * r->N));
  PetscCall(PetscLogEventEnd(RADON_Mult, A, x, y, 0));
  PetscFunctionReturn(0);
}

/* y = alpha * A^T (rows of this rank), the rows given as reals */
static PetscErrorCode MatRadonBackProjectRows_Private(Mat_Radon *r, const PetscReal *rows, PetscBool perframe, Vec y)
{
  PetscScalar *w;

  PetscFunctionBegin;
  PetscCall(VecZeroEntries(r->work));
  PetscCall(PetscArrayzero(r->pad, r->ndet + 2 * r->margin + 2)); /* the margins stay zero below */
  PetscCall(VecGetArray(r->work, &w));
  for (PetscInt p = r->pstart; p < r->pend; p++) {
    const PetscReal alpha = perframe ? PETSC_PI * r->ds / r->count[r->frame[p]] : 1.0;

    PetscCall(PetscArraycpy(r->pad + r->margin, rows + (p - r->pstart) * r->ndet, r->ndet));
    RadonBackProject_Private(r, r->theta[p], r->pad, alpha, w + (r->frame[p] - r->fstart) * r->N * r->N);
  }
  PetscCall(VecRestoreArray(r->work, &w));
  PetscCall(VecZeroEntries(y));
  PetscCall(VecScatterBegin(r->scatter, r->work, y, ADD_VALUES, SCATTER_REVERSE));
  PetscCall(VecScatterEnd(r->scatter, r->work, y, ADD_VALUES, SCATTER_REVERSE));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatMultTranspose_Radon(Mat A, Vec x, Vec y)
{
  Mat_Radon         *r;
  const PetscScalar *xa;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(PetscLogEventBegin(RADON_MultT, A, x, y, 0));
  PetscCall(VecGetArrayRead(x, &xa));
  for (PetscInt k = 0; k < (r->pend - r->pstart) * r->ndet; k++) r->frow[k] = PetscRealPart(xa[k]);
  PetscCall(VecRestoreArrayRead(x, &xa));
  PetscCall(MatRadonBackProjectRows_Private(r, r->frow, PETSC_FALSE, y));
  PetscCall(PetscLogFlops(6.0 * (r->pend - r->pstart) * r->N * r->N));
  PetscCall(PetscLogEventEnd(RADON_MultT, A, x, y, 0));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatDestroy_Radon(Mat A)
{
  Mat_Radon *r;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(PetscFree3(r->theta, r->frame, r->count));
  PetscCall(PetscFree3(r->ramp, r->frow, r->pad));
  PetscCall(PetscFree2(r->wl, r->kl));
  PetscCall(VecDestroy(&r->work));
  PetscCall(VecScatterDestroy(&r->scatter));
  if (r->pfwd) fftw_destroy_plan(r->pfwd);
  if (r->pbwd) fftw_destroy_plan(r->pbwd);
  if (r->fbuf) fftw_free(r->fbuf);
  if (r->fhat) fftw_free(r->fhat);
  PetscCall(PetscFree(r));
  PetscCall(PetscObjectComposeFunction((PetscObject)A, "MatIsRadon_C", NULL));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatView_Radon(Mat A, PetscViewer viewer)
{
  Mat_Radon *r;
  PetscBool  isascii;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(PetscObjectTypeCompare((PetscObject)viewer, PETSCVIEWERASCII, &isascii));
  if (isascii) {
    PetscCall(PetscViewerASCIIPrintf(viewer, "Radon transform: %" PetscInt_FMT " x %" PetscInt_FMT " images, %" PetscInt_FMT " frames, %" PetscInt_FMT " projections\n", r->N, r->N, r->T, r->nang));
    PetscCall(PetscViewerASCIIPrintf(viewer, "  detector: %" PetscInt_FMT " bins, spacing %g pixels; FBP padding %" PetscInt_FMT "\n", r->ndet, (double)r->ds, r->L));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode MatIsRadon_Radon(Mat A, PetscBool *flg)
{
  PetscFunctionBegin;
  *flg = PETSC_TRUE;
  PetscFunctionReturn(0);
}

/* FFTW plans and the Ram-Lak transfer function, once */
static PetscErrorCode MatRadonSetUpFBP_Private(Mat_Radon *r)
{
  const PetscInt L = r->L, nh = L / 2 + 1;

  PetscFunctionBegin;
  r->fbuf = (double *)fftw_malloc(sizeof(double) * L);
  r->fhat = (fftw_complex *)fftw_malloc(sizeof(fftw_complex) * nh);
  PetscCheck(r->fbuf && r->fhat, PETSC_COMM_SELF, PETSC_ERR_MEM, "fftw_malloc failed for a ramp filter of length %" PetscInt_FMT, L);
  r->pfwd = fftw_plan_dft_r2c_1d((int)L, r->fbuf, r->fhat, FFTW_ESTIMATE);
  r->pbwd = fftw_plan_dft_c2r_1d((int)L, r->fhat, r->fbuf, FFTW_ESTIMATE);
  PetscCheck(r->pfwd && r->pbwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan a real transform of length %" PetscInt_FMT, L);
  /* spatial Ram-Lak kernel on the circle of length L, times ds (the quadrature weight of the convolution) */
  for (PetscInt n = 0; n < L; n++) {
    const PetscInt m = n <= L / 2 ? n : n - L;

    if (m == 0) r->fbuf[n] = 0.25 / r->ds;
    else if (PetscAbsInt(m) % 2) r->fbuf[n] = -1.0 / (PETSC_PI * PETSC_PI * m * m * r->ds);
    else r->fbuf[n] = 0.0;
  }
  fftw_execute(r->pfwd);
  /* the kernel is even: a real spectrum; 1/L normalises the unnormalised c2r transform */
  for (PetscInt k = 0; k < nh; k++) r->ramp[k] = ((double *)r->fhat)[2 * k] / L;
  PetscFunctionReturn(0);
}

/*@C
  MatCreateRadon - Creates a matrix-free parallel-beam Radon transform of a time series of N x N images

  Collective

  Input Parameters:
+ comm     - the MPI communicator
. N        - image side in pixels
. T        - number of time frames
. nang     - total number of projections over all frames
. angles   - the projection angles in radians, [nang], frame by frame
- perframe - projections in each frame [T], or NULL for nang/T each (nang must then be a multiple of T)

  Output Parameter:
. A - the `MATSHELL`, of size (nang ndet) x (T N^2), with `MatMult()`, the exact `MatMultTranspose()` and
      `MatRadonFBP()`

  Options Database Keys:
+ -radon_ndet <N>          - number of detector bins per projection
- -radon_det_spacing <1.0> - detector spacing in pixel units

  Level: beginner

  Notes:
  Images are stored frame after frame, each row major (row i, column j); pixel centres sit at
  x = j - (N-1)/2, y = (N-1)/2 - i. A projection row has ndet bins centred at s_k = (k - (ndet-1)/2) ds.
  Entries approximate line integrals in pixel units. The image vector is split over the ranks by frames,
  the sinogram by projections; `MatCreateVecs()` gives vectors of the right layouts.

  Reference: A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, ch. 3.

.seealso: `MatRadonFBP()`, `MatRadonGetGeometry()`, `MatRadonGetAngles()`
@*/
PetscErrorCode MatCreateRadon(MPI_Comm comm, PetscInt N, PetscInt T, PetscInt nang, const PetscReal angles[], const PetscInt perframe[], Mat *A)
{
  Mat_Radon  *r;
  PetscInt    fl = PETSC_DECIDE, pl = PETSC_DECIDE, fstart, pstart, nneed;
  PetscMPIInt size;
  IS          is;

  PetscFunctionBegin;
  TesseraValidPointer(A, 7);
  PetscCall(TesseraInitialize());
  PetscCheck(N > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: image size %" PetscInt_FMT " must be positive", N);
  PetscCheck(T > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: frame count %" PetscInt_FMT " must be positive", T);
  PetscCheck(nang > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: angle count %" PetscInt_FMT " must be positive", nang);
  PetscCheck(nang == 0 || angles, comm, PETSC_ERR_ARG_NULL, "Radon: angles array is NULL");
  if (!perframe) PetscCheck(nang % T == 0, comm, PETSC_ERR_ARG_SIZ, "Radon: angle count %" PetscInt_FMT " does not match frame count %" PetscInt_FMT " (it must be a multiple of it, or give the projections per frame)", nang, T);
  else {
    PetscInt sum = 0;

    for (PetscInt t = 0; t < T; t++) {
      PetscCheck(perframe[t] > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: frame %" PetscInt_FMT " has %" PetscInt_FMT " projections; each frame needs at least one", t, perframe[t]);
      sum += perframe[t];
    }
    PetscCheck(sum == nang, comm, PETSC_ERR_ARG_SIZ, "Radon: angle count %" PetscInt_FMT " does not match the sum %" PetscInt_FMT " of projections per frame", nang, sum);
  }
  PetscCall(PetscNew(&r));
  r->N    = N;
  r->T    = T;
  r->nang = nang;
  r->ndet = N;
  r->ds   = 1.0;
  PetscOptionsBegin(comm, NULL, "Radon transform options", "Mat");
  PetscCall(PetscOptionsInt("-radon_ndet", "Number of detector bins per projection", "MatCreateRadon", r->ndet, &r->ndet, NULL));
  PetscCall(PetscOptionsReal("-radon_det_spacing", "Detector spacing in pixel units", "MatCreateRadon", r->ds, &r->ds, NULL));
  PetscOptionsEnd();
  if (r->ndet <= 0 || r->ds <= 0) {
    const PetscInt  nd = r->ndet;
    const PetscReal ds = r->ds;

    PetscCall(PetscFree(r));
    SETERRQ(comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: detector count %" PetscInt_FMT " and spacing %g must be positive", nd, (double)ds);
  }
  PetscCall(PetscMalloc3(nang, &r->theta, nang, &r->frame, T, &r->count));
  for (PetscInt t = 0, p = 0; t < T; t++) {
    r->count[t] = perframe ? perframe[t] : nang / T;
    for (PetscInt q = 0; q < r->count[t]; q++, p++) {
      r->theta[p] = angles[p];
      r->frame[p] = t;
    }
  }
  /* frames and projections split over the ranks */
  PetscCall(PetscSplitOwnership(comm, &fl, &T));
  PetscCall(PetscSplitOwnership(comm, &pl, &nang));
  PetscCallMPI(MPI_Scan(&pl, &pstart, 1, MPIU_INT, MPI_SUM, comm));
  PetscCallMPI(MPI_Scan(&fl, &fstart, 1, MPIU_INT, MPI_SUM, comm));
  pstart -= pl;
  fstart -= fl;
  r->pstart = pstart;
  r->pend   = pstart + pl;
  r->fstart = pl ? r->frame[r->pstart] : 0;
  r->fend   = pl ? r->frame[r->pend - 1] + 1 : 0;
  nneed     = (r->fend - r->fstart) * N * N;
  PetscCall(VecCreateSeq(PETSC_COMM_SELF, nneed, &r->work));
  PetscCall(ISCreateStride(PETSC_COMM_SELF, nneed, r->fstart * N * N, 1, &is));
  {
    Vec x;

    PetscCall(VecCreateMPIWithArray(comm, 1, fl * N * N, T * N * N, NULL, &x));
    PetscCall(VecScatterCreate(x, is, r->work, NULL, &r->scatter));
    PetscCall(VecDestroy(&x));
  }
  PetscCall(ISDestroy(&is));
  for (r->L = 1; r->L < 2 * r->ndet; r->L *= 2) {}
  /* margin: bins reachable beyond the detector by pixel centres at distance <= (N-1)/sqrt(2) from the centre */
  r->margin = PetscMax(2, (PetscInt)PetscCeilReal(0.5 * (N - 1) * PetscSqrtReal(2.0) / r->ds - 0.5 * (r->ndet - 1)) + 2);
  PetscCall(PetscMalloc3(r->L / 2 + 1, &r->ramp, PetscMax(pl * r->ndet, 1), &r->frow, 4 * (r->ndet + 2 * r->margin + 2), &r->pad));
  PetscCall(PetscMalloc2(2 * N, &r->wl, 2 * N, &r->kl));
  PetscCall(MatRadonSetUpFBP_Private(r));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(MatCreateShell(comm, pl * r->ndet, fl * N * N, nang * r->ndet, T * N * N, r, A));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT, (void (*)(void))MatMult_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE, (void (*)(void))MatMultTranspose_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_DESTROY, (void (*)(void))MatDestroy_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_VIEW, (void (*)(void))MatView_Radon));
  PetscCall(PetscObjectComposeFunction((PetscObject)*A, "MatIsRadon_C", MatIsRadon_Radon));
  PetscCall(PetscInfo(*A, "Radon on %d ranks: projections [%" PetscInt_FMT ", %" PetscInt_FMT ") need frames [%" PetscInt_FMT ", %" PetscInt_FMT ")\n", (int)size, r->pstart, r->pend, r->fstart, r->fend));
  PetscFunctionReturn(0);
}

/*@C
  MatIsRadon - Tells whether a matrix was created by `MatCreateRadon()`

  Not Collective

  Input Parameter:
. A - the matrix

  Output Parameter:
. flg - `PETSC_TRUE` for a Radon transform

  Level: intermediate

.seealso: `MatCreateRadon()`
@*/
PetscErrorCode MatIsRadon(Mat A, PetscBool *flg)
{
  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  TesseraValidPointer(flg, 2);
  *flg = PETSC_FALSE;
  PetscTryMethod(A, "MatIsRadon_C", (Mat, PetscBool *), (A, flg));
  PetscFunctionReturn(0);
}

/*@C
  MatRadonGetGeometry - Gets the sizes of a Radon transform

  Not Collective

  Input Parameter:
. A - the matrix from `MatCreateRadon()`

  Output Parameters:
+ N    - image side in pixels
. T    - number of frames
. ndet - detector bins per projection
- ds   - detector spacing in pixel units

  Level: intermediate

.seealso: `MatCreateRadon()`, `MatRadonGetAngles()`
@*/
PetscErrorCode MatRadonGetGeometry(Mat A, PetscInt *N, PetscInt *T, PetscInt *ndet, PetscReal *ds)
{
  Mat_Radon *r;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscCall(MatRadonGetContext_Private(A, &r));
  if (N) *N = r->N;
  if (T) *T = r->T;
  if (ndet) *ndet = r->ndet;
  if (ds) *ds = r->ds;
  PetscFunctionReturn(0);
}

/*@C
  MatRadonGetAngles - Gets the projection angles and the frame of each projection

  Not Collective

  Input Parameter:
. A - the matrix from `MatCreateRadon()`

  Output Parameters:
+ nang   - total number of projections
. angles - the angles in radians [nang] (do not free)
- frame  - the frame of each projection [nang] (do not free)

  Level: intermediate

.seealso: `MatCreateRadon()`, `MatRadonGetLocalProjections()`
@*/
PetscErrorCode MatRadonGetAngles(Mat A, PetscInt *nang, const PetscReal *angles[], const PetscInt *frame[])
{
  Mat_Radon *r;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscCall(MatRadonGetContext_Private(A, &r));
  if (nang) *nang = r->nang;
  if (angles) *angles = r->theta;
  if (frame) *frame = r->frame;
  PetscFunctionReturn(0);
}

/*@C
  MatRadonGetLocalProjections - Gets the range of projections (sinogram rows of ndet bins) owned by this rank

  Not Collective

  Input Parameter:
. A - the matrix from `MatCreateRadon()`

  Output Parameters:
+ pstart - first projection owned
- pend   - one past the last

  Level: intermediate

.seealso: `MatCreateRadon()`, `MatRadonGetAngles()`
@*/
PetscErrorCode MatRadonGetLocalProjections(Mat A, PetscInt *pstart, PetscInt *pend)
{
  Mat_Radon *r;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscCall(MatRadonGetContext_Private(A, &r));
  if (pstart) *pstart = r->pstart;
  if (pend) *pend = r->pend;
  PetscFunctionReturn(0);
}

/*@C
  MatRadonFBP - Filtered back-projection: the approximate inverse of a Radon transform, frame by frame

  Collective

  Input Parameters:
+ A - the matrix from `MatCreateRadon()`
- g - the sinogram (layout of `MatCreateVecs()`' left vector)

  Output Parameter:
. f - the images (layout of the right vector)

  Level: beginner

  Notes:
  Each projection is convolved with the discrete Ram-Lak (ramp) kernel through FFTW, zero padded to a power
  of two at least twice the detector count, then back-projected with the exact adjoint and scaled by
  pi ds / n_t, where n_t is the number of projections of its frame. Exact for band-limited data sampled
  over [0, pi) with many angles per frame; with one projection per frame it is only a crude start.

  Reference: A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, eq. (61) of ch. 3.

.seealso: `MatCreateRadon()`
@*/
PetscErrorCode MatRadonFBP(Mat A, Vec g, Vec f)
{
  Mat_Radon         *r;
  const PetscScalar *ga;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscValidHeaderSpecific(g, VEC_CLASSID, 2);
  PetscValidHeaderSpecific(f, VEC_CLASSID, 3);
  PetscCall(MatRadonGetContext_Private(A, &r));
  PetscCall(PetscLogEventBegin(RADON_FBP, A, g, f, 0));
  PetscCall(VecGetArrayRead(g, &ga));
  for (PetscInt p = 0; p < r->pend - r->pstart; p++) {
    PetscReal *row = r->frow + p * r->ndet;

    for (PetscInt k = 0; k < r->L; k++) r->fbuf[k] = k < r->ndet ? PetscRealPart(ga[p * r->ndet + k]) : 0.0;
    fftw_execute_dft_r2c(r->pfwd, r->fbuf, r->fhat);
    for (PetscInt k = 0; k < r->L / 2 + 1; k++) {
      ((double *)r->fhat)[2 * k] *= r->ramp[k];
      ((double *)r->fhat)[2 * k + 1] *= r->ramp[k];
    }
    fftw_execute_dft_c2r(r->pbwd, r->fhat, r->fbuf);
    for (PetscInt k = 0; k < r->ndet; k++) row[k] = r->fbuf[k];
  }
  PetscCall(VecRestoreArrayRead(g, &ga));
  PetscCall(MatRadonBackProjectRows_Private(r, r->frow, PETSC_TRUE, f));
  PetscCall(PetscLogFlops((r->pend - r->pstart) * (10.0 * r->L * PetscLog2Real(r->L) + 4.0 * r->N * r->N)));
  PetscCall(PetscLogEventEnd(RADON_FBP, A, g, f, 0));
  PetscFunctionReturn(0);
}
