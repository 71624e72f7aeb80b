static char help[] = "Chemotaxis: time-integration order on the exact ODEs of the spatial means (A1), and L-stability in the initial layer.\n\n\
  -expect <1>      expected order of the integrator given with the TS options (e.g. beuler 1, bdf 2)\n\
  -order_tol <0.2> allowed deviation\n\
  -dt <0.02>       coarsest fixed step (halved twice)\n\
  -oscillation     instead: count the sign changes of the error of the mean of w with steps dt = 100 eps\n\n";

/*
   The means of c and w obey eps m_w' = m - m_w, eps m_c' = m_w - m_c exactly (the discrete Laplacians sum to zero),
   with ill-prepared data m_w = m (1 - e^{-s}), m_c = m (1 - e^{-s} - s e^{-s}), s = t/eps. With fixed steps the
   error of m_c at t = T shows the order of the integrator. With steps much longer than eps an L-stable method damps
   the layer at once, while the trapezoidal rule (-ts_type theta -ts_theta_theta 0.5 -ts_theta_endpoint) leaves an
   undamped (-1)^k oscillation: -oscillation prints whether the error changes sign from step to step.
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  Chemotaxis ct;
  PetscReal  m, eps, prev, efirst, elast;
  PetscInt   flips, count;
} OscCtx;

static PetscErrorCode Means(Chemotaxis ct, Vec U, PetscReal *mc, PetscReal *mw)
{
  PetscReal vol, L[3];

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisGetCellVolume(ct, &vol));
  PetscCall(ChemotaxisGetDomain(ct, L));
  PetscCall(VecStrideNorm(U, 1, NORM_1, mc));
  PetscCall(VecStrideNorm(U, 2, NORM_1, mw));
  *mc *= vol / (L[0] * L[1] * L[2]);
  *mw *= vol / (L[0] * L[1] * L[2]);
  PetscFunctionReturn(0);
}

static PetscErrorCode OscMonitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  OscCtx   *oc = (OscCtx *)ptr;
  PetscReal mc, mw, e;

  PetscFunctionBeginUser;
  if (step == 0) PetscFunctionReturn(0);
  PetscCall(Means(oc->ct, U, &mc, &mw));
  e = mw - oc->m * (1.0 - PetscExpReal(-t / oc->eps));
  if (oc->count && e * oc->prev < 0) oc->flips++;
  if (!oc->count) oc->efirst = PetscAbsReal(e) / oc->m;
  oc->elast = PetscAbsReal(e) / oc->m;
  oc->prev  = e;
  oc->count++;
  PetscFunctionReturn(0);
}

static PetscErrorCode RunFixed(PetscReal dt, PetscReal T, PetscBool osc, PetscReal *err, PetscInt *flips, PetscInt *steps, PetscReal *emax)
{
  Chemotaxis        ct;
  ChemotaxisProblem problem;
  TS                ts;
  TSAdapt           adapt;
  Vec               U;
  PetscReal         mass, L[3], m, eps, mc, mw, s;
  OscCtx            oc;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, "cosine", &problem));
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetParameters(ct, &eps, NULL));
  PetscCheck(eps > 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "This test needs eps > 0");
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSGetAdapt(ts, &adapt));
  PetscCall(TSAdaptSetType(adapt, TSADAPTNONE));
  PetscCall(TSSetTimeStep(ts, dt));
  PetscCall(TSSetMaxTime(ts, T));
  PetscCall(TSSetExactFinalTime(ts, TS_EXACTFINALTIME_MATCHSTEP));
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, ct, CHEMOTAXIS_INITIAL_ILL, U));
  PetscCall(ChemotaxisGetMass(ct, U, &mass));
  PetscCall(ChemotaxisGetDomain(ct, L));
  m = mass / (L[0] * L[1] * L[2]);
  PetscCall(PetscMemzero(&oc, sizeof(oc)));
  oc.ct  = ct;
  oc.m   = m;
  oc.eps = eps;
  if (osc) PetscCall(TSMonitorSet(ts, OscMonitor, &oc, NULL));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(TSGetStepNumber(ts, steps));
  PetscCall(Means(ct, U, &mc, &mw));
  s      = T / eps;
  *err   = PetscAbsReal(mc - m * (1.0 - PetscExpReal(-s) - s * PetscExpReal(-s))) / m;
  *flips = oc.flips;
  *emax  = oc.efirst > 0 ? oc.elast / oc.efirst : 0;
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscReal expect = 1.0, otol = 0.2, dt = 0.02, err[3], order = 0, T, emax;
  PetscBool osc = PETSC_FALSE, expect_osc = PETSC_FALSE;
  PetscInt  flips, steps;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-expect", &expect, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-order_tol", &otol, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-dt", &dt, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-oscillation", &osc, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-expect_oscillation", &expect_osc, NULL));
  if (osc) {
    PetscCall(RunFixed(dt, 20 * dt, PETSC_TRUE, &err[0], &flips, &steps, &emax));
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "error of the mean of w: last / first step %.2e, %" PetscInt_FMT " sign changes in %" PetscInt_FMT " steps\n", (double)emax, flips, steps));
    if (expect_osc) PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, emax > 0.1 && flips >= steps - 2, "undamped (-1)^k oscillation (error kept above 0.1 of its first value, sign change at every step)"));
    else PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, emax < 1e-8, "layer damped (error below 1e-8 of its first value)"));
  } else {
    T = 8 * dt;
    for (PetscInt l = 0; l < 3; l++) {
      PetscCall(RunFixed(dt / (1 << l), T, PETSC_FALSE, &err[l], &flips, &steps, &emax));
      if (l) order = PetscLog2Real(err[l - 1] / err[l]);
      PetscCall(PetscPrintf(PETSC_COMM_WORLD, "dt = %g: error of the mean of c at T = %g: %.4e%s", (double)(dt / (1 << l)), (double)T, (double)err[l], l ? "" : "\n"));
      if (l) PetscCall(PetscPrintf(PETSC_COMM_WORLD, ", observed order %.3f\n", (double)order));
    }
    PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PetscAbsReal(order - expect) <= otol, "observed time order %.3f within %g of %g", (double)order, (double)otol, (double)expect));
  }
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
