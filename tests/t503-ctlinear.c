static char help[] = "Chemotaxis: growth and decay of a small cosine perturbation of a constant state against the dispersion relation (A3).\n\n\
  -ratio <1.2>    nbar as a multiple of the discrete threshold (1 + kappa)(1 + tau kappa)\n\
  -amp <1e-4>     relative amplitude of the perturbation\n\
  -rate_tol <1e-3> relative tolerance of the measured rate\n\n";

/*
   Linearising at (nbar, nbar, nbar) with n = nbar + N cos(x), ... on [0, pi] (mode k = 1) gives
     N' = -kappa N + nbar kappa C,  eps C' = -(1 + kappa) C + W,  eps W' = -(1 + tau kappa) W + N,
   kappa = (4/h^2) sin^2(h/2) the discrete symbol of -Lap_h (the linearised SG drift is nbar Lap_h c). The
   largest root lambda of this 3x3 system (eps = 0: lambda = -kappa + nbar kappa / ((1 + kappa)(1 + tau kappa)))
   changes sign exactly at nbar = (1 + kappa)(1 + tau kappa), for every eps. Starting on the eigenvector, the
   measured rate ln(N(T)/N(0))/T must match lambda to -rate_tol and have the predicted sign.
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  PetscReal nbar, v[3];
} PertCtx;

static PetscErrorCode Perturbed(PetscInt dim, const PetscReal x[], const PetscReal L[], PetscReal *n, void *ptr)
{
  PertCtx *p = (PertCtx *)ptr;

  PetscFunctionBeginUser;
  *n = p->nbar + p->v[0] * PetscCosReal(PETSC_PI * x[0] / L[0]);
  PetscFunctionReturn(0);
}

/* det(lambda I - A) of a 3x3 matrix */
static PetscReal CharPoly(PetscReal A[3][3], PetscReal l)
{
  PetscReal B[3][3];

  for (PetscInt i = 0; i < 3; i++)
    for (PetscInt j = 0; j < 3; j++) B[i][j] = (i == j ? l : 0) - A[i][j];
  return B[0][0] * (B[1][1] * B[2][2] - B[1][2] * B[2][1]) - B[0][1] * (B[1][0] * B[2][2] - B[1][2] * B[2][0]) + B[0][2] * (B[1][0] * B[2][1] - B[1][1] * B[2][0]);
}

/* amplitude of field k in the mode cos(pi x / L) */
static PetscErrorCode ModeAmplitude(Vec U, PetscInt k, PetscInt M, PetscReal nbar, PetscReal *a)
{
  Vec          v;
  PetscScalar *x;
  PetscInt     lo, hi;
  PetscReal    s = 0;

  PetscFunctionBeginUser;
  PetscCall(VecDuplicate(U, &v));
  PetscCall(VecCopy(U, v));
  PetscCall(VecGetOwnershipRange(v, &lo, &hi));
  PetscCall(VecGetArray(v, &x));
  for (PetscInt i = lo; i < hi; i++)
    if (i % 3 == k) s += (PetscRealPart(x[i - lo]) - nbar) * PetscCosReal(PETSC_PI * ((i / 3) + 0.5) / M);
  PetscCall(VecRestoreArray(v, &x));
  PetscCall(VecDestroy(&v));
  PetscCall(MPIU_Allreduce(MPI_IN_PLACE, &s, 1, MPIU_REAL, MPIU_SUM, PetscObjectComm((PetscObject)U)));
  *a = 2.0 * s / M;
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  Chemotaxis   ct;
  TS           ts;
  Vec          U;
  PertCtx      p;
  PetscInt     M;
  PetscReal    ratio = 1.2, amp = 1e-4, rtol = 1e-3, eps, tau, kappa, h, thr, lambda, T, a0, a1, rate, L[3];
  PetscScalar *u;
  PetscInt     xs, xm;
  DM           da;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-ratio", &ratio, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-amp", &amp, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-rate_tol", &rtol, NULL));
  PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
  PetscCall(ChemotaxisSetDimension(ct, 1));
  L[0] = L[1] = L[2] = PETSC_PI;
  PetscCall(ChemotaxisSetDomain(ct, L));
  PetscCall(ChemotaxisSetGridSizes(ct, 64, 2, 2));
  PetscCall(ChemotaxisSetFromOptions(ct));
  PetscCall(ChemotaxisSetUp(ct));
  PetscCall(ChemotaxisGetParameters(ct, &eps, &tau));
  PetscCall(ChemotaxisGetDM(ct, &da));
  PetscCall(DMDAGetInfo(da, NULL, &M, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  h      = PETSC_PI / M;
  kappa  = 4.0 / (h * h) * PetscSqr(PetscSinReal(0.5 * h));
  thr    = (1 + kappa) * (1 + tau * kappa);
  p.nbar = ratio * thr;
  if (eps > 0) {
    /* largest real root of det(lambda I - A) by a downward scan from the Gershgorin bound, then bisection */
    PetscReal A[3][3] = {{-kappa, p.nbar * kappa, 0}, {0, -(1 + kappa) / eps, 1.0 / eps}, {1.0 / eps, 0, -(1 + tau * kappa) / eps}};
    PetscReal R       = 0, hi, lo, step;

    for (PetscInt i = 0; i < 3; i++) R = PetscMax(R, PetscAbsReal(A[i][0]) + PetscAbsReal(A[i][1]) + PetscAbsReal(A[i][2]));
    step = R / 1e5;
    hi   = R;
    while (CharPoly(A, hi - step) > 0 && hi > -R) hi -= step;
    lo = hi - step;
    for (PetscInt it = 0; it < 200; it++) {
      PetscReal mid = 0.5 * (lo + hi);

      if (CharPoly(A, mid) > 0) hi = mid;
      else lo = mid;
    }
    lambda = 0.5 * (lo + hi);
  } else lambda = -kappa + p.nbar * kappa / thr;
  /* eigenvector with N = amp nbar: W = N / (eps lambda + 1 + tau kappa), C = W / (eps lambda + 1 + kappa) */
  p.v[0] = amp * p.nbar;
  p.v[2] = p.v[0] / (eps * lambda + 1 + tau * kappa);
  p.v[1] = p.v[2] / (eps * lambda + 1 + kappa);
  T      = PetscMin(1.0 / PetscAbsReal(lambda), 2.0);
  PetscCall(ChemotaxisGetTS(ct, &ts));
  PetscCall(TSSetMaxTime(ts, T));
  PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
  PetscCall(ChemotaxisSetInitialState(ct, Perturbed, &p, CHEMOTAXIS_INITIAL_ILL, U));
  /* signals on the eigenvector: c = nbar + v_c cos, w = nbar + v_w cos */
  PetscCall(DMDAGetCorners(da, &xs, NULL, NULL, &xm, NULL, NULL));
  PetscCall(VecGetArray(U, &u));
  for (PetscInt i = xs; i < xs + xm; i++) {
    PetscReal cs = PetscCosReal(PETSC_PI * (i + 0.5) / M);

    u[3 * (i - xs) + 1] = p.nbar + p.v[1] * cs;
    u[3 * (i - xs) + 2] = p.nbar + p.v[2] * cs;
  }
  PetscCall(VecRestoreArray(U, &u));
  PetscCall(ModeAmplitude(U, 0, M, p.nbar, &a0));
  PetscCall(ChemotaxisSolve(ct, U));
  PetscCall(TSGetTime(ts, &T));
  PetscCall(ModeAmplitude(U, 0, M, p.nbar, &a1));
  rate = PetscLogReal(a1 / a0) / T;
  PetscCall(PetscPrintf(PETSC_COMM_WORLD, "eps = %g, tau = %g, nbar = %g x threshold: predicted rate %.6e, measured %.6e\n", (double)eps, (double)tau, (double)ratio, (double)lambda, (double)rate));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (rate > 0) == (ratio > 1) && (lambda > 0) == (ratio > 1), "%s as predicted by nbar %s (1+k^2)(1+tau k^2)", ratio > 1 ? "grows" : "decays", ratio > 1 ? ">" : "<"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PetscAbsReal(rate - lambda) <= rtol * PetscAbsReal(lambda), "rate matches the dispersion relation to %g relative", (double)rtol));
  PetscCall(VecDestroy(&U));
  PetscCall(ChemotaxisDestroy(&ct));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
