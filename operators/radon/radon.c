/*I "tessera.h" I*/
/*
   radon.c - matrix-free parallel-beam Radon transform (MATSHELL) of a time series of N x N images.

   Method: Joseph's ray-driven line integrals, computed in sheared form. Pixel (i, j) (row i, column j) has
   centre x = j - (N-1)/2, y = (N-1)/2 - i in pixel units; detector bin k sits at s_k = (k - (ndet-1)/2) ds
   and measures the line x cos(theta) + y sin(theta) = s_k. For |cos| >= |sin| a ray crosses each image row
   once (otherwise each column); Joseph's method adds the row's linear interpolation at the crossing point,
   times the ray length per row 1/max(|cos|, |sin|). Here the rays are first taken one pixel apart along the
   rows ("fine rays", max(|cos|, |sin|) <= 1 pixel apart across them), for which each row has ONE pair of
   interpolation weights: a contiguous, vectorisable loop per row. Each detector bin then takes the cubic
   (Keys, a = -1/2) interpolation of the fine rays' integrals at its position. The adjoint applies the two
   stages transposed with the same weights, computed by the same code, so <Ax, y> = <x, A^T y> holds to
   rounding. At theta = 0 with ndet = N and ds = 1 the projection is exactly the column sums of the image
   (scikit-image's radon convention); the error against exact line integrals falls at first order in 1/N.

   Each projection belongs to one time frame; projections (rows) are distributed over the ranks, images
   (columns) by frames. A rank gathers the frames its projections need with a VecScatter created once.

   Filtered back-projection: each projection is convolved with the discrete Ram-Lak kernel
   h(0) = 1/(4 ds^2), h(n odd) = -1/(pi n ds)^2, h(n even) = 0 (zero padded, by FFTW r2c/c2r planned once at
   creation), then back-projected with A^T and scaled by pi ds / (projections of the frame).

   References:
     A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, IEEE Press 1988, ch. 3 (SIAM
     Classics 2001, doi:10.1137/1.9780898719277).
     P. M. Joseph, An improved algorithm for reprojecting rays through pixel images, IEEE Trans. Med. Imaging
     1 (1982) 192-196, doi:10.1109/TMI.1982.4307572.
     R. G. Keys, Cubic convolution interpolation for digital image processing, IEEE Trans. Acoust. Speech
     Signal Process. 29 (1981) 1153-1160, doi:10.1109/TASSP.1981.1163711.
*/
#include "radonimpl.h"

static PetscClassId   RADON_CLASSID;
static TesseraPackage RadonPackage = {.name = "radon", .classname = "Radon", .classid = &RADON_CLASSID};
static PetscLogEvent  RADON_Mult, RADON_MultT, RADON_FBP;

/*@C
  MatRadonInitializePackage - Registers the Radon operator's log events; called by the package's own creation routines and by `TesseraInitialize()`

  Level: developer

.seealso: `TesseraInitialize()`
@*/
PetscErrorCode MatRadonInitializePackage(void)
{
  static const TesseraPackageEvent events[] = {{"RadonMult", &RADON_Mult}, {"RadonMultT", &RADON_MultT}, {"RadonFBP", &RADON_FBP}, {NULL, NULL}};

  PetscFunctionBegin;
  PetscCall(TesseraPackageInitialize_Private(&RadonPackage, NULL, events, NULL));
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
  Kernels. For an angle with |cos| >= |sin| the rays cross every image row once, otherwise every column; the
  frame is treated as N lines (its rows, or its columns through a transposed copy). On line l the ray of
  detector bin k meets the line at X = o_l + k B (pixel units along the line, 0 at its first pixel), with
  o_l = a0 + l a1, |a1| <= 1 and |B| = ds / max(|cos|, |sin|).

  Sheared Joseph projection in two stages. (1) Fine rays m, one pixel apart along every line, meet line l
  at X = m + d_l - 1 with d_l = o_l - max_l o_l <= 0: on each line the offset, hence the pair of linear
  interpolation weights (1 - w_l, w_l), w_l = d_l - floor(d_l), is the same for every fine ray, so
  acc[m] += (1 - w_l) f_l[m + n_l] + w_l f_l[m + n_l + 1] (n_l = floor(d_l), f_l the line with one zero on
  each side) is a contiguous, vectorisable loop; acc holds Joseph's line integrals along the fine rays,
  spaced max(|cos|, |sin|) <= 1 pixel apart across the rays. (2) Bin k sits at fine position
  m = max o + 1 + k B, and its value is the linear interpolation of acc there, times the ray length per
  line 1/max(|cos|, |sin|). The adjoint runs (2) and then (1) transposed with the same weights, again
  contiguously (out[x] += (1 - w_l) acc[x + 1 - n_l] + w_l acc[x - n_l]), so A^T is the exact transpose of A.
  A theta = 0 projection (ndet = N, ds = 1) is exactly the column sums.

  The two kernels are compiled twice with GCC on x86-64 Linux, for AVX2 and for the baseline, and the loader
  picks the one the CPU supports (target_clones: no -march flag, the library runs on any x86-64). The loops
  are element-wise, without FMA contraction, so both versions give the same numbers.
*/
typedef struct {
  PetscBool tr;     /* lines are image columns */
  PetscReal a0, a1; /* bin 0's ray meets line l at a0 + l a1 */
  PetscReal B;      /* step along the line per detector bin */
  PetscReal omax;   /* max over the lines of a0 + l a1 */
  PetscReal scale;  /* ray length per line */
} RadonAngle;

static void RadonAngleSetUp_Private(const Mat_Radon *r, PetscReal theta, RadonAngle *a)
{
  const PetscReal c = PetscCosReal(theta), s = PetscSinReal(theta), h = 0.5 * (r->N - 1), hd = 0.5 * (r->ndet - 1) * r->ds;

  a->tr = (PetscBool)(PetscAbsReal(s) > PetscAbsReal(c));
  if (!a->tr) { /* row i, y = h - i: x = (s_k - y sin)/cos, column coordinate x + h */
    a->a0    = h - (hd + h * s) / c;
    a->a1    = s / c;
    a->B     = r->ds / c;
    a->scale = 1.0 / PetscAbsReal(c);
  } else { /* column j, x = j - h: y = (s_k - x cos)/sin, row coordinate h - y */
    a->a0    = h + (hd - h * c) / s;
    a->a1    = c / s;
    a->B     = -r->ds / s;
    a->scale = 1.0 / PetscAbsReal(s);
  }
  a->omax = PetscMax(a->a0, a->a0 + (r->N - 1) * a->a1);
}

/* the integer and fractional parts of the fine-ray offset d_l of line l */
static inline void RadonLineShift_Private(const RadonAngle *a, PetscInt l, PetscInt *n, PetscReal *w)
{
  const PetscReal d = a->a0 + l * a->a1 - a->omax, fl = PetscFloorReal(d);

  *n = (PetscInt)fl;
  *w = d - fl;
}

/* the fine position u of bin k (in acc, whose entries start at u = 3) and its cubic interpolation weights on
   entries j - 1 .. j + 2, j = floor(u); false outside [1, nacc - 2), where every tap would read zeros anyway */
static inline PetscBool RadonBinWeights_Private(const Mat_Radon *r, const RadonAngle *a, PetscInt k, PetscInt *j, PetscReal w[4])
{
  const PetscReal u = a->omax + 4.0 + k * a->B;
  PetscReal       t, t2, t3;

  if (!(u >= 1.0 && u < r->nacc - 2)) return PETSC_FALSE;
  *j   = (PetscInt)u;
  t    = u - *j;
  t2   = t * t;
  t3   = t2 * t;
  w[0] = 0.5 * (-t3 + 2.0 * t2 - t);
  w[1] = 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0);
  w[2] = 0.5 * (-3.0 * t3 + 4.0 * t2 + t);
  w[3] = 0.5 * (t3 - t2);
  return PETSC_TRUE;
}

/* copies frame img to N lines of N + 2 entries with a zero at both ends (its rows, or its columns when tr) */
static void RadonFrameToLines_Private(const Mat_Radon *r, const PetscScalar *restrict img, PetscBool tr, PetscReal *restrict lines)
{
  const PetscInt N = r->N, bs = 16;

  for (PetscInt l = 0; l < N; l++) lines[l * (N + 2)] = lines[l * (N + 2) + N + 1] = 0.0;
  if (tr) /* in blocks, to stay in cache */
    for (PetscInt l0 = 0; l0 < N; l0 += bs)
      for (PetscInt m0 = 0; m0 < N; m0 += bs)
        for (PetscInt l = l0; l < PetscMin(l0 + bs, N); l++)
          for (PetscInt m = m0; m < PetscMin(m0 + bs, N); m++) lines[l * (N + 2) + 1 + m] = PetscRealPart(img[m * N + l]);
  else
    for (PetscInt l = 0; l < N; l++)
      for (PetscInt m = 0; m < N; m++) lines[l * (N + 2) + 1 + m] = PetscRealPart(img[l * N + m]);
}

/* row[ndet] = A_theta of the frame held in lines */
TESSERA_VECTOR_CLONES static void RadonProject_Private(const Mat_Radon *r, const RadonAngle *a, const PetscReal *restrict lines, PetscReal *restrict row)
{
  const PetscInt N         = r->N;
  PetscReal *restrict accb = r->acc, *restrict acc = accb + 3;

  for (PetscInt m = 0; m < r->nacc; m++) accb[m] = 0.0;
  for (PetscInt l = 0; l < N; l++) {
    const PetscReal *restrict f = lines + l * (N + 2);
    PetscInt  n;
    PetscReal w;

    RadonLineShift_Private(a, l, &n, &w);
    {
      const PetscReal *restrict f0 = f + n, wa = 1.0 - w;

      for (PetscInt m = -n; m <= N - n; m++) acc[m] += wa * f0[m] + w * f0[m + 1];
    }
  }
  for (PetscInt k = 0; k < r->ndet; k++) {
    PetscInt  j;
    PetscReal w[4];

    row[k] = RadonBinWeights_Private(r, a, k, &j, w) ? a->scale * (w[0] * accb[j - 1] + w[1] * accb[j] + w[2] * accb[j + 1] + w[3] * accb[j + 2]) : 0.0;
  }
}

/* out (N lines of N, rows or columns) += alpha A_theta^T row */
TESSERA_VECTOR_CLONES static void RadonBackProject_Private(const Mat_Radon *r, const RadonAngle *a, const PetscReal *restrict row, PetscReal alpha, PetscScalar *restrict out)
{
  const PetscInt N         = r->N;
  PetscReal *restrict accb = r->acc, *restrict acc = accb + 3;

  for (PetscInt m = 0; m < r->nacc; m++) accb[m] = 0.0;
  for (PetscInt k = 0; k < r->ndet; k++) {
    PetscInt  j;
    PetscReal w[4];

    if (RadonBinWeights_Private(r, a, k, &j, w)) {
      const PetscReal v = alpha * a->scale * row[k];

      for (PetscInt q = 0; q < 4; q++) accb[j - 1 + q] += w[q] * v;
    }
  }
  for (PetscInt l = 0; l < N; l++) {
    PetscScalar *restrict o = out + l * N;
    PetscInt  n;
    PetscReal w;

    RadonLineShift_Private(a, l, &n, &w);
    {
      const PetscReal *restrict g = acc - n, wa = 1.0 - w;

      for (PetscInt x = 0; x < N; x++) o[x] += wa * g[x + 1] + w * g[x];
    }
  }
}

static PetscErrorCode MatMult_Radon(Mat A, Vec x, Vec y)
{
  Mat_Radon         *r;
  const PetscScalar *w;
  PetscScalar       *ya;
  PetscInt           frame   = -1;
  PetscBool          have[2] = {PETSC_FALSE, PETSC_FALSE};

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(PetscLogEventBegin(RADON_Mult, A, x, y, 0));
  if (!r->direct) {
    PetscCall(VecScatterBegin(r->scatter, x, r->work, INSERT_VALUES, SCATTER_FORWARD));
    PetscCall(VecScatterEnd(r->scatter, x, r->work, INSERT_VALUES, SCATTER_FORWARD));
  }
  PetscCall(VecGetArrayRead(r->direct ? x : r->work, &w));
  for (PetscInt p = r->pstart; p < r->pend; p++) {
    RadonAngle a;

    RadonAngleSetUp_Private(r, r->theta[p], &a);
    if (r->frame[p] != frame) {
      frame   = r->frame[p];
      have[0] = have[1] = PETSC_FALSE;
    }
    if (!have[a.tr]) {
      RadonFrameToLines_Private(r, w + (frame - r->fstart) * r->N * r->N, a.tr, r->lines + a.tr * r->N * (r->N + 2));
      have[a.tr] = PETSC_TRUE;
    }
    RadonProject_Private(r, &a, r->lines + a.tr * r->N * (r->N + 2), r->frow + (p - r->pstart) * r->ndet);
  }
  PetscCall(VecRestoreArrayRead(r->direct ? x : r->work, &w));
  PetscCall(VecGetArrayWrite(y, &ya));
  for (PetscInt k = 0; k < (r->pend - r->pstart) * r->ndet; k++) ya[k] = r->frow[k];
  PetscCall(VecRestoreArrayWrite(y, &ya));
  PetscCall(PetscLogFlops(4.0 * (r->pend - r->pstart) * r->N * r->N));
  PetscCall(PetscLogEventEnd(RADON_Mult, A, x, y, 0));
  PetscFunctionReturn(0);
}

/* img += the transposed N x N buffer t, which is zeroed */
static PetscErrorCode RadonAddTransposed_Private(PetscInt N, PetscScalar *restrict t, PetscScalar *restrict img)
{
  const PetscInt bs = 16;

  PetscFunctionBegin;
  for (PetscInt i0 = 0; i0 < N; i0 += bs) /* in blocks, to stay in cache */
    for (PetscInt j0 = 0; j0 < N; j0 += bs)
      for (PetscInt i = i0; i < PetscMin(i0 + bs, N); i++)
        for (PetscInt j = j0; j < PetscMin(j0 + bs, N); j++) img[i * N + j] += t[j * N + i];
  PetscCall(PetscArrayzero(t, N * N));
  PetscFunctionReturn(0);
}

/* y = alpha A^T (rows of this rank), the rows given as reals */
static PetscErrorCode MatRadonBackProjectRows_Private(Mat_Radon *r, const PetscReal *rows, PetscBool perframe, Vec y)
{
  PetscScalar *w, *img = NULL;
  PetscInt     frame = -1;
  PetscBool    used  = PETSC_FALSE;
  Vec          acc   = r->direct ? y : r->work;

  PetscFunctionBegin;
  PetscCall(VecGetArray(acc, &w)); /* its frames are exactly those of the projections [pstart, pend) */
  for (PetscInt p = r->pstart; p <= r->pend; p++) {
    RadonAngle a;

    if (p == r->pend || r->frame[p] != frame) { /* the columns' buffer (zero again after this) into the last frame */
      if (used) PetscCall(RadonAddTransposed_Private(r->N, r->tbuf, img));
      used = PETSC_FALSE;
      if (p == r->pend) break;
      frame = r->frame[p];
      img   = w + (frame - r->fstart) * r->N * r->N;
      PetscCall(PetscArrayzero(img, r->N * r->N));
    }
    RadonAngleSetUp_Private(r, r->theta[p], &a);
    RadonBackProject_Private(r, &a, rows + (p - r->pstart) * r->ndet, perframe ? PETSC_PI * r->ds / r->count[frame] : 1.0, a.tr ? r->tbuf : img);
    used = (PetscBool)(used || a.tr);
  }
  PetscCall(VecRestoreArray(acc, &w));
  if (!r->direct) {
    PetscCall(VecZeroEntries(y));
    PetscCall(VecScatterBegin(r->scatter, r->work, y, ADD_VALUES, SCATTER_REVERSE));
    PetscCall(VecScatterEnd(r->scatter, r->work, y, ADD_VALUES, SCATTER_REVERSE));
  }
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
  PetscCall(PetscLogFlops(4.0 * (r->pend - r->pstart) * r->N * r->N));
  PetscCall(PetscLogEventEnd(RADON_MultT, A, x, y, 0));
  PetscFunctionReturn(0);
}

/* frees a Radon context (NULL: nothing) */
static PetscErrorCode MatRadonDestroyContext_Private(Mat_Radon **rr)
{
  Mat_Radon *r = *rr;

  PetscFunctionBegin;
  if (!r) PetscFunctionReturn(0);
  PetscCall(PetscFree3(r->theta, r->frame, r->count));
  PetscCall(PetscFree3(r->ramp, r->frow, r->acc));
  PetscCall(PetscFree2(r->lines, r->tbuf));
  PetscCall(VecDestroy(&r->work));
  PetscCall(VecScatterDestroy(&r->scatter));
  if (r->pfwd) fftw_destroy_plan(r->pfwd);
  if (r->pbwd) fftw_destroy_plan(r->pbwd);
  if (r->fbuf) fftw_free(r->fbuf);
  if (r->fhat) fftw_free(r->fhat);
  PetscCall(PetscFree(*rr));
  PetscFunctionReturn(0);
}

static PetscErrorCode MatDestroy_Radon(Mat A)
{
  Mat_Radon *r;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  PetscCall(MatRadonDestroyContext_Private(&r));
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

static PetscErrorCode MatSetFromOptions_Radon(Mat A, PetscOptionItems *PetscOptionsObject)
{
  Mat_Radon *r;
  PetscInt   ndet;
  PetscReal  ds;

  PetscFunctionBegin;
  PetscCall(MatShellGetContext(A, &r));
  ndet = r->ndet;
  ds   = r->ds;
  PetscOptionsHeadBegin(PetscOptionsObject, "Radon transform options");
  PetscCall(TesseraOptionsIntInRange("-radon_ndet", "Number of detector bins per projection", "MatRadonSetDetector", ndet, &ndet, NULL, 1, 1 << 20));
  PetscCall(TesseraOptionsRealPositive("-radon_det_spacing", "Detector spacing in pixel units", "MatRadonSetDetector", ds, &ds, NULL, 1e6));
  PetscOptionsHeadEnd();
  PetscCall(MatRadonSetDetector(A, ndet, ds));
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

static const char RadonCitation[] = "@article{joseph1982,\n  author  = {P. M. Joseph},\n  title   = {An improved algorithm for reprojecting rays through pixel images},\n  journal = {IEEE Trans. Med. Imaging},\n  volume  = {1},\n  pages   = "
                                    "{192--196},\n  year    = {1982},\n  doi     = {10.1109/TMI.1982.4307572}\n}\n";
static PetscBool  RadonCite       = PETSC_FALSE;

/* the Radon MATSHELL of the given detector (MatCreateRadon() and MatRadonSetDetector() build through this) */
static PetscErrorCode MatRadonBuild_Private(MPI_Comm comm, PetscInt N, PetscInt T, PetscInt nang, const PetscReal angles[], const PetscInt perframe[], PetscInt ndet, PetscReal ds, Mat *A)
{
  Mat_Radon  *r;
  PetscInt    fl = PETSC_DECIDE, pl = PETSC_DECIDE, fstart, pstart, nneed;
  PetscMPIInt size;
  IS          is;
  PetscBool   direct;

  PetscFunctionBegin;
  PetscCheck(N > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: image size %" PetscInt_FMT " must be positive", N);
  PetscCheck(T > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: frame count %" PetscInt_FMT " must be positive", T);
  PetscCheck(nang > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: angle count %" PetscInt_FMT " must be positive", nang);
  PetscCheck(nang == 0 || angles, comm, PETSC_ERR_ARG_NULL, "Radon: angles array is NULL");
  for (PetscInt p = 0; p < nang; p++) PetscCheck(!PetscIsInfOrNanReal(angles[p]), comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: angle %" PetscInt_FMT " is %g; angles must be finite (radians)", p, (double)angles[p]);
  PetscCheck((PetscInt64)N * N * T <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: %" PetscInt_FMT " frames of %" PetscInt_FMT "^2 pixels exceed the largest PetscInt", T, N);
  if (!perframe) PetscCheck(nang % T == 0, comm, PETSC_ERR_ARG_SIZ, "Radon: angle count %" PetscInt_FMT " does not match frame count %" PetscInt_FMT " (it must be a multiple of it, or give the projections per frame)", nang, T);
  else {
    PetscInt sum = 0;

    for (PetscInt t = 0; t < T; t++) {
      PetscCheck(perframe[t] > 0, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: frame %" PetscInt_FMT " has %" PetscInt_FMT " projections; each frame needs at least one", t, perframe[t]);
      sum += perframe[t];
    }
    PetscCheck(sum == nang, comm, PETSC_ERR_ARG_SIZ, "Radon: angle count %" PetscInt_FMT " does not match the sum %" PetscInt_FMT " of projections per frame", nang, sum);
  }
  PetscCheck(ndet > 0 && ds > 0 && PetscIsNormalReal(ds), comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: detector count %" PetscInt_FMT " and spacing %g must be positive", ndet, (double)ds);
  PetscCheck((PetscInt64)nang * ndet <= PETSC_MAX_INT, comm, PETSC_ERR_ARG_OUTOFRANGE, "Radon: %" PetscInt_FMT " projections of %" PetscInt_FMT " bins exceed the largest PetscInt", nang, ndet);
  PetscCall(PetscNew(&r));
  r->N    = N;
  r->T    = T;
  r->nang = nang;
  r->ndet = ndet;
  r->ds   = ds;
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
  /* when every rank's projections need exactly the frames it owns (always on one rank), no copy is made */
  direct = (PetscBool)(pl ? r->fstart == fstart && r->fend == fstart + fl : fl == 0);
  PetscCallMPI(MPIU_Allreduce(&direct, &r->direct, 1, MPIU_BOOL, MPI_LAND, comm));
  if (!r->direct) {
    Vec x;

    PetscCall(VecCreateSeq(PETSC_COMM_SELF, nneed, &r->work));
    PetscCall(ISCreateStride(PETSC_COMM_SELF, nneed, r->fstart * N * N, 1, &is));
    PetscCall(VecCreateMPIWithArray(comm, 1, fl * N * N, T * N * N, NULL, &x));
    PetscCall(VecScatterCreate(x, is, r->work, NULL, &r->scatter));
    PetscCall(VecDestroy(&x));
    PetscCall(ISDestroy(&is));
  }
  for (r->L = 1; r->L < 2 * r->ndet; r->L *= 2) {}
  /* fine rays: positions 0 .. N + (N - 1) |a1| + 1 <= 2 N of acc, after three zeros and before three more */
  r->nacc = 2 * N + 7;
  PetscCall(PetscCalloc3(r->L / 2 + 1, &r->ramp, PetscMax(pl * r->ndet, 1), &r->frow, r->nacc, &r->acc));
  PetscCall(PetscCalloc2(2 * N * (N + 2), &r->lines, N * N, &r->tbuf));
  PetscCall(MatRadonSetUpFBP_Private(r));
  PetscCallMPI(MPI_Comm_size(comm, &size));
  PetscCall(MatCreateShell(comm, pl * r->ndet, fl * N * N, nang * r->ndet, T * N * N, r, A));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT, (void (*)(void))MatMult_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_MULT_TRANSPOSE, (void (*)(void))MatMultTranspose_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_DESTROY, (void (*)(void))MatDestroy_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_VIEW, (void (*)(void))MatView_Radon));
  PetscCall(MatShellSetOperation(*A, MATOP_SET_FROM_OPTIONS, (void (*)(void))MatSetFromOptions_Radon));
  PetscCall(PetscObjectComposeFunction((PetscObject)*A, "MatIsRadon_C", MatIsRadon_Radon));
  PetscCall(
      PetscInfo(*A, "Radon on %d ranks: projections [%" PetscInt_FMT ", %" PetscInt_FMT ") need frames [%" PetscInt_FMT ", %" PetscInt_FMT ")%s\n", (int)size, r->pstart, r->pend, r->fstart, r->fend, r->direct ? ", the owned ones (no copy)" : ""));
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

  Level: beginner

  Notes:
  Images are stored frame after frame, each row major (row i, column j); pixel centres sit at
  x = j - (N-1)/2, y = (N-1)/2 - i. A projection row has ndet bins centred at s_k = (k - (ndet-1)/2) ds.
  Entries approximate line integrals in pixel units (Joseph's method, with a cubic interpolation across the
  rays; see radon.c). The detector has N bins of 1 pixel; `MatRadonSetDetector()` or `MatSetFromOptions()`
  (options -radon_ndet, -radon_det_spacing under the matrix's prefix) change it. No option is read here. The image vector is split over the ranks by frames, the sinogram by projections;
  `MatCreateVecs()` gives vectors of the right layouts.

  References: A. C. Kak and M. Slaney, Principles of Computerized Tomographic Imaging, ch. 3; P. M. Joseph,
  IEEE Trans. Med. Imaging 1 (1982) 192.

.seealso: `MatRadonSetDetector()`, `MatRadonFBP()`, `MatRadonGetGeometry()`, `MatRadonGetAngles()`
@*/
PetscErrorCode MatCreateRadon(MPI_Comm comm, PetscInt N, PetscInt T, PetscInt nang, const PetscReal angles[], const PetscInt perframe[], Mat *A)
{
  PetscFunctionBegin;
  TesseraValidPointer(A, 7);
  PetscCall(MatRadonInitializePackage());
  PetscCall(PetscCitationsRegister(RadonCitation, &RadonCite));
  PetscCall(MatRadonBuild_Private(comm, N, T, nang, angles, perframe, N, 1.0, A));
  PetscFunctionReturn(0);
}

/*@C
  MatRadonSetDetector - Sets the detector of a Radon transform

  Collective

  Input Parameters:
+ A    - the matrix from `MatCreateRadon()`
. ndet - number of detector bins per projection
- ds   - detector spacing in pixel units

  Options Database Keys (read by `MatSetFromOptions()`, under the matrix's options prefix):
+ -radon_ndet <N>          - number of detector bins per projection
- -radon_det_spacing <1.0> - detector spacing in pixel units

  Level: intermediate

  Notes:
  The number of rows is ndet times the number of projections, so a new detector rebuilds the operator in place
  (`MatHeaderReplace()`): vectors made by `MatCreateVecs()` before have the old sizes. Two Radon matrices with
  different prefixes take different detectors from the options database, e.g. -a_radon_ndet 70 -b_radon_ndet 12.

.seealso: `MatCreateRadon()`, `MatRadonGetGeometry()`
@*/
PetscErrorCode MatRadonSetDetector(Mat A, PetscInt ndet, PetscReal ds)
{
  Mat_Radon  *r;
  Mat         B;
  const char *prefix;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(A, MAT_CLASSID, 1);
  PetscValidLogicalCollectiveInt(A, ndet, 2);
  PetscValidLogicalCollectiveReal(A, ds, 3);
  PetscCall(MatRadonGetContext_Private(A, &r));
  PetscCheck(ndet > 0 && ds > 0 && PetscIsNormalReal(ds), PetscObjectComm((PetscObject)A), PETSC_ERR_ARG_OUTOFRANGE, "Radon: detector count %" PetscInt_FMT " and spacing %g must be positive", ndet, (double)ds);
  if (ndet == r->ndet && ds == r->ds) PetscFunctionReturn(0);
  PetscCall(MatRadonBuild_Private(PetscObjectComm((PetscObject)A), r->N, r->T, r->nang, r->theta, r->count, ndet, ds, &B));
  PetscCall(MatGetOptionsPrefix(A, &prefix));
  PetscCall(MatSetOptionsPrefix(B, prefix));
  /* MatHeaderReplace() destroys the old header without its shell destroy routine: take the old context out
     first (so no PETSc version frees it twice) and free it here */
  PetscCall(MatShellSetContext(A, NULL));
  PetscCall(MatHeaderReplace(A, &B));
  PetscCall(MatRadonDestroyContext_Private(&r));
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
