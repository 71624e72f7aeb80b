/*
   tv.c - DENOISERTV: total-variation denoising by Chambolle's projection algorithm.

   D(f) = argmin_u ||u - f||^2 / 2 + lambda TV(u), TV the isotropic total variation with forward differences.
   Dual iteration on the field p (|p| <= 1 pointwise): with u = f + div p (the backward-difference divergence),
     p <- (p - tau grad u) / (1 + (tau/lambda) |grad u|),  tau = 1/4,
   stopped when the primal-dual energy changes by less than eps times its initial value (scikit-image's
   denoise_tv_chambolle uses the same iteration, step and stopping rule). D is the proximal map of lambda TV,
   so x - D(x) is the exact gradient of the Moreau envelope: RED then minimises a well-defined objective.

   Reference: A. Chambolle, An algorithm for total variation minimization and applications, J. Math. Imaging
   Vis. 20 (2004) 89, doi:10.1023/B:JMIV.0000011325.36760.1e.
*/
#include "../denoiserimpl.h"

static const char TVCitation[] = "@article{chambolle2004,\n  author  = {A. Chambolle},\n  title   = {An algorithm for total variation minimization and applications},\n  journal = {J. Math. Imaging Vis.},\n  volume  = {20},\n  pages   = {89--97},\n  "
                                 "year    = {2004},\n  doi     = {10.1023/B:JMIV.0000011325.36760.1e}\n}\n";
static PetscBool  TVCite       = PETSC_FALSE;

typedef struct {
  PetscReal  weight; /* lambda; PETSC_DEFAULT: sigma */
  PetscReal  eps;    /* relative stopping tolerance on the energy */
  PetscInt   maxit;
  PetscReal *p0, *p1, *g0, *g1, *dv; /* dual field (rows, columns), gradient, divergence */
} Denoiser_TV;

static PetscErrorCode DenoiserReset_TV(Denoiser d)
{
  Denoiser_TV *tv = (Denoiser_TV *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscFree5(tv->p0, tv->p1, tv->g0, tv->g1, tv->dv));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetUp_TV(Denoiser d)
{
  Denoiser_TV   *tv = (Denoiser_TV *)d->data;
  const PetscInt n  = d->nx * d->ny;

  PetscFunctionBegin;
  PetscCall(PetscCitationsRegister(TVCitation, &TVCite));
  PetscCall(DenoiserReset_TV(d));
  PetscCall(PetscMalloc5(n, &tv->p0, n, &tv->p1, n, &tv->g0, n, &tv->g1, n, &tv->dv));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserApplyFrame_TV(Denoiser d, const PetscReal *f, PetscReal *u)
{
  Denoiser_TV    *tv = (Denoiser_TV *)d->data;
  const PetscInt  nx = d->nx, ny = d->ny, n = nx * ny;
  const PetscReal lam = tv->weight == PETSC_DEFAULT ? d->sigma : tv->weight, tau = 0.25;
  PetscReal       E0 = 0, Eprev = 0;
  PetscInt        it;

  PetscFunctionBegin;
  PetscCall(PetscArrayzero(tv->p0, n));
  PetscCall(PetscArrayzero(tv->p1, n));
  for (it = 0; it < tv->maxit; it++) {
    PetscReal E = 0, tvsum = 0;

    for (PetscInt i = 0; i < ny; i++)
      for (PetscInt j = 0; j < nx; j++) {
        const PetscInt k = i * nx + j;
        PetscReal      dv;

        if (it == 0) dv = 0;
        else dv = -tv->p0[k] - tv->p1[k] + (i > 0 ? tv->p0[k - nx] : 0) + (j > 0 ? tv->p1[k - 1] : 0);
        tv->dv[k] = dv;
        u[k]      = f[k] + dv;
        E += dv * dv;
      }
    for (PetscInt i = 0; i < ny; i++)
      for (PetscInt j = 0; j < nx; j++) {
        const PetscInt  k  = i * nx + j;
        const PetscReal g0 = i < ny - 1 ? u[k + nx] - u[k] : 0, g1 = j < nx - 1 ? u[k + 1] - u[k] : 0, nrm = PetscSqrtReal(g0 * g0 + g1 * g1);
        const PetscReal den = 1 + tau / lam * nrm;

        tvsum += nrm;
        tv->p0[k] = (tv->p0[k] - tau * g0) / den;
        tv->p1[k] = (tv->p1[k] - tau * g1) / den;
      }
    E = (E + lam * tvsum) / n;
    if (it == 0) E0 = Eprev = E;
    else if (PetscAbsReal(Eprev - E) < tv->eps * E0) break;
    else Eprev = E;
  }
  PetscCall(PetscInfo(d, "TV: %" PetscInt_FMT " Chambolle iterations, lambda %g\n", it, (double)lam));
  PetscCall(PetscLogFlops(20.0 * n * it));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserTVSetWeight_TV(Denoiser d, PetscReal w)
{
  Denoiser_TV *tv = (Denoiser_TV *)d->data;

  PetscFunctionBegin;
  PetscCheck(w == PETSC_DEFAULT || (w > 0 && !PetscIsInfReal(w)), PetscObjectComm((PetscObject)d), PETSC_ERR_ARG_OUTOFRANGE, "TV weight %g must be positive and finite", (double)w);
  tv->weight = w;
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserSetFromOptions_TV(Denoiser d, TESSERA_OPTIONS_ITEMS PetscOptionsObject)
{
  Denoiser_TV *tv = (Denoiser_TV *)d->data;
  PetscReal    w  = tv->weight == PETSC_DEFAULT ? d->sigma : tv->weight;
  PetscBool    flg;

  PetscFunctionBegin;
  PetscOptionsHeadBegin(PetscOptionsObject, "TV denoiser options");
  PetscCall(TesseraOptionsRealPositive("-denoiser_tv_weight", "TV weight lambda", "DenoiserTVSetWeight", w, &w, &flg, 1e6));
  if (flg) PetscCall(DenoiserTVSetWeight(d, w));
  PetscCall(TesseraOptionsIntInRange("-denoiser_tv_max_it", "Maximum Chambolle iterations", "DENOISERTV", tv->maxit, &tv->maxit, NULL, 1, 10000000));
  PetscCall(TesseraOptionsRealInRange("-denoiser_tv_eps", "Relative energy change to stop", "DENOISERTV", tv->eps, &tv->eps, NULL, 0.0, 1.0));
  PetscOptionsHeadEnd();
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserView_TV(Denoiser d, PetscViewer viewer)
{
  Denoiser_TV *tv = (Denoiser_TV *)d->data;

  PetscFunctionBegin;
  PetscCall(PetscViewerASCIIPrintf(viewer, "TV (Chambolle) weight %g, at most %" PetscInt_FMT " iterations, eps %g\n", (double)(tv->weight == PETSC_DEFAULT ? d->sigma : tv->weight), tv->maxit, (double)tv->eps));
  PetscFunctionReturn(0);
}

static PetscErrorCode DenoiserDestroy_TV(Denoiser d)
{
  PetscFunctionBegin;
  PetscCall(DenoiserReset_TV(d));
  PetscCall(PetscFree(d->data));
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserTVSetWeight_C", NULL));
  PetscFunctionReturn(0);
}

/*MC
  DENOISERTV - "tv": total-variation denoising (proximal map of lambda TV) by Chambolle's projection algorithm

  Options Database Keys:
+ -denoiser_tv_weight <sigma> - lambda
. -denoiser_tv_max_it <200>       - maximum iterations
- -denoiser_tv_eps <2e-4>         - relative energy change to stop

  Level: beginner

  Notes:
  Reference: A. Chambolle, J. Math. Imaging Vis. 20 (2004) 89.

.seealso: `Denoiser`, `DenoiserTVSetWeight()`
M*/
PetscErrorCode DenoiserCreate_TV(Denoiser d)
{
  Denoiser_TV *tv;

  PetscFunctionBegin;
  PetscCall(PetscNew(&tv));
  tv->weight             = PETSC_DEFAULT;
  tv->eps                = 2e-4;
  tv->maxit              = 200;
  d->data                = tv;
  d->ops->setup          = DenoiserSetUp_TV;
  d->ops->applyframe     = DenoiserApplyFrame_TV;
  d->ops->setfromoptions = DenoiserSetFromOptions_TV;
  d->ops->view           = DenoiserView_TV;
  d->ops->reset          = DenoiserReset_TV;
  d->ops->destroy        = DenoiserDestroy_TV;
  PetscCall(PetscObjectComposeFunction((PetscObject)d, "DenoiserTVSetWeight_C", DenoiserTVSetWeight_TV));
  PetscFunctionReturn(0);
}
