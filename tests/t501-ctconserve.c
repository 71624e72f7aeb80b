static char help[] = "Chemotaxis: exact mass conservation, positivity at every step, and the exact ODEs of the spatial means (A1).\n\n\
  -mean_tol <1e-5>  tolerance of the means against their exact solution, relative to the mean of n\n\
  -mean_final       check the means at the final time only (signals not under error control: -chemotaxis_error_signals 0)\n\n";

/*
   Starts from ill-prepared data (c = w = 0, n0 = cosine bump) and checks at every accepted step:
   - mass sum_i n_i |cell| equals the initial mass to 1e-12 relative (zero boundary fluxes, shared face fluxes);
   - min n >= 0 (Scharfetter-Gummel flux);
   - the means of c and w follow their exact linear ODEs (the Laplacians integrate to zero):
       eps m_w' = m - m_w,  eps m_c' = m_w - m_c,  m_w(0) = m_c(0) = 0
     so m_w = m (1 - e^{-s}), m_c = m (1 - e^{-s} - s e^{-s}), s = t/eps (for eps = 0: m_w = m_c = m).
   With the default error control on n only, c and w are not resolved inside the initial layer (the L-stable
   integrator damps their distance to the critical manifold instead): -mean_final checks the means at the final time
   (t >> eps) and reports the largest error over the steps.
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  Chemotaxis ct;
  PetscReal  mass0, m, eps, drift, nmin, meanerr, meanlast;
  PetscInt   steps;
} TestCtx;

static PetscErrorCode Monitor(TS ts, PetscInt step, PetscReal t, Vec U, void *ptr)
{
  TestCtx    *tc = (TestCtx *)ptr;
  PetscReal   mass, nmin, mw, mc, s, ew, ec, vol, L[3];
  PetscScalar sc, sw;
  PetscInt    N;

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisGetMass(tc->ct, U, &mass));
  PetscCall(VecStrideMin(U, 0, NULL, &nmin));
  PetscCall(ChemotaxisGetCellVolume(tc->ct, &vol));
  PetscCall(ChemotaxisGetDomain(tc->ct, L));
  PetscCall(VecGetSize(U, &N));
  PetscCall(VecStrideNorm(U, 1, NORM_1, &mc)); /* c, w >= 0 here: the 1-norm is the sum */
  PetscCall(VecStrideNorm(U, 2, NORM_1, &mw));
  sc = mc * vol / (L[0] * L[1] * L[2]);
  sw = mw * vol / (L[0] * L[1] * L[2]);
  if (tc->eps > 0) {
    s  = t / tc->eps;
    ew = tc->m * (1.0 - PetscExpReal(-s));
    ec = tc->m * (1.0 - PetscExpReal(-s) - s * PetscExpReal(-s));
  } else ew = ec = tc->m;
  tc->drift    = PetscMax(tc->drift, PetscAbsReal(mass - tc->mass0) / tc->mass0);
  tc->nmin     = PetscMin(tc->nmin, nmin);
  tc->meanlast = PetscMax(PetscAbsReal(PetscRealPart(sc) - ec), PetscAbsReal(PetscRealPart(sw) - ew)) / tc->m;
  tc->meanerr  = PetscMax(tc->meanerr, tc->meanlast);
  tc->steps    = step;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  TestCtx           tc;
  ChemotaxisProblem problem;
  TS                ts;
  Vec               U;
  PetscReal         L[3], tol = 1e-5, merr;
  PetscBool         final = PETSC_FALSE;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-mean_tol", &tol, NULL));
  PetscCall(PetscOptionsGetBool(NULL, NULL, "-mean_final", &final, NULL));
  PetscCall(ChemotaxisProblemCreate(PETSC_COMM_WORLD, "cosine", &problem));
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &tc.ct));
  PetscCall(ChemotaxisSetFromOptions(tc.ct));
  PetscCall(ChemotaxisSetUp(tc.ct));
  PetscCall(ChemotaxisGetParameters(tc.ct, &tc.eps, NULL));
  PetscCall(ChemotaxisGetTS(tc.ct, &ts));
  PetscCall(ChemotaxisCreateGlobalVector(tc.ct, &U));
  PetscCall(ChemotaxisProblemSetInitialState(problem, tc.ct, CHEMOTAXIS_INITIAL_ILL, U));
  if (tc.eps == 0) PetscCall(ChemotaxisProjectToManifold(tc.ct, U));
  PetscCall(ChemotaxisGetMass(tc.ct, U, &tc.mass0));
  PetscCall(ChemotaxisGetDomain(tc.ct, L));
  tc.m        = tc.mass0 / (L[0] * L[1] * L[2]);
  tc.drift    = 0;
  tc.nmin     = PETSC_MAX_REAL;
  tc.meanerr  = 0;
  tc.meanlast = 0;
  PetscCall(TSMonitorSet(ts, Monitor, &tc, NULL));
  PetscCall(ChemotaxisSolve(tc.ct, U));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.steps > 0, "steps > 0 (%" PetscInt_FMT ")", tc.steps));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.drift <= 1e-12, "mass conserved to 1e-12 relative at every step (drift %.2e)", (double)tc.drift));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, tc.nmin >= 0, "min n >= 0 at every step (%g)", (double)tc.nmin));
  merr = final ? tc.meanlast : tc.meanerr;
  if (final) PetscCall(PetscPrintf(PETSC_COMM_WORLD, "means of c, w: largest relative error over the steps %.2e (layer not resolved)\n", (double)tc.meanerr));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, merr <= tol, "means of c, w follow their exact ODEs (A1) to %g %s (error %.2e)", (double)tol, final ? "at the final time" : "at every step", (double)merr));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&tc.ct));
  PetscCall(ChemotaxisProblemDestroy(&problem));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
