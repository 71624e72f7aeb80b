/*I "tessera.h" I*/
/*
   metrics.c - image-quality metrics with scikit-image's definitions.

   PSNR = 10 log10(R^2 / MSE), R the data range (skimage.metrics.peak_signal_noise_ratio).
   SSIM (Z. Wang, A. C. Bovik, H. R. Sheikh, E. P. Simoncelli, IEEE Trans. Image Process. 13 (2004) 600,
   doi:10.1109/TIP.2003.819861) as skimage.metrics.structural_similarity with its defaults: a uniform 7-wide
   window in every dimension (7 x 7 per frame, 7 x 7 x 7 on the x-y-t volume), scipy's "reflect" boundary
   (d c b a | a b c d), sample covariances (factor n/(n-1), n = 7^dim), K1 = 0.01, K2 = 0.03, and the mean of
   the SSIM map over the interior (3 values cropped at each end of every axis).
*/
#include <tesseraimpl.h>
#include <tesseraphantoms.h>

/* the data range R: range if positive, else max - min of xtrue (mx, mn); an error if it is not positive and
   finite (a constant truth, NaN or Inf), naming the metric */
static PetscErrorCode ImageDataRange_Private(MPI_Comm comm, const char *metric, const char *what, PetscReal range, PetscReal mx, PetscReal mn, PetscReal *R)
{
  PetscFunctionBegin;
  PetscCheck(!PetscIsInfOrNanReal(range), comm, PETSC_ERR_ARG_OUTOFRANGE, "%s: data range %g is not a finite number", metric, (double)range);
  *R = range > 0 ? range : mx - mn;
  PetscCheck(range > 0 || !PetscIsInfOrNanReal(*R), comm, PETSC_ERR_FP, "%s: the true %s contains NaN or Inf values", metric, what);
  PetscCheck(*R > 0, comm, PETSC_ERR_ARG_WRONG, "%s: the true %s is constant (max = min = %g), so its data range is zero; give the data range", metric, what, (double)mx);
  PetscFunctionReturn(0);
}

/*@C
  PhantomComputePSNR - Peak signal-to-noise ratio of an image (or a whole space-time volume) against the truth

  Collective

  Input Parameters:
+ xtrue - the ground truth
. x     - the estimate
- range - the data range R; 0 or negative: max(xtrue) - min(xtrue)

  Output Parameter:
. psnr - 10 log10(R^2 / mean((x - xtrue)^2)) in dB

  Level: beginner

.seealso: `PhantomComputePSNRFrames()`, `PhantomComputeSSIM()`
@*/
PetscErrorCode PhantomComputePSNR(Vec xtrue, Vec x, PetscReal range, PetscReal *psnr)
{
  PetscReal   nrm;
  PetscInt    n;
  Vec         d;
  PetscScalar mone = -1.0;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(xtrue, VEC_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  TesseraValidPointer(psnr, 4);
  PetscCheckSameComm(xtrue, 1, x, 2);
  {
    PetscReal mx = 0, mn = 0;

    if (!(range > 0)) {
      PetscCall(VecMax(xtrue, NULL, &mx));
      PetscCall(VecMin(xtrue, NULL, &mn));
    }
    PetscCall(ImageDataRange_Private(PetscObjectComm((PetscObject)x), "PSNR", "image", range, mx, mn, &range));
  }
  PetscCall(VecDuplicate(x, &d));
  PetscCall(VecWAXPY(d, mone, xtrue, x));
  PetscCall(VecNorm(d, NORM_2, &nrm));
  PetscCall(VecGetSize(d, &n));
  PetscCall(VecDestroy(&d));
  PetscCheck(!PetscIsInfOrNanReal(nrm), PetscObjectComm((PetscObject)x), PETSC_ERR_FP, "PSNR: the images contain NaN or Inf values");
  *psnr = 10.0 * PetscLog10Real(range * range / (nrm * nrm / n));
  PetscFunctionReturn(0);
}

/*@C
  PhantomComputePSNRFrames - PSNR of each frame of a time series

  Collective

  Input Parameters:
+ xtrue - the ground truth, T frames of N x N (split over ranks by whole frames)
. x     - the estimate, same layout
. N     - image side
- range - the data range R; 0 or negative: max - min of each true frame

  Output Parameter:
. psnr - the PSNR of each frame [T], on every rank

  Level: beginner

.seealso: `PhantomComputePSNR()`
@*/
PetscErrorCode PhantomComputePSNRFrames(Vec xtrue, Vec x, PetscInt N, PetscReal range, PetscReal psnr[])
{
  PetscInt           n, T, t0, t1;
  PetscReal         *loc;
  const PetscScalar *a, *b;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(xtrue, VEC_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  PetscValidRealPointer(psnr, 5);
  PetscCall(VecGetSize(xtrue, &n));
  PetscCheck(N > 0 && n % (N * N) == 0, PetscObjectComm((PetscObject)x), PETSC_ERR_ARG_SIZ, "Image size mismatch: vector of length %" PetscInt_FMT " is not a set of %" PetscInt_FMT " x %" PetscInt_FMT " frames", n, N, N);
  T = n / (N * N);
  PetscCall(PhantomGetFrameLayout(xtrue, N, T, &t0, &t1));
  PetscCall(PhantomGetFrameLayout(x, N, T, NULL, NULL));
  PetscCall(PetscCalloc1(3 * T, &loc));
  PetscCall(VecGetArrayRead(xtrue, &a));
  PetscCall(VecGetArrayRead(x, &b));
  for (PetscInt t = t0; t < t1; t++) {
    const PetscScalar *at = a + (t - t0) * N * N, *bt = b + (t - t0) * N * N;
    PetscReal          mx = PETSC_MIN_REAL, mn = PETSC_MAX_REAL, se = 0;

    for (PetscInt k = 0; k < N * N; k++) {
      const PetscReal d = PetscRealPart(bt[k] - at[k]);

      se += d * d;
      mx = PetscMax(mx, PetscRealPart(at[k]));
      mn = PetscMin(mn, PetscRealPart(at[k]));
    }
    loc[3 * t]     = se;
    loc[3 * t + 1] = mx;
    loc[3 * t + 2] = mn;
  }
  PetscCall(VecRestoreArrayRead(xtrue, &a));
  PetscCall(VecRestoreArrayRead(x, &b));
  PetscCallMPI(MPIU_Allreduce(MPI_IN_PLACE, loc, (PetscMPIInt)(3 * T), MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)x)));
  for (PetscInt t = 0; t < T; t++) {
    PetscReal R;
    char      what[64];

    PetscCall(PetscSNPrintf(what, sizeof(what), "frame %" PetscInt_FMT, t));
    PetscCall(ImageDataRange_Private(PetscObjectComm((PetscObject)x), "PSNR", what, range, loc[3 * t + 1], loc[3 * t + 2], &R));
    PetscCheck(!PetscIsInfOrNanReal(loc[3 * t]), PetscObjectComm((PetscObject)x), PETSC_ERR_FP, "PSNR: frame %" PetscInt_FMT " of the images contains NaN or Inf values", t);
    psnr[t] = 10.0 * PetscLog10Real(R * R / (loc[3 * t] / (N * N)));
  }
  PetscCall(PetscFree(loc));
  PetscFunctionReturn(0);
}

/* reflected index (d c b a | a b c d), repeated for windows wider than the signal */
static inline PetscInt ImageReflect_Private(PetscInt j, PetscInt n)
{
  while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - j - 1;
  return j;
}

/*
   uniform filter (7-wide moving average, scipy "reflect") over the first ndim axes of an array of shape
   (n2, n1, n0) (n0 fastest). Along axis 0 line by line; along the strided axes 1 and 2 whole rows of
   st = n0 or n0 n1 contiguous values at once (7 vector adds per output, cache friendly).
*/
static PetscErrorCode ImageUniform_Private(PetscInt ndim, const PetscInt n[3], const PetscReal *in, PetscReal *out, PetscReal *tmp)
{
  const PetscInt tot = n[0] * n[1] * n[2], st[3] = {1, n[0], n[0] * n[1]};

  PetscFunctionBegin;
  for (PetscInt ax = 0; ax < ndim; ax++) {
    const PetscReal *x   = ax == 0 ? in : tmp;
    const PetscInt   len = n[ax], s = st[ax], outer = tot / (len * s);

    if (ax > 0) PetscCall(PetscArraycpy(tmp, out, tot));
    for (PetscInt o = 0; o < outer; o++) {
      const PetscReal *xo = x + o * len * s;
      PetscReal       *yo = out + o * len * s;

      for (PetscInt i = 0; i < len; i++) {
        PetscReal *restrict y = yo + i * s;

        if (s == 1) {
          PetscReal sum = 0;

          for (PetscInt d = -3; d <= 3; d++) sum += xo[ImageReflect_Private(i + d, len)];
          y[0] = sum / 7.0;
        } else {
          const PetscReal *r[7];

          for (PetscInt d = -3; d <= 3; d++) r[d + 3] = xo + ImageReflect_Private(i + d, len) * s;
          for (PetscInt j = 0; j < s; j++) y[j] = (r[0][j] + r[1][j] + r[2][j] + r[3][j] + r[4][j] + r[5][j] + r[6][j]) / 7.0;
        }
      }
    }
  }
  PetscFunctionReturn(0);
}

/*
   sum and count of the SSIM map of X, Y of shape n (n0 fastest) with a 7^ndim window over the first ndim axes,
   cropped by 3 in axes 0 and 1, and over the indices [z0, z1) of axis 2 (the caller crops it: the 3-D SSIM is
   computed in slabs of frames with 3 frames of halo, so that its work arrays stay small)
*/
static PetscErrorCode ImageSSIMArray_Private(PetscInt ndim, const PetscInt n[3], const PetscReal *X, const PetscReal *Y, PetscReal R, PetscInt z0, PetscInt z1, PetscReal *msum, PetscInt *mcnt)
{
  const PetscInt  tot = n[0] * n[1] * n[2];
  const PetscReal NP = PetscPowRealInt(7.0, ndim), cov = NP / (NP - 1), C1 = (0.01 * R) * (0.01 * R), C2 = (0.03 * R) * (0.03 * R);
  PetscReal      *ux, *uy, *uxx, *uyy, *uxy, *prod, *tmp, sum = 0;
  PetscInt        cnt = 0;

  PetscFunctionBegin;
  PetscCall(PetscMalloc7(tot, &ux, tot, &uy, tot, &uxx, tot, &uyy, tot, &uxy, tot, &prod, tot, &tmp));
  PetscCall(ImageUniform_Private(ndim, n, X, ux, tmp));
  PetscCall(ImageUniform_Private(ndim, n, Y, uy, tmp));
  for (PetscInt k = 0; k < tot; k++) prod[k] = X[k] * X[k];
  PetscCall(ImageUniform_Private(ndim, n, prod, uxx, tmp));
  for (PetscInt k = 0; k < tot; k++) prod[k] = Y[k] * Y[k];
  PetscCall(ImageUniform_Private(ndim, n, prod, uyy, tmp));
  for (PetscInt k = 0; k < tot; k++) prod[k] = X[k] * Y[k];
  PetscCall(ImageUniform_Private(ndim, n, prod, uxy, tmp));
  for (PetscInt k = 0; k < tot; k++) {
    const PetscInt i0 = k % n[0], i1 = (k / n[0]) % n[1], i2 = k / (n[0] * n[1]);
    PetscReal      vx, vy, vxy;

    if (i0 < 3 || i0 >= n[0] - 3 || i1 < 3 || i1 >= n[1] - 3) continue;
    if (i2 < z0 || i2 >= z1) continue;
    vx  = cov * (uxx[k] - ux[k] * ux[k]);
    vy  = cov * (uyy[k] - uy[k] * uy[k]);
    vxy = cov * (uxy[k] - ux[k] * uy[k]);
    sum += ((2 * ux[k] * uy[k] + C1) * (2 * vxy + C2)) / ((ux[k] * ux[k] + uy[k] * uy[k] + C1) * (vx + vy + C2));
    cnt++;
  }
  *msum = sum;
  *mcnt = cnt;
  PetscCall(PetscFree7(ux, uy, uxx, uyy, uxy, prod, tmp));
  PetscFunctionReturn(0);
}

/*@C
  PhantomComputeSSIM - Structural similarity of a time series against the truth: on the x-y-t volume and per frame

  Collective

  Input Parameters:
+ xtrue - the ground truth, T frames of N x N (split over ranks by whole frames)
. x     - the estimate, same layout
. N     - image side (at least 7)
- range - the data range R; 0 or negative: max(xtrue) - min(xtrue) over the whole volume

  Output Parameters:
+ ssim3d - SSIM with a 7 x 7 x 7 window on the volume (needs T >= 7; pass NULL to skip)
- frames - SSIM with a 7 x 7 window of each frame [T], on every rank (pass NULL to skip)

  Level: beginner

  Notes:
  Matches skimage.metrics.structural_similarity(xtrue, x, data_range=R) with its default arguments, applied
  to the (T, N, N) array and to each frame. The volume is gathered on rank 0 to compute.

.seealso: `PhantomComputePSNR()`
@*/
PetscErrorCode PhantomComputeSSIM(Vec xtrue, Vec x, PetscInt N, PetscReal range, PetscReal *ssim3d, PetscReal frames[])
{
  PetscInt           n, T;
  Vec                a0, b0;
  VecScatter         sa, sb;
  PetscMPIInt        rank;
  MPI_Comm           comm;
  PetscReal         *res;
  const PetscScalar *a, *b;

  PetscFunctionBegin;
  PetscValidHeaderSpecific(xtrue, VEC_CLASSID, 1);
  PetscValidHeaderSpecific(x, VEC_CLASSID, 2);
  if (ssim3d) PetscValidRealPointer(ssim3d, 5);
  comm = PetscObjectComm((PetscObject)x);
  PetscCall(VecGetSize(xtrue, &n));
  PetscCheck(N >= 7, comm, PETSC_ERR_ARG_OUTOFRANGE, "Image size %" PetscInt_FMT " is smaller than the 7-pixel SSIM window", N);
  PetscCheck(n % (N * N) == 0, comm, PETSC_ERR_ARG_SIZ, "Image size mismatch: vector of length %" PetscInt_FMT " is not a set of %" PetscInt_FMT " x %" PetscInt_FMT " frames", n, N, N);
  T = n / (N * N);
  PetscCall(PhantomGetFrameLayout(x, N, T, NULL, NULL));
  PetscCall(PhantomGetFrameLayout(xtrue, N, T, NULL, NULL));
  PetscCheck(!ssim3d || T >= 7, comm, PETSC_ERR_ARG_OUTOFRANGE, "The x-y-t SSIM needs at least 7 frames, got %" PetscInt_FMT, T);
  {
    PetscReal mx = 0, mn = 0;

    if (!(range > 0)) {
      PetscCall(VecMax(xtrue, NULL, &mx));
      PetscCall(VecMin(xtrue, NULL, &mn));
    }
    PetscCall(ImageDataRange_Private(comm, "SSIM", "image", range, mx, mn, &range));
  }
  PetscCall(PetscCalloc1(T + 1, &res));
  PetscCall(VecScatterCreateToZero(xtrue, &sa, &a0));
  PetscCall(VecScatterCreateToZero(x, &sb, &b0));
  PetscCall(VecScatterBegin(sa, xtrue, a0, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(sa, xtrue, a0, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterBegin(sb, x, b0, INSERT_VALUES, SCATTER_FORWARD));
  PetscCall(VecScatterEnd(sb, x, b0, INSERT_VALUES, SCATTER_FORWARD));
  PetscCallMPI(MPI_Comm_rank(comm, &rank));
  if (rank == 0) {
    const PetscReal *A, *B;

    PetscCall(VecGetArrayRead(a0, &a));
    PetscCall(VecGetArrayRead(b0, &b));
#if defined(PETSC_USE_COMPLEX)
    {
      PetscReal *Ar, *Br;

      PetscCall(PetscMalloc2(n, &Ar, n, &Br));
      for (PetscInt k = 0; k < n; k++) {
        Ar[k] = PetscRealPart(a[k]);
        Br[k] = PetscRealPart(b[k]);
      }
      A = Ar;
      B = Br;
    }
#else
    A = a;
    B = b;
#endif
    if (ssim3d) {
      const PetscInt S   = 32; /* frames per slab */
      PetscReal      sum = 0, ssum;
      PetscInt       cnt = 0, scnt;

      for (PetscInt t0 = 3; t0 < T - 3; t0 += S) {
        const PetscInt t1 = PetscMin(t0 + S, T - 3), lo = PetscMax(t0 - 3, 0), hi = PetscMin(t1 + 3, T), ssz[3] = {N, N, hi - lo};

        PetscCall(ImageSSIMArray_Private(3, ssz, A + lo * N * N, B + lo * N * N, range, t0 - lo, t1 - lo, &ssum, &scnt));
        sum += ssum;
        cnt += scnt;
      }
      res[T] = sum / cnt;
    }
    if (frames) {
      const PetscInt sz[3] = {N, N, 1};

      for (PetscInt t = 0; t < T; t++) {
        PetscInt cnt;

        PetscCall(ImageSSIMArray_Private(2, sz, A + t * N * N, B + t * N * N, range, 0, 1, &res[t], &cnt));
        res[t] /= cnt;
      }
    }
#if defined(PETSC_USE_COMPLEX)
    PetscCall(PetscFree2(A, B));
#endif
    PetscCall(VecRestoreArrayRead(a0, &a));
    PetscCall(VecRestoreArrayRead(b0, &b));
  }
  PetscCallMPI(MPI_Bcast(res, (PetscMPIInt)(T + 1), MPIU_REAL, 0, comm));
  if (ssim3d) *ssim3d = res[T];
  if (frames)
    for (PetscInt t = 0; t < T; t++) frames[t] = res[t];
  PetscCall(PetscFree(res));
  PetscCall(VecScatterDestroy(&sa));
  PetscCall(VecScatterDestroy(&sb));
  PetscCall(VecDestroy(&a0));
  PetscCall(VecDestroy(&b0));
  PetscFunctionReturn(0);
}
