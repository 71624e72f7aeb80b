/*
   nlm.c - DENOISERNLM: non-local means.

   D(u)(i) = sum_j w_ij u(j) / sum_j w_ij over the (2S+1)^2 search window around pixel i, with
     w_ij = exp(-max(d_ij^2 - 2 sigma^2, 0) / h^2),
   d_ij^2 the mean squared difference of the (2P+1)^2 patches around i and j (the form of A. Buades,
   B. Coll, J.-M. Morel, Image Process. On Line 1 (2011) 208, doi:10.5201/ipol.2011.bcm_nlm, also scikit-image's
   slow mode). Boundaries reflect (d c b a | a b c d). Patch distances for one offset are box sums of the
   squared-difference image (separable running sums), so the cost is O(n (2S+1)^2) rather than
   O(n (2S+1)^2 (2P+1)^2).

   Reference: A. Buades, B. Coll, J.-M. Morel, A non-local algorithm for image denoising, CVPR 2005,
   doi:10.1109/CVPR.2005.38.
*/
#include "../denoiserimpl.h"

static const char NLMCitation[] =
    "@inproceedings{buades2005,\n  author    = {A. Buades and B. Coll and J.-M. Morel},\n  title     = {A non-local algorithm for image denoising},\n  booktitle = {CVPR},\n  year      = {2005},\n  doi       = {10.1109/CVPR.2005.38}\n}\n";
static PetscBool NLMCite = PETSC_FALSE;

typedef struct {
  PetscInt   P, S; /* patch and search half-widths */
  PetscReal  h;    /* filtering strength; PETSC_DEFAULT: 0.8 sigma */
  PetscInt   pw;   /* padded width (nx + 2 (P + S)) */
  PetscReal *U;    /* padded image */
  PetscReal *D;    /* squared differences on the (ny + 2P) x (nx + 2P) region */
  PetscReal *R;    /* row box sums */
  PetscReal *acc, *wsum;
} Denoiser_NLM;

static PetscErrorCode DenoiserReset_NLM(Denoiser d)
{
  Denoiser_NLM *nl = (Denoiser_NLM *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscFree5(nl->U, nl->D, nl->R, nl->acc, nl->wsum));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetUp_NLM(Denoiser d)
{
  Denoiser_NLM  *nl  = (Denoiser_NLM *)d->data;
  const PetscInt pad = nl->P + nl->S, nx = d->nx, ny = d->ny;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(NLMCitation, &NLMCite));
  PetscCall(DenoiserReset_NLM(d));
  PetscCheck(pad < nx && pad < ny, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "NLM patch + search half-widths %" PetscInt_FMT " must be smaller than the image size %" PetscInt_FMT " x %" PetscInt_FMT, pad, ny, nx);
  nl->pw = nx + 2 * pad;
  PetscCall(PetscMalloc5((ny + 2 * pad) * nl->pw, &nl->U, (ny + 2 * nl->P) * (nx + 2 * nl->P), &nl->D, (ny + 2 * nl->P) * nx, &nl->R, nx * ny, &nl->acc, nx * ny, &nl->wsum));
  PetscFunctionReturn(0);
}

static inline PetscInt NLMReflect_Private(PetscInt i, PetscInt n)
{
  while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - i - 1;
  return i;
}

static PetscErrorCode DenoiserApplyFrame_NLM(Denoiser d, const PetscReal *in, PetscReal *out)
{
  Denoiser_NLM   *nl = (Denoiser_NLM *)d->data;
  const PetscInt  nx = d->nx, ny = d->ny, P = nl->P, S = nl->S, pad = P + S, pw = nl->pw, dw = nx + 2 * P, np = (2 * P + 1) * (2 * P + 1);
  const PetscReal h = nl->h == PETSC_DEFAULT ? 0.8 * d->sigma : nl->h, ih2 = 1.0 / (h * h), s2 = 2 * d->sigma * d->sigma;

  PetscFunctionBegin;
  for (PetscInt i = -pad; i < ny + pad; i++)
    for (PetscInt j = -pad; j < nx + pad; j++) nl->U[(i + pad) * pw + j + pad] = in[NLMReflect_Private(i, ny) * nx + NLMReflect_Private(j, nx)];
  PetscCall(PetscArrayzero(nl->acc, nx * ny));
  PetscCall(PetscArrayzero(nl->wsum, nx * ny));
  for (PetscInt oy = -S; oy <= S; oy++) {
    for (PetscInt ox = -S; ox <= S; ox++) {
      /* squared differences on rows/columns [-P, n + P) */
      for (PetscInt i = -P; i < ny + P; i++) {
        const PetscReal *a = nl->U + (i + pad) * pw + pad, *b = nl->U + (i + oy + pad) * pw + pad + ox;
        PetscReal       *dd = nl->D + (i + P) * dw + P;

        for (PetscInt j = -P; j < nx + P; j++) dd[j] = (a[j] - b[j]) * (a[j] - b[j]);
      }
      /* box sums along rows, then columns */
      for (PetscInt i = 0; i < ny + 2 * P; i++) {
        const PetscReal *dd = nl->D + i * dw;
        PetscReal       *r = nl->R + i * nx, s = 0;

        for (PetscInt j = 0; j < 2 * P + 1; j++) s += dd[j];
        r[0] = s;
        for (PetscInt j = 1; j < nx; j++) {
          s += dd[j + 2 * P] - dd[j - 1];
          r[j] = s;
        }
      }
      for (PetscInt j = 0; j < nx; j++) {
        PetscReal s = 0;

        for (PetscInt i = 0; i < 2 * P + 1; i++) s += nl->R[i * nx + j];
        for (PetscInt i = 0; i < ny; i++) {
          const PetscReal dist = s / np, w = PetscExpReal(-PetscMax(dist - s2, 0.0) * ih2);

          nl->acc[i * nx + j] += w * nl->U[(i + oy + pad) * pw + j + ox + pad];
          nl->wsum[i * nx + j] += w;
          if (i + 1 < ny) s += nl->R[(i + 2 * P + 1) * nx + j] - nl->R[i * nx + j];
        }
      }
    }
  }
  for (PetscInt k = 0; k < nx * ny; k++) out[k] = nl->acc[k] / nl->wsum[k];
  PetscCall(PetscLogFlops(12.0 * nx * ny * (2 * S + 1) * (2 * S + 1)));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserNLMSetParameters_NLM(Denoiser d, PetscInt P, PetscInt S, PetscReal h)
{
  Denoiser_NLM *nl = (Denoiser_NLM *)d->data;

  PetscFunctionBegin;
  PetscCheck(P >= 0 && S >= 1, PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "NLM half-widths: patch %" PetscInt_FMT " must be nonnegative, search window %" PetscInt_FMT " positive (a window of one pixel returns the input)", P, S);
  PetscCheck(h == PETSC_DEFAULT || (h > 0 && !PetscIsInfReal(h)), PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "NLM strength %g must be positive and finite", (double)h);
  nl->P          = P;
  nl->S          = S;
  nl->h          = h;
  d->setupcalled = PETSC_FALSE;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetFromOptions_NLM(Denoiser d, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Denoiser_NLM *nl = (Denoiser_NLM *)d->data;
  PetscInt      P = nl->P, S = nl->S;
  PetscReal     h = nl->h == PETSC_DEFAULT ? 0.8 * d->sigma : nl->h;
  PetscBool     f1, f2, f3;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "NLM denoiser options");
  PetscCall(TesseraOptionsIntInRange("-denoiser_nlm_patch", "Patch half-width", "DenoiserNLMSetParameters", P, &P, &f1, 0, 64));
  PetscCall(TesseraOptionsIntInRange("-denoiser_nlm_search", "Search-window half-width (0 would return the input)", "DenoiserNLMSetParameters", S, &S, &f2, 1, 256));
  PetscCall(TesseraOptionsRealPositive("-denoiser_nlm_h", "Filtering strength", "DenoiserNLMSetParameters", h, &h, &f3, 1e6));
  if (f1 || f2 || f3) PetscCall(DenoiserNLMSetParameters(d, P, S, f3 ? h : nl->h));
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserView_NLM(Denoiser d, PetscViewer viewer)
{
  Denoiser_NLM *nl = (Denoiser_NLM *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "non-local means: patch %" PetscInt_FMT "x%" PetscInt_FMT ", search %" PetscInt_FMT "x%" PetscInt_FMT ", h %g\n", 2 * nl->P + 1, 2 * nl->P + 1, 2 * nl->S + 1, 2 * nl->S + 1,
                                   (double)(nl->h == PETSC_DEFAULT ? 0.8 * d->sigma : nl->h)));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserDestroy_NLM(Denoiser d)
{
  PetscFunctionBegin;
  PetscCall(DenoiserReset_NLM(d));
  PetscCall(PetscFree(d->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserNLMSetParameters_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  DENOISERNLM - "nlm": non-local means (Buades, Coll, Morel 2005)

  Options Database Keys:
+ -denoiser_nlm_patch <2>     - patch half-width (5 x 5 patches)
. -denoiser_nlm_search <5>    - search half-width (11 x 11 window)
- -denoiser_nlm_h <0.8 sigma> - filtering strength

  Level: beginner

.seealso: `Denoiser`, `DenoiserNLMSetParameters()`
M*/
PetscErrorCode DenoiserCreate_NLM(Denoiser d)
{
  Denoiser_NLM *nl;

  PetscFunctionBegin;
  PetscCall(PetscNew(&nl));
  nl->P                  = 2;
  nl->S                  = 5;
  nl->h                  = PETSC_DEFAULT;
  d->data                = nl;
  d->ops->setup          = DenoiserSetUp_NLM;
  d->ops->applyframe     = DenoiserApplyFrame_NLM;
  d->ops->setfromoptions = DenoiserSetFromOptions_NLM;
  d->ops->view           = DenoiserView_NLM;
  d->ops->reset          = DenoiserReset_NLM;
  d->ops->destroy        = DenoiserDestroy_NLM;
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserNLMSetParameters_C", DenoiserNLMSetParameters_NLM));
  PetscFunctionReturn(0);
}
