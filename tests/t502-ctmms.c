static char help[] = "Chemotaxis: spatial order of accuracy against a manufactured solution (A5).\n\n\
  -levels <3>        number of grids (coarsest -coarse cells per direction, doubled each level)\n\
  -coarse <12>       cells per direction of the coarsest grid\n\
  -expect <2>        expected order (2 for the Scharfetter-Gummel flux, 1 for upwind)\n\
  -order_tol <0.2>   allowed deviation of the last observed order from -expect\n\n";

/*
   Manufactured solution on [0, pi]^d (Neumann-compatible, positive), phi = prod_i cos(x_i), a = e^{-t}:
     n = 2 + a phi,  c = 1 + a phi / 2,  w = 1 + a phi / 3,
   with sources f_n = n_t - Lap n + div(n grad c) = -a phi + d a phi + (a^2/2) |grad phi|^2 - n (a/2) d phi,
   f_c = eps c_t - Lap c + c - w, f_w = eps w_t - tau Lap w + w - n. The TS error is made negligible (-ts_rtol 1e-9);
   the L^2 error of n at t = T on grids 12, 24, 48 gives the observed order log2(e_h / e_{h/2}).
*/
#include <tessera.h>
#include "tesseratest.h"

typedef struct {
  PetscReal eps, tau;
} MMSCtx;

static void Exact(PetscInt dim, PetscReal t, const PetscReal x[], PetscReal u[3], PetscReal *phi, PetscReal *g2)
{
  PetscReal p = 1.0, s = 0;

  for (PetscInt i = 0; i < dim; i++) p *= PetscCosReal(x[i]);
  for (PetscInt i = 0; i < dim; i++) {
    PetscReal q = PetscSinReal(x[i]);

    for (PetscInt j = 0; j < dim; j++)
      if (j != i) q *= PetscCosReal(x[j]);
    s += q * q;
  }
  u[0] = 2.0 + PetscExpReal(-t) * p;
  u[1] = 1.0 + 0.5 * PetscExpReal(-t) * p;
  u[2] = 1.0 + PetscExpReal(-t) * p / 3.0;
  *phi = p;
  *g2  = s;
}

static PetscErrorCode Forcing(PetscInt dim, PetscReal t, const PetscReal x[], PetscReal f[], void *ptr)
{
  MMSCtx   *m = (MMSCtx *)ptr;
  PetscReal u[3], phi, g2, a = PetscExpReal(-t);

  PetscFunctionBeginUser;
  Exact(dim, t, x, u, &phi, &g2);
  f[0] = -a * phi + dim * a * phi + 0.5 * a * a * g2 - u[0] * 0.5 * a * dim * phi;
  f[1] = -m->eps * 0.5 * a * phi + 0.5 * dim * a * phi + u[1] - u[2];
  f[2] = -m->eps * a * phi / 3.0 + m->tau * dim * a * phi / 3.0 + u[2] - u[0];
  PetscFunctionReturn(0);
}

static PetscErrorCode FillExact(Chemotaxis ct, PetscReal t, Vec U)
{
  DM           da;
  PetscScalar *u;
  PetscInt     xs, ys, zs, xm, ym, zm, M[3], dim;
  PetscReal    L[3];

  PetscFunctionBeginUser;
  PetscCall(ChemotaxisGetDM(ct, &da));
  PetscCall(ChemotaxisGetDomain(ct, L));
  PetscCall(DMDAGetInfo(da, &dim, &M[0], &M[1], &M[2], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
  PetscCall(DMDAGetCorners(da, &xs, &ys, &zs, &xm, &ym, &zm));
  PetscCall(VecGetArrayWrite(U, &u));
  for (PetscInt k = zs; k < zs + zm; k++)
    for (PetscInt j = ys; j < ys + ym; j++)
      for (PetscInt i = xs; i < xs + xm; i++) {
        PetscInt  o    = 3 * (((k - zs) * ym + (j - ys)) * xm + (i - xs));
        PetscReal x[3] = {(i + 0.5) * L[0] / M[0], (j + 0.5) * L[1] / M[1], (k + 0.5) * L[2] / M[2]}, e[3], phi, g2;

        Exact(dim, t, x, e, &phi, &g2);
        for (PetscInt c = 0; c < 3; c++) u[o + c] = e[c];
      }
  PetscCall(VecRestoreArrayWrite(U, &u));
  PetscFunctionReturn(0);
}

int main(int argc, char **argv)
{
  PetscInt  levels = 3, M0 = 12;
  PetscReal expect = 2.0, otol = 0.2, err[8], order = 0, T = 0.5;
  MMSCtx    mms;

  PetscFunctionBeginUser;
  PetscCall(PetscInitialize(&argc, &argv, NULL, help));
  PetscCall(TesseraInitialize());
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-levels", &levels, NULL));
  PetscCall(PetscOptionsGetInt(NULL, NULL, "-coarse", &M0, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-expect", &expect, NULL));
  PetscCall(PetscOptionsGetReal(NULL, NULL, "-order_tol", &otol, NULL));
  PetscCheck(levels >= 2 && levels <= 8, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "-levels must be in [2, 8]");
  for (PetscInt l = 0; l < levels; l++) {
    Chemotaxis ct;
    TS         ts;
    Vec        U, V;
    PetscInt   M    = M0 << l;
    PetscReal  L[3] = {PETSC_PI, PETSC_PI, PETSC_PI};

    PetscCall(ChemotaxisCreate(PETSC_COMM_WORLD, &ct));
    PetscCall(ChemotaxisSetGridSizes(ct, M, M, M));
    PetscCall(ChemotaxisSetFromOptions(ct));
    PetscCall(ChemotaxisSetDomain(ct, L));
    PetscCall(ChemotaxisSetUp(ct));
    PetscCall(ChemotaxisGetParameters(ct, &mms.eps, &mms.tau));
    PetscCheck(mms.eps > 0, PETSC_COMM_WORLD, PETSC_ERR_ARG_OUTOFRANGE, "The manufactured solution needs eps > 0");
    PetscCall(ChemotaxisSetForcing(ct, Forcing, &mms));
    PetscCall(ChemotaxisGetTS(ct, &ts));
    PetscCall(TSSetMaxTime(ts, T));
    PetscCall(TSSetExactFinalTime(ts, TS_EXACTFINALTIME_MATCHSTEP));
    PetscCall(ChemotaxisCreateGlobalVector(ct, &U));
    PetscCall(VecDuplicate(U, &V));
    PetscCall(FillExact(ct, 0.0, U));
    PetscCall(ChemotaxisSolve(ct, U));
    PetscCall(FillExact(ct, T, V));
    PetscCall(ChemotaxisComputeDifferenceNorms(ct, 0, U, V, &err[l], NULL));
    if (l) order = PetscLog2Real(err[l - 1] / err[l]);
    PetscCall(PetscPrintf(PETSC_COMM_WORLD, "grid %" PetscInt_FMT ": L2 error of n at t = %g: %.4e%s", M, (double)T, (double)err[l], l ? "" : "\n"));
    if (l) PetscCall(PetscPrintf(PETSC_COMM_WORLD, ", observed order %.3f\n", (double)order));
    PetscCall(VecDestroy(&U));
    PetscCall(VecDestroy(&V));
    PetscCall(ChemotaxisDestroy(&ct));
  }
  PetscCall(TesseraTestCheck(PETSC_COMM_WORLD, PetscAbsReal(order - expect) <= otol, "observed spatial order %.3f within %g of %g", (double)order, (double)otol, (double)expect));
  PetscCall(PetscFinalize());
  return TesseraTestReturn();
}
