/*
   gaussian.c - DENOISERGAUSSIAN: Gaussian low-pass filter, or an empirical Wiener filter, in the cosine basis.

   The frame is transformed with the 2-D DCT-II (FFTW REDFT10), i.e. extended evenly across its edges, each
   coefficient (k_i, k_j) is multiplied by the Gaussian transfer function
     H = exp(-2 pi^2 w^2 ((k_i / 2 n_y)^2 + (k_j / 2 n_x)^2)),
   and transformed back with the DCT-III (REDFT01). D = C^T diag(H) C with C the orthonormal DCT is a
   symmetric linear filter with reflecting boundaries: the RED gradient x - D(x) is exact for it.

   Wiener mode: gain max(1 - sigma^2 / |X_k|^2, 0) on the orthonormal coefficients X_k (the empirical Wiener
   filter, whose signal power estimate is |X_k|^2 - sigma^2): nonlinear and data adaptive.

   References: N. Wiener, Extrapolation, Interpolation and Smoothing of Stationary Time Series, MIT Press 1949;
   M. Frigo and S. G. Johnson, Proc. IEEE 93 (2005) 216 (FFTW real-to-real transforms).
*/
#include "../denoiserimpl.h"
#include <fftw3.h>

typedef struct {
  PetscReal  width;  /* Gaussian standard deviation in pixels */
  PetscBool  wiener; /* empirical Wiener gain instead of the Gaussian */
  double    *buf;    /* ny x nx (fftw_malloc) */
  PetscReal *gain;   /* Gaussian transfer function, or the noise variance of each unnormalised coefficient */
  fftw_plan  pfwd, pbwd;
} Denoiser_Gaussian;

static PetscErrorCode DenoiserReset_Gaussian(Denoiser d)
{
  Denoiser_Gaussian *g = (Denoiser_Gaussian *)d->data;

  PetscFunctionBegin;
  if (g->pfwd) fftw_destroy_plan(g->pfwd);
  if (g->pbwd) fftw_destroy_plan(g->pbwd);
  if (g->buf) fftw_free(g->buf);
  g->pfwd = g->pbwd = NULL;
  g->buf            = NULL;
  PetscCall(PetscFree(g->gain));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetUp_Gaussian(Denoiser d)
{
  Denoiser_Gaussian *g  = (Denoiser_Gaussian *)d->data;
  const PetscInt     nx = d->nx, ny = d->ny;

  PetscFunctionBegin;
  PetscCall(DenoiserReset_Gaussian(d));
  g->buf = (double *)fftw_malloc(sizeof(double) * nx * ny);
  PetscCheck(g->buf, PETSC_COMM_SELF, PETSC_ERR_MEM, "fftw_malloc failed");
  g->pfwd = fftw_plan_r2r_2d((int)ny, (int)nx, g->buf, g->buf, FFTW_REDFT10, FFTW_REDFT10, FFTW_MEASURE);
  g->pbwd = fftw_plan_r2r_2d((int)ny, (int)nx, g->buf, g->buf, FFTW_REDFT01, FFTW_REDFT01, FFTW_MEASURE);
  PetscCheck(g->pfwd && g->pbwd, PETSC_COMM_SELF, PETSC_ERR_LIB, "FFTW could not plan a %" PetscInt_FMT " x %" PetscInt_FMT " cosine transform", ny, nx);
  PetscCall(PetscMalloc1(nx * ny, &g->gain));
  for (PetscInt i = 0; i < ny; i++) {
    for (PetscInt j = 0; j < nx; j++) {
      const PetscReal fi = i / (2.0 * ny), fj = j / (2.0 * nx);

      /* Wiener: variance of an unnormalised REDFT10 coefficient of white noise, 2n per axis (4n at k = 0) */
      if (g->wiener) g->gain[i * nx + j] = d->sigma * d->sigma * (i ? 2.0 * ny : 4.0 * ny) * (j ? 2.0 * nx : 4.0 * nx);
      else g->gain[i * nx + j] = PetscExpReal(-2 * PETSC_PI * PETSC_PI * g->width * g->width * (fi * fi + fj * fj));
    }
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserApplyFrame_Gaussian(Denoiser d, const PetscReal *in, PetscReal *out)
{
  Denoiser_Gaussian *g  = (Denoiser_Gaussian *)d->data;
  const PetscInt     np = d->nx * d->ny;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < np; k++) g->buf[k] = in[k];
  fftw_execute(g->pfwd);
  for (PetscInt k = 0; k < np; k++) {
    if (g->wiener) {
      const PetscReal p = g->buf[k] * g->buf[k];

      g->buf[k] *= p > g->gain[k] ? 1.0 - g->gain[k] / p : 0.0;
    } else g->buf[k] *= g->gain[k];
  }
  fftw_execute(g->pbwd);
  for (PetscInt k = 0; k < np; k++) out[k] = g->buf[k] / (4.0 * np);
  PetscCall(PetscLogFlops(10.0 * np * PetscLog2Real(np)));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetFromOptions_Gaussian(Denoiser d, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Denoiser_Gaussian *g  = (Denoiser_Gaussian *)d->data;
  PetscReal          w  = g->width;
  PetscBool          wi = g->wiener, f1, f2;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "Gaussian denoiser options");
  PetscCall(TesseraOptionsRealPositive("-denoiser_gaussian_width", "Gaussian width in pixels", "DenoiserGaussianSetWidth", w, &w, &f1, 1e4));
  PetscCall(PetscOptionsBool("-denoiser_gaussian_wiener", "Empirical Wiener gain instead of the Gaussian", "DenoiserGaussianSetWiener", wi, &wi, &f2));
  if (f1) PetscCall(DenoiserGaussianSetWidth(d, w));
  if (f2) PetscCall(DenoiserGaussianSetWiener(d, wi));
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserView_Gaussian(Denoiser d, PetscViewer viewer)
{
  Denoiser_Gaussian *g = (Denoiser_Gaussian *)d->data;

  PetscFunctionBegin;
  if (g->wiener) PetscCall(PetscViewerASCIIPrintf(viewer, "empirical Wiener gain on DCT coefficients\n"));
  else PetscCall(PetscViewerASCIIPrintf(viewer, "Gaussian filter, width %g pixels (DCT, reflecting boundary)\n", (double)g->width));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserGaussianSetWidth_Gaussian(Denoiser d, PetscReal w)
{
  Denoiser_Gaussian *g = (Denoiser_Gaussian *)d->data;

  PetscFunctionBegin;
  PetscCheck(w > 0 && !PetscIsInfReal(w), PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "Gaussian width %g must be positive and finite", (double)w);
  g->width       = w;
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserGaussianSetWiener_Gaussian(Denoiser d, PetscBool flg)
{
  Denoiser_Gaussian *g = (Denoiser_Gaussian *)d->data;

  PetscFunctionBegin;
  g->wiener      = flg;
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserDestroy_Gaussian(Denoiser d)
{
  PetscFunctionBegin;
  PetscCall(DenoiserReset_Gaussian(d));
  PetscCall(PetscFree(d->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserGaussianSetWidth_C", NULL));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserGaussianSetWiener_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  DENOISERGAUSSIAN - "gaussian": symmetric Gaussian low-pass filter in the cosine basis (FFTW), or an empirical
  Wiener filter

  Options Database Keys:
+ -denoiser_gaussian_width <0.7> - Gaussian standard deviation in pixels
- -denoiser_gaussian_wiener      - empirical Wiener gain max(1 - sigma^2/|X_k|^2, 0) instead

  Level: beginner

  Notes:
  The Gaussian filter is linear and symmetric (reflecting boundary), so the RED regulariser
  x^T (x - D x) / 2 has the exact gradient x - D x.

.seealso: `Denoiser`, `DenoiserGaussianSetWidth()`, `DenoiserGaussianSetWiener()`
M*/
PetscErrorCode DenoiserCreate_Gaussian(Denoiser d)
{
  Denoiser_Gaussian *g;

  PetscFunctionBegin;
  PetscCall(PetscNew(&g));
  g->width               = 0.7;
  g->wiener              = PETSC_FALSE;
  d->data                = g;
  d->ops->setup          = DenoiserSetUp_Gaussian;
  d->ops->applyframe     = DenoiserApplyFrame_Gaussian;
  d->ops->setfromoptions = DenoiserSetFromOptions_Gaussian;
  d->ops->view           = DenoiserView_Gaussian;
  d->ops->reset          = DenoiserReset_Gaussian;
  d->ops->destroy        = DenoiserDestroy_Gaussian;
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserGaussianSetWidth_C", DenoiserGaussianSetWidth_Gaussian));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserGaussianSetWiener_C", DenoiserGaussianSetWiener_Gaussian));
  PetscFunctionReturn(0);
}
