static char help[] = "Unit checks of the radial spectral elements: exponential mesh, quadrature rules, radial Poisson solver, LDA functional.\n\n";

/*
   Checks (atom spec section 7, items 9 and 10):
   - exponential mesh: r[ne] = rmax exactly, last/first element length ratio = a (1e-12 relative);
   - Gauss-Legendre (n points) integrates x^k exactly for k <= 2n - 1, Gauss-Lobatto for k <= 2n - 3;
   - Poisson: for the hydrogen-like 1s density n = (Z^3/pi) exp(-2 Z r) the finite-element Hartree potential
     matches V_H = 1/r - (1/r + Z) exp(-2 Z r) at the quadrature points;
   - VWN: V_c = e_c - (r_s/3) de_c/dr_s by fourth-order finite differences (1e-10 relative); LDA zero below
     machine epsilon.
*/
#include <tessera.h>
#include "tesseratest.h"

static PetscErrorCode CheckMesh(void)
{
  const PetscReal rmax[] = {50, 30, 1}, a[] = {200, 1000, 1};
  const PetscInt  ne[] = {4, 8, 5};
  PetscReal       r[16], worst = 0;
  PetscBool       exact = PETSC_TRUE;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < 3; k++) {
    PetscReal ratio;

    PetscCall(RadialFEMeshExponential(0, rmax[k], a[k], ne[k], r));
    ratio = (r[ne[k]] - r[ne[k] - 1]) / (r[1] - r[0]);
    if (r[ne[k]] != rmax[k]) exact = PETSC_FALSE;
    worst = PetscMax(worst, PetscAbsReal(ratio - a[k]) / a[k]);
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, exact, "mesh: r[ne] = rmax exactly"));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(worst <= 1e-12), "mesh: last/first element length ratio error %.1e <= 1e-12", (double)worst));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckQuadrature(void)
{
  PetscReal x[40], w[40], worst = 0;

  PetscFunctionBegin;
  for (PetscInt n = 2; n <= 30; n += 7) {
    for (PetscInt lob = 0; lob < 2; lob++) {
      const PetscInt kmax = lob ? 2 * n - 3 : 2 * n - 1;

      if (lob) PetscCall(RadialFEGaussLobatto(n, x, w));
      else PetscCall(RadialFEGaussLegendre(n, x, w));
      for (PetscInt k = 0; k <= kmax; k++) {
        PetscReal s = 0, exact = k % 2 ? 0 : 2.0 / (k + 1);

        for (PetscInt i = 0; i < n; i++) s += w[i] * PetscPowRealInt(x[i], k);
        worst = PetscMax(worst, PetscAbsReal(s - exact));
      }
    }
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(worst <= 1e-13), "quadrature: Gauss-Legendre and Gauss-Lobatto exact to their degree (error %.1e <= 1e-13)", (double)worst));
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckPoisson(void)
{
  const PetscReal  Z[] = {1, 92};
  RadialFE         fe;
  RadialPoisson    ps;
  PetscInt         nqt;
  const PetscReal *r;
  PetscReal       *rho, *V;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < 4; k++) { /* Z = 1, 92 with the order-28 finite elements (k < 2) and the integral form */
    PetscReal err = 0, scale = 0;

    PetscCall(RadialFECreate(6, 14, 29, 50, Z[k % 2] > 1 ? 1000 : 100, &fe));
    PetscCall(RadialPoissonCreate(fe, k < 2 ? 28 : PETSC_DEFAULT, &ps));
    PetscCall(RadialFEGetSizes(fe, NULL, &nqt, NULL, NULL));
    PetscCall(RadialFEGetQuadrature(fe, &r, NULL));
    PetscCall(PetscMalloc2(nqt, &rho, nqt, &V));
    for (PetscInt q = 0; q < nqt; q++) rho[q] = 4 * Z[k % 2] * Z[k % 2] * Z[k % 2] * r[q] * r[q] * PetscExpReal(-2 * Z[k % 2] * r[q]);
    PetscCall(RadialPoissonSolve(ps, rho, 1.0 / 50, V));
    for (PetscInt q = 0; q < nqt; q++) {
      const PetscReal exact = 1 / r[q] - (1 / r[q] + Z[k % 2]) * PetscExpReal(-2 * Z[k % 2] * r[q]);

      err   = PetscMax(err, PetscAbsReal(V[q] - exact));
      scale = PetscMax(scale, PetscAbsReal(exact));
    }
    PetscCall(
        TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(err <= 1e-10 * scale), "Poisson (%s), hydrogen-like 1s density, Z = %g: max |V_H - exact| / max |V_H| = %.1e <= 1e-10", k < 2 ? "order 28" : "integral", (double)Z[k % 2], (double)(err / scale)));
    PetscCall(PetscFree2(rho, V));
    PetscCall(RadialPoissonDestroy(&ps));
    PetscCall(RadialFEDestroy(&fe));
  }
  PetscFunctionReturn(0);
}

static PetscErrorCode CheckLDA(void)
{
  const PetscReal rs[]  = {1e-3, 0.05, 0.7, 3, 25, 400};
  PetscReal       worst = 0, exc, vxc;

  PetscFunctionBegin;
  for (PetscInt k = 0; k < 6; k++) {
    const PetscReal h = 1e-3 * rs[k];
    PetscReal       ec, vc, e[4], v, d;

    PetscCall(AtomVWNCorrelation(rs[k], &ec, &vc));
    PetscCall(AtomVWNCorrelation(rs[k] + 2 * h, &e[0], &v));
    PetscCall(AtomVWNCorrelation(rs[k] + h, &e[1], &v));
    PetscCall(AtomVWNCorrelation(rs[k] - h, &e[2], &v));
    PetscCall(AtomVWNCorrelation(rs[k] - 2 * h, &e[3], &v));
    d     = (-e[0] + 8 * e[1] - 8 * e[2] + e[3]) / (12 * h);
    worst = PetscMax(worst, PetscAbsReal(vc - (ec - rs[k] / 3 * d)) / PetscAbsReal(vc));
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(worst <= 1e-10), "VWN: V_c consistent with e_c - (r_s/3) de_c/dr_s to 1e-10 (%.1e)", (double)worst));
  PetscCall(AtomLDA(1e-20, &exc, &vxc));
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, (PetscBool)(exc == 0 && vxc == 0), "LDA: zero below machine epsilon (e_xc %g, V_xc %g)", (double)exc, (double)vxc));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(CheckMesh());
  PetscCall(CheckQuadrature());
  PetscCall(CheckPoisson());
  PetscCall(CheckLDA());
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
